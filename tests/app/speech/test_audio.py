"""WAV decoding and conversion to 16 kHz on real files made by espeak-ng and sox."""

from __future__ import annotations

import os
import subprocess
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from app.speech.audio import AudioError, Converter, PcmFormat, SampleFormat, level, read_wav_blocks, wav_info
from app.speech.recordings import Recording, purge_recordings
from tests.app.speech.conftest import Synth

SPOKEN = "안녕하세요 감사합니다"


def decode(path: Path) -> np.ndarray:
    info = wav_info(path)
    converter = Converter(info.format)
    blocks = [converter.convert(raw) for raw in read_wav_blocks(path, info)]
    return np.concatenate([*blocks, converter.flush()])


@pytest.mark.parametrize(
    ("rate", "channels", "bits", "sample"),
    [
        (16000, 1, 16, SampleFormat.S16),
        (8000, 1, 8, SampleFormat.U8),
        (44100, 2, 24, SampleFormat.S24),
        (48000, 1, 32, SampleFormat.S32),
        (22050, 4, 16, SampleFormat.S16),
    ],
)
def test_any_pcm_wav_becomes_16k_with_the_same_duration(
    synth: Synth, rate: int, channels: int, bits: int, sample: SampleFormat
) -> None:
    reference = decode(synth(SPOKEN, "ko"))
    path = synth(SPOKEN, "ko", rate=rate, channels=channels, bits=bits)
    info = wav_info(path)
    assert info.format == PcmFormat(rate, channels, sample)
    samples = decode(path)
    assert samples.dtype == np.int16
    assert samples.shape[1] == (2 if channels == 2 else 1)  # more than two are mixed to one voice
    assert abs(len(samples) - len(reference)) <= 3  # resampling keeps the timing
    assert abs(level(samples) - level(reference)) < 0.05  # and the loudness


def test_float_wav_is_read(synth: Synth, tmp_path: Path) -> None:
    path = tmp_path / "float.wav"
    subprocess.run(
        ["sox", str(synth(SPOKEN, "ko")), "-e", "floating-point", "-b", "32", str(path)], check=True
    )
    assert wav_info(path).format.sample is SampleFormat.F32
    assert level(decode(path)) > 0.5


@pytest.mark.parametrize("rate", [44100, 48000, 8000])
def test_blocks_join_without_a_seam(synth: Synth, rate: int) -> None:
    """Block sizes never change the audio: no sample repeated or lost where blocks meet."""
    path = synth(SPOKEN, "ko", rate=rate)
    info = wav_info(path)
    raw = b"".join(read_wav_blocks(path, info))
    at_once = Converter(info.format)
    whole = np.concatenate([at_once.convert(raw), at_once.flush()])
    pieces = Converter(info.format)
    odd = [raw[i : i + 1001] for i in range(0, len(raw), 1001)]  # blocks that split frames
    joined = np.concatenate([*(pieces.convert(piece) for piece in odd), pieces.flush()])
    # The same samples, in the same number: nothing repeated or lost at the seams.
    frames = info.data_bytes // info.format.frame_bytes
    assert len(whole) == len(joined) and abs(len(whole) - frames * 16000 / rate) <= 2
    assert np.abs(whole.astype(int) - joined.astype(int)).max() <= 1


def test_a_truncated_wav_is_read_up_to_where_it_ends(synth: Synth, tmp_path: Path) -> None:
    whole = synth(SPOKEN, "ko").read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole[: len(whole) // 2 + 1])
    info = wav_info(cut)
    assert info.truncated
    assert 0.4 < info.data_bytes / (len(whole) - 44) < 0.6


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a WAV file"),
        (b"ID3\x03\x00 an mp3 renamed to wav" * 10, "not a WAV file"),
        (b"RIFF\x24\x00\x00\x00WAVEdata\x00\x00\x00\x00", "no format chunk before its data"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x55\x00\x01\x00", "format chunk is damaged"),
        (b"RIFF\x24\x00\x00\x00WAVE", "it holds no audio data"),
    ],
)
def test_a_broken_file_gives_a_clear_audio_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError, match=message):
        wav_info(path)


def test_a_compressed_wav_is_refused_with_what_to_do(tmp_path: Path, synth: Synth) -> None:
    path = tmp_path / "alaw.wav"
    subprocess.run(["sox", str(synth(SPOKEN, "ko")), "-e", "a-law", str(path)], check=True)
    with pytest.raises(AudioError, match="convert it to PCM WAV"):
        wav_info(path)


def test_a_missing_file_is_an_audio_error(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="cannot be read"):
        wav_info(tmp_path / "none.wav")


def test_silence_has_level_zero_and_speech_a_high_one(synth: Synth) -> None:
    assert level(np.zeros((1600, 1), np.int16)) == 0.0
    assert level(np.zeros((0, 1), np.int16)) == 0.0
    assert level(decode(synth(SPOKEN, "ko"))) > 0.5


def test_a_recording_is_a_16k_wav_and_old_ones_are_purged(tmp_path: Path) -> None:
    folder = tmp_path / "recordings"
    recording = Recording(folder / "call.wav", 2)
    recording.write(np.ones((16000, 2), np.int16))
    recording.close()
    with wave.open(str(folder / "call.wav")) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getnframes()) == (16000, 2, 16000)
    old = folder / "old.wav"
    old.write_bytes(b"")
    os.utime(old, (time.time() - 8 * 86400,) * 2)
    assert purge_recordings(folder, 7) == [old]
    assert (folder / "call.wav").exists()


def test_a_recording_is_written_on_its_own_thread_not_the_callers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers: set[int] = set()
    original = wave.Wave_write.writeframes

    def noted(self: wave.Wave_write, data: bytes) -> None:
        writers.add(threading.get_ident())
        original(self, data)

    monkeypatch.setattr(wave.Wave_write, "writeframes", noted)
    recording = Recording(tmp_path / "call.wav", 1)
    for _ in range(10):
        recording.write(np.ones((1600, 1), np.int16))
    recording.close()
    assert writers and threading.get_ident() not in writers
    with wave.open(str(tmp_path / "call.wav")) as wav:
        assert wav.getnframes() == 16000  # every queued block is in the file after close
