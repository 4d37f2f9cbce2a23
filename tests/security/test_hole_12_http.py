"""Hole 12 (HTTP hygiene): what the server's answers say about it and let caches and browsers do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from tests.security.conftest import Probe
from tests.sync.live import LiveServer
from tests.sync.server.wire import create_op


def test_health_answers_without_leaking_the_server_software(live: LiveServer, probe: Probe) -> None:
    answer = httpx.get(f"{live.api}/health", timeout=10)
    banner = answer.headers.get("server", "")
    probe.record(12, "GET /health, read the Server header", f"server: {banner or '(none)'}", safe=not banner)
    assert "uvicorn" not in banner


def test_every_answer_forbids_caching_and_sniffing(
    live: LiveServer, probe: Probe, session_for: Callable[[str], httpx.Client]
) -> None:
    a01 = session_for("a01")
    answers = {
        "GET /health": httpx.get(f"{live.api}/health", timeout=10),
        "GET /me": a01.get("/me"),
        "GET /sync/pull": a01.get("/sync/pull"),
        "GET /me without a token (401)": httpx.get(f"{live.api}/me", timeout=10),
        "GET /tickets/<missing> (404)": a01.get("/tickets/0192f5e0-0000-7000-8000-00000000000a"),
    }
    for what, answer in answers.items():
        cache, sniff = (
            answer.headers.get("cache-control", ""),
            answer.headers.get("x-content-type-options", ""),
        )
        safe = cache == "no-store" and sniff == "nosniff"
        probe.record(
            12,
            f"{what}: caching headers",
            f"cache-control: {cache or '-'}; nosniff: {sniff or '-'}",
            safe=safe,
        )
        assert safe, what


def test_docs_load_no_script_from_an_outside_cdn(live: LiveServer, probe: Probe) -> None:
    answer = httpx.get(f"{live.url}/docs", timeout=10)
    outside = "cdn.jsdelivr.net" in answer.text or "unpkg.com" in answer.text
    probe.record(
        12,
        "GET /docs (default settings)",
        f"{answer.status_code}{', loads a CDN script' if outside else ''}",
        safe=not outside,
    )
    assert not outside


def test_control_characters_in_free_text_are_removed(
    probe: Probe, session_for: Callable[[str], httpx.Client]
) -> None:
    a01 = session_for("a01")
    op = create_op("A01", at=datetime.now(UTC), content="\x1b[2J\x1b[31m电梯停运\x00\u200b")
    op["ticket"]["caller_name"] = "\u202e三张"
    pushed = a01.post("/sync/push", json={"ops": [op]})
    stored = a01.get(f"/tickets/{op['ticket_id']}").json() if pushed.status_code == 200 else {}
    got = f"{pushed.status_code}, stored {stored.get('caller_name')!r} / {stored.get('content')!r}"
    safe = stored.get("caller_name") == "三张" and stored.get("content") == "电梯停运"
    probe.record(
        12, "a01 pushes a caller name with U+202E and content with ANSI, NUL, U+200B", got, safe=safe
    )
    assert safe
