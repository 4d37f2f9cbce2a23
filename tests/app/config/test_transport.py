"""http:// only to this PC: anything else needs https://, or an administrator's explicit permission."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config.settings import Config
from app.config.transport import InsecureServer, check_transport, is_unencrypted_remote


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765",
        "http://127.9.8.7",
        "http://[::1]:8765/",
        "http://localhost:8765",
        "http://LOCALHOST",
        "https://10.1.2.3:8765",
        "https://12345.example.gov.cn",
    ],
)
def test_https_and_loopback_http_are_accepted(url: str) -> None:
    assert not is_unencrypted_remote(url)
    check_transport(url, allow_insecure_http=False)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3:8765",
        "HTTP://192.168.1.5",
        "http://12345.example.gov.cn",
        "http://0.0.0.0:8765",
        "http://127.0.0.1.evil.example",
        "http://localhost.evil.example",
        "http://[::ffff:10.1.2.3]:8765",
    ],
)
def test_plain_http_to_another_machine_is_refused_unless_an_admin_allows_it(url: str) -> None:
    with pytest.raises(InsecureServer) as refused:
        check_transport(url, allow_insecure_http=False)
    assert "https://" in str(refused.value) and "server.allow_insecure_http" in str(refused.value)
    check_transport(url, allow_insecure_http=True)


def test_a_config_file_with_remote_http_is_reported_and_keeps_the_address(tmp_path: Path) -> None:
    path = tmp_path / "hotline-seat.toml"
    path.write_text('[server]\nurl = "http://10.1.2.3:8765"\nusername = "a01"\n', encoding="utf-8")
    config = Config.load(path)
    assert len(config.problems) == 1
    assert config.problems[0].code == "config.kept_unused"
    assert "server.url" in str(config.problems[0]) and "https://" in str(config.problems[0])
    # Nothing is lost: the address stays as written, also when the file is saved again.
    assert config.text("server.url") == "http://10.1.2.3:8765"
    config.save(path)
    assert Config.load(path).text("server.url") == "http://10.1.2.3:8765"


def test_an_admin_setting_allows_remote_http(tmp_path: Path) -> None:
    path = tmp_path / "hotline-seat.toml"
    path.write_text('[server]\nurl = "http://10.1.2.3:8765"\nallow_insecure_http = true\n', encoding="utf-8")
    config = Config.load(path)
    assert config.problems == []
    assert config.conflicts() == {}


def test_a_ca_bundle_must_be_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "hotline-seat.toml"
    path.write_text(f'[server]\nca_bundle = "{tmp_path / "missing.pem"}"\n', encoding="utf-8")
    assert "PEM" in str(Config.load(path).problems[0])
