"""来电历史 and 相似工单 under the intake form: the number's earlier tickets (this seat's and the
server's) with the frequent-caller flag, and open tickets like the request being typed, with 并单.

Every look-up runs as a BackgroundOp (store reads, the server request, jieba): the form never waits.
Each is asked again a moment after the typing stops, and only the newest answer is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.callers import EarlierTicket, FrequentRule
from app.domain.problem import fill
from app.intake.duplicates import Similar, similar_open
from app.intake.validation import normalize_phone
from app.store.callers import open_alike
from app.workspace import Workspace
from ui import palette
from ui.labels import label
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.shell.i18n import Retranslating, is_english

if TYPE_CHECKING:
    from sync.client.api import ServerApi
    from sync.client.callers import History

SETTLE_MS = 400  # look up once the typing has paused this long
_TARGET = Qt.ItemDataRole.UserRole  # an item's ticket id
_OPEN = Qt.ItemDataRole.UserRole + 1  # whether that ticket may take a 并单


class CallerPanel(Retranslating, QWidget):
    """Shown under the form once there is something to show; 并单 asks the form to file the request
    into the chosen open ticket."""

    mergeChosen = Signal(str)  # the id of the ticket the request joins
    historyFound = Signal(object)  # History: a number's earlier tickets, both sides (the screen pop's too)

    def __init__(
        self, workspace: Workspace, server: Callable[[], ServerApi | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws, self._server = workspace, server
        self._phone, self._asked_phone = "", 0
        self._request: tuple[str, str | None, str, str] = ("", None, "", "")
        self._asked_similar = 0
        self._history: History | None = None
        self._similar: list[Similar] = []
        self._phone_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._phone_timer.timeout.connect(self._look_up_phone)
        self._similar_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._similar_timer.timeout.connect(self._look_up_similar)
        self._build()
        self.retranslate()
        self._show()

    def _build(self) -> None:
        # Two tabs over the form's whole width, the flag, the note and 并单 in the tab bar's corner: side
        # by side the lists were half as wide and their titles elided at 1366×768 (in English most).
        self.frequent = plain(QLabel(objectName="frequentCaller", visible=False))
        self.frequent.setStyleSheet(
            f"background: {palette.ERROR}; color: white; padding: 1px 6px; border-radius: 3px;"
        )
        self.server_note = plain(QLabel(objectName="historyServerNote"))
        self.server_note.hide()
        self.server_note.setStyleSheet(f"color: {palette.MUTED};")
        self.history = QListWidget(objectName="callerHistory")
        self.similar = QListWidget(objectName="similarTickets")
        self.merge_button = QPushButton(objectName="mergeButton", enabled=False)
        self.merge_button.clicked.connect(self._merge)
        for listing in (self.history, self.similar):
            listing.setMaximumHeight(78)  # three rows: the form keeps its room
            listing.setMinimumHeight(44)  # two, on a small screen with the guide open
            listing.currentItemChanged.connect(self._chosen)
            listing.itemDoubleClicked.connect(lambda _item: self._merge())
        self.tabs = QTabWidget(objectName="callerTabs", documentMode=True)
        self.tabs.addTab(self.history, "")
        self.tabs.addTab(self.similar, "")
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        corner = QWidget()
        badges = QHBoxLayout(corner)
        badges.setContentsMargins(0, 0, 0, 2)
        badges.addWidget(self.frequent)
        badges.addWidget(self.server_note)
        badges.addWidget(self.merge_button)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

    def retranslate(self) -> None:
        self.merge_button.setText(self.tr("并单 (Ctrl+M)"))
        self.merge_button.setToolTip(
            self.tr("受理本次诉求并并入所选的未办结工单：两张工单都记录并单，本单计为重复来电")
        )
        self.server_note.setText(self.tr("仅本机"))
        self.server_note.setToolTip(self.tr("未连接中心服务器：只列出本机工单"))
        self._show()

    # -- asking ---------------------------------------------------------------------------------
    def set_server(self, server: Callable[[], ServerApi | None]) -> None:
        """Where the server's part comes from (the seat's sync session, once there is one); called on
        the worker, so it must not touch widgets."""
        self._server = server

    def clear(self) -> None:
        """A new intake: nothing of the last caller stays."""
        self._phone, self._request = "", ("", None, "", "")
        self._asked_phone += 1
        self._asked_similar += 1
        self._history, self._similar = None, []
        self._show()

    def phone_changed(self, text: str) -> None:
        """The phone field changed (typed, rung or heard): look the number up once it is whole."""
        phone = normalize_phone(text) or ""
        if phone != self._phone:
            self._phone = phone
            self._phone_timer.start()

    def request_changed(self, content: str, category_code: str | None, district: str, draft_id: str) -> None:
        request = (content, category_code, district.strip(), draft_id)
        if request != self._request:
            self._request = request
            self._similar_timer.start()

    def _look_up_phone(self) -> None:
        self._asked_phone += 1
        asked, phone = self._asked_phone, self._phone
        if not phone:
            self._history = None
            self._show()
            return
        store, server, config = self._ws.store, self._server, self._ws.config
        days = config.number("callers.history_days")
        rule = FrequentRule(config.number("callers.frequent_calls"), config.number("callers.frequent_days"))

        def work() -> History:
            # The sync client (httpx, the wire models) loads after the window shows, on a worker.
            from sync.client.callers import look_up

            return look_up(store, server(), phone, days, rule, datetime.now(UTC))

        BackgroundOp(self, work).success(lambda found: self._got_history(asked, found)).run()

    def _look_up_similar(self) -> None:
        self._asked_similar += 1
        asked = self._asked_similar
        content, category, district, draft_id = self._request
        if not category or not content.strip():
            self._similar = []
            self._show()
            return
        store, days = self._ws.store, self._ws.config.number("intake.duplicate_days")

        def work() -> list[Similar]:
            now = datetime.now(UTC)
            candidates = open_alike(store, category, district, now - timedelta(days=days))
            return similar_open(content, category, district, candidates, now, days=days, exclude=draft_id)

        BackgroundOp(self, work).success(lambda found: self._got_similar(asked, found)).run()

    def _got_history(self, asked: int, found: History) -> None:
        if asked == self._asked_phone:  # else a newer number is being looked up
            self._history = found
            self._show()
            self.historyFound.emit(found)

    def _got_similar(self, asked: int, found: list[Similar]) -> None:
        if asked == self._asked_similar:
            self._similar = found
            self._show()

    # -- showing --------------------------------------------------------------------------------
    def _show(self) -> None:
        history, similar = self._history, self._similar
        self.setVisible(bool(history and history.tickets) or bool(similar))
        self.history.clear()
        self.similar.clear()
        tickets = history.tickets if history else ()
        self.tabs.setTabText(
            0, fill(self.tr("来电历史（%1 张）"), history.total) if history else self.tr("来电历史")
        )
        for earlier in tickets:
            self._add(self.history, self._history_line(earlier), earlier.id, earlier.status.is_open)
        frequent = history is not None and history.frequent
        self.frequent.setVisible(frequent)
        if frequent:
            days = self._ws.config.number("callers.frequent_days")
            since = datetime.now(UTC) - timedelta(days=days)
            calls = sum(1 for t in tickets if t.created_at >= since)
            self.frequent.setText(fill(self.tr("频繁来电 %2次/%1天"), days, calls))
        self.server_note.setVisible(history is not None and history.server_missing)
        self.tabs.setTabText(1, fill(self.tr("相似工单（%1）"), len(similar)))
        if similar and not tickets:
            self.tabs.setCurrentIndex(1)  # the one with something in it
        elif tickets and not similar:
            self.tabs.setCurrentIndex(0)
        for found in similar:
            self._add(self.similar, self._similar_line(found), found.ticket.id, True, found.ticket.content)
        self.merge_button.setEnabled(False)

    def _history_line(self, earlier: EarlierTicket) -> str:
        when = earlier.created_at.astimezone(self._ws.zone).strftime("%Y-%m-%d")
        category = self._category(earlier.category_code)
        parts = [when, earlier.number, label(earlier.kind), category, label(earlier.status)]
        line = "  ".join(p for p in parts if p)
        return fill(self.tr("%1  · 本坐席"), line) if earlier.mine else line

    def _similar_line(self, found: Similar) -> str:
        ticket = found.ticket
        content = ticket.content if len(ticket.content) <= 40 else f"{ticket.content[:40]}…"
        return f"{found.score:.0f}%  {content}  {ticket.display_no}  {label(ticket.status)}"

    def _category(self, code: str | None) -> str:
        if not code or code not in self._ws.taxonomy:
            return ""
        leaf = self._ws.taxonomy.get(code)
        return leaf.en if is_english() else leaf.name

    @staticmethod
    def _add(listing: QListWidget, text: str, ticket_id: str, is_open: bool, tip: str = "") -> None:
        item = QListWidgetItem(text)
        item.setData(_TARGET, ticket_id)
        item.setData(_OPEN, is_open)
        item.setToolTip(tip or text)
        listing.addItem(item)

    # -- 并单 ------------------------------------------------------------------------------------
    def _chosen(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        other = self.similar if self.sender() is self.history else self.history
        if current is not None:
            other.setCurrentRow(-1)  # one choice across both lists
        self.merge_button.setEnabled(self.target() is not None)

    def target(self) -> str | None:
        """The open ticket chosen in either list, or None."""
        for listing in (self.similar, self.history):
            item = listing.currentItem()
            if item is not None and item.data(_OPEN):
                return str(item.data(_TARGET))
        return None

    def _merge(self) -> None:
        if (target := self.target()) is not None:
            self.mergeChosen.emit(target)
