"""Live capture from an input device (QAudioSource), converted to 16 kHz for app.speech.

Runs on the GUI thread but only copies bytes: conversion is a few numpy operations per 100 ms block
and recognition happens on the Transcription's own threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSource, QMediaDevices, QtAudio

from app.speech.audio import RATE, Converter, PcmFormat, SampleFormat, Samples

log = logging.getLogger(__name__)

SAMPLE_FORMATS = {
    QAudioFormat.SampleFormat.UInt8: SampleFormat.U8,
    QAudioFormat.SampleFormat.Int16: SampleFormat.S16,
    QAudioFormat.SampleFormat.Int32: SampleFormat.S32,
    QAudioFormat.SampleFormat.Float: SampleFormat.F32,
}


def device_id(device: QAudioDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", "replace")


def input_devices() -> list[tuple[str, str]]:
    """(id, description) of every input device Qt sees, the system default first."""
    default = device_id(QMediaDevices.defaultAudioInput())
    devices = [(device_id(d), d.description()) for d in QMediaDevices.audioInputs()]
    return sorted(devices, key=lambda d: d[0] != default)


def find_device(wanted: str) -> QAudioDevice | None:
    """The device with id `wanted`, or the default one for ""; None if it is not (or no longer) there."""
    if not wanted:
        default = QMediaDevices.defaultAudioInput()
        return None if default.isNull() else default
    return next((d for d in QMediaDevices.audioInputs() if device_id(d) == wanted), None)


class LiveCapture(QObject):
    """Reads the device while started and hands 16 kHz frames to `deliver`."""

    failed = Signal(str)

    def __init__(self, device: QAudioDevice, deliver: Callable[[Samples], None], parent: QObject) -> None:
        super().__init__(parent)
        self._deliver = deliver
        wanted = QAudioFormat()
        wanted.setSampleRate(RATE)
        wanted.setChannelCount(1)
        wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        # The recognizer's own format when the device offers it; otherwise whatever it prefers,
        # converted here (many USB headsets only do 48 kHz).
        chosen = wanted if device.isFormatSupported(wanted) else device.preferredFormat()
        sample = SAMPLE_FORMATS.get(chosen.sampleFormat(), SampleFormat.S16)
        self.format = PcmFormat(chosen.sampleRate(), max(1, chosen.channelCount()), sample)
        self._converter = Converter(self.format)
        self._source = QAudioSource(device, chosen, self)
        self._source.setBufferSize(self.format.rate * self.format.frame_bytes)  # 1 s: no overruns
        # Polled, not stateChanged: PySide 6.11 cannot convert QAudio::State for any Python slot.
        self._watch = QTimer(self, interval=500)
        self._watch.timeout.connect(self._check)
        self._io: QIODevice | None = None

    @property
    def channels(self) -> int:
        return self._converter.channels

    def start(self) -> None:
        self._io = self._source.start()
        if self._io is None:
            self.failed.emit(self.tr("无法打开录音设备"))
            return
        self._io.readyRead.connect(self._read)
        self._watch.start()

    def stop(self) -> None:
        if self._io is not None:
            self._read()  # what is buffered belongs to the call too
            self._deliver(self._converter.flush())
        self._watch.stop()
        self._source.stop()
        self._io = None

    def _read(self) -> None:
        if self._io is None:
            return
        raw = bytes(self._io.readAll().data())
        if raw:
            self._deliver(self._converter.convert(raw))

    def _check(self) -> None:
        if self._source.error() != QtAudio.Error.NoError:
            self._watch.stop()
            log.warning("audio input stopped: %s", self._source.error())
            self.failed.emit(self.tr("录音设备出错或已断开"))
