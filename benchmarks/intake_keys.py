"""Keys and clicks from hang-up to an accepted, correct ticket: with the call's suggestions, and in the
plain form (every field typed). JSON.

Each development call (tests/data/intake/calls.jsonl, spread evenly over the file) is played into
the real main window, offscreen, as settled phrases of the transcript (one per pause, as Vosk gives
them, through the seat's post-processing: 幺三八 → 138). Then, as an operator would after hang-up:

- with suggestions: F11 takes them all; every field the call's labels say differently is put right
  (the category by Ctrl+3/Ctrl+4 when it is the second or third suggestion, else through the
  category box); Ctrl+Enter accepts.
- plain form: the transcript is not fed at all; every labelled field is typed (the kind chosen,
  the category found, name, phone, district and the same 诉求内容 the suggestions would give);
  Ctrl+Enter accepts.

A call is counted only when 受理 took it and the ticket has the call's kind, category, phone, name
and district (what the call does not label is not checked). What is counted as one action:
a key press (Ctrl+Enter, F11, a letter or digit), a mouse click (into a field, onto a list entry).
Chinese is typed through a pinyin input method: one key per pinyin letter plus one to commit each
phrase (an operator's typing, not the IME's word prediction, which would only make it cheaper).
The category box is counted as the picker is used: the pinyin initials of the category's name,
letter by letter until it is in the list, Down to it and Enter.

The keys are sent with QtTest where the seat's own handling is what is measured (F11, Ctrl+digit,
Ctrl+Enter, clicks into fields, digits, IME commits); the kind list and the category list are set
to the entry the counted keys reach (their key handling has its own tests).

Target (issue 18): a median of at most 5 actions with suggestions.

    python -m benchmarks.intake_keys [--calls FILE] [--count 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from app.config.settings import Config
from app.domain.kinds import Kind
from app.domain.taxonomy import TicketField
from app.domain.ticket import Ticket
from app.intake.category_finder import CategoryFinder
from app.intake.extract import extract
from app.intake.guide import missing
from app.intake.places import jurisdiction
from app.intake.validation import problems_for_accept
from app.paths import AppPaths
from app.speech.chinese import polish_partial
from app.speech.stream import Segment, Speaker
from benchmarks._keys import BenchmarkKeys
from benchmarks._qt import settle
from ui.ops import TRACKER

CALLS = Path(__file__).resolve().parents[1] / "tests" / "data" / "intake" / "calls.jsonl"
TARGET_MEDIAN = 5


@dataclass(frozen=True)
class Call:
    id: str
    city: str
    text: str
    kind: str
    category: str
    phone: str
    name: str
    district: str
    emergency: tuple[str, ...]


def load(path: Path, count: int) -> list[Call]:
    """`count` calls spread evenly over the file (it is grouped by topic as it was written)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(rows) // count)
    chosen = rows[::step][:count]
    return [
        Call(
            r["id"], r["city"], r["text"], r["kind"], r["category"], r.get("phone", ""), r.get("name", ""),
            r.get("district", ""), tuple(r.get("emergency", ())),
        )
        for r in chosen
    ]  # fmt: skip


@dataclass
class Tally:
    actions: int = 0
    fixes: list[str] = field(default_factory=list)  # what had to be put right, and its cost

    def add(self, what: str, cost: int) -> None:
        self.actions += cost
        self.fixes.append(f"{what}:{cost}")


def pinyin_keys(text: str) -> int:
    """Keys to type `text` with a pinyin input method: each letter, one commit per phrase, each
    ASCII character (digits, letters) and punctuation mark as one key."""
    from pypinyin import lazy_pinyin

    keys, phrase = 0, False
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff":
            keys += len(lazy_pinyin(ch)[0])
            phrase = True
            continue
        if phrase:
            keys += 1  # commit the phrase typed so far
            phrase = False
        keys += 1
    return keys + (1 if phrase else 0)


class Seat:
    """The real main window on a throw-away workspace, offscreen, at 1366×768."""

    def __init__(self, city: str) -> None:
        from ui.shell.application import create_application, open_main_window

        self._home = tempfile.TemporaryDirectory(prefix="hotline-keys-", ignore_cleanup_errors=True)
        paths = AppPaths.under(Path(self._home.name)).create()
        config = Config()
        config.set("centre.jurisdiction", city)
        self.app, languages = create_application(config, "zh_CN")
        self.window = open_main_window(paths, config, languages, demo=False, keys=BenchmarkKeys())
        self.window.resize(1366, 768)
        self.window.activateWindow()
        self.intake = self.window.intake
        self.ws = self.window.ws
        # The model is loaded (trained, without build weights) before the first call, as a seat that
        # has been running a while has it: a 35 s training on a busy machine is no call's settling.
        self.ws.classifier()
        self.finder = CategoryFinder(self.ws.taxonomy)
        self.accepted: list[Ticket] = []
        self.intake.ticketAccepted.connect(self.accepted.append)

    def settle(self, until: Callable[[], bool] = lambda: True, timeout: float = 20.0) -> None:
        settle(until, timeout, pause=0.002)

    def new_call(self, city: str) -> None:
        """A blank form, as after 受理; a draft 受理 refused is left behind unfiled, uncounted."""
        if not self.intake.current_draft().is_blank:
            self.intake.load_draft(self.ws.new_draft(), 0, restored=False)
        self.ws.config.set("centre.jurisdiction", city)
        self.ws.transcript.clear()
        self.window.call_panel.clear()
        self.intake.content.setFocus()
        self.settle()

    def play(self, call: Call) -> None:
        """The caller's phrases, as settled finals (the transcript panel and the form get each),
        each with the seat's own post-processing (spoken digits to digits) as the recognizer gives it."""
        for n, phrase in enumerate(call.text.split()):
            said = polish_partial(phrase)
            segment = Segment(call.id, Speaker.CALLER, said, 2.0 * n, 2.0 * n + 1.5, (), True)
            self.ws.transcript.publish(segment)
            QCoreApplication.processEvents()
        self.settle(lambda: bool(self.intake.suggestion_strip.suggestions().fields))

    # -- the operator's hands -----------------------------------------------------------------
    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> int:
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifier)
        self.settle()
        return 1

    def retype(self, widget: QLineEdit | QPlainTextEdit, text: str) -> int:
        """Click into the field, select what is there (Ctrl+A) and type `text` over it."""
        actions = 1
        QTest.mouseClick(
            widget.viewport() if isinstance(widget, QPlainTextEdit) else widget, Qt.MouseButton.LeftButton
        )
        widget.setFocus()
        current = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        if current:
            actions += self.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            if not text:
                return actions + self.key(Qt.Key.Key_Delete)
        if text.isascii():
            QTest.keyClicks(widget, text)
            actions += len(text)
        else:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(widget, event)
            actions += pinyin_keys(text)
        self.settle()
        return actions

    def choose_kind(self, kind: str) -> int:
        """A click on the kind list and one on the entry."""
        self.intake.kind.setCurrentIndex(list(Kind).index(Kind(kind)))
        self.settle()
        return 2

    def choose_category(self, code: str) -> int:
        """Click into the box, the initials letter by letter until the category is listed, Down to
        it, Enter; its full name when initials never list it."""
        cost = 1 + _picker_keys(self.finder, self.ws.taxonomy.get(code).name, code)
        self.intake.category.setCurrentIndex(self.intake.category.findData(code))
        self.settle()
        return cost

    def accept(self) -> Ticket | list[str]:
        """Ctrl+Enter: the ticket filed, or what refused it (`field:code` of each FieldProblem)."""
        before = len(self.accepted)
        self.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        self.settle(lambda: len(self.accepted) > before or bool(self.intake.problems.text()), timeout=10)
        if len(self.accepted) > before:
            return self.accepted[-1]
        refused = problems_for_accept(self.intake.current_draft(), self.ws.taxonomy)
        return [f"{p.field}:{p.code}" for p in refused] or [self.intake.problems.text()]

    def close(self) -> None:
        self.window.close()
        self.settle(timeout=30)
        TRACKER.wait(30)
        self.ws.close()
        self._home.cleanup()


def _picker_keys(finder: CategoryFinder, name: str, code: str) -> int:
    from pypinyin import Style, lazy_pinyin

    initials = "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p)
    for typed in range(1, len(initials) + 1):
        found = [m.code for m in finder.find(initials[:typed])]
        if code in found:
            return typed + found.index(code) + 1 + 1  # letters, Down to it, Enter
    return pinyin_keys(name) + 2  # the name itself, Down, Enter


def with_suggestions(seat: Seat, call: Call) -> tuple[Tally, Ticket | list[str]]:
    seat.new_call(call.city)
    seat.play(call)
    tally = Tally()
    intake = seat.intake
    tally.add("F11", seat.key(Qt.Key.Key_F11))
    if call.emergency:
        tally.add("F4", seat.key(Qt.Key.Key_F4))
    draft = intake.current_draft()
    if draft.category_code != call.category:
        others = [s.value for s in intake.suggestion_strip.suggestions().categories]
        if call.category in others[1:]:
            key = (Qt.Key.Key_3, Qt.Key.Key_4)[others.index(call.category) - 1]
            tally.add("category-suggested", seat.key(key, Qt.KeyboardModifier.ControlModifier))
        else:
            tally.add("category", seat.choose_category(call.category))
    if intake.current_draft().kind.value != call.kind:
        tally.add("kind", seat.choose_kind(call.kind))
    for name, widget, want in (
        ("phone", intake.caller_phone, call.phone),
        ("name", intake.caller_name, call.name),
        ("district", intake.district, call.district),
    ):
        if widget.text() != want:
            tally.add(name, seat.retype(widget, want))
    if not intake.content.toPlainText().strip():
        tally.add("content", seat.retype(intake.content, call.text[:120]))
    _type_the_required_rest(seat, call, tally)
    tally.add("Ctrl+Enter", 1)
    return tally, seat.accept()


def plain_form(seat: Seat, call: Call, content: str) -> tuple[Tally, Ticket | list[str]]:
    seat.new_call(call.city)
    tally = Tally()
    intake = seat.intake
    if call.emergency:
        tally.add("F4", seat.key(Qt.Key.Key_F4))
    if call.kind != intake.current_draft().kind.value:
        tally.add("kind", seat.choose_kind(call.kind))
    tally.add("category", seat.choose_category(call.category))
    for name, widget, want in (
        ("name", intake.caller_name, call.name),
        ("phone", intake.caller_phone, call.phone),
        ("district", intake.district, call.district),
        ("content", intake.content, content),
    ):
        if want:
            tally.add(name, seat.retype(widget, want))
    _type_the_required_rest(seat, call, tally)
    tally.add("Ctrl+Enter", 1)
    return tally, seat.accept()


def _type_the_required_rest(seat: Seat, call: Call, tally: Tally) -> None:
    """What 受理 needs and the labels do not give (the place, app.intake.guide.REQUIRED_AT_ACCEPT):
    typed as the caller said it (the extractor's reading of the call), else as the caller answers
    when asked (an address, the city's first district)."""
    intake = seat.intake
    heard = extract(" ".join(polish_partial(p) for p in call.text.split()), call.city)
    answers = {
        TicketField.ADDRESS: (heard.address or "幸福路1号", intake.address),
        TicketField.DISTRICT: (heard.district or jurisdiction(call.city).districts[0].name, intake.district),
    }
    taxonomy = seat.ws.taxonomy
    for required in missing(taxonomy, taxonomy.get(call.category), intake.current_draft()):
        said, line = answers[required]
        tally.add(required.value, seat.retype(line, said))


def wrong(filed: Ticket | list[str], call: Call) -> list[str]:
    """Why the call does not count: what refused 受理 (`field:code`), or the fields filed otherwise
    than the call's labels say; empty when it was filed right."""
    if not isinstance(filed, Ticket):
        return filed
    heard = {
        "kind": (filed.kind.value, call.kind),
        "category": (filed.category_code, call.category),
        "phone": (filed.caller.phone, call.phone),
        "name": (filed.caller.name, call.name),
        "district": (filed.district, call.district or filed.district),  # unlabelled: as heard
    }
    return [f"{name}:{got}≠{want}" for name, (got, want) in heard.items() if got != want]


def run(calls: list[Call]) -> dict[str, Any]:
    seat = Seat(calls[0].city)
    rows: list[dict[str, Any]] = []
    try:
        for call in calls:
            suggested, ticket = with_suggestions(seat, call)
            content = ticket.content if isinstance(ticket, Ticket) else call.text[:120]
            typed, plain_ticket = plain_form(seat, call, content)
            rows.append(
                {
                    "id": call.id,
                    "category": call.category,
                    "suggested": suggested.actions,
                    "suggested_ok": not wrong(ticket, call),
                    "suggested_fixes": suggested.fixes,
                    "suggested_wrong": wrong(ticket, call),
                    "plain": typed.actions,
                    "plain_ok": not wrong(plain_ticket, call),
                    "plain_wrong": wrong(plain_ticket, call),
                }
            )
    finally:
        seat.close()
    with_s = [r["suggested"] for r in rows]
    plain = [r["plain"] for r in rows]
    median = statistics.median(with_s)
    return {
        "benchmark": "intake_keys",
        "calls": len(rows),
        "suggested": {"median": median, "mean": round(statistics.fmean(with_s), 1), "max": max(with_s)},
        "plain": {"median": statistics.median(plain), "mean": round(statistics.fmean(plain), 1)},
        "ratio_median": round(median / statistics.median(plain), 3),
        "all_accepted_and_correct": all(r["suggested_ok"] and r["plain_ok"] for r in rows),
        "target_median": TARGET_MEDIAN,
        "target_met": median <= TARGET_MEDIAN,
        "per_call": rows,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=Path, default=CALLS)
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(run(load(args.calls, args.count)), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
