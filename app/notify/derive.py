"""Which notifications a change brings, as pure functions (no store, no clock of their own).

- from_events: ticket events a pull brought that this seat did not have. Only what someone else did
  tells anything (Viewer.made), and only events from the last FRESH days: a seat installed anew
  pulls the history of its tickets, which is its queue, not news.
- deadline_warnings: the SLA clock, looked at periodically. The key holds the deadline itself, so a
  deadline warns once before it and once when passed, and a re-planned one (重办, 延期) anew.
- from_conflict: a change of this seat's the server refused or contradicted (同步冲突).
- from_warnings: the server's 苗头预警 for a team lead, once per subject and day: a spike that lasts
  the afternoon is one piece of news, not one per look.
Each rule names its notification by the event it came from (`key`), which is what makes deriving
again after a repeated pull or a restart harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Final

from app.domain.events import TicketEvent
from app.domain.hotspots import EarlyWarning
from app.domain.status import Action, Status
from app.domain.ticket import Ticket
from app.notify.notification import Notification, NotificationKind, Viewer

FRESH: Final = timedelta(days=3)  # older events a pull brings are history, not news

Rule = Callable[[Viewer, Ticket, TicketEvent], tuple[NotificationKind, dict[str, str]] | None]


def from_events(
    viewer: Viewer, ticket: Ticket, events: Iterable[TicketEvent], now: datetime
) -> list[Notification]:
    """What `events` (new to this seat, of `ticket` as the server has it now) tell `viewer`."""
    found = []
    for event in events:
        if viewer.made(event) or event.at < now - FRESH:
            continue
        rule = RULES.get(event.action)
        told = rule(viewer, ticket, event) if rule is not None else None
        if told is not None:
            kind, params = told
            base = {"ticket": ticket.display_no, "actor": event.actor, "role": event.role.value}
            if event.reason:
                base["reason"] = event.reason
            found.append(Notification(f"{kind}:{event.id}", kind, ticket.id, event.at, {**base, **params}))
    return found


def _assigned(
    viewer: Viewer, ticket: Ticket, event: TicketEvent
) -> tuple[NotificationKind, dict[str, str]] | None:
    to, previous = event.data.get("assign_to") or "", event.data.get("previous") or ""
    me = viewer.seat_id
    if me is None or to == previous:
        return None
    if to == me:
        return NotificationKind.ASSIGNED_TO_ME, {"previous": previous}
    if previous == me:
        return NotificationKind.MOVED_AWAY, {"seat": to}  # "" : to the team pool
    return None


def _returned(
    viewer: Viewer, ticket: Ticket, event: TicketEvent
) -> tuple[NotificationKind, dict[str, str]] | None:
    asked = event.to_status is Status.RETURNED
    if asked and viewer.lead:
        return NotificationKind.RETURNED, {"step": "review"}  # waits for this lead's 审核
    if viewer.owns(ticket):
        return NotificationKind.RETURNED, {"step": "asked" if asked else "recalled"}
    return None


def _reviewed(
    viewer: Viewer, ticket: Ticket, event: TicketEvent
) -> tuple[NotificationKind, dict[str, str]] | None:
    if not viewer.owns(ticket):
        return None
    return NotificationKind.RETURNED, {
        "step": "approved" if event.action is Action.APPROVE_RETURN else "refused"
    }


def _supervised(
    viewer: Viewer, ticket: Ticket, event: TicketEvent
) -> tuple[NotificationKind, dict[str, str]] | None:
    return (NotificationKind.SUPERVISED, {}) if viewer.owns(ticket) else None


def _extension_asked(
    viewer: Viewer, ticket: Ticket, event: TicketEvent
) -> tuple[NotificationKind, dict[str, str]] | None:
    return (NotificationKind.EXTENSION_ASKED, {}) if viewer.lead else None


def _extension_answered(
    viewer: Viewer, ticket: Ticket, event: TicketEvent
) -> tuple[NotificationKind, dict[str, str]] | None:
    if not viewer.owns(ticket):
        return None
    approved = event.action is Action.APPROVE_EXTENSION
    return NotificationKind.EXTENSION_ANSWERED, {"answer": "approved" if approved else "refused"}


def _urged(
    viewer: Viewer, ticket: Ticket, event: TicketEvent
) -> tuple[NotificationKind, dict[str, str]] | None:
    return (NotificationKind.URGED, {"count": str(ticket.urge_count)}) if viewer.owns(ticket) else None


def _merged(
    viewer: Viewer, ticket: Ticket, event: TicketEvent
) -> tuple[NotificationKind, dict[str, str]] | None:
    """The ticket a repeat joined (its link event keeps the status): the caller asked again, which
    the seat handling it should know. The repeat's own 并单 closes it, which tells nobody anything."""
    if event.from_status is not event.to_status or not viewer.owns(ticket):
        return None
    return NotificationKind.MERGED, {"from_no": str(event.data.get("from_no") or "")}


RULES: Final[dict[Action, Rule]] = {
    Action.ASSIGN: _assigned,
    Action.RETURN: _returned,
    Action.APPROVE_RETURN: _reviewed,
    Action.REFUSE_RETURN: _reviewed,
    Action.SUPERVISE: _supervised,
    Action.EXTEND: _extension_asked,
    Action.APPROVE_EXTENSION: _extension_answered,
    Action.REFUSE_EXTENSION: _extension_answered,
    Action.URGE: _urged,
    Action.MERGE: _merged,
}


def deadline_warnings(tickets: Iterable[Ticket], now: datetime, lead_time: timedelta) -> list[Notification]:
    """Running deadlines (Ticket.next_due) of `tickets` passed, or due within `lead_time`."""
    found = []
    for ticket in tickets:
        due = ticket.next_due
        if due is None or due - now > lead_time:
            continue
        kind = NotificationKind.SLA_OVERDUE if due <= now else NotificationKind.SLA_WARNING
        deadline = "dispatch" if ticket.status is Status.ACCEPTED else "close"
        params = {"ticket": ticket.display_no, "deadline": deadline, "due": due.isoformat()}
        key = f"{kind}:{ticket.id}:{deadline}:{due.isoformat()}"
        found.append(Notification(key, kind, ticket.id, now, params))
    return found


def from_conflict(
    conflict_id: str, ticket_id: str, ticket_no: str, outcome: str, at: datetime
) -> Notification:
    """`outcome`: conflict or rejected (app.domain.ops.OpStatus), said in the list as it is."""
    params = {"ticket": ticket_no, "outcome": outcome}
    return Notification(
        f"{NotificationKind.SYNC_CONFLICT}:{conflict_id}",
        NotificationKind.SYNC_CONFLICT,
        ticket_id,
        at,
        params,
    )


def from_warnings(
    warnings: Iterable[EarlyWarning], now: datetime, name_of: Callable[[EarlyWarning], str]
) -> list[Notification]:
    """A notification per warning, opening its newest ticket; `name_of` words the subject (a
    category's name rather than its code)."""
    found = []
    for warning in warnings:
        day = warning.until.date().isoformat()
        params = {
            "dimension": str(warning.kind),
            "subject": name_of(warning),
            "count": str(warning.count),
            "expected": f"{warning.expected:.1f}",
        }
        key = f"{NotificationKind.EARLY_WARNING}:{warning.kind}:{warning.subject}:{day}"
        newest = warning.ticket_ids[0] if warning.ticket_ids else None
        found.append(Notification(key, NotificationKind.EARLY_WARNING, newest, now, params))
    return found
