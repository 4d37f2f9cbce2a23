"""The transcript stream other parts subscribe to: order, partials, recent text, threads."""

from __future__ import annotations

import threading

from app.speech.stream import Segment, Speaker, TranscriptStream, Word


def seg(
    text: str, start: float, end: float, *, final: bool = True, speaker: Speaker = Speaker.CALLER
) -> Segment:
    return Segment("call-1", speaker, text, start, end, (Word(text, start, end, 1.0),), final)


def test_speakers_carry_their_chinese_labels() -> None:
    assert Speaker.CALLER.label == "来电人"
    assert Speaker.OPERATOR.label == "话务员"
    assert Speaker("operator") is Speaker.OPERATOR


def test_subscribers_get_every_segment_until_they_unsubscribe() -> None:
    stream = TranscriptStream()
    got: list[str] = []
    unsubscribe = stream.subscribe(lambda s: got.append(s.text))
    stream.publish(seg("一", 0, 1))
    unsubscribe()
    unsubscribe()  # twice is harmless
    stream.publish(seg("二", 1, 2))
    assert got == ["一"]


def test_a_failing_subscriber_does_not_stop_the_others() -> None:
    stream = TranscriptStream()
    got: list[str] = []

    def broken(_segment: Segment) -> None:
        raise RuntimeError("boom")

    stream.subscribe(broken)
    stream.subscribe(lambda s: got.append(s.text))
    stream.publish(seg("电梯坏了", 0, 1))
    assert got == ["电梯坏了"]


def test_recent_text_is_the_last_seconds_of_finals_and_the_current_partial() -> None:
    stream = TranscriptStream()
    stream.publish(seg("早上好。", 0, 2))
    stream.publish(seg("我家停电了。", 70, 72))
    stream.publish(seg("已经两个小时", 73, 75, final=False))
    assert stream.recent_text(60) == "我家停电了。 已经两个小时"
    assert stream.recent_text(1000) == "早上好。 我家停电了。 已经两个小时"
    assert stream.recent_text(60, partials=False) == "我家停电了。"  # settled text only: auto-fill
    stream.publish(seg("已经两个小时了。", 73, 76))  # the final replaces the partial
    assert stream.recent_text(60) == "我家停电了。 已经两个小时了。"


def test_an_empty_partial_clears_the_shown_one() -> None:
    stream = TranscriptStream()
    stream.publish(seg("嗯", 0, 1, final=False))
    stream.publish(seg("", 1, 1, final=False))
    assert stream.recent_text() == ""


def test_publishing_from_many_threads_loses_nothing() -> None:
    stream = TranscriptStream()
    got: list[Segment] = []
    lock = threading.Lock()

    def keep(segment: Segment) -> None:
        with lock:
            got.append(segment)

    stream.subscribe(keep)
    threads = [
        threading.Thread(target=lambda n=n: [stream.publish(seg(f"{n}-{i}", i, i + 1)) for i in range(200)])
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 800
    assert len(stream.finals()) == 800
