"""Call events from the telephony side (CTI 来电事件): ringing, answered, ended.

The softphone or the call centre's CTI connector runs `hotline-seat call ringing --id ... --caller
...` (or writes the same JSON line to the seat's local socket); the running seat fills in the
caller's number, transcribes the call from the moment it is answered and goes to wrap-up when it
ends. Only this user's processes on this PC can reach the socket: no audio and no number leaves it.
It lives in the user's private runtime folder (app.private_files), never in the shared temp folder,
where another local user could create it first and hear every caller's number.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from app.domain.problem import MESSAGES, Problem, ProblemError
from app.intake.validation import normalize_phone
from app.private_files import (
    POSIX,
    ensure_private_folder,
    private_folder_problem,
    refuse,
    runtime_dir,
    socket_problem,
)

MAX_LINE = 1024  # bytes: an event is a short JSON object; anything longer is not one
TOO_LONG = Problem("call.too_long", {"limit": MAX_LINE})
_CALL_ID = re.compile(r"[A-Za-z0-9._:@-]{1,64}")
_DIALLED = re.compile(r"\+?[0-9][0-9 -]{0,31}")


class CallEventError(ProblemError, ValueError):
    """The event cannot be used: `problem` says why (str(): both languages, for the log)."""


class CallEventKind(Enum):
    RINGING = "ringing"  # 振铃: the caller's number is known, nobody has answered yet
    ANSWERED = "answered"  # 接通: transcription starts
    ENDED = "ended"  # 挂断: transcription stops, the seat goes to wrap-up (话后处理)


@dataclass(frozen=True)
class CallEvent:
    kind: CallEventKind
    call_id: str
    caller: str = ""  # the caller's number (主叫号码); "" when withheld

    def to_line(self) -> bytes:
        payload = {"event": self.kind.value, "call_id": self.call_id, "caller": self.caller}
        return json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n"


def make_event(kind: str, call_id: str, caller: str = "") -> CallEvent:
    """A checked event; CallEventError says what is wrong with it."""
    try:
        event_kind = CallEventKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in CallEventKind)
        raise CallEventError("call.unknown_event", event=kind[:80], allowed=allowed) from None
    if not _CALL_ID.fullmatch(call_id):
        raise CallEventError("call.bad_id", call_id=call_id[:80])
    return CallEvent(event_kind, call_id, _caller_number(caller))


def _caller_number(raw: str) -> str:
    """A valid number normalized; digits the CTI sent as they are (the form flags them, the operator
    asks again); a withheld number ("anonymous", "") as unknown. Never a reason to drop the call."""
    if normalized := normalize_phone(raw):
        return normalized
    text = raw.strip()
    return text if _DIALLED.fullmatch(text) else ""


def parse_line(line: bytes) -> CallEvent:
    """One event from a JSON line `{"event": ..., "call_id": ..., "caller": ...}`."""
    if len(line) > MAX_LINE:
        raise CallEventError(TOO_LONG)
    try:
        payload = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CallEventError("call.not_json", error=str(exc)) from None
    if not isinstance(payload, dict):
        raise CallEventError("call.not_object")
    fields = {key: payload.get(key, "") for key in ("event", "call_id", "caller")}
    if not all(isinstance(value, str) for value in fields.values()):
        raise CallEventError("call.not_text")
    return make_event(fields["event"], fields["call_id"], fields["caller"])


# The seat answers each line with `ok`, or `error: ` and why as a code and its values in JSON
# (`error: call.bad_id {"call_id": "c 1"}`): the sender words it in its reader's language, and a
# connector may act on the code. A sender of another version reads what it cannot word as it is.
_OK = "ok"
_ERROR = "error: "


def answer_line(problem: Problem | None) -> bytes:
    """The seat's answer to one event line: accepted (None), or refused and why."""
    if problem is None:
        return f"{_OK}\n".encode()
    values = json.dumps(problem.wire_params, ensure_ascii=False)
    return f"{_ERROR}{problem.code} {values}\n".encode()


def read_answer(line: str) -> Problem | str | None:
    """What answer_line said: None for accepted, the problem, or words this version cannot word."""
    line = line.strip()
    if line == _OK:
        return None
    said = line.removeprefix(_ERROR)
    code, _, values = said.partition(" ")
    if code in MESSAGES:
        with contextlib.suppress(ValueError):
            params = json.loads(values)
            if isinstance(params, dict):
                return Problem(code, params)
    return said


def channel_name(data_dir: Path) -> str:
    """The local socket's name for the seat that keeps its data in `data_dir`: one per installation,
    so a portable seat (--home) and the user's own never hear each other's calls."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"hotline-seat-calls-{digest}"


def channel_address(data_dir: Path) -> str:
    """Where the seat listens: a socket path in the user's 0700 runtime folder (Unix), or the pipe
    name (Windows, where Qt gives the pipe an ACL for this user only). Nothing is created here."""
    if not POSIX:
        return channel_name(data_dir)
    return str(runtime_dir() / f"{channel_name(data_dir).removeprefix('hotline-seat-')}.sock")


def check_channel(address: str, *, create: bool = False) -> None:
    """NotPrivate (a problem naming the owner) when the socket's folder or the socket itself is
    someone else's or open to others. `create`: make the folder (0700) first, as the listening seat
    does; the sending command only checks, so it never talks to a socket another user set up."""
    if not POSIX:
        return
    path = Path(address)
    if create:
        ensure_private_folder(path.parent)
    elif path.parent.exists() and (problem := private_folder_problem(path.parent)) is not None:
        raise refuse(problem)
    if (problem := socket_problem(path)) is not None:
        raise refuse(problem)
