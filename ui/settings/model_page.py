"""The 语音模型 page of the settings dialog: install (with progress), choose and remove Vosk models."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.problem import fill
from app.speech.models import InstalledModel, ModelManager
from ui import palette
from ui.labels import error_text
from ui.ops import BackgroundOp
from ui.plain import plain


class _Progress(QObject):
    moved = Signal(str, int, int)  # emitted by the installing thread, delivered on the GUI thread


class ModelPage(QWidget):
    changed = Signal()  # installed, chosen or removed: the call panel reloads its model

    def __init__(self, models: ModelManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._models = models
        self.installing = False
        self.list = QListWidget(objectName="modelList")
        self.zip_button = QPushButton(self.tr("从压缩包安装…"), objectName="installZip")
        self.folder_button = QPushButton(self.tr("从文件夹安装…"), objectName="installFolder")
        self.use_button = QPushButton(self.tr("使用此模型"), objectName="useModel")
        self.remove_button = QPushButton(self.tr("删除"), objectName="removeModel")
        self.progress = QProgressBar(objectName="installProgress", visible=False, maximum=1000)
        self.message = plain(QLabel(objectName="modelMessage", wordWrap=True))
        hint = QLabel(
            self.tr(
                "中文默认模型：vosk-model-small-cn-0.22.zip（约 42 MB，安装时核对 SHA-256）。"
                "模型只在本机使用，语音不会离开本机。"
            ),
            wordWrap=True,
        )
        self._relay = _Progress(self)
        self._relay.moved.connect(self._moved)
        self.zip_button.clicked.connect(self._choose_zip)
        self.folder_button.clicked.connect(self._choose_folder)
        self.use_button.clicked.connect(self._use)
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        for button in (self.zip_button, self.folder_button, self.use_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        active = self._models.active()
        for model in self._models.installed():
            mark = self.tr("（使用中）") if active is not None and model.name == active.name else ""
            item = QListWidgetItem(f"{model.name}  {model.size / 1e6:.0f} MB {mark}")
            item.setData(32, model.name)  # Qt.UserRole
            self.list.addItem(item)
        if not self.list.count():
            self.message.setText(self.tr("尚未安装语音模型：通话转写不可用。"))

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(32))

    def _choose_zip(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择模型压缩包"), "", self.tr("模型压缩包 (*.zip)")
        )
        if path:
            self.install(Path(path))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("选择模型文件夹"))
        if path:
            self.install(Path(path))

    def install(self, source: Path) -> None:
        """Install in the background; the bar shows checking and unpacking, errors stay readable."""
        if self.installing:
            return
        self.installing = True
        self._busy(True)
        self.message.setStyleSheet("")
        self.message.setText(fill(self.tr("正在安装 %1…"), source.name))
        models, relay = self._models, self._relay
        BackgroundOp(self, lambda: models.install(source, progress=relay.moved.emit)).success(
            self._installed
        ).failure(self._failed).run()

    def _moved(self, stage: str, done: int, total: int) -> None:
        self.progress.setValue(1000 * done // max(total, 1))
        self.progress.setFormat(self.tr("核对文件") if stage == "check" else self.tr("解压/复制"))

    def _installed(self, model: InstalledModel) -> None:
        self._finish()
        self.message.setText(fill(self.tr("已安装 %1"), model.name))
        self.changed.emit()

    def _failed(self, error: Exception) -> None:
        self._finish()
        self.message.setStyleSheet(f"color: {palette.ERROR};")
        self.message.setText(error_text(error))

    def _finish(self) -> None:
        self.installing = False
        self._busy(False)
        self.refresh()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        for button in (self.zip_button, self.folder_button, self.use_button, self.remove_button):
            button.setEnabled(not busy)

    def _use(self) -> None:
        if (name := self._selected()) is not None:
            self._models.use(name)
            self.refresh()
            self.changed.emit()

    def _remove(self) -> None:
        name = self._selected()
        if name is None:
            return
        answer = QMessageBox.question(self, self.tr("删除模型"), fill(self.tr("删除模型 %1？"), name))
        if answer == QMessageBox.StandardButton.Yes:  # hundreds of MB: deleted off the GUI thread
            models = self._models
            BackgroundOp(self, lambda: models.remove(name)).success(lambda _none: self._removed()).failure(
                self._failed
            ).run()

    def _removed(self) -> None:
        self.refresh()
        self.changed.emit()
