"""The Qt layer. Its first import adjusts PySide6's import hook (see ui/pyside.py)."""

from ui.pyside import keep_no_sources

keep_no_sources()
