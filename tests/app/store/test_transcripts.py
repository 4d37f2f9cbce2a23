"""Transcripts saved with the draft/ticket as segments arrive, and still there after a reopen."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.speech.call import TranscriptKeeper
from app.speech.stream import Segment, Speaker, TranscriptStream, Word
from app.store.db import Store, open_store
from app.store.transcripts import TranscriptStore


def seg(text: str, start: float, *, final: bool = True, call_id: str = "call-1") -> Segment:
    words = (Word(text, start, start + 1.0, 0.42),)
    return Segment(call_id, Speaker.OPERATOR, text, start, start + 1.0, words, final)


def test_final_segments_are_kept_in_order_with_their_words(store: Store) -> None:
    transcripts = TranscriptStore(store)
    transcripts.add("ticket-1", seg("您好，这里是12345。", 0.0))
    transcripts.add("ticket-1", seg("请讲。", 2.0))
    transcripts.add("ticket-2", seg("别的工单", 0.0))
    kept = transcripts.for_ticket("ticket-1")
    assert [s.text for s in kept] == ["您好，这里是12345。", "请讲。"]
    assert kept[0] == seg("您好，这里是12345。", 0.0)
    assert transcripts.for_ticket("nothing") == []


def test_a_partial_is_never_saved(store: Store) -> None:
    with pytest.raises(ValueError, match="final"):
        TranscriptStore(store).add("ticket-1", seg("嗯", 0.0, final=False))


def test_the_keeper_saves_finals_of_its_call_only(store: Store) -> None:
    stream, transcripts = TranscriptStream(), TranscriptStore(store)
    keeper = TranscriptKeeper(stream, transcripts, ticket_id="ticket-1", call_id="call-1")
    stream.publish(seg("电梯", 0.0, final=False))
    stream.publish(seg("电梯坏了。", 0.0))
    stream.publish(seg("别的通话", 0.0, call_id="call-2"))
    keeper.detach()
    stream.publish(seg("挂断以后", 5.0))
    assert [s.text for s in transcripts.for_ticket("ticket-1")] == ["电梯坏了。"]
    assert keeper.saved == 1


def test_segments_survive_a_process_killed_mid_call(tmp_path: Path) -> None:
    """A child process saves segments, then dies by SIGKILL with the call still open."""
    path = tmp_path / "seat.sqlite3"
    child = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from app.speech.call import TranscriptKeeper
        from app.speech.stream import Segment, Speaker, TranscriptStream, Word
        from app.store.db import open_store
        from app.store.transcripts import TranscriptStore
        from tests.store_keys import use_test_keys
        use_test_keys()
        stream = TranscriptStream()
        TranscriptKeeper(stream, TranscriptStore(open_store(Path({str(path)!r}))), ticket_id="t", call_id="c")
        for n in range(3):
            stream.publish(Segment("c", Speaker.CALLER, f"第{{n}}句。", n, n + 1, (), True))
        stream.publish(Segment("c", Speaker.CALLER, "还没说完", 3, 4, (), False))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    done = subprocess.run([sys.executable, "-c", child], cwd=Path(__file__).parents[3])
    assert done.returncode == -9
    reopened = open_store(path)
    try:
        assert [s.text for s in TranscriptStore(reopened).for_ticket("t")] == [
            "第0句。",
            "第1句。",
            "第2句。",
        ]
    finally:
        reopened.close()
