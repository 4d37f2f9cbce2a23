"""来电弹屏: the banner over the intake form while a call rings and goes on.

It shows the number, where the number is from (号码归属地) and where the caller was last time (the
district of their latest ticket), and their history in one line with the frequent-caller flag. The
seat's own tickets are looked up at once on a thread of its own, so nothing queued on the shared
pool holds the banner up; the server's part comes with the caller panel's look-up (history_found).

The banner never takes the keyboard: it is a child of the window (no window of its own to activate),
and nothing in it accepts focus. The operator keeps typing where they were while it rings.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer, QUrl
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.callers import EarlierTicket, FrequentRule
from app.domain.problem import fill
from app.intake.phone_origin import phone_origin
from app.intake.validation import normalize_phone
from app.paths import resources_dir
from app.workspace import Workspace
from ui import palette
from ui.labels import label
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.shell.i18n import Retranslating, is_english
from ui.shell.system_check import audio_missing

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

    from sync.client.callers import History

RING_FILE = resources_dir() / "sounds" / "ring.wav"
# The longest a ring waits for the seat's own history before the banner shows without it: one paint
# with everything beats a flash of "looking up" when the answer is a few milliseconds away.
REVEAL_MS = 80


def _styles() -> str:
    return (
        f"#screenPop[phase='ringing'] {{ background: {palette.RINGING_BACKGROUND}; border-radius: 4px; }}"
        f"#screenPop[phase='ringing'] QLabel {{ color: {palette.RINGING_TEXT}; }}"
        f"#screenPop[phase='answered'] {{ background: {palette.CALL_BACKGROUND}; border-radius: 4px; }}"
        f"#screenPop[phase='answered'] QLabel {{ color: {palette.CALL_TEXT}; }}"
        "#screenPop QLabel#popNumber { font-size: 15pt; font-weight: bold; }"
        f"#screenPop QLabel#popFrequent {{ background: {palette.ERROR}; color: white;"
        " padding: 1px 6px; border-radius: 3px; font-weight: bold; }"
    )


class ScreenPop(Retranslating, QFrame):
    """Hidden between calls."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.setObjectName("screenPop")
        self.setProperty("phase", "ringing")
        self.setStyleSheet(_styles())
        self._call_id = ""
        self._number = ""
        self._answered = False
        self._history: History | None = None
        self._asked = 0
        # Its own thread: a ring is never queued behind suggestions or a sync on the shared pool.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._sound: QSoundEffect | None = None
        self.number = plain(QLabel(objectName="popNumber"))
        self.origin = plain(QLabel(objectName="popOrigin"))
        self.frequent = plain(QLabel(objectName="popFrequent", visible=False))
        self.history = plain(QLabel(objectName="popHistory", wordWrap=True))
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self.number)
        top.addWidget(self.origin, 1)
        top.addWidget(self.frequent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.history)
        # Shown with its history in one paint when the look-up is quick, else without it after this.
        self._reveal = QTimer(self, singleShot=True, interval=REVEAL_MS)
        self._reveal.timeout.connect(self.show)
        self.hide()
        self.retranslate()
        QTimer.singleShot(0, self, self._prepare)

    def _prepare(self) -> None:
        """What the first ring would otherwise wait for: the sync client's history code (httpx, the
        wire models), loaded on the banner's thread. The table of number blocks (号码归属地, 40 ms and
        5 MB) waits for the first ring."""

        def load() -> None:
            import sync.client.callers  # noqa: F401

        BackgroundOp(self, load, pool=self._pool).run()

    # -- the call -------------------------------------------------------------------------------
    @property
    def call_id(self) -> str:
        return self._call_id

    @property
    def history_shown(self) -> History | None:
        """The history on screen for the ringing number (None while it is being looked up)."""
        return self._history

    def ringing(self, call_id: str, number: str) -> None:
        """A call rings: shown with its history as soon as the seat's own tickets are read, and with
        the number alone after REVEAL_MS if that takes longer (the history follows then)."""
        self._call_id, self._number, self._answered = call_id, number, False
        self._history = None
        self._asked += 1
        self._show()
        if self._ws.config.get("calls.ring_sound") is True:
            self._ring()
        if phone := normalize_phone(number) or "":
            self._reveal.start()
            self.look_up(phone)
        else:
            self.show()

    def answered(self, call_id: str) -> None:
        if call_id == self._call_id:
            self._answered = True
            self._show()

    def finished(self, call_id: str) -> None:
        """The call ended, was missed or transferred: the banner goes."""
        if call_id == self._call_id:
            self._call_id = ""
            self._asked += 1
            self._reveal.stop()
            if self._sound is not None:
                self._sound.stop()
            self.hide()

    def history_found(self, found: History) -> None:
        """The caller panel's look-up (the seat's and the server's tickets): the fuller answer."""
        if self._call_id and found.phone == (normalize_phone(self._number) or ""):
            self._history = found
            self._show()
            self._reveal.stop()
            self.show()

    def look_up(self, phone: str) -> None:
        """The seat's own tickets of the ringing number, on the banner's thread."""
        asked = self._asked
        op = BackgroundOp(self, lambda: self.history_now(phone), pool=self._pool)
        op.success(lambda found: self.show_local(found, asked)).run()

    def history_now(self, phone: str) -> History:
        """The seat's own tickets only (blocking; any thread): the server's answer may take seconds,
        the banner may not. Reads nothing of the widgets."""
        from app.store.callers import by_phone  # the sync client loads after the window shows
        from sync.client.callers import merged

        config, now = self._ws.config, datetime.now(UTC)
        days = config.number("callers.history_days")
        rule = FrequentRule(config.number("callers.frequent_calls"), config.number("callers.frequent_days"))
        return merged(phone, by_phone(self._ws.store, phone, now - timedelta(days=days)), None, rule, now)

    def show_local(self, found: History, asked: int | None = None) -> None:
        """The seat's own history, unless a newer ring came (`asked`) or the fuller one is here."""
        if asked in (None, self._asked) and self._history is None:
            self._history = found
            self._show()
            self._reveal.stop()
            self.show()

    def _ring(self) -> None:
        if audio_missing() is not None:
            return  # the banner is the signal; the sound is optional
        if self._sound is None:
            from PySide6.QtMultimedia import QSoundEffect

            self._sound = QSoundEffect(self)
            self._sound.setSource(QUrl.fromLocalFile(str(RING_FILE)))
        self._sound.play()

    @property
    def sound(self) -> QSoundEffect | None:
        return self._sound

    # -- showing --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._show()

    def _show(self) -> None:
        phase = "answered" if self._answered else "ringing"
        if self.property("phase") != phase:
            self.setProperty("phase", phase)
            self.setStyleSheet(_styles())  # the property selectors are read again
        number = self._number or self.tr("（未显示号码）")
        self.number.setText(fill(self.tr("通话中 %1") if self._answered else self.tr("来电 %1"), number))
        history = self._history
        district = next((t.district for t in history.tickets if t.district), "") if history else ""
        places = [phone_origin(self._number, english=is_english())]
        if district:
            places.append(fill(self.tr("上次反映：%1"), district))
        self.origin.setText(" · ".join(p for p in places if p))
        self.frequent.setVisible(history is not None and history.frequent)
        self.frequent.setText(self.tr("频繁来电"))
        self.history.setText(self._history_text(history))

    def _history_text(self, history: History | None) -> str:
        if not self._number:
            return self.tr("号码未显示：无法查找来电历史")
        if history is None:
            return self.tr("正在查找来电历史…")
        days = self._ws.config.number("callers.history_days")
        local = self.tr("（仅本机）") if history.server_missing else ""
        if not history.tickets:
            return fill(self.tr("%1 天内无来电记录%2"), days, local)
        text = fill(self.tr("来电历史：%1 天内 %2 张%3"), days, history.total, local)
        latest = fill(self.tr("最近：%1"), self._line(history.tickets[0]))
        return f"{text} · {latest}"

    def _line(self, earlier: EarlierTicket) -> str:
        when = earlier.created_at.astimezone(self._ws.zone).strftime("%Y-%m-%d")
        code = earlier.category_code
        category = ""
        if code and code in self._ws.taxonomy:
            leaf = self._ws.taxonomy.get(code)
            category = leaf.en if is_english() else leaf.name
        return "  ".join(p for p in (when, label(earlier.kind), category, label(earlier.status)) if p)
