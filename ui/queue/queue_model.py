"""My queue (我的工单) as a lazily paged table model that stays smooth at 100,000 tickets.

The model never holds the whole queue: rowCount is the filtered count, and rows are read a page at a
time from SQLite on the thread pool (ui.ops.BackgroundOp), so the GUI thread never waits for the disk.
Until a page arrives its cells show a light placeholder; a bounded LRU of pages keeps memory flat.
Sorting happens in SQL. Every re-query carries a generation number, so a slow old query can never
overwrite the answer to a newer one.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from functools import partial
from typing import TYPE_CHECKING, Any, TypeAlias

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDeadlineTimer,
    QEventLoop,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from app.domain.pii import mask_name, mask_phone, mask_text
from app.domain.problem import fill
from app.domain.sla import SlaClock, SlaLevel
from app.domain.status import Status
from app.export import table as export
from app.store.changes import Changes
from app.store.db import Store
from app.store.queue import QueueFilter, QueueOrder, QueueQuery, QueueRow, SortKey
from ui import palette
from ui.labels import error_text, label
from ui.ops import BackgroundOp
from ui.shell.i18n import is_english

if TYPE_CHECKING:  # only for annotations: the model itself needs a store and an SLA clock, nothing more
    from app.workspace import Workspace


Index: TypeAlias = QModelIndex | QPersistentModelIndex
QueryFactory: TypeAlias = Callable[[Store, QueueFilter, QueueOrder], QueueQuery]

PLACEHOLDER = "…"
TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the ticket id of a row, None until its page is loaded
SLA_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2  # SlaLevel of the row's current deadline, or None

_MAX_IN_FLIGHT = 2  # page reads running at once: enough to overlap, few enough to leave the pool free
_MAX_WANTED = 16  # pages waiting to be read; older requests were scrolled past and are dropped
_REFRESH_PAGES = 3  # pages re-read with a refresh: the ones the operator is most likely looking at
_REFRESH_COALESCE_MS = 50  # a sync pull announces many writes at once: re-query once for all of them


class Column(IntEnum):
    NUMBER = 0
    KIND = 1
    CATEGORY = 2
    CALLER = 3
    STATUS = 4
    SLA = 5


SORT_KEYS = {
    Column.NUMBER: SortKey.NUMBER,
    Column.KIND: SortKey.KIND,
    Column.CATEGORY: SortKey.CATEGORY,
    Column.CALLER: SortKey.CALLER,
    Column.STATUS: SortKey.STATUS,
    Column.SLA: SortKey.DUE,
}
_COLUMN_OF_KEY = {key: column for column, key in SORT_KEYS.items()}

# Light tints with dark text stay readable on a white table; overdue is inverted so it stands out.
# GREEN has none: a deadline far off needs nothing yet, and a column of green would drown the few
# rows that do (colour only where action is due).
SLA_COLOURS: dict[SlaLevel, tuple[QColor, QColor]] = {  # level: (background, foreground)
    SlaLevel.AMBER: (QColor(palette.SLA_AMBER[0]), QColor(palette.SLA_AMBER[1])),
    SlaLevel.RED: (QColor(palette.SLA_RED[0]), QColor(palette.SLA_RED[1])),
    SlaLevel.OVERDUE: (QColor(palette.SLA_OVERDUE[0]), QColor(palette.SLA_OVERDUE[1])),
}
PLACEHOLDER_COLOUR = QColor(palette.PLACEHOLDER_TEXT)


def format_remaining(left: timedelta) -> str:
    """'2小时15分', '45分', '1天3小时'; '逾期 1天3小时' once past the deadline (whole minutes, floored)."""
    minutes = int(abs(left).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    # Context "QueueModel", like the model's self.tr(), so lupdate files these texts next to the headers.
    if days:
        text = fill(QCoreApplication.translate("QueueModel", "%1天%2小时"), days, hours)
    elif hours:
        text = fill(QCoreApplication.translate("QueueModel", "%1小时%2分"), hours, mins)
    else:
        text = fill(QCoreApplication.translate("QueueModel", "%1分"), mins)
    if left < timedelta(0):
        return fill(QCoreApplication.translate("QueueModel", "逾期 %1"), text)
    return text


def taxonomy_labels(workspace: Workspace) -> Callable[[str | None], str]:
    """Category path in the interface language, in the catalogue the seat uses now (a retired code
    by its last name; an unknown one, from a newer server catalogue, as is)."""

    def category_label(code: str | None) -> str:
        return workspace.category_label(code, english=is_english())

    return category_label


def utc_now() -> datetime:
    return datetime.now(UTC)


class QueueModel(QAbstractTableModel):
    """我的工单 rows: `QueueModel(store, sla, category_label=...)`; connect ChangeBus.changed to refresh."""

    loaded = Signal()  # the count is known (after a reset) or a page has arrived
    loadFailed = Signal(str)  # a query failed; the text says why

    def __init__(
        self,
        store: Store,
        sla: SlaClock,
        *,
        category_label: Callable[[str | None], str],
        where: QueueFilter | None = None,
        order: QueueOrder | None = None,
        page_size: int = 200,
        max_pages: int = 50,
        now: Callable[[], datetime] = utc_now,
        sla_tick_ms: int = 30_000,
        query_factory: QueryFactory = QueueQuery,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if page_size < 1 or max_pages < 2:
            raise ValueError("page_size must be >= 1 and max_pages >= 2 (the visible rows span two pages)")
        self._store, self._sla, self._category_label = store, sla, category_label
        self._page_size, self._max_pages = page_size, max_pages
        self._now, self._factory, self._pool = now, query_factory, pool
        self._where = where or QueueFilter()
        self._order = order or QueueOrder()
        # What is shown: the query, its row count and its generation; pages of other generations are stale.
        self._query = query_factory(store, self._where, self._order)
        self._count = 0
        self._shown_gen = 0
        self._latest_gen = 0  # the newest re-query asked for; only its answer may be shown
        self._pages: OrderedDict[int, list[QueueRow]] = OrderedDict()  # LRU, most recent last
        self._pending: set[int] = set()  # pages wanted or being read, for the shown generation
        self._wanted: deque[int] = deque()  # pages waiting for a free reader, newest last
        self._in_flight = 0
        self._busy = False
        self._refreshing = False
        self._queued_changes = Changes()
        self._refresh_timer = self._single_shot(_REFRESH_COALESCE_MS, self._refresh_now)
        self._sla_timer = QTimer(self)
        self._sla_timer.setInterval(sla_tick_ms)
        self._sla_timer.timeout.connect(self._tick_sla)
        self._sla_timer.start()
        self._requery(self._where, self._order)

    @classmethod
    def for_workspace(cls, workspace: Workspace, **options: Any) -> QueueModel:
        """This seat's queue (tickets assigned to it), categories named by the taxonomy."""
        options.setdefault("where", QueueFilter(seat_id=workspace.seat.seat_id))
        options.setdefault("page_size", workspace.config.number("queue.page_size"))
        labels = taxonomy_labels(workspace)
        return cls(workspace.store, workspace.sla, category_label=labels, **options)

    # --- public API ---------------------------------------------------------------------------------

    @property
    def where(self) -> QueueFilter:
        """The filter last asked for (its results may still be on their way)."""
        return self._where

    @property
    def order(self) -> QueueOrder:
        return self._order

    @property
    def page_size(self) -> int:
        return self._page_size

    def set_page_size(self, rows: int) -> None:
        """设置 → 工单列表分页大小: the pages are read again at the new size."""
        if rows < 1:
            raise ValueError("page_size must be >= 1")
        if rows == self._page_size:
            return
        self.beginResetModel()
        self._page_size = rows
        self._pages.clear()
        self._pending.clear()
        self._wanted.clear()
        # Pages still being read were cut at the old size: their answers no longer match any generation.
        self._shown_gen = -1
        self.endResetModel()
        self._requery(self._where, self._order)

    @property
    def busy(self) -> bool:
        """A re-query (filter, sort or refresh) is running; the rows shown are the previous answer."""
        return self._busy

    @property
    def refreshing(self) -> bool:
        """True during a reset caused by refresh(): views keep their scroll position and selection."""
        return self._refreshing

    @property
    def loaded_pages(self) -> int:
        return len(self._pages)

    def set_filter(self, where: QueueFilter) -> None:
        self.set_query(where, self._order)

    def set_order(self, order: QueueOrder) -> None:
        self.set_query(self._where, order)

    def set_query(self, where: QueueFilter, order: QueueOrder) -> None:
        """Show another filter and/or order: count and first page are read in the background."""
        if (where, order) != (self._where, self._order):
            self._requery(where, order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: sorting happens in SQL, the model only asks for the new first page."""
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is not None:
            self.set_order(QueueOrder(key, descending=order == Qt.SortOrder.DescendingOrder))

    def sort_column(self) -> int:
        """The column the current order sorts by; -1 when no column shows the key (e.g. created)."""
        column = _COLUMN_OF_KEY.get(self._order.key)
        return -1 if column is None else int(column)

    def refresh(self, changes: Changes) -> None:
        """ChangeBus.changed: re-query when the queue changed or a ticket we hold a row of changed."""
        if changes.queue or not changes.tickets.isdisjoint(self._loaded_ids()):
            self._queued_changes = self._queued_changes | changes
            self._refresh_timer.start()

    def ticket_id(self, row: int) -> str | None:
        """The ticket shown in `row`, or None while its page is not loaded (never starts a read)."""
        found = self._row(row, touch=False)
        return None if found is None else found.id

    def row_of(self, ticket_id: str) -> int | None:
        """The row of a ticket among the loaded pages, or None if it is not loaded (or not listed)."""
        for page, rows in self._pages.items():
            for offset, item in enumerate(rows):
                if item.id == ticket_id:
                    return page * self._page_size + offset
        return None

    def wait_for_count(self, timeout_ms: int) -> int:
        """Run the event loop until the latest query's count is shown (self-test and scripts only)."""
        deadline = QDeadlineTimer(timeout_ms)
        while self._busy and not deadline.hasExpired():
            loop = QEventLoop()
            self.loaded.connect(loop.quit)
            self.loadFailed.connect(loop.quit)
            QTimer.singleShot(max(1, deadline.remainingTime()), loop.quit)
            loop.exec()
            self.loaded.disconnect(loop.quit)
            self.loadFailed.disconnect(loop.quit)
        return self._count

    def retranslate(self) -> None:
        """After a language switch: headers and enum labels are translated when asked for."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        for page, rows in self._pages.items():
            first = page * self._page_size
            self._announce_rows(first, first + len(rows) - 1)

    # --- QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        item = self._row(index.row(), touch=True)
        if item is None:
            return self._placeholder(index.row(), role)
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == TICKET_ID_ROLE:
            return item.id
        if column is Column.SLA and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
            SLA_LEVEL_ROLE,
        ):
            return self._sla_role(item, role)
        if column is Column.NUMBER and role == Qt.ItemDataRole.FontRole and item.supervised:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # --- export (ui.export) ---------------------------------------------------------------------------

    @property
    def export_name(self) -> str:
        return "department" if self._where.department is not None else "queue"

    @property
    def export_own(self) -> bool:
        """A seat's queue or a unit's list: every row is the account's own work (ui.export)."""
        return self._where.seat_id is not None or self._where.department is not None

    def export_filters(self) -> dict[str, str]:
        where, order = self._where, self._order
        said = {
            "seat": where.seat_id or "",
            "department": where.department or "",
            "status": ",".join(sorted(s.value for s in where.statuses)),
            "kind": ",".join(sorted(k.value for k in where.kinds)),
            "search": mask_text(where.text),  # a number searched for is personal data too
            "supervised": "yes" if where.supervised else "",
            "order": order.key.value + (" desc" if order.descending else ""),
        }
        return {key: value for key, value in said.items() if value}

    def export_table(self) -> Callable[[], export.Table]:
        """Every row of the list as filtered and sorted now, not only the pages read so far: read
        from the store by the returned function, off the GUI thread. Phone and name whole, in
        columns of their own (marked personal: ui.export masks them per role); times as times."""
        query = self._factory(self._store, self._where, self._order)
        columns = (
            export.Column(self.tr("工单编号")),
            export.Column(self.tr("诉求类型")),
            export.Column(self.tr("分类")),
            export.Column(self.tr("来电人"), export.Personal.NAME),
            export.Column(self.tr("电话"), export.Personal.PHONE),
            export.Column(self.tr("状态")),
            export.Column(self.tr("督办")),
            export.Column(self.tr("受理时间")),
            export.Column(self.tr("截止时间")),
        )
        name, filters, own = self.export_name, self.export_filters(), self.export_own
        supervised, category = self.tr("督办"), self._category_label

        def build() -> export.Table:
            rows = [
                (
                    item.display_no,
                    label(item.kind),
                    category(item.category_code),
                    item.caller_name,
                    item.caller_phone,
                    label(item.status),
                    supervised if item.supervised else "",
                    item.accepted_at or item.created_at,
                    item.next_due,
                )
                for item in query.page(0, query.count())
            ]
            return export.Table(name, columns, rows, filters, own)

        return build

    # --- cells --------------------------------------------------------------------------------------

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("工单编号"),
            self.tr("诉求类型"),
            self.tr("分类"),
            self.tr("来电人"),
            self.tr("状态"),
            self.tr("SLA"),
        )

    def _placeholder(self, row: int, role: int) -> Any:
        self._want(row // self._page_size)
        if role == Qt.ItemDataRole.DisplayRole:
            return PLACEHOLDER
        if role == Qt.ItemDataRole.ForegroundRole:
            return PLACEHOLDER_COLOUR
        return None

    def _text(self, item: QueueRow, column: Column) -> str:
        if column is Column.NUMBER:
            return self.tr("【督】") + item.display_no if item.supervised else item.display_no
        if column is Column.KIND:
            return label(item.kind)
        if column is Column.CATEGORY:
            return self._category_label(item.category_code)
        if column is Column.CALLER:
            return f"{mask_name(item.caller_name)} {mask_phone(item.caller_phone)}".strip()
        if column is Column.STATUS:
            return label(item.status)
        if item.next_due is None:
            return ""  # closed: no deadline runs any more
        return format_remaining(item.next_due - self._now())

    def _tooltip(self, item: QueueRow, column: Column) -> str | None:
        lines: list[str] = []
        if column is Column.CATEGORY and item.category_code is not None:
            lines.append(self._category_label(item.category_code))  # the column is often too narrow
        if column is Column.SLA and item.next_due is not None:
            due = self._sla.calendar.to_local(item.next_due, "next_due")
            lines.append(fill(self.tr("截止时间：%1"), due.strftime("%Y-%m-%d %H:%M")))
        if item.supervised:
            lines.append(self.tr("督办工单"))
        if item.is_demo:
            lines.append(self.tr("演示数据，不是真实工单"))
        return "\n".join(lines) or None

    def _sla_role(self, item: QueueRow, role: int) -> Any:
        level = self._level(item)
        if role == SLA_LEVEL_ROLE:
            return level
        colours = None if level is None else SLA_COLOURS.get(level)
        if colours is None:
            return None
        background, foreground = colours
        return background if role == Qt.ItemDataRole.BackgroundRole else foreground

    def _level(self, item: QueueRow) -> SlaLevel | None:
        if item.next_due is None:
            return None
        # QueueRow has no dispatch time, so the close deadline's share is measured from 受理 as well:
        # the share used then comes out a little higher, so the colour warns early, never late.
        # OVERDUE does not depend on the start at all.
        return self._sla.running_level(
            item.kind,
            item.category_code,
            item.priority,
            dispatched=item.status is not Status.ACCEPTED,
            started=item.accepted_at or item.created_at,
            due=item.next_due,
            now=self._now(),
        )

    # --- pages --------------------------------------------------------------------------------------

    def _row(self, row: int, *, touch: bool) -> QueueRow | None:
        page, offset = divmod(row, self._page_size)
        rows = self._pages.get(page)
        if rows is None:
            return None
        if touch:
            self._pages.move_to_end(page)  # what is being painted stays in the cache
        return rows[offset] if offset < len(rows) else None

    def _loaded_ids(self) -> set[str]:
        return {item.id for rows in self._pages.values() for item in rows}

    def _want(self, page: int) -> None:
        if page in self._pending or page in self._pages:
            return
        self._pending.add(page)
        self._wanted.append(page)
        if len(self._wanted) > _MAX_WANTED:
            # Scrolled past long ago; if it comes back into view, painting asks for it again.
            self._pending.discard(self._wanted.popleft())
        self._read_wanted()

    def _read_wanted(self) -> None:
        while self._in_flight < _MAX_IN_FLIGHT and self._wanted:
            page = self._wanted.pop()  # newest first: the rows on screen now, not those scrolled past
            query, gen, size = self._query, self._shown_gen, self._page_size
            self._in_flight += 1
            BackgroundOp(self, partial(query.page, page * size, size), pool=self._pool).success(
                partial(self._page_arrived, gen, page)
            ).failure(partial(self._page_failed, gen, page)).run()

    def _page_arrived(self, gen: int, page: int, rows: list[QueueRow]) -> None:
        self._in_flight -= 1
        if gen == self._shown_gen:
            self._pending.discard(page)
            self._keep_page(page, rows)
            self._announce_rows(page * self._page_size, page * self._page_size + len(rows) - 1)
            self.loaded.emit()
        self._read_wanted()

    def _page_failed(self, gen: int, page: int, exc: Exception) -> None:
        self._in_flight -= 1
        if gen == self._shown_gen:
            self._pending.discard(page)
            self.loadFailed.emit(error_text(exc))
        self._read_wanted()

    def _keep_page(self, page: int, rows: list[QueueRow]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)

    def _announce_rows(self, first: int, last: int, columns: Iterable[Column] = tuple(Column)) -> None:
        last = min(last, self._count - 1)
        if last < first:
            return
        cols = sorted(columns)
        self.dataChanged.emit(self.index(first, cols[0]), self.index(last, cols[-1]))

    # --- re-query -----------------------------------------------------------------------------------

    def _requery(
        self,
        where: QueueFilter,
        order: QueueOrder,
        pages: Sequence[int] = (0,),
        *,
        refresh: Changes | None = None,
    ) -> None:
        """Count and first page(s) on the pool; shown together once both have arrived."""
        self._where, self._order = where, order
        self._latest_gen += 1
        gen, size = self._latest_gen, self._page_size
        query = self._factory(self._store, where, order)
        self._busy = True
        answer: dict[str, Any] = {}

        failed = partial(self._requery_failed, gen)

        def read_pages() -> dict[int, list[QueueRow]]:
            return {p: query.page(p * size, size) for p in pages}

        # The count and the rows are two queries (through different indexes): read them in parallel.
        for part, work in (("count", query.count), ("pages", read_pages)):
            done = partial(self._requery_part, gen, query, answer, part, refresh)
            BackgroundOp(self, work, pool=self._pool).success(done).failure(failed).run()

    def _requery_part(
        self,
        gen: int,
        query: QueueQuery,
        answer: dict[str, Any],
        part: str,
        refresh: Changes | None,
        result: Any,
    ) -> None:
        answer[part] = result
        if gen != self._latest_gen or len(answer) < 2:
            return  # stale (a newer query was asked for), or the other half is still running
        self._busy = False
        count: int = answer["count"]
        pages = {p: rows for p, rows in answer["pages"].items() if rows and p * self._page_size < count}
        if refresh is not None and not refresh.queue and count == self._count:
            self._swap_in_place(gen, query, pages)
        else:
            self._reset(gen, query, count, pages, refresh is not None)
        self.loaded.emit()

    def _requery_failed(self, gen: int, exc: Exception) -> None:
        if gen == self._latest_gen:
            self._latest_gen += 1  # the other half's answer is useless now
            self._busy = False
            self.loadFailed.emit(error_text(exc))

    def _reset(
        self, gen: int, query: QueueQuery, count: int, pages: dict[int, list[QueueRow]], refresh: bool
    ) -> None:
        self._refreshing = refresh
        self.beginResetModel()
        self._install(gen, query, pages)
        self._count = count
        self.endResetModel()
        self._refreshing = False

    def _swap_in_place(self, gen: int, query: QueueQuery, pages: dict[int, list[QueueRow]]) -> None:
        """Same rows, new field values: repaint without a reset, so selection and scrolling stay."""
        self._install(gen, query, pages)
        self._announce_rows(0, self._count - 1)

    def _install(self, gen: int, query: QueueQuery, pages: dict[int, list[QueueRow]]) -> None:
        self._query, self._shown_gen = query, gen
        self._pages = OrderedDict(sorted(pages.items()))
        self._pending.clear()
        self._wanted.clear()

    def _refresh_now(self) -> None:
        changes, self._queued_changes = self._queued_changes, Changes()
        recent = list(self._pages)[-_REFRESH_PAGES:] or [0]
        self._requery(self._where, self._order, sorted(recent), refresh=changes)

    def plan_with(self, sla: SlaClock) -> None:
        """Show time left and its colour by `sla` from now on (rules pulled from the server)."""
        self._sla = sla
        self._tick_sla()

    def _tick_sla(self) -> None:
        """Remaining time moves on by itself: repaint the SLA column of loaded rows, no re-query."""
        for page, rows in self._pages.items():
            first = page * self._page_size
            self._announce_rows(first, first + len(rows) - 1, (Column.SLA,))

    def _single_shot(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer
