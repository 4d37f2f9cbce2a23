"""A shift in fast motion, RSS sampled: does the seat's memory level off, and where?

The real window on a demo home (demo tickets, the shipped KB, the embedded central server, signed in),
no speech model. Every simulated minute a call rings through the seat's call-event socket (the
screen pop places the number and looks up the caller's history), is answered, and the operator
types a request (the KB suggests from it as from a transcript), searches the KB, searches and
clears the queue, accepts the ticket and syncs it; then the caller hangs up. Time is compressed:
a simulated minute lasts `--seconds-per-minute` (default 2 s), so the default 20 minutes take
under a minute; `--minutes 60` is the hour of the issue.

Targets: RSS ≤ 350 MB without a speech model, and no growth after the first 10 minutes (at most
`GROWTH_TOLERANCE_MB`, allocator noise). The baseline in the same run is the RSS when the window
was first shown. Prints JSON.

    python -m benchmarks.soak [--minutes 20] [--seconds-per-minute 2]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import socket
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from app.config.settings import Config
from app.domain.taxonomy import TicketField
from app.intake.validation import normalize_phone
from app.paths import AppPaths
from app.store.keys import OneRunKeys
from app.telephony import channel_address
from ui.ops import TRACKER
from ui.shell.application import create_application, open_main_window
from ui.shell.main_window import MainWindow

TARGET_RSS_MB = 350.0
WARM_UP_MINUTES = 10
GROWTH_TOLERANCE_MB = 10.0

REQUESTS = [
    ("电梯", "幸福路18号5栋电梯坏了三天，老人上下楼困难，物业一直不来修。"),
    ("噪音", "晚上十一点以后工地还在施工，噪音很大，孩子没法睡觉。"),
    ("公积金", "我想问一下租房能不能提取公积金，需要带什么材料。"),
    ("供暖", "家里暖气从前天开始就不热，屋里才十五度，老人冻得不行。"),
    ("社保", "之前在外地交了几年社保，现在回来工作了，社保怎么转过来。"),
    ("路灯", "小区门口的路灯坏了一个多月，晚上很黑，存在安全隐患。"),
]
# A plausible value for each detail a category may require (受理 checks them since the guided form).
DETAILS = {
    TicketField.OCCURRED_AT: "2026-12-06 22:00",
    TicketField.COMPANY_NAME: "幸福物业公司",
    TicketField.PLATE_NUMBER: "粤B12345",
    TicketField.ID_NUMBER: "11010519491231002X",
    TicketField.ORDER_NUMBER: "SF1234567890",
}
KB_QUERIES = ["公积金提取", "社保转移", "gjj", "异地就医", "暖气不热", "护照", "公基金", "身份证补办"]
QUEUE_QUERIES = ["电梯", "138", "王", "DEMO", "噪音 福田", "不存在的内容"]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def pump(app: QApplication, seconds: float, until: Callable[[], bool] = lambda: False) -> bool:
    """Run the event loop for `seconds`, or until `until()`; True if it came true."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if until():
            return True
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return until()


class Telephone:
    """The phone system's side: call events into the seat's socket, as `hotline-seat call` sends them."""

    def __init__(self, paths: AppPaths) -> None:
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(channel_address(paths.data_dir))
        self.sock.setblocking(False)

    def send(self, event: str, call_id: str, **fields: str) -> None:
        self.sock.sendall(json.dumps({"event": event, "call_id": call_id, **fields}).encode() + b"\n")

    def drain(self) -> None:
        """Read the seat's answers, so that the socket never fills."""
        with contextlib.suppress(BlockingIOError):
            while self.sock.recv(65536):
                pass

    def close(self) -> None:
        self.sock.close()


def caller_number(rng: random.Random) -> str:
    """A valid mobile of any block, or a landline of a big city: every ring places another number
    (an invalid one would show without a history, and measure nothing of it)."""
    while True:
        if rng.random() < 0.8:
            number = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        else:
            area = rng.choice(["10", "20", "21", "755", "571", "28", "27"])
            number = f"0{area}{rng.randrange(10**7, 10**8)}"
        if normalize_phone(number):
            return number


class Operator:
    """What one operator does in a minute, through the real widgets."""

    def __init__(self, app: QApplication, window: MainWindow, phone: Telephone, rng: random.Random) -> None:
        self.app, self.window, self.phone, self.rng = app, window, phone, rng
        self.calls = self.histories = self.accepted = 0
        self.kb_searches = self.queue_searches = self.syncs = 0

    def take_a_call(self, seconds: float) -> None:
        window, step = self.window, seconds / 7
        self.calls += 1
        call_id = f"soak-{self.calls}"
        self.phone.send("ringing", call_id, caller=caller_number(self.rng))
        # The banner shows at once; the caller's history follows when the seat's store answers.
        if pump(self.app, max(step, 5.0), lambda: window.screen_pop.history_shown is not None):
            self.histories += 1
        self.phone.send("answered", call_id)
        self.talk(step)
        self.phone.send("ended", call_id)
        pump(self.app, step)
        self.phone.drain()

    def talk(self, step: float) -> None:
        window = self.window
        keyword, content = self.rng.choice(REQUESTS)
        intake = window.intake
        combo = intake.category
        combo.setCurrentIndex(next((i for i in range(1, combo.count()) if keyword in combo.itemText(i)), 1))
        intake.caller_name.setText(self.rng.choice("王李张刘陈") + "先生")
        intake.caller_phone.setText(f"138{self.rng.randrange(10**8):08d}")
        intake.district.setText("东湖区")
        intake.address.setText("幸福路18号")
        for field in window.ws.taxonomy.get(combo.currentData()).fields:
            if field in DETAILS:
                intake.details.lines[field].setText(DETAILS[field])
        intake.content.setPlainText(content)
        window.kb_panel.feed_transcript(content)  # as the call's transcript would
        pump(self.app, step)
        window.kb_panel.search.setText(self.rng.choice(KB_QUERIES))
        self.kb_searches += 1
        pump(self.app, step)
        window.kb_panel.search.clear()
        window.queue.search.setText(self.rng.choice(QUEUE_QUERIES))
        self.queue_searches += 1
        pump(self.app, step)
        window.queue.search.clear()
        pump(self.app, step)
        before = window.queue.model.rowCount()
        intake.accept_ticket(close_direct=False)
        if pump(self.app, step, lambda: intake.content.toPlainText() == ""):
            self.accepted += 1
        window.sync.sync_now()
        self.syncs += 1
        pump(self.app, step, lambda: window.queue.model.rowCount() > before)


def run(minutes: int, seconds_per_minute: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="hotline-soak-") as folder:
        paths = AppPaths.under(Path(folder)).create()
        config = Config()
        app, languages = create_application(config, "zh_CN")
        started = time.monotonic()
        window = open_main_window(paths, config, languages, demo=True, keys=OneRunKeys())
        app.processEvents()
        shown_rss = rss_mb()
        ready = pump(
            app,
            120,
            lambda: window.kb_panel.ready and window.sync.user is not None and not window.queue.model.busy,
        )
        settled = {"seconds": round(time.monotonic() - started, 1), "rss_mb": rss_mb(), "ready": ready}
        phone = Telephone(paths)
        operator = Operator(app, window, phone, random.Random(12345))
        samples: list[tuple[int, float]] = []
        for minute in range(1, minutes + 1):
            operator.take_a_call(seconds_per_minute)
            samples.append((minute, rss_mb()))
        phone.close()
        window.sync.logout()  # no token of the throw-away server left in the OS keyring
        pump(app, 2)
        window.close()
        TRACKER.wait(30)
        window.ws.close()
    return report(minutes, seconds_per_minute, shown_rss, settled, samples, operator)


def report(
    minutes: int,
    seconds_per_minute: float,
    shown_rss: float,
    settled: dict[str, Any],
    samples: list[tuple[int, float]],
    operator: Operator,
) -> dict[str, Any]:
    rss = [value for _minute, value in samples]
    warm = next((value for minute, value in samples if minute == WARM_UP_MINUTES), None)
    growth = None if warm is None or minutes <= WARM_UP_MINUTES else round(rss[-1] - warm, 1)
    return {
        "benchmark": "soak",
        "simulated_minutes": minutes,
        "seconds_per_simulated_minute": seconds_per_minute,
        "speech_model": False,
        "baseline_rss_at_window_shown_mb": shown_rss,
        "after_parts_loaded": settled,
        "rss_mb": {
            f"minute_{WARM_UP_MINUTES}": warm,
            "end": rss[-1],
            "max": max(rss),
            "every_minute": [value for _minute, value in samples],
        },
        "growth_after_warm_up_mb": growth,
        "ratio_end_over_shown": round(rss[-1] / shown_rss, 2),
        "work": {
            "calls_rung": operator.calls,
            "histories_shown_within_5_s": operator.histories,
            "tickets_accepted": operator.accepted,
            "kb_searches": operator.kb_searches,
            "queue_searches": operator.queue_searches,
            "syncs": operator.syncs,
        },
        "target": {
            "rss_mb": TARGET_RSS_MB,
            "growth_after_warm_up_mb": GROWTH_TOLERANCE_MB,
            "rss_met": max(rss) <= TARGET_RSS_MB,
            "growth_met": None if growth is None else growth <= GROWTH_TOLERANCE_MB,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=int, default=20, help="simulated minutes (default 20)")
    parser.add_argument(
        "--seconds-per-minute", type=float, default=2.0, help="real seconds per simulated minute"
    )
    args = parser.parse_args(argv)
    print(json.dumps(run(args.minutes, args.seconds_per_minute), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
