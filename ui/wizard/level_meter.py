"""The microphone check of the first-run wizard: a live level meter on the chosen input device."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QProgressBar, QWidget

from app.speech.audio import Samples, level

if TYPE_CHECKING:
    from ui.call.audio_capture import LiveCapture


class LevelMeter(QProgressBar):
    """Shows how loud the chosen device hears the operator (0..100), while `listen` runs.

    The capture is Qt Multimedia's QAudioSource (ui.call.audio_capture), imported only here: a seat
    without the system's audio libraries still opens the wizard and says why there is no meter.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelMeter")
        self.setRange(0, 100)
        self.setTextVisible(False)
        self._capture: LiveCapture | None = None
        self.error = ""  # why the device could not be opened, "" while it is fine

    @property
    def listening(self) -> bool:
        return self._capture is not None

    def listen(self, device_id: str) -> bool:
        """Start showing the level of `device_id` ("" the system default); False and `error` when it
        is not there."""
        from ui.call.audio_capture import LiveCapture, find_device

        self.stop()
        device = find_device(device_id)
        if device is None:
            self.error = self.tr("找不到该录音设备") if device_id else self.tr("本机没有可用的录音设备")
            return False
        capture = LiveCapture(device, self._heard, self)
        capture.failed.connect(self._failed)
        self.error = ""
        self._capture = capture
        capture.start()
        return self._capture is not None

    def stop(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.stop()
            capture.deleteLater()
        self.setValue(0)

    def _heard(self, samples: Samples) -> None:
        if self._capture is not None and len(samples):
            self.setValue(round(100 * level(samples)))

    def _failed(self, why: str) -> None:
        self.error = why
        self.stop()
