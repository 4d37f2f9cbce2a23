"""Hole 12 (HTTP hygiene): what the server's answers say about it and let caches and browsers do."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.security.conftest import Probe
from tests.sync.live import LiveServer


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
