"""Free text on the wire carries no control or format characters, on both sides, in every kind of
field: one-line (names, phones, titles, tags), multi-line (content, reasons, article bodies) and
event data. They are removed, not refused: a pasted zero-width space must not block an outbox."""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

import pytest
from pydantic import ValidationError

from app.domain.ticket import Caller
from sync.protocol import (
    BalanceApply,
    EditWire,
    KbArticleEdit,
    KbImportArticle,
    ReassignRequest,
    clean_line,
    clean_text,
)
from tests.sync.server.wire import EVENTS, TICKETS, create_op

# What an attacker or a careless paste puts in a field, and what must be left of it.
HOSTILE = {
    "NUL": ("张\x00三", "张三"),
    "C0 bell and backspace": ("张\x07\x08三", "张三"),
    "C1 (NEL, CSI)": ("张\x85\x9b三", "张三"),
    "DEL": ("张\x7f三", "张三"),
    "ANSI colour": ("\x1b[31m张三\x1b[0m", "张三"),
    "ANSI title (OSC)": ("\x1b]0;pwned\x07张三", "张三"),
    "bidi override U+202E": ("\u202e三张", "三张"),
    "bidi isolate U+2066": ("\u2066张三\u2069", "张三"),
    "zero-width space": ("张\u200b三", "张三"),
    "zero-width joiner": ("张\u200d三", "张三"),
    "BOM": ("\ufeff张三", "张三"),
}


@pytest.mark.parametrize(("dirty", "clean"), HOSTILE.values(), ids=HOSTILE.keys())
def test_one_line_fields_lose_control_and_format_characters(dirty: str, clean: str) -> None:
    ticket = TICKETS.validate_python(
        {**create_op("A01")["ticket"], "caller_name": dirty, "caller_phone": dirty}
    )
    assert ticket.caller == Caller(clean, clean)
    edit = KbArticleEdit(title=dirty, body="x", tags=[dirty], questions=[dirty], base_version=0)
    assert (edit.title, edit.tags, edit.questions) == (clean, [clean], [clean])


@pytest.mark.parametrize(("dirty", "clean"), HOSTILE.values(), ids=HOSTILE.keys())
def test_multi_line_fields_lose_them_but_keep_lines_and_tabs(dirty: str, clean: str) -> None:
    text = f"第一行\n\t{dirty}"
    ticket = TICKETS.validate_python({**create_op("A01")["ticket"], "content": text, "address": text})
    assert ticket.content == ticket.address == f"第一行\n\t{clean}"
    assert EditWire(content=text).content == f"第一行\n\t{clean}"
    article = KbArticleEdit(title="t", body=text, base_version=0)
    assert article.body == f"第一行\n\t{clean}"
    loose = KbImportArticle(id="A-1", where="第 2 行", title="t", body=text)
    assert loose.body == f"第一行\n\t{clean}"


@pytest.mark.parametrize(("dirty", "clean"), HOSTILE.values(), ids=HOSTILE.keys())
def test_reasons_and_event_data_lose_them(dirty: str, clean: str) -> None:
    event = EVENTS.validate_python({**create_op("A01")["event"], "reason": dirty, "data": {dirty: dirty}})
    assert event.reason == clean and event.data == {clean: clean}
    request = ReassignRequest(ticket_ids=[create_op("A01")["ticket_id"]], to_seat="A02", reason=dirty)
    assert request.reason == clean
    move = {"ticket_id": create_op("A01")["ticket_id"], "from_seat": None, "to_seat": "A02"}
    assert BalanceApply.model_validate({"moves": [move], "reason": dirty}).reason == clean


def test_line_breaks_become_newlines_in_text_and_spaces_in_a_line() -> None:
    assert clean_text("a\r\nb\rc\u2028d\u2029e") == "a\nb\nc\nd\ne"
    assert clean_line("a\r\nb\tc\nd") == "a b c d"


def test_a_field_that_is_only_invisible_characters_counts_as_empty() -> None:
    with pytest.raises(ValidationError):
        ReassignRequest(ticket_ids=[create_op("A01")["ticket_id"]], to_seat="A02", reason="\u200b\u202e")


def test_every_control_and_format_character_of_unicode_is_removed() -> None:
    unwanted = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cc", "Cf") and chr(c) not in "\n\t\r"  # \r: a line break
    ]
    left: Any = clean_text("".join(unwanted))
    assert left == ""
    assert clean_text("正常文字 Ordinary text，１２３。") == "正常文字 Ordinary text，１２３。"
