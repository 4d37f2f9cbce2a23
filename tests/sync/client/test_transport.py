"""The seat's link to the central server is encrypted unless it stays on this PC (issue 16, item 9).

The https cases run the real server app under uvicorn with TLS and a self-signed certificate.
"""

from __future__ import annotations

import os
import shutil
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.config.transport import InsecureServer
from sync.client.api import Offline, ServerApi
from sync.client.credentials import SessionOnlyKeyring, TokenVault
from sync.client.session import SeatSession
from sync.demo import DEMO_PASSWORD
from tests.sync.live import ROOT, free_port, wait_until_answering


def _vault(url: str) -> TokenVault:
    return TokenVault(url, backend=SessionOnlyKeyring())


def test_the_client_refuses_plain_http_to_another_machine_before_sending_anything() -> None:
    with pytest.raises(InsecureServer):
        ServerApi("http://10.1.2.3:8765", _vault("http://10.1.2.3:8765"))
    with pytest.raises(InsecureServer):
        SeatSession("http://10.1.2.3:8765").login("a01", DEMO_PASSWORD)


def test_an_admin_may_allow_plain_http_to_another_machine() -> None:
    ServerApi("http://10.1.2.3:8765", _vault("http://10.1.2.3:8765"), allow_insecure_http=True).close()


@pytest.fixture
def tls_server(tmp_path: Path, sqlite_template: Path) -> Iterator[tuple[str, Path]]:
    """The real server over https on 127.0.0.1 with a self-signed certificate; (url, certificate)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    db = tmp_path / "server.sqlite3"
    shutil.copy(sqlite_template, db)
    port = free_port()
    serve = (
        "import uvicorn; uvicorn.run('sync.server.asgi:app', host='127.0.0.1', "
        f"port={port}, ssl_certfile={str(cert)!r}, ssl_keyfile={str(key)!r}, log_level='warning')"
    )
    env = {**os.environ, "HOTLINE_DB_URL": f"sqlite:///{db}"}
    process = subprocess.Popen([sys.executable, "-c", serve], cwd=ROOT, env=env)
    try:
        url = f"https://127.0.0.1:{port}"
        _wait_tls(url, cert)
        yield url, cert
    finally:
        process.terminate()
        process.wait(10)


def _wait_tls(url: str, cert: Path) -> None:
    context = ssl.create_default_context(cafile=str(cert))
    for _ in range(200):
        try:
            httpx.get(url + "/api/v1/health", verify=context, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    wait_until_answering(url)  # raises, saying the server never answered


def test_https_with_an_untrusted_certificate_is_refused_and_a_configured_ca_is_trusted(
    tls_server: tuple[str, Path],
) -> None:
    url, cert = tls_server
    api = ServerApi(url, _vault(url))
    with pytest.raises(Offline) as refused:
        api.login("a01", DEMO_PASSWORD)
    assert "证书不受信任" in str(refused.value)
    api.close()

    trusting = ServerApi(url, _vault(url), ca_bundle=str(cert))
    assert trusting.login("a01", DEMO_PASSWORD).username == "a01"
    trusting.close()


def test_no_code_turns_certificate_verification_off() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("app", "sync", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "verify=False" in line.replace(" ", "") or "CERT_NONE" in line or "check_hostname=False" in line
    ]
    assert offenders == []
