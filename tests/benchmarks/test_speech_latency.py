"""How the speech latency benchmark reads the call panel's paints: what counts as "its text shown"."""

from __future__ import annotations

from benchmarks._call_screen import Paint
from benchmarks.speech_latency import showing, stays_from

EARLIER = "[00:00] 来电人：여보세요"


def paints(*texts: str) -> list[Paint]:
    return [Paint(float(at), text) for at, text in enumerate(texts)]


def test_words_said_before_do_not_count_as_this_phrase_shown() -> None:
    seen = paints(EARLIER, EARLIER + "\n[00:05] 来电人：지하철 …", EARLIER + "\n[00:05] 来电人：여보세요 …")
    assert showing(seen, "여보세요", since=1.0) == [2.0]


def test_a_guess_that_goes_away_counts_from_when_it_comes_back_for_good() -> None:
    seen = paints("", "병원 …", "지하철 …", "병원 …", "병원")
    shown = showing(seen, "병원", since=0.0)
    assert shown == [1.0, 3.0, 4.0]
    assert stays_from(seen, shown) == 3.0


def test_text_shown_once_and_kept_stays_from_its_first_paint() -> None:
    seen = paints("", "지하철 병원 …", "지하철 병원")
    assert stays_from(seen, showing(seen, "지하철병원", since=0.0)) == 1.0
