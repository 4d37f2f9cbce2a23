"""Creating the QApplication and the main window (shared by the app, the self-test and benchmarks)."""

from __future__ import annotations

# First, before any module whose source PySide6's import hook would otherwise keep (ui/pyside.py).
import ui.pyside  # noqa: F401

# isort: split
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.config.settings import Config
from app.paths import AppPaths, resources_dir
from app.store.changes import Changes
from app.store.keys import KeySource
from app.store.meta import ticket_count
from app.workspace import Workspace
from sync.demo import DEMO_PASSWORD
from ui.ops import write_op
from ui.shell.embedded_server import EmbeddedServer
from ui.shell.font import apply_font_scale
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main_window import MainWindow


def create_application(config: Config, language: str) -> tuple[QApplication, LanguageSwitcher]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setApplicationName("hotline-seat")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "hotline-seat.svg")))
    apply_font_scale(app, config.number("ui.font_scale"))
    languages = LanguageSwitcher(app)
    languages.switch(language)
    return app, languages


def open_main_window(
    paths: AppPaths,
    config: Config,
    languages: LanguageSwitcher,
    *,
    demo: bool,
    keys: KeySource | None = None,
    welcome: bool = False,
) -> MainWindow:
    """`welcome`: open the first-run wizard over the window once it is up (see `first_start`)."""
    workspace = Workspace.open(paths, config, keys)
    is_demo = (demo and ticket_count(workspace.store) == 0) or workspace.is_demo()
    # Seeds an empty store, or dates an earlier day's demo tickets again for today (app.demo).
    seed = demo and is_demo
    embedded = None
    if demo and not config.text("server.url"):
        # The demo brings its own central server, so login, sync and official numbers are real.
        embedded = EmbeddedServer(paths.data_dir)
    window = MainWindow(
        workspace,
        languages,
        demo=is_demo,
        server_url=embedded.url if embedded else None,
        account=(workspace.seat.seat_id.lower(), DEMO_PASSWORD) if embedded else None,
    )
    window.embedded_server = embedded
    window.show()
    # After the window is up: the server's two processes would take the cores it paints with, and
    # the demo tickets (seconds to plan) reach the queue through the bus when they are in.
    if embedded is not None:
        QTimer.singleShot(0, window, embedded.start_in_background)
    if seed:
        QTimer.singleShot(0, window, write_op(window, window.bus, lambda: _seed_demo(workspace)).run)
    if welcome:
        QTimer.singleShot(0, window, window.open_wizard)
    return window


def first_start(paths: AppPaths, *, demo: bool) -> bool:
    """Whether this start gets the first-run wizard: no config file yet (the wizard, finished or
    skipped, writes one). The demo (`make run`) never does: it brings its own server and account."""
    return not demo and not paths.config_file.exists()


def close_main_window(window: MainWindow) -> None:
    """Close the window and turn the event loop until it has shut down (the self-test, scripts):
    after this the workspace may be closed."""
    loop = QEventLoop()
    window.shutDown.connect(loop.quit)
    window.close()
    if not window.shut_down:
        loop.exec()


def _seed_demo(workspace: Workspace) -> tuple[bool, Changes]:
    from app.demo import seed_demo_if_empty  # the demo's generator is needed once, on this worker

    return seed_demo_if_empty(workspace), Changes(queue=True)
