"""The seat's notifications for the window: read from the store off the GUI thread, the SLA clock's
periodic look, and which of them become desktop popups.

Nothing here ever takes keyboard focus. During a call (通话中) no popup is shown at all: they are held
and, once the call ends, one popup says how many came; the list and the status bar's counter still
update, quietly. Popups only leave as the `popup` signal, which the window gives to the system tray.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.domain.problem import fill
from app.notify.notification import Notification
from app.store.changes import Changes
from app.store.notifications import NotificationStore
from app.workspace import Workspace
from ui.notify import wording
from ui.ops import BackgroundOp, ChangeBus

CHECK_EVERY_MS = 60_000  # the SLA clock's look: deadlines are in minutes, a minute late is on time
SHOWN_AT_ONCE = 3  # more new ones than this at once become one popup that counts them


class Notifier(QObject):
    changed = Signal(list, int)  # list[Notification], newest first; the unread count
    popup = Signal(str, str)  # title, text: a desktop notification (it never takes focus)

    def __init__(
        self,
        workspace: Workspace,
        bus: ChangeBus,
        *,
        in_call: Callable[[], bool],
        check_every_ms: int = CHECK_EVERY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws, self._bus, self._in_call = workspace, bus, in_call
        self.store = NotificationStore(workspace.store)
        self._last_id: int | None = None  # the newest one seen; None until the first read
        self.held: list[Notification] = []  # new during a call: told once it ends
        self._timer = QTimer(self, interval=check_every_ms)
        self._timer.timeout.connect(self.check_deadlines)
        bus.changed.connect(self._on_changed)

    def start(self) -> None:
        """The first read (what is there already never pops up), then the SLA clock."""
        self.refresh()
        self.check_deadlines()
        self._timer.start()

    def refresh(self) -> None:
        BackgroundOp(self, self._read).success(self._show).run()

    def check_deadlines(self) -> None:
        seat = self._ws.seat.seat_id
        lead_time = timedelta(minutes=self._ws.config.number("notify.sla_warning_minutes"))
        work = BackgroundOp(self, lambda: self.store.check_deadlines(seat, lead_time))
        work.success(
            lambda added: self._bus.changed.emit(Changes(notifications=True)) if added else None
        ).run()

    def mark_read(self, ids: list[int]) -> None:
        self._write(lambda: self.store.mark_read(ids))

    def mark_all_read(self) -> None:
        self._write(self.store.mark_all_read)

    def desk_changed(self) -> None:
        """The seat's state moved: after a call, the popups held back during it, counted in one."""
        if self.held and not self._in_call():
            count, self.held = len(self.held), []
            self.popup.emit(
                QCoreApplication.translate("Notifications", "通知"),
                fill(QCoreApplication.translate("Notifications", "通话期间收到 %1 条新通知"), count),
            )

    def _write(self, work: Callable[[], None]) -> None:
        BackgroundOp(self, work).success(
            lambda _none: self._bus.changed.emit(Changes(notifications=True))
        ).run()

    def _on_changed(self, changes: Changes) -> None:
        # A pull (tickets, queue) or a settled conflict may have kept new ones; a draft's autosave not.
        if changes.notifications or changes.queue or changes.tickets:
            self.refresh()

    def _read(self) -> tuple[list[Notification], int]:
        return self.store.recent(), self.store.unread_count()

    def _show(self, read: tuple[list[Notification], int]) -> None:
        recent, unread = read
        newest = max((n.id or 0 for n in recent), default=0)
        if self._last_id is not None:
            self._tell([n for n in reversed(recent) if (n.id or 0) > self._last_id and n.unread])
        self._last_id = max(newest, self._last_id or 0)
        self.changed.emit(recent, unread)

    def _tell(self, fresh: list[Notification]) -> None:
        if not fresh or not self._ws.config.get("notify.desktop"):
            return
        if self._in_call():
            self.held += fresh  # nothing may draw the operator's eyes or keys mid-call
            return
        if len(fresh) > SHOWN_AT_ONCE:
            self.popup.emit(
                QCoreApplication.translate("Notifications", "通知"),
                fill(QCoreApplication.translate("Notifications", "%1 条新通知"), len(fresh)),
            )
            return
        for note in fresh:
            self.popup.emit(wording.title(note.kind), wording.text(note, self._ws.zone))
