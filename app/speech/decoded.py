"""Audio files in the formats phone systems write (录音格式), opened as PCM blocks for the recognizer.

Asterisk, FreeSWITCH, Avaya and the 华为/中兴 PBXs write G.711 μ-law/A-law WAV, GSM 6.10 WAV (Asterisk's
WAV49), MP3, now and then OGG (Vorbis or Opus) or FLAC, and a few AMR. Who reads what:
1. PCM WAV: app.speech.audio, block by block (it also reads a WAV whose header the recorder never
   finished, which libsndfile refuses);
2. everything libsndfile reads: soundfile, a required dependency whose wheels bundle libsndfile 1.2
   with its MP3 (mpg123), OGG Vorbis/Opus and FLAC codecs, and decode G.711, GSM 6.10 and IMA/MS ADPCM
   inside WAV (1.3 MB wheel, 3.6 MB installed);
3. what libsndfile cannot (AMR): PyAV, optional (`pip install hotline-seat[amr]`),
   since its bundled FFmpeg is a 36 MB wheel and 100 MB installed for the few centres that record AMR.
An AMR file, when PyAV is missing, fails with `audio.needs_decoder`: the watch folder tries it
again at the next start, so installing PyAV is all an administrator has to do. A file that no
decoder recognizes fails with `audio.unknown_format`.

Every decoder gives signed 16-bit PCM at the file's own rate; app.speech.audio.Converter takes it to
the recognizer's 16 kHz from there, as it does for live audio. The decoders load on first use: the
window never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from app.speech.audio import AudioError, PcmFormat, SampleFormat, read_wav_blocks, wav_info
from app.speech.recorded import NEEDS_DECODER


@dataclass(frozen=True)
class AudioFile:
    """An opened recording: its PCM format, length, and its data in blocks (read lazily)."""

    format: PcmFormat
    seconds: float  # as the container says; an MP3 without a header of its length is estimated
    truncated: bool  # a WAV cut short: what it holds is read
    decoder: str  # "wav", "libsndfile" or "ffmpeg", for the log
    _blocks: Callable[[float], Iterator[bytes]]

    def blocks(self, seconds: float = 0.2) -> Iterator[bytes]:
        """Raw little-endian blocks of about `seconds` in `format`."""
        return self._blocks(seconds)


def open_audio(path: Path) -> AudioFile:
    """The recording at `path` opened by the first decoder that reads it (see above); AudioError with
    the reason when none does. Only the header is read here."""
    try:
        info = wav_info(path)
    except AudioError as exc:
        if exc.problem.code not in ("audio.not_wav", "audio.unsupported"):
            raise  # a WAV whose header is broken: libsndfile would only say less about it
    else:
        return AudioFile(
            info.format, info.seconds, info.truncated, "wav", lambda s: read_wav_blocks(path, info, s)
        )
    if (opened := _by_libsndfile(path)) is not None:
        return opened
    return _by_ffmpeg(path)


def _by_libsndfile(path: Path) -> AudioFile | None:
    """None when libsndfile does not know the format (or is missing: a platform without its wheel)."""
    try:
        import soundfile
    except (ImportError, OSError):  # soundfile raises OSError when it finds no libsndfile
        return None
    try:
        info = soundfile.info(str(path))
    except soundfile.LibsndfileError:
        return None
    except RuntimeError as exc:  # an older soundfile's error type; the same meaning
        if "ormat not recognised" in str(exc):
            return None
        raise AudioError("audio.cannot_decode", file=path.name, error=str(exc)) from exc
    if info.frames <= 0 or info.samplerate <= 0:
        return None  # libsndfile took it for a format it reads but found nothing: let FFmpeg try

    def blocks(seconds: float) -> Iterator[bytes]:
        frames = max(1, int(info.samplerate * seconds))
        try:
            with soundfile.SoundFile(str(path)) as audio:
                while len(block := audio.read(frames, dtype="int16", always_2d=True)):
                    yield block.tobytes()
        except (soundfile.LibsndfileError, RuntimeError) as exc:
            raise AudioError("audio.cannot_decode", file=path.name, error=str(exc)) from exc

    pcm = PcmFormat(info.samplerate, info.channels, SampleFormat.S16)
    return AudioFile(pcm, info.frames / info.samplerate, False, "libsndfile", blocks)


def _by_ffmpeg(path: Path) -> AudioFile:
    try:
        import av
    except ImportError:
        if (named := _named_format(path)) in ("AMR", "AMR-WB"):
            raise AudioError(NEEDS_DECODER, file=path.name, format=named) from None
        raise AudioError("audio.unknown_format", file=path.name) from None
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise AudioError("audio.unknown_format", file=path.name)
            stream = container.streams.audio[0]
            rate, channels = stream.rate, min(stream.channels, 2)
            duration = 0.0
            if stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            elif container.duration:
                duration = container.duration / av.time_base
    except av.InvalidDataError:
        raise AudioError("audio.unknown_format", file=path.name) from None
    except av.FFmpegError as exc:
        raise AudioError("audio.cannot_decode", file=path.name, error=str(exc)) from exc

    def blocks(seconds: float) -> Iterator[bytes]:
        # Packed s16 at the file's own rate and channels: the Converter resamples like any source.
        layout = "stereo" if channels == 2 else "mono"
        resampler = av.AudioResampler(format="s16", layout=layout, rate=rate)
        size = max(1, int(rate * seconds)) * channels * 2
        pending = b""
        try:
            with av.open(str(path)) as container:
                stream = container.streams.audio[0]
                decoder = _decoder(av, stream.codec_context.name) or stream.codec_context
                for packet in container.demux(stream):  # the last, empty packet flushes the decoder
                    for frame in decoder.decode(packet):
                        for out in resampler.resample(frame):
                            pending += bytes(out.planes[0])[: out.samples * channels * 2]
                    while len(pending) >= size:
                        yield pending[:size]
                        pending = pending[size:]
                for out in resampler.resample(None):
                    pending += bytes(out.planes[0])[: out.samples * channels * 2]
        except av.FFmpegError as exc:
            raise AudioError("audio.cannot_decode", file=path.name, error=str(exc)) from exc
        if pending:
            yield pending

    return AudioFile(PcmFormat(rate, channels, SampleFormat.S16), duration, False, "ffmpeg", blocks)


# FFmpeg's own AMR decoders refuse the comfort-noise frames (DTX) that AMR encoders write into
# silences by default ("not yet implemented"); the OpenCORE ones PyAV bundles decode them.
_OPENCORE = {"amrnb": "libopencore_amrnb", "amrwb": "libopencore_amrwb"}


def _decoder(av: ModuleType, codec: str) -> Any:
    name = _OPENCORE.get(codec)
    return av.CodecContext.create(name, "r") if name and name in av.codecs_available else None


def _named_format(path: Path) -> str:
    """What the file is, for the operator's message: by its magic number, else by its name."""
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError:
        head = b""
    if head.startswith(b"#!AMR-WB") or path.suffix.lower() == ".awb":
        return "AMR-WB"
    if head.startswith(b"#!AMR") or path.suffix.lower() == ".amr":
        return "AMR"
    return ""
