"""Interface language: zh_CN is the source language; English comes from resources/translations."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication

from app.paths import resources_dir

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}  # each in its own language, never translated


def is_english() -> bool:
    """Whether data with an English name (categories, departments) should show it now."""
    return QLocale().language() == QLocale.Language.English


class Retranslating:
    """Mixin for widgets: `retranslate()` runs whenever the interface language changes.

    List it before the Qt base class: `class IntakeForm(Retranslating, QWidget)`.
    """

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


class LanguageSwitcher:
    """Installs the translators for one language at a time; widgets retranslate on LanguageChange."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "zh_CN"

    def switch(self, language: str) -> bool:
        """Switch to `language`; False (and Chinese) when its translation file is missing.

        Widgets retranslate when the event loop delivers the LanguageChange events Qt posts.
        """
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        ok = True
        if language == "en":
            ok = self._install(str(resources_dir() / "translations"), "hotline_en")
        # Qt's own texts (standard buttons, context menus) come from Qt's catalogue.
        self._install(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{language}")
        self.language = language if ok else "zh_CN"
        # Qt puts it in every window's title bar: in the interface language, like the rest.
        QGuiApplication.setApplicationDisplayName(QCoreApplication.translate("Application", "热线坐席端"))
        QLocale.setDefault(
            QLocale(QLocale.Language.English if self.language == "en" else QLocale.Language.Chinese)
        )
        return ok

    def _install(self, folder: str, name: str) -> bool:
        translator = QTranslator(self._app)
        if not translator.load(name, folder):
            log.warning("translation %s not found in %s", name, folder)
            return False
        self._app.installTranslator(translator)
        self._installed.append(translator)
        return True
