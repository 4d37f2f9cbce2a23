"""Call events from the telephony side reach the running seat through `hotline-seat call ...`:
the number is filled in, the answered call is transcribed, the hang-up ends it."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.domain.problem import Problem
from app.domain.seat import SeatState
from app.paths import AppPaths
from app.telephony import channel_address, check_channel, read_answer
from tests.app.speech.conftest import Synth, ko_model_dir, synth
from tests.ui.call.test_call_panel import KOREAN, ready, with_model
from tests.ui.pulse import multimedia, play, pulse_vmic
from tests.ui.wording import assert_chinese, assert_english
from ui.call.call_events import WAIT_MS, CallEventListener
from ui.call.call_events import main as call_command
from ui.shell.main_window import MainWindow

__all__ = ["ko_model_dir", "multimedia", "pulse_vmic", "synth", "with_model"]  # fixtures used here


def cti(qtbot: QtBot, home: AppPaths, *args: str) -> tuple[int, str]:
    """Run the command a CTI connector runs, while the window's event loop keeps going."""
    command = [sys.executable, "-m", "ui", "--home", str(home.data_dir.parent), "call", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=15_000)
    assert process.stdout is not None
    return process.returncode, process.stdout.read().decode().strip()


def test_ringing_fills_in_the_callers_number(home: AppPaths, open_window: object, qtbot: QtBot) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-1", "--caller", "138 1234 5678") == (0, "ok")
    assert window.intake.caller_phone.text() == "13812345678"
    assert window.intake.current_draft().caller_phone == "13812345678"  # saved like typing
    assert "来电 13812345678" in window.statusBar().currentMessage()


def test_a_bad_event_is_refused_with_the_reason_and_changes_nothing(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    code, answer = cti(qtbot, home, "ended", "--id", "has space")
    assert code != 0 and "通话编号无效" in answer  # refused by the command before it is sent
    listener = window.call_events
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(listener.name)  # a path in the private runtime folder
    sock.sendall(b'{"event": "hangup", "call_id": "c1"}\n')
    answer = _answer(qtbot, sock)  # the code and its values: the sender words them
    assert answer.startswith(b"error: call.unknown_event {") and window.status.state is SeatState.IDLE
    sock.sendall(b'{"event": "answered", "call_id": "c1"\n')  # not JSON
    assert _answer(qtbot, sock).startswith(b"error: call.not_json") and window.status.state is SeatState.IDLE
    sock.sendall(b"x" * 5000 + b"\n")  # not an event: refused whole, and the line is dropped
    said = read_answer(_answer(qtbot, sock).decode())
    assert isinstance(said, Problem) and (said.code, said.params["limit"]) == ("call.too_long", 1024)
    sock.close()


def test_a_call_missed_while_ringing_leaves_the_seat_as_it_was(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-3", "--caller", "13812345678") == (0, "ok")
    assert cti(qtbot, home, "ended", "--id", "pbx-3") == (0, "ok")
    assert window.status.state is SeatState.IDLE


def _answer(qtbot: QtBot, sock: socket.socket) -> bytes:
    sock.setblocking(False)
    got = bytearray()

    def answered() -> bool:
        with contextlib.suppress(BlockingIOError):
            got.extend(sock.recv(4096))
        return got.endswith(b"\n")

    qtbot.waitUntil(answered, timeout=5_000)
    return bytes(got)


def test_without_a_seat_the_command_says_so(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--home", str(tmp_path), "call", "answered", "--id", "c1"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1 and "坐席端未运行" in result.stdout


@pytest.mark.parametrize(
    ("language", "one_language", "no_seat", "bad_id"),
    [
        ("en", assert_english, "No seat is listening", "Invalid call id"),
        ("zh_CN", assert_chinese, "坐席端未运行", "通话编号无效"),
    ],
)
def test_the_command_answers_in_the_language_the_seat_is_set_to(
    tmp_path: Path, language: str, one_language: Callable[[str], None], no_seat: str, bad_id: str
) -> None:
    """Whoever runs it (IT wiring the softphone, the connector's log) reads the seat's language."""
    paths = AppPaths.under(tmp_path).create()
    config = Config()
    config.set("ui.language", language)
    config.save(paths.config_file)

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ui", "--home", str(tmp_path), "call", *args],
            capture_output=True,
            text=True,
            timeout=30,
        )

    alone = command("answered", "--id", "c1")
    assert alone.returncode == 1 and no_seat in alone.stdout
    one_language(alone.stdout.removeprefix("error: "))
    refused = command("ended", "--id", "has space")
    said = refused.stderr.strip().splitlines()[-1].removeprefix("hotline-seat call: error: ")
    assert refused.returncode == 2 and bad_id in said  # refused before it is sent
    one_language(said)


def test_a_socket_left_by_a_killed_seat_is_taken_over(home: AppPaths, qapp: object) -> None:
    name = channel_address(home.data_dir)
    check_channel(name, create=True)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)
    stale.close()  # the file stays, as after kill -9
    listener = CallEventListener(name)
    assert listener.listen() is None
    other = CallEventListener(name)
    assert other.listen() == Problem(
        "call.another_seat", {"name": name}
    )  # one data folder: the first keeps it
    listener.close()


@pytest.mark.usefixtures("with_model")
def test_an_answered_call_is_transcribed_until_the_caller_hangs_up(
    pulse_vmic: str, home: AppPaths, open_window: object, qtbot: QtBot, synth: Synth
) -> None:
    config = Config()
    config.set("speech.input_device", pulse_vmic)
    window = ready(qtbot, open_window(config=config))  # type: ignore[operator]
    panel = window.call_panel
    assert cti(qtbot, home, "ringing", "--id", "pbx-7", "--caller", "13812345678") == (0, "ok")
    assert cti(qtbot, home, "answered", "--id", "pbx-7") == (0, "ok")
    assert (
        panel.start_button.isChecked() and window.status.state_combo.currentData() == SeatState.ON_CALL.value
    )
    player = play(str(synth(KOREAN, "ko", pad=1.0)))
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=20_000)
    qtbot.waitUntil(lambda: bool(panel.segments()), timeout=20_000)
    assert cti(qtbot, home, "ended", "--id", "pbx-7") == (0, "ok")
    assert not panel.start_button.isChecked()
    assert window.status.state is SeatState.WRAP_UP
    assert {s.call_id for s in panel.segments()} == {"pbx-7"}


# Another local user, first at the seat's socket: a folder and a socket of theirs where the seat's go.
SQUATTER = """
import os, socket, sys
folder, address = sys.argv[1], sys.argv[2]
os.mkdir(folder)
os.chmod(folder, 0o777)
server = socket.socket(socket.AF_UNIX)
server.bind(address)
os.chmod(address, 0o777)
server.listen()
server.settimeout(6)
print("ready", flush=True)
try:
    peer, _ = server.accept()
    peer.settimeout(2)
    got = peer.recv(4096)
    peer.sendall(b"ok\\n")
    print("received", got.decode("utf-8", "replace"), flush=True)
except socket.timeout:
    print("nothing", flush=True)
"""


@pytest.fixture
def squatter(home: AppPaths, monkeypatch: pytest.MonkeyPatch) -> Iterator[subprocess.Popen[str]]:
    """The user `tester` listening at the seat's call socket in a shared runtime folder, before the seat."""
    if os.getuid() != 0:
        pytest.skip("needs root to run a second user's process")
    try:
        pwd.getpwnam("tester")
    except KeyError:
        pytest.skip("no user `tester` on this machine")
    shared = Path(tempfile.mkdtemp(prefix="hs-"))
    shared.chmod(0o1777)  # stands in for /tmp, so other seats on this machine are not disturbed
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)  # no runtime folder: the seat falls back to temp
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    address = channel_address(home.data_dir)
    assert Path(address).parent == shared / f"hotline-seat-{os.getuid()}"  # a name anyone can compute
    process = subprocess.Popen(
        ["/usr/bin/python3", "-I", "-c", SQUATTER, str(Path(address).parent), address],
        user="tester",
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    assert os.stat(address).st_uid == pwd.getpwnam("tester").pw_uid
    yield process
    process.kill()
    process.wait()
    shutil.rmtree(shared)


@pytest.mark.slow
def test_a_socket_another_user_created_first_is_refused_by_the_seat_and_the_command(
    home: AppPaths, qapp: object, squatter: subprocess.Popen[str], capsys: pytest.CaptureFixture[str]
) -> None:
    listener = CallEventListener(channel_address(home.data_dir))
    problem = listener.listen()
    assert problem is not None and problem.code == "private.refused" and "tester" in str(problem)  # whose

    code = call_command(["ringing", "--id", "c1", "--caller", "13812345678"], home)
    answer = capsys.readouterr().out.strip()
    assert code == 1 and answer.startswith("error:") and "tester" in answer
    out, _ = squatter.communicate(timeout=15)
    assert out.strip() == "nothing"  # the other user heard no call event, and no number


def test_the_window_says_call_events_are_off_when_their_socket_is_not_private(
    open_window: object, squatter: subprocess.Popen[str]
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    assert window.status.security_label.text() == "来电事件已停用（套接字不安全）"
    assert "tester" in window.status.security_label.toolTip()


def test_the_cti_has_its_answer_before_the_seat_acts_on_the_event(home: AppPaths, qapp: object) -> None:
    """The first ring of a run imports the number's geocoder and paints the screen pop: on a busy PC
    (or a frozen build's first ring) that took longer than the command waits (WAIT_MS), so the CTI was
    told `error` for an event the seat took, and its retry was refused as 'rang already'."""
    from PySide6.QtCore import QCoreApplication

    listener = CallEventListener(channel_address(home.data_dir))
    assert listener.listen() is None
    listener.arrived.connect(lambda _event: time.sleep(WAIT_MS / 1000 + 1))  # a slow screen pop
    waited: list[float] = []

    def connector() -> None:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(15)
            sock.connect(listener.name)
            start = time.monotonic()
            sock.sendall(b'{"event": "ringing", "call_id": "pbx-9", "caller": "13812345678"}\n')
            assert sock.recv(100) == b"ok\n"
            waited.append(time.monotonic() - start)

    sender = threading.Thread(target=connector)
    sender.start()
    deadline = time.monotonic() + 15
    while sender.is_alive() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    sender.join(timeout=1)
    listener.close()
    for _ in range(20):  # the connection's disconnect and deleteLater, while the listener lives
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert waited and waited[0] < WAIT_MS / 1000
