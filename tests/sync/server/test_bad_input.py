"""Malformed, oversized and unauthorized requests get a clear 4xx ErrorBody, never a 500."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from sync.protocol import API_PREFIX, MAX_BATCH, MAX_BODY_BYTES
from tests.sync.server.wire import create_op

Client = Callable[[str], TestClient]
PUSH = f"{API_PREFIX}/sync/push"


def _error(answer: Any, status: int) -> dict[str, str]:
    assert answer.status_code == status, answer.text
    body: dict[str, str] = answer.json()
    assert {"code", "message"} <= set(body) <= {"code", "problem", "params", "message"}  # ErrorBody
    assert "(" in body["message"]  # bilingual: 中文 (english)
    return body


def test_malformed_json_is_400(client_for: Client) -> None:
    answer = client_for("a01").post(PUSH, content=b'{"ops": [', headers={"Content-Type": "application/json"})
    assert _error(answer, 400)["code"] == "bad_json"


def test_wrong_types_and_unknown_fields_are_422_naming_the_fields(client_for: Client) -> None:
    op = create_op("A01")
    op["base_version"] = "zero"
    op["ticket"]["colour"] = "red"
    message = _error(client_for("a01").post(PUSH, json={"ops": [op]}), 422)["message"]
    assert "ops.0.create.base_version" in message and "ops.0.create.ticket.colour" in message


@pytest.mark.parametrize(
    "body",
    [{}, {"ops": []}, {"ops": "all"}, [], {"ops": [{"kind": "explode"}]}, {"ops": [{}] * (MAX_BATCH + 1)}],
)
def test_bad_batches_are_422(client_for: Client, body: Any) -> None:
    _error(client_for("a01").post(PUSH, json=body), 422)


def test_a_body_declared_too_large_is_413_before_it_is_read(client_for: Client) -> None:
    big = b"x" * (MAX_BODY_BYTES + 1)
    answer = client_for("a01").post(PUSH, content=big, headers={"Content-Type": "application/json"})
    assert _error(answer, 413)["code"] == "too_large"


def test_a_streamed_body_without_length_is_cut_at_the_limit(client_for: Client) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(MAX_BODY_BYTES // 65536 + 10):
            sent += 65536
            yield b" " * 65536

    answer = client_for("a01").post(PUSH, content=chunks(), headers={"Content-Type": "application/json"})
    _error(answer, 413)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/nowhere", 404),
        ("delete", "/sync/push", 405),
        ("get", "/sync/pull?cursor=-1", 422),
        ("get", "/sync/pull?cursor=99999999999999999999999", 422),
        ("get", "/sync/pull?limit=100000", 422),
        ("get", "/sync/pull?cursor=abc", 422),
        ("get", "/tickets/not-a-uuid", 422),
        ("get", "/tickets/01a212d3-0000-7000-8000-000000000001", 404),
    ],
)
def test_bad_paths_and_parameters(client_for: Client, method: str, path: str, status: int) -> None:
    _error(getattr(client_for("a01"), method)(API_PREFIX + path), status)


def test_a_ticket_of_another_seat_is_as_unknown_as_a_missing_one(client_for: Client) -> None:
    a01, a02 = client_for("a01"), client_for("a02")
    [result] = a01.post(PUSH, json={"ops": [create_op("A01")]}).json()["results"]
    path = f"{API_PREFIX}/tickets/{result['ticket']['id']}"
    assert a01.get(path).json()["id"] == result["ticket"]["id"]
    assert client_for("lead").get(path).status_code == 200
    hidden = _error(a02.get(path), 404)
    assert hidden == _error(a02.get(f"{API_PREFIX}/tickets/01a212d3-0000-7000-8000-000000000001"), 404)


def test_text_the_database_cannot_store_is_refused_not_a_crash(anon: TestClient) -> None:
    # PostgreSQL refuses NUL in text; SQLite stores it. Either way: no 500.
    answer = anon.post(f"{API_PREFIX}/auth/login", json={"username": "a\u0000b", "password": "x"})
    assert answer.status_code in (401, 422)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/me"),
        ("post", "/sync/push"),
        ("get", "/sync/pull"),
        ("get", "/lead/seats"),
        ("post", "/auth/logout"),
        ("post", "/admin/users"),
    ],
)
def test_no_token_no_entry(anon: TestClient, method: str, path: str) -> None:
    kwargs = {"json": {"ops": [create_op("A01")]}} if path == "/sync/push" else {}
    _error(getattr(anon, method)(API_PREFIX + path, **kwargs), 401)


def test_control_and_format_characters_never_reach_the_store(client_for: Client) -> None:
    a01 = client_for("a01")
    op = create_op("A01", content="\x1b[31m电梯\x00停运\u200b\n第二行")
    op["ticket"]["caller_name"] = "\u202e三张"
    [result] = a01.post(PUSH, json={"ops": [op]}).json()["results"]
    assert result["status"] == "applied", result
    stored = a01.get(f"{API_PREFIX}/tickets/{op['ticket_id']}").json()
    assert (stored["caller_name"], stored["content"]) == ("三张", "电梯停运\n第二行")
