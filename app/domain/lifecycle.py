"""The ticket lifecycle as one explicit table (流转规则), shared by the seat and the central server.

受理 → (直接办结 | 派单) → 签收 → 答复 → 回访 → 办结; an unsatisfied 回访 leads to 重办. The 承办单位's
退单 waits for the centre's 审核 (同意: back to 已受理 for 改派; 驳回: back to the 承办单位); its 延期申请
waits for the centre's 批准 or 驳回. 撤单 (the caller withdraws) ends an open ticket. 督办, 催办, 分配
and 修改 are recorded events that keep the status.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypedDict, cast

from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.kinds import Kind, Priority
from app.domain.problem import Problem, ProblemError
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import EDITABLE_FIELDS, Caller, Ticket


class DomainError(ProblemError):
    """A rule of the domain was broken; its problem is meant for the person who tried."""


class LifecycleError(DomainError):
    """The action is not allowed for this ticket, role or input."""


@dataclass(frozen=True)
class Command:
    """A request to change a ticket: who asks, in which role, from which seat, with what input."""

    action: Action
    actor: str
    role: Role
    at: datetime
    seat_id: str | None = None
    reason: str = ""
    department: str | None = None  # DISPATCH
    satisfaction: Satisfaction | None = None  # VISIT
    assign_to: str | None = None  # ASSIGN
    changes: dict[str, object] = field(default_factory=dict)  # EDIT
    merge_into: str | None = None  # MERGE: the id of the existing ticket this request joins
    until: datetime | None = None  # EXTEND: the 办结时限 asked for


Guard = Callable[[Ticket, Command], Problem | None]  # returns why it is refused, or None


@dataclass(frozen=True)
class Rule:
    action: Action
    sources: frozenset[Status]
    target: Status | None  # None: the status stays
    roles: frozenset[Role]
    needs_reason: bool = False
    guard: Guard | None = None


_WORKERS = frozenset({Role.OPERATOR, Role.TEAM_LEAD})
# The centre's decisions on what a 承办单位 asks (延期, 退单): not the operator's.
_CENTRE = frozenset({Role.TEAM_LEAD, Role.ADMIN})
_WITH_DEPARTMENT = frozenset({Status.DISPATCHED, Status.IN_PROGRESS})
_OPEN = frozenset(s for s in Status if s.is_open)
# 直接办结 is for requests answered or recorded on the call; complaints and reports need a department.
_DIRECT_CLOSE_KINDS = frozenset({Kind.CONSULTATION, Kind.SUGGESTION, Kind.PRAISE})


def _ready_to_accept(t: Ticket, c: Command) -> Problem | None:
    if not t.content.strip():
        return Problem("lifecycle.content_empty")
    if not t.category_code:
        return Problem("lifecycle.category_missing")
    return None


def _direct_close_kind(t: Ticket, c: Command) -> Problem | None:
    if t.kind not in _DIRECT_CLOSE_KINDS:
        return Problem("lifecycle.must_dispatch", {"kind": t.kind.value})
    return None


def _has_department(t: Ticket, c: Command) -> Problem | None:
    if not c.department:
        return Problem("lifecycle.department_missing")
    if c.department == t.department:
        return Problem("lifecycle.department_same")
    return None


def _has_satisfaction(t: Ticket, c: Command) -> Problem | None:
    return None if c.satisfaction else Problem("lifecycle.satisfaction_missing")


def _close_after_visit(t: Ticket, c: Command) -> Problem | None:
    # An unsatisfied citizen means 重办, unless the team lead decides to close (with a reason).
    if t.satisfaction is Satisfaction.UNSATISFIED and c.role is not Role.TEAM_LEAD:
        return Problem("lifecycle.unsatisfied_close")
    if t.satisfaction is Satisfaction.UNSATISFIED and not c.reason.strip():
        return Problem("lifecycle.unsatisfied_reason")
    return None


def _reopen_after_visit(t: Ticket, c: Command) -> Problem | None:
    # 重办 answers an unsatisfied citizen; reopening a satisfied one is the team lead's decision.
    if t.satisfaction is not Satisfaction.UNSATISFIED and c.role is not Role.TEAM_LEAD:
        return Problem("lifecycle.satisfied_reopen")
    return None


def _assign_target(t: Ticket, c: Command) -> Problem | None:
    if not c.assign_to and c.role not in (Role.TEAM_LEAD, Role.ADMIN):  # a lead may return it to the pool
        return Problem("lifecycle.seat_missing")
    if c.role is Role.OPERATOR and (c.assign_to != c.seat_id or t.assigned_seat not in (None, c.seat_id)):
        return Problem("lifecycle.claim_only_unassigned")
    return None


def _extension_asked(t: Ticket, c: Command) -> Problem | None:
    if t.extension_due is not None:
        return Problem("lifecycle.extension_pending")
    if c.until is None:
        return Problem("lifecycle.extension_until_missing")
    if t.close_due is not None and c.until <= t.close_due:
        return Problem("lifecycle.extension_not_later")
    return None


def _extension_pending(t: Ticket, c: Command) -> Problem | None:
    return None if t.extension_due is not None else Problem("lifecycle.no_extension_asked")


def _merge_target(t: Ticket, c: Command) -> Problem | None:
    if not c.merge_into:
        return Problem("lifecycle.merge_target_missing")
    if c.merge_into == t.id:
        return Problem("lifecycle.merge_self")
    return None


# The type each editable field must have: a plain "complaint" instead of Kind.COMPLAINT would only
# fail later, when the ticket is stored, shown or checked by another rule.
_EDIT_TYPES: dict[str, tuple[type, ...]] = {
    "kind": (Kind,),
    "category_code": (str, type(None)),
    "priority": (Priority,),
    "caller": (Caller,),
    "address": (str,),
    "district": (str,),
    "content": (str,),
}


def _valid_edit(t: Ticket, c: Command) -> Problem | None:
    unknown = set(c.changes) - set(EDITABLE_FIELDS)
    if unknown:
        return Problem("lifecycle.not_editable", {"fields": ", ".join(sorted(unknown))})
    wrong = sorted(name for name, value in c.changes.items() if not isinstance(value, _EDIT_TYPES[name]))
    if wrong:
        return Problem("lifecycle.invalid_value", {"fields": ", ".join(wrong)})
    return None if c.changes else Problem("lifecycle.nothing_changed")


TRANSITIONS: tuple[Rule, ...] = (
    Rule(Action.ACCEPT, frozenset({Status.DRAFT}), Status.ACCEPTED, _WORKERS, guard=_ready_to_accept),
    Rule(
        Action.CLOSE_DIRECT, frozenset({Status.ACCEPTED}), Status.CLOSED, _WORKERS, True, _direct_close_kind
    ),
    Rule(Action.DISPATCH, frozenset({Status.ACCEPTED}), Status.DISPATCHED, _WORKERS, guard=_has_department),
    # 改派 of a ticket still with a department is the team lead's call.
    Rule(
        Action.DISPATCH,
        frozenset({Status.DISPATCHED}),
        Status.DISPATCHED,
        frozenset({Role.TEAM_LEAD}),
        True,
        _has_department,
    ),
    Rule(Action.START, frozenset({Status.DISPATCHED}), Status.IN_PROGRESS, frozenset({Role.DEPARTMENT})),
    Rule(Action.REPLY, frozenset({Status.IN_PROGRESS}), Status.REPLIED, frozenset({Role.DEPARTMENT}), True),
    # 退单 by the 承办单位 waits for the centre's review; the team lead recalls a ticket at once.
    Rule(Action.RETURN, _WITH_DEPARTMENT, Status.RETURNED, frozenset({Role.DEPARTMENT}), True),
    Rule(Action.RETURN, _WITH_DEPARTMENT, Status.ACCEPTED, frozenset({Role.TEAM_LEAD}), True),
    Rule(Action.APPROVE_RETURN, frozenset({Status.RETURNED}), Status.ACCEPTED, _CENTRE),
    Rule(Action.REFUSE_RETURN, frozenset({Status.RETURNED}), Status.DISPATCHED, _CENTRE, True),
    Rule(Action.EXTEND, _WITH_DEPARTMENT, None, frozenset({Role.DEPARTMENT}), True, _extension_asked),
    Rule(Action.APPROVE_EXTENSION, _WITH_DEPARTMENT, None, _CENTRE, guard=_extension_pending),
    Rule(Action.REFUSE_EXTENSION, _WITH_DEPARTMENT, None, _CENTRE, True, _extension_pending),
    Rule(Action.VISIT, frozenset({Status.REPLIED}), Status.VISITED, _WORKERS, guard=_has_satisfaction),
    Rule(Action.CLOSE, frozenset({Status.VISITED}), Status.CLOSED, _WORKERS, guard=_close_after_visit),
    Rule(Action.REOPEN, frozenset({Status.VISITED}), Status.IN_PROGRESS, _WORKERS, True, _reopen_after_visit),
    Rule(Action.SUPERVISE, _OPEN, None, frozenset({Role.TEAM_LEAD, Role.ADMIN, Role.SYSTEM}), True),
    Rule(Action.URGE, _OPEN, None, _WORKERS),  # the reason, when given, is what the caller said
    Rule(Action.WITHDRAW, _OPEN, Status.CLOSED, _WORKERS, True),
    Rule(
        Action.ASSIGN,
        _OPEN | {Status.DRAFT},
        None,
        frozenset({Role.OPERATOR, Role.TEAM_LEAD, Role.ADMIN, Role.SYSTEM}),
        guard=_assign_target,
    ),
    Rule(Action.EDIT, _OPEN, None, _WORKERS, guard=_valid_edit),
    # 并单 right after 受理: the repeat is handled with the ticket it joins (see `link_repeat` for
    # that ticket's side), so it closes here, kept with its events, never deleted.
    Rule(Action.MERGE, frozenset({Status.ACCEPTED}), Status.CLOSED, _WORKERS, guard=_merge_target),
)


# Rules by (action, source status), in table order: the server looks one up per pushed op.
_BY_STEP: dict[tuple[Action, Status], tuple[Rule, ...]] = {
    (action, status): tuple(r for r in TRANSITIONS if r.action is action and status in r.sources)
    for action in Action
    for status in Status
}


def find_rule(status: Status, action: Action, role: Role) -> Rule:
    """The rule allowing `action` from `status` for `role`, or a LifecycleError saying why not."""
    by_status = _BY_STEP[action, status]
    if not by_status:
        raise LifecycleError(
            Problem("lifecycle.not_from_status", {"status": status.value, "action": action.value})
        )
    for rule in by_status:
        if role in rule.roles:
            return rule
    raise LifecycleError(Problem("lifecycle.role_may_not", {"role": role.value, "action": action.value}))


def allowed_actions(ticket: Ticket, role: Role) -> list[Action]:
    """Actions the role may try on the ticket now (guards are checked when applied)."""
    seen: dict[Action, None] = {}
    for rule in TRANSITIONS:
        if ticket.status in rule.sources and role in rule.roles:
            seen.setdefault(rule.action)
    return list(seen)


# The usual way on from each status: what a ticket view offers first.
_NEXT_STEP: dict[Status, Action] = {
    Status.DRAFT: Action.ACCEPT,
    Status.ACCEPTED: Action.DISPATCH,
    Status.DISPATCHED: Action.START,
    Status.IN_PROGRESS: Action.REPLY,
    Status.RETURNED: Action.APPROVE_RETURN,
    Status.REPLIED: Action.VISIT,
    Status.VISITED: Action.CLOSE,
}


def suggested_action(ticket: Ticket, role: Role) -> Action | None:
    """The step the role most likely takes next, among those allowed: the answer to a waiting
    延期申请, 重办 after an unsatisfied 回访, else the usual way on (a suggestion, never a decision)."""
    offered = allowed_actions(ticket, role)
    if ticket.extension_due is not None and Action.APPROVE_EXTENSION in offered:
        return Action.APPROVE_EXTENSION
    if ticket.satisfaction is Satisfaction.UNSATISFIED and Action.REOPEN in offered:
        return Action.REOPEN
    usual = _NEXT_STEP.get(ticket.status)
    if usual in offered:
        return usual
    return offered[0] if offered else None


_HANDLED = (Status.DISPATCHED, Status.IN_PROGRESS)  # where a department works and may ask for time


def apply(ticket: Ticket, cmd: Command, *, event_id: str | None = None) -> tuple[Ticket, TicketEvent]:
    """Apply a command: the changed ticket and the event to record (with `event_id`, or a new id),
    or a LifecycleError."""
    rule = find_rule(ticket.status, cmd.action, cmd.role)
    if rule.needs_reason and not cmd.reason.strip():
        raise LifecycleError(Problem("lifecycle.reason_needed", {"action": cmd.action.value}))
    if rule.guard is not None and (refusal := rule.guard(ticket, cmd)) is not None:
        raise LifecycleError(refusal)
    target = rule.target or ticket.status
    effects = _effects(ticket, cmd)
    if target not in _HANDLED:  # a 延期 request lapses with the handling it asked time for (答复, 退单, 撤单)
        effects["extension_due"] = None
    changed = dataclasses.replace(ticket, status=target, **effects)
    event = TicketEvent(
        id=event_id or new_id(),
        ticket_id=ticket.id,
        action=cmd.action,
        from_status=ticket.status,
        to_status=target,
        at=cmd.at,
        actor=cmd.actor,
        role=cmd.role,
        seat_id=cmd.seat_id,
        reason=cmd.reason,
        data=_event_data(ticket, cmd),
    )
    return changed, event


class _Effects(TypedDict, total=False):
    """Fields an action sets besides the status: one replace per step, not two (the server takes
    thousands of steps per drain)."""

    accepted_at: datetime
    closed_at: datetime | None
    assigned_seat: str | None
    department: str | None
    satisfaction: Satisfaction | None
    supervised: bool
    extension_due: datetime | None
    close_due: datetime | None
    urge_count: int
    kind: Kind
    category_code: str | None
    priority: Priority
    caller: Caller
    address: str
    district: str
    content: str


def _effects(t: Ticket, c: Command) -> _Effects:
    match c.action:
        case Action.ACCEPT:
            return {"accepted_at": c.at, "assigned_seat": t.assigned_seat or c.seat_id}
        case Action.CLOSE_DIRECT | Action.CLOSE | Action.MERGE:
            return {"closed_at": c.at}
        case Action.WITHDRAW:
            return {"closed_at": c.at}
        case Action.DISPATCH:
            return {"department": c.department}
        case Action.RETURN if c.role is Role.DEPARTMENT:
            return {}  # the department stays until the centre agrees
        case Action.RETURN | Action.APPROVE_RETURN:
            return {"department": None}
        case Action.EXTEND:
            return {"extension_due": c.until}
        case Action.APPROVE_EXTENSION:
            return {"close_due": t.extension_due, "extension_due": None}
        case Action.REFUSE_EXTENSION:
            return {"extension_due": None}
        case Action.URGE:
            return {"urge_count": t.urge_count + 1}
        case Action.VISIT:
            return {"satisfaction": c.satisfaction}
        case Action.REOPEN:
            return {"satisfaction": None, "closed_at": None}
        case Action.SUPERVISE:
            return {"supervised": True}
        case Action.ASSIGN:
            return {"assigned_seat": c.assign_to}
        case Action.EDIT:
            return cast(_Effects, dict(c.changes))  # the guard checked names and types
        case _:
            return {}


def _event_data(t: Ticket, c: Command) -> dict[str, str]:
    match c.action:
        case Action.DISPATCH:
            return {"department": c.department or "", "previous": t.department or ""}
        case Action.VISIT:
            return {"satisfaction": c.satisfaction.value if c.satisfaction else ""}
        case Action.ASSIGN:
            return {"assign_to": c.assign_to or "", "previous": t.assigned_seat or ""}
        case Action.EDIT:
            return _flatten_changes(c.changes)
        case Action.MERGE:
            return {"into": c.merge_into or ""}
        case Action.EXTEND:
            return {"until": _iso(c.until), "close_due": _iso(t.close_due)}
        case Action.APPROVE_EXTENSION:
            return {"close_due": _iso(t.extension_due), "previous": _iso(t.close_due)}
        case Action.REFUSE_EXTENSION:
            return {"until": _iso(t.extension_due)}
        case Action.RETURN | Action.APPROVE_RETURN | Action.REFUSE_RETURN:
            return {"department": t.department or ""}
        case Action.URGE:
            return {"count": str(t.urge_count + 1)}
        case _:
            return {}


def _iso(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat()


def link_repeat(main: Ticket, repeat: Ticket, merge: TicketEvent) -> TicketEvent:
    """The existing ticket's side of a 并单: an event recording which repeat joined it (status,
    fields and deadlines stay). `merge` is the repeat's MERGE event; a LifecycleError when `main`
    cannot take the repeat."""
    if main.id == repeat.id:
        raise LifecycleError(Problem("lifecycle.merge_self"))
    if not main.status.is_open:
        raise LifecycleError(Problem("lifecycle.merge_target_closed"))
    return TicketEvent(
        id=new_id(),
        ticket_id=main.id,
        action=Action.MERGE,
        from_status=main.status,
        to_status=main.status,
        at=merge.at,
        actor=merge.actor,
        role=merge.role,
        seat_id=merge.seat_id,
        reason=merge.reason,
        data={"from": repeat.id, "from_no": repeat.display_no},
    )


def is_repeat(event: TicketEvent) -> bool:
    """The repeat's own 并单 event (what the report counts), not the link on the ticket it joined."""
    return event.action is Action.MERGE and event.from_status is not event.to_status


def _flatten_changes(changes: dict[str, object]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in changes.items():
        if isinstance(value, Caller):
            flat["caller_name"], flat["caller_phone"] = value.name, value.phone
        else:
            flat[name] = str(value)
    return flat
