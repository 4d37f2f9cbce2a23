"""Is the link to the central server encrypted? (传输加密)

Over `http://` the password, the tokens and every citizen's name, phone and address cross the LAN in
clear. So `http://` is for this PC only (loopback: the embedded demo server, a local test); any other
host needs `https://`, unless an administrator sets `server.allow_insecure_http`, and then the status
bar says so for as long as it runs. Certificates are always verified (httpx's default; a private CA
goes in `server.ca_bundle`).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from app.domain.problem import Problem, ProblemError

ALLOW_SETTING = "server.allow_insecure_http"


class InsecureServer(ProblemError, ValueError):
    """The server address would send logins and citizen data unencrypted."""


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: the traffic never leaves this PC."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_unencrypted_remote(url: str) -> bool:
    """True for an http:// address of another machine (the loopback is this PC itself)."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() == "http" and not is_loopback(parts.hostname or "")


def transport_problem(url: str, *, allow_insecure_http: bool) -> Problem | None:
    """Why the seat refuses to talk to `url`, or None (https, loopback http, or allowed by an admin)."""
    if url and not allow_insecure_http and is_unencrypted_remote(url):
        return Problem("transport.insecure", {"url": url, "setting": ALLOW_SETTING})
    return None


def check_transport(url: str, *, allow_insecure_http: bool) -> None:
    """InsecureServer when `url` must not be used (see transport_problem)."""
    if (problem := transport_problem(url, allow_insecure_http=allow_insecure_http)) is not None:
        raise InsecureServer(problem)
