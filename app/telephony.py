"""Call events from the telephony side (CTI 来电事件): ringing, answered, held, resumed, transferred,
missed, ended and the recording after the call.

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
from pathlib import Path

from app.domain.call_states import CallEventKind
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
MAX_PATH = 512  # characters of a recording's path, so that an event still fits in a line
_CALL_ID = re.compile(r"[A-Za-z0-9._:@-]{1,64}")
_DIALLED = re.compile(r"\+?[0-9][0-9 -]{0,31}")
# A full path on the seat's system or the phone system's (POSIX, or a Windows drive); where it really
# is, the seat checks against its recordings folder.
_ABSOLUTE = re.compile(r"/|[A-Za-z]:[\\/]")
# What a phone system records calls as (app.speech.files decodes WAV itself, the others through Qt).
RECORDING_TYPES = (".wav", ".mp3", ".flac", ".ogg", ".opus", ".m4a", ".aac", ".amr")
SIMULATED_TYPES = (".wav",)  # a simulated call's sound: played in real time by app.speech, no decoder
FIELDS = ("event", "call_id", "caller", "to", "path")
# The events that carry `to` and `path`; with any other event they must be left out or empty. The
# caller's number may come with every event (many CTIs repeat it); only ringing's is used. A `path`
# on answered is a simulated call's sound (`hotline-seat call simulate`), a WAV played as the line.
_EXTRA: dict[CallEventKind, str] = {
    CallEventKind.TRANSFERRED: "to",
    CallEventKind.RECORDING: "path",
    CallEventKind.ANSWERED: "path",
}


class CallEventError(ProblemError, ValueError):
    """The event cannot be used; str() says why in both languages, the problem in the UI's."""


@dataclass(frozen=True)
class CallEvent:
    kind: CallEventKind
    call_id: str
    caller: str = ""  # the caller's number (主叫号码), on ringing; "" when withheld
    to: str = ""  # where the call was transferred (转接), a number or an extension
    path: str = ""  # the call's recording, a full path (录音)

    def to_line(self) -> bytes:
        payload = {
            name: value
            for name, value in zip(FIELDS[2:], (self.caller, self.to, self.path), strict=True)
            if value
        }
        line = {"event": self.kind.value, "call_id": self.call_id, **payload}
        return json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n"


def make_event(kind: str, call_id: str, caller: str = "", *, to: str = "", path: str = "") -> CallEvent:
    """A checked event; CallEventError says what is wrong with it."""
    try:
        event_kind = CallEventKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in CallEventKind)
        raise CallEventError(
            Problem("call.unknown_event", {"given": kind[:40], "allowed": allowed})
        ) from None
    if not _CALL_ID.fullmatch(call_id):
        raise CallEventError(Problem("call.bad_id", {"call": call_id[:80]}))
    given = {"to": to, "path": path}
    if stray := [name for name, value in given.items() if value and _EXTRA.get(event_kind) != name]:
        raise CallEventError(Problem("call.field_not_for", {"fields": ", ".join(stray), "event": kind}))
    if event_kind is CallEventKind.TRANSFERRED:
        to = _transfer_target(call_id, to)
    if event_kind is CallEventKind.RECORDING:
        _check_recording_name(path)
    if event_kind is CallEventKind.ANSWERED and path:
        _check_recording_name(path, SIMULATED_TYPES)
    return CallEvent(event_kind, call_id, _caller_number(caller), to, path)


def _transfer_target(call_id: str, raw: str) -> str:
    """A number or an extension (分机) as dialled; required, since the seat says where the caller went."""
    text = raw.strip()
    if not text:
        raise CallEventError(Problem("call.transfer_without_target", {"call": call_id}))
    if not _DIALLED.fullmatch(text):
        raise CallEventError(Problem("call.bad_target", {"to": text[:40]}))
    return normalize_phone(text) or text


def _check_recording_name(path: str, types: tuple[str, ...] = RECORDING_TYPES) -> None:
    """What can be told from the name alone; where it is and whether it is there, the seat checks."""
    if len(path) > MAX_PATH or "\0" in path or not _ABSOLUTE.match(path):
        raise CallEventError(Problem("call.recording_not_absolute", {"path": path[:MAX_PATH]}))
    if Path(path).suffix.lower() not in types:
        raise CallEventError(Problem("call.recording_type", {"path": path, "allowed": " ".join(types)}))


def simulations_folder(data_dir: Path) -> Path:
    """Where `hotline-seat call simulate` puts a simulated call's sound for the seat to play: the
    seat plays no file from anywhere else (a CTI must not make it read any file of the user's)."""
    return data_dir / "simulated"


def recording_problem(path: str, folder: Path) -> Problem | None:
    """Why the seat will not take this recording: outside the recordings folder (after resolving
    links: a CTI must not make the seat read any file of the user's) or not there. None when fine."""
    where = folder.resolve()
    target = Path(path).resolve()
    if not target.is_relative_to(where):
        return Problem("call.recording_outside", {"path": path, "folder": str(folder)})
    if not target.is_file():
        return Problem("call.recording_missing", {"path": path})
    return None


def _caller_number(raw: str) -> str:
    """A valid number normalized; digits the CTI sent as they are (the form flags them, the operator
    asks again); a withheld number ("anonymous", "") as unknown. Never a reason to drop the call."""
    if normalized := normalize_phone(raw):
        return normalized
    text = raw.strip()
    return text if _DIALLED.fullmatch(text) else ""


def parse_line(line: bytes) -> CallEvent:
    """One event from a JSON line `{"event": ..., "call_id": ..., "caller"|"to"|"path": ...}`
    (resources/call_events.schema.json)."""
    if len(line) > MAX_LINE:
        raise CallEventError(Problem("call.too_long", {"size": len(line), "limit": MAX_LINE}))
    try:
        payload = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CallEventError(Problem("call.not_json", {"error": str(exc)})) from None
    if not isinstance(payload, dict):
        raise CallEventError(Problem("call.not_object"))
    if unknown := sorted(set(payload) - set(FIELDS)):
        raise CallEventError(Problem("call.unknown_fields", {"fields": ", ".join(map(str, unknown))[:120]}))
    fields = {key: payload.get(key, "") for key in FIELDS}
    if not all(isinstance(value, str) for value in fields.values()):
        raise CallEventError(Problem("call.not_text"))
    if missing := [name for name in FIELDS[:2] if name not in payload]:
        raise CallEventError(Problem("call.missing_fields", {"fields": ", ".join(missing)}))
    return make_event(
        fields["event"], fields["call_id"], fields["caller"], to=fields["to"], path=fields["path"]
    )


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
