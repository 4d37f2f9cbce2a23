"""A notification (通知) and whom it is for, as plain data.

A notification carries a kind and parameters (codes and values), never finished text: the UI words
it in the operator's language, as it does Problems. Its `key` names the event it came from (a ticket
event, a deadline, a conflict), so deriving it again after a repeated pull or a restart finds it
already kept and adds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from app.domain.events import TicketEvent
from app.domain.status import Role
from app.domain.ticket import Ticket


class NotificationKind(StrEnum):
    """What happened. Values are stable storage codes; a new kind needs only a member here, a rule
    that makes it (app/notify/derive.py) and its words (ui/notify/wording.py)."""

    ASSIGNED_TO_ME = "assigned_to_me"  # a lead moved a ticket to this seat
    MOVED_AWAY = "moved_away"  # a lead moved this seat's ticket elsewhere (another seat, the pool)
    RETURNED = "returned"  # 退单: asked (params step=asked|review), agreed or refused (approved|refused)
    SUPERVISED = "supervised"  # 督办 on this seat's ticket
    EXTENSION_ASKED = "extension_asked"  # 延期申请 waiting for a lead's approval
    EXTENSION_ANSWERED = "extension_answered"  # 延期 approved or refused (params answer)
    URGED = "urged"  # 催办: the caller chased this seat's ticket
    MERGED = "merged"  # 并单: a repeat request (params from_no) joined this seat's ticket
    SLA_WARNING = "sla_warning"  # a running deadline within the warning lead time
    SLA_OVERDUE = "sla_overdue"  # a running deadline passed
    SYNC_CONFLICT = "sync_conflict"  # the server refused or contradicted one of this seat's changes
    EARLY_WARNING = "early_warning"  # 苗头预警 (leads): a category or district well above its baseline


LEADS = frozenset({Role.TEAM_LEAD, Role.ADMIN})


@dataclass(frozen=True)
class Notification:
    key: str  # the source event's identity: one notification per key, ever
    kind: NotificationKind
    ticket_id: str | None
    created_at: datetime
    params: Mapping[str, str] = field(default_factory=dict)
    read_at: datetime | None = None
    id: int | None = None  # the store's, once kept

    @property
    def unread(self) -> bool:
        return self.read_at is None


@dataclass(frozen=True)
class Viewer:
    """Who the seat works for now: the signed-in user at this seat."""

    seat_id: str | None
    role: Role
    names: frozenset[str] = frozenset()  # username and display name: what events record as actor

    @property
    def lead(self) -> bool:
        return self.role in LEADS

    def made(self, event: TicketEvent) -> bool:
        """This user made the change (at this seat, or under their name): nothing to tell them."""
        return (self.seat_id is not None and event.seat_id == self.seat_id) or event.actor in self.names

    def owns(self, ticket: Ticket) -> bool:
        return self.seat_id is not None and ticket.assigned_seat == self.seat_id
