"""The board's two tables as Qt models: the seats (drop tickets on a row to move them there) and one
seat's queue (drag tickets from it). Sorting and filtering are a QSortFilterProxyModel's; the models
only hold what the server last said."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from app.domain.seat import SeatState
from app.domain.ticket import Ticket
from app.lead.balance import NEAR, OpenTicket, weight
from sync.protocol import SeatLoad
from ui import palette
from ui.labels import label

Index = QModelIndex | QPersistentModelIndex
TICKETS_MIME = "application/x-hotline-tickets"  # {"from": seat or null, "tickets": {id: version}}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a number or text that sorts as the column should
SEAT_ROLE = Qt.ItemDataRole.UserRole + 2  # the seat id of a row
STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # SeatState value of a row


@dataclass(frozen=True)
class Dragged:
    """Tickets dragged from one queue: where from (None: the pool) and each one's version as seen."""

    from_seat: str | None
    versions: dict[str, int]

    def mime(self) -> QMimeData:
        data = QMimeData()
        data.setData(TICKETS_MIME, json.dumps({"from": self.from_seat, "tickets": self.versions}).encode())
        return data

    @staticmethod
    def of(data: QMimeData) -> Dragged | None:
        if not data.hasFormat(TICKETS_MIME):
            return None
        try:
            raw = json.loads(bytes(data.data(TICKETS_MIME).data()).decode())
            return Dragged(raw["from"], {str(k): int(v) for k, v in raw["tickets"].items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def seat_state(load: SeatLoad) -> SeatState:
    if not load.online:
        return SeatState.OFFLINE
    return SeatState(load.report.state) if load.report is not None else SeatState.IDLE


def _tr(text: str) -> str:
    return QCoreApplication.translate("LeadBoard", text)


def duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class _ListTable(QAbstractTableModel):
    """A table over a list, one row an item, under fixed translated column titles."""

    COLUMNS: tuple[str, ...] = ()

    def _length(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else self._length()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.COLUMNS[section])
        return None


class SeatTableModel(_ListTable):
    """One row per seat. A drop of tickets on a row asks to move them there (`dropped`)."""

    dropped = Signal(object, object)  # Dragged, to seat
    export_name = "lead.seats"  # on the access record when exported (ui.export)

    COLUMNS = (
        QT_TRANSLATE_NOOP("LeadBoard", "坐席"),
        QT_TRANSLATE_NOOP("LeadBoard", "话务员"),
        QT_TRANSLATE_NOOP("LeadBoard", "状态"),
        QT_TRANSLATE_NOOP("LeadBoard", "状态时长"),
        QT_TRANSLATE_NOOP("LeadBoard", "在办"),
        QT_TRANSLATE_NOOP("LeadBoard", "加权负荷"),
        QT_TRANSLATE_NOOP("LeadBoard", "临期"),
        QT_TRANSLATE_NOOP("LeadBoard", "超期"),
        QT_TRANSLATE_NOOP("LeadBoard", "今日办结"),
        QT_TRANSLATE_NOOP("LeadBoard", "技能"),
        QT_TRANSLATE_NOOP("LeadBoard", "最后同步"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loads: list[SeatLoad] = []
        self.now = datetime.now(UTC)

    def show(self, loads: Sequence[SeatLoad], now: datetime) -> None:
        self.beginResetModel()
        self.loads, self.now = list(loads), now
        self.endResetModel()

    def _length(self) -> int:
        return len(self.loads)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        load, column = self.loads[index.row()], index.column()
        state = seat_state(load)
        if role == SEAT_ROLE:
            return load.seat_id
        if role == STATE_ROLE:
            return state.value
        if role == Qt.ItemDataRole.ForegroundRole:
            if state is SeatState.OFFLINE:
                return QColor(palette.MUTED)
            if column == 7 and load.overdue:
                return QColor(palette.ERROR)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return None
        in_state = self._in_state(load, state)
        values: tuple[tuple[Any, Any], ...] = (
            (load.seat_id, load.seat_id),
            (load.operator or "—", load.operator or ""),
            (label(state), state.value),
            (duration(in_state) if in_state is not None else "—", in_state or 0),
            (load.open, load.open),
            (f"{load.weighted:g}", load.weighted),
            (load.near_due, load.near_due),
            (load.overdue, load.overdue),
            (load.handled_today, load.handled_today),
            ("、".join(load.skills), "、".join(load.skills)),
            (self._seen(load), load.last_seen.timestamp() if load.last_seen else 0),
        )
        shown, sort = values[column]
        return sort if role == SORT_ROLE else shown

    def _in_state(self, load: SeatLoad, state: SeatState) -> float | None:
        """Seconds in the state: since the seat said it began, or since it was last heard from."""
        since = load.last_seen if state is SeatState.OFFLINE else (load.report.since if load.report else None)
        return (self.now - since).total_seconds() if since is not None else None

    def _seen(self, load: SeatLoad) -> str:
        if load.last_seen is None:
            return QCoreApplication.translate("LeadBoard", "从未")
        return load.last_seen.astimezone().strftime("%H:%M:%S")

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled

    def mimeTypes(self) -> list[str]:
        return [TICKETS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return parent.isValid() and Dragged.of(data) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        dragged = Dragged.of(data)
        if dragged is None or not parent.isValid():
            return False
        to_seat = self.loads[parent.row()].seat_id
        if to_seat == dragged.from_seat:
            return False
        self.dropped.emit(dragged, to_seat)
        return False  # nothing leaves the queue here: the board moves it on the server, then refreshes


class SeatFilter(QSortFilterProxyModel):
    """Sorts by each column's value, filters by state and by text in seat, operator or skills."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._state: str | None = None

    def export_filters(self) -> dict[str, str]:
        """What the board is narrowed to, for the access record of an export (ui.export)."""
        said = {"state": self._state or "", "text": self.filterRegularExpression().pattern()}
        return {key: value for key, value in said.items() if value}

    def only_state(self, state: str | None) -> None:
        self._state = state
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        if self._state is not None and model.data(index, STATE_ROLE) != self._state:
            return False
        needle = self.filterRegularExpression().pattern().casefold()
        if not needle:
            return True
        texts = (model.data(model.index(row, c, parent)) for c in (0, 1, 9))
        return any(needle in str(t).casefold() for t in texts)


class QueueModel(_ListTable):
    """One seat's open tickets (or the pool's); a selection drags out as `Dragged`."""

    export_name = "lead.queue"

    def export_filters(self) -> dict[str, str]:
        return {"seat": self.seat or "pool"}  # the team pool when no seat

    COLUMNS = (
        QT_TRANSLATE_NOOP("LeadBoard", "工单号"),
        QT_TRANSLATE_NOOP("LeadBoard", "类别"),
        QT_TRANSLATE_NOOP("LeadBoard", "状态"),
        QT_TRANSLATE_NOOP("LeadBoard", "时限"),
        QT_TRANSLATE_NOOP("LeadBoard", "督办"),
        QT_TRANSLATE_NOOP("LeadBoard", "紧急"),
    )

    def __init__(self, category_name: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seat: str | None = None
        self.tickets: list[Ticket] = []
        self.now = datetime.now(UTC)
        self._category_name = category_name or (lambda code: code)

    def show(self, seat: str | None, tickets: Sequence[Ticket], now: datetime) -> None:
        self.beginResetModel()
        self.seat, self.tickets, self.now = seat, list(tickets), now
        self.endResetModel()

    def _length(self) -> int:
        return len(self.tickets)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self.tickets[index.row()]
        due = t.next_due
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3 and due is not None:
            if due <= self.now:
                return QColor(palette.ERROR)
            return QColor(palette.WARNING) if due - self.now <= NEAR else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("LeadBoard", "权重 %1").replace(
                "%1", f"{weight(_open(t), self.now):g}"
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match index.column():
            case 0:
                return t.display_no
            case 1:
                return self._category_name(t.category_code) if t.category_code else "—"
            case 2:
                return label(t.status)
            case 3:
                return due.astimezone().strftime("%m-%d %H:%M") if due is not None else "—"
            case 4:
                return QCoreApplication.translate("LeadBoard", "督办") if t.supervised else ""
            case _:
                return QCoreApplication.translate("LeadBoard", "紧急") if t.urgent else ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [TICKETS_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes})
        return Dragged(self.seat, {self.tickets[r].id: self.tickets[r].version for r in rows}).mime()


def _open(t: Ticket) -> OpenTicket:
    return OpenTicket(t.id, t.assigned_seat, t.next_due, t.supervised, t.urgent, t.category_code)
