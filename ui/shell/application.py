"""Creating the QApplication and the main window (shared by the app, the self-test and benchmarks)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.config.settings import Config
from app.demo import seed_demo_if_empty
from app.paths import AppPaths, resources_dir
from app.store.keys import KeySource
from app.workspace import Workspace
from sync.demo import DEMO_PASSWORD
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
) -> MainWindow:
    workspace = Workspace.open(paths, config, keys)
    is_demo = seed_demo_if_empty(workspace) if demo else workspace.is_demo()
    embedded = None
    if demo and not config.text("server.url"):
        # The demo brings its own central server, so login, sync and official numbers are real.
        embedded = EmbeddedServer(paths.data_dir)
        embedded.start_in_background()
    window = MainWindow(
        workspace,
        languages,
        demo=is_demo,
        server_url=embedded.url if embedded else None,
        account=(workspace.seat.seat_id.lower(), DEMO_PASSWORD) if embedded else None,
    )
    window.embedded_server = embedded
    window.show()
    return window


def close_main_window(window: MainWindow) -> None:
    """Close the window and turn the event loop until it has shut down (the self-test, scripts):
    after this the workspace may be closed."""
    loop = QEventLoop()
    window.shutDown.connect(loop.quit)
    window.close()
    if not window.shut_down:
        loop.exec()
