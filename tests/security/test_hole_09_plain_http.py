"""Hole 9: plain http:// to a remote server was accepted silently. The real server listens on this
machine's LAN address too; the seat's client, its session and its config file are pointed at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config.settings import Config
from app.config.transport import InsecureServer
from sync.client.api import ServerApi
from sync.client.credentials import SessionOnlyKeyring, TokenVault
from sync.client.session import SeatSession
from sync.demo import DEMO_PASSWORD
from tests.security.conftest import Probe
from tests.sync.live import LiveServer, lan_address


@pytest.fixture
def lan_url(live: LiveServer, tmp_path: Path) -> Iterator[str]:
    """The live server's database served on every address; its URL on the LAN address."""
    address = lan_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback")
    with LiveServer(live.db_url, host="0.0.0.0", log_dir=tmp_path) as server:
        yield f"http://{address}:{server.port}"


@pytest.mark.slow
def test_the_client_refuses_plain_http_to_the_lan(probe: Probe, lan_url: str) -> None:
    vault = TokenVault(lan_url, backend=SessionOnlyKeyring())
    try:
        ServerApi(lan_url, vault).login("a01", DEMO_PASSWORD)
        got = "logged in: password sent in clear"
    except InsecureServer:
        got = "InsecureServer before any connection"
    probe.record(9, f"ServerApi login to {lan_url}", got, safe=got.startswith("InsecureServer"))
    assert got.startswith("InsecureServer")


@pytest.mark.slow
def test_the_seat_session_refuses_plain_http_to_the_lan(probe: Probe, lan_url: str) -> None:
    try:
        SeatSession(lan_url).login("a01", DEMO_PASSWORD)
        got = "logged in: password sent in clear"
    except InsecureServer:
        got = "InsecureServer before any connection"
    probe.record(9, "SeatSession (login dialog path) to the LAN over http", got, safe="Insecure" in got)
    assert "Insecure" in got


@pytest.mark.slow
def test_a_config_file_naming_plain_http_is_reported_and_kept(
    probe: Probe, lan_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "hotline-seat.toml"
    path.write_text(f'[server]\nurl = "{lan_url}"\n', encoding="utf-8")
    config = Config.load(path)
    safe = any("https://" in str(p) for p in config.problems) and config.text("server.url") == lan_url
    got = f"{len(config.problems)} problem(s) reported, address kept: {config.text('server.url') == lan_url}"
    probe.record(9, "config file with server.url over http to the LAN", got, safe=safe)
    assert safe


@pytest.mark.slow
def test_an_admin_can_allow_plain_http_explicitly(probe: Probe, lan_url: str) -> None:
    vault = TokenVault(lan_url, backend=SessionOnlyKeyring())
    api = ServerApi(lan_url, vault, allow_insecure_http=True)
    user = api.login("a01", DEMO_PASSWORD)
    api.close()
    probe.record(
        9,
        "http to the LAN with server.allow_insecure_http = true",
        f"logged in as {user.username} (allowed by the admin; the status bar warns)",
        safe=True,
    )
