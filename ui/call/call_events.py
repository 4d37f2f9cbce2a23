"""The seat's local socket for call events from the telephony side (app.telephony), and the
`hotline-seat call ...` command that writes to it.

QLocalServer is a Unix socket or a Windows named pipe that only this user can open: the CTI
connector runs on the operator's PC, and nothing listens on the network. On Unix the socket is a path
in the user's 0700 runtime folder; both sides refuse a folder or socket another user made.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.config.settings import Config, resolve_language
from app.domain.call_states import CallEventKind
from app.domain.problem import Problem, ProblemError
from app.paths import AppPaths
from app.private_files import NotPrivate, ensure_private_folder
from app.speech.audio import AudioError, wav_info
from app.telephony import (
    MAX_LINE,
    CallEvent,
    CallEventError,
    answer_line,
    channel_address,
    check_channel,
    make_event,
    parse_line,
    read_answer,
    simulations_folder,
)

log = logging.getLogger(__name__)

WAIT_MS = 3000  # the CLI's patience with a seat that does not answer
TAIL_S = 1.0  # a simulated call goes on this long after its sound: the recognizer's last phrase settles


# Whether the seat takes the event: the refusal (the event then changed nothing), or None.
Judge = Callable[[CallEvent], ProblemError | None]


class CallEventListener(QObject):
    """Asks `judge` about each well-formed event and emits `arrived(CallEvent)` for those it took;
    answers every line with `ok` or `error: ` and why as a code with its values
    (app.telephony.answer_line), so the CTI learns of a refusal."""

    arrived = Signal(object)
    refused = Signal(object)  # ProblemError: an event the seat did not take, for the operator to see

    def __init__(self, name: str, judge: Judge = lambda _event: None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._judge = judge
        self.unsafe = False  # True when listen() refused a folder or socket that is not this user's
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> Problem | None:
        """Start listening; the reason when another seat on this data folder already does. Asked
        first: on Unix, Qt moves its socket over any file of that name, a live seat's too. Before
        anything, the folder and any socket there must be this user's alone: another user's socket
        would get the events (and the callers' numbers) of every seat that took it for ours."""
        try:
            check_channel(self.name, create=True)
        except NotPrivate as exc:
            self.unsafe = True
            return exc.problem
        if _answers(self.name):
            return Problem("call.another_seat", {"name": self.name})
        QLocalServer.removeServer(self.name)  # a socket file left by a crash or kill -9
        if self._server.listen(self.name):
            return None
        return Problem("call.cannot_listen", {"name": self.name, "error": self._server.errorString()})

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine(MAX_LINE + 1).data())
            if not line.endswith(b"\n"):  # cut at MAX_LINE: what follows is not an event either
                self._refuse(socket, _too_long(len(line)))
                return
            try:
                event = parse_line(line)
            except CallEventError as exc:
                log.warning("call event refused: %s", exc)
                socket.write(answer_line(exc.problem))
                continue
            if (refusal := self._judge(event)) is not None:
                log.warning("call event %s %s refused: %s", event.kind.value, event.call_id, refusal)
                socket.write(answer_line(refusal.problem))
                self.refused.emit(refusal)
                continue
            log.info("call event %s %s", event.kind.value, event.call_id)
            socket.write(answer_line(None))
            # Out before the seat acts on it: the first ring's screen pop may take longer than the
            # command waits, and a CTI told `error` for an event the seat took would send it again.
            socket.flush()
            self.arrived.emit(event)
        if socket.bytesAvailable() > MAX_LINE:  # no line end in sight: not a call event
            self._refuse(socket, _too_long(socket.bytesAvailable()))

    @staticmethod
    def _refuse(socket: QLocalSocket, reason: Problem) -> None:
        log.warning("call events refused: %s", reason)
        socket.write(answer_line(reason))
        socket.disconnectFromServer()


def _too_long(size: int) -> Problem:
    return Problem("call.too_long", {"size": size, "limit": MAX_LINE})


def _answers(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    alive = probe.waitForConnected(500)
    probe.abort()
    return alive


def send(name: str, line: bytes) -> Problem | str | None:
    """Send one event line to the seat listening on `name`: None when it took it, else why (a
    problem, or the words of a seat of another version)."""
    try:
        check_channel(name)
    except NotPrivate as exc:  # never hand a caller's number to a socket someone else set up
        return exc.problem
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(WAIT_MS):
        return Problem("call.no_seat", {"error": socket.errorString()})
    socket.write(line)
    socket.waitForBytesWritten(WAIT_MS)
    while not socket.canReadLine() and socket.waitForReadyRead(WAIT_MS):
        pass
    answer = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
    socket.disconnectFromServer()
    return read_answer(answer) if answer else Problem("call.no_answer")


def main(argv: Sequence[str], paths: AppPaths) -> int:
    """`hotline-seat call simulate ...` or `hotline-seat call EVENT ...`."""
    if list(argv[:1]) == ["simulate"]:
        return simulate(argv[1:], paths)
    return event_command(argv, paths)


def event_command(argv: Sequence[str], paths: AppPaths) -> int:
    """`hotline-seat call EVENT --id CALL_ID [--caller NUMBER] [--to NUMBER] [--path FILE]`: prints
    `ok`, or `error: ` and why in the language the seat is set to (ui.language): whoever reads it,
    IT wiring the softphone or the connector's log, works beside that seat. A connector that wants
    the code writes the JSON line to the socket itself (app.telephony)."""
    english = resolve_language(Config.load(paths.config_file).text("ui.language")) == "en"
    parser = argparse.ArgumentParser(
        prog="hotline-seat call",
        description="call events from the telephony side" if english else "来电事件（来自电话系统）",
    )
    parser.add_argument("event", choices=[k.value for k in CallEventKind])
    parser.add_argument("--id", required=True, dest="call_id", help="the call's id in the telephony system")
    parser.add_argument("--caller", default="", help="the caller's number, on ringing")
    parser.add_argument("--to", default="", help="where the call went, on transferred")
    parser.add_argument("--path", default="", help="the call's recording, a full path, on recording")
    args = parser.parse_args(list(argv))
    try:
        event = make_event(args.event, args.call_id, args.caller, to=args.to, path=args.path)
    except CallEventError as exc:
        parser.error(exc.problem.text(english=english))
    return _said(send(channel_address(paths.data_dir), event.to_line()), english=english)


def _said(said: Problem | str | None, *, english: bool) -> int:
    if said is None:
        print("ok")
        return 0
    print(f"error: {said.text(english=english) if isinstance(said, Problem) else said}")
    return 1


def simulate(argv: Sequence[str], paths: AppPaths) -> int:
    """`hotline-seat call simulate --audio FILE.wav [--id CALL_ID] [--caller NUMBER] [--ring S]`: a
    whole call for demos and tests, through the same socket as the CTI's events: it rings, is
    answered with the WAV as the line's sound (the seat transcribes it in real time), and ends when
    the sound has been played. Prints `ok`, or `error: ` and why, like the single events."""
    english = resolve_language(Config.load(paths.config_file).text("ui.language")) == "en"
    parser = argparse.ArgumentParser(
        prog="hotline-seat call simulate",
        description="play a whole call to the running seat" if english else "向运行中的坐席模拟一通完整来电",
    )
    parser.add_argument("--audio", required=True, type=Path, help="the caller's speech, a WAV file")
    parser.add_argument("--id", dest="call_id", default="", help="the call's id (default: sim-TIME)")
    parser.add_argument("--caller", default="", help="the caller's number")
    parser.add_argument("--ring", type=float, default=1.5, help="seconds it rings before it is answered")
    args = parser.parse_args(list(argv))
    call_id = args.call_id or f"sim-{time.strftime('%H%M%S')}"
    try:
        seconds = wav_info(args.audio).seconds  # a file the seat could not play fails here, not there
        ringing = make_event("ringing", call_id, args.caller)
        ended = make_event("ended", call_id)
    except (AudioError, CallEventError) as exc:
        return _said(exc.problem, english=english)
    folder = simulations_folder(paths.data_dir)
    try:
        ensure_private_folder(folder)
    except NotPrivate as exc:
        return _said(exc.problem, english=english)
    sound = folder / f"{call_id}.wav"
    shutil.copyfile(args.audio, sound)  # the seat plays only what is in its own folder
    address = channel_address(paths.data_dir)
    try:
        if (said := send(address, ringing.to_line())) is not None:
            return _said(said, english=english)
        time.sleep(args.ring)
        answered = make_event("answered", call_id, path=str(sound.resolve()))
        if (said := send(address, answered.to_line())) is not None:
            return _said(said, english=english)
        time.sleep(seconds + TAIL_S)
        return _said(send(address, ended.to_line()), english=english)
    finally:
        sound.unlink(missing_ok=True)
