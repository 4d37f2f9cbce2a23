"""A seat's state and shift counts (PUT /seats/report) reach the lead's board (GET /lead/seats)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.testclient import TestClient

from sync.protocol import API_PREFIX

Client = Callable[[str], TestClient]
REPORT: dict[str, Any] = {
    "state": "wrap_up",
    "since": "2026-12-07T09:01:30+08:00",
    "break_reason": "",
    "calls": 12,
    "missed": 1,
    "talk_seconds": 2710,
    "wrap_up_seconds": 380,
    "tickets_filed": 11,
    "closed_direct": 4,
}


def _board(lead: TestClient) -> dict[str, dict[str, Any]]:
    answer = lead.get(f"{API_PREFIX}/lead/seats")
    assert answer.status_code == 200, answer.text
    return {seat["seat_id"]: seat for seat in answer.json()}


def test_the_seats_report_shows_on_the_leads_board(client_for: Client) -> None:
    lead = client_for("lead")
    assert _board(lead)["A01"]["report"] is None  # never sent
    assert client_for("a01").put(f"{API_PREFIX}/seats/report", json=REPORT).status_code == 204
    seat = _board(lead)["A01"]
    assert seat["report"] == {**REPORT, "shift_started": None} and seat["last_seen"] is not None
    later = {**REPORT, "state": "break", "break_reason": "用餐", "calls": 13}
    assert client_for("a01").put(f"{API_PREFIX}/seats/report", json=later).status_code == 204
    assert _board(lead)["A01"]["report"]["break_reason"] == "用餐"  # the last report counts


def test_a_report_from_an_account_without_a_seat_is_taken_and_dropped(client_for: Client) -> None:
    lead = client_for("lead")
    assert lead.put(f"{API_PREFIX}/seats/report", json=REPORT).status_code == 204
    assert all(seat["report"] is None for seat in _board(lead).values())


def test_a_malformed_report_is_refused_and_changes_nothing(client_for: Client) -> None:
    a01 = client_for("a01")
    for bad in (
        {**REPORT, "state": "offline"},  # 离线 is the server's to say
        {**REPORT, "calls": -1},
        {**REPORT, "since": "2026-12-07T09:00:00"},  # no time zone
        {**REPORT, "break_reason": "x" * 41},
        {**REPORT, "surprise": 1},
    ):
        answer = a01.put(f"{API_PREFIX}/seats/report", json=bad)
        assert answer.status_code == 422, bad
    assert _board(client_for("lead"))["A01"]["report"] is None
