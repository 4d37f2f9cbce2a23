"""Which notifications a change brings: one rule per kind, nothing for one's own changes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.status import Action, Role, Status
from app.domain.ticket import Ticket
from app.notify.derive import FRESH, deadline_warnings, from_conflict, from_events
from app.notify.notification import NotificationKind as K
from app.notify.notification import Viewer

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI)
OPERATOR = Viewer("S01", Role.OPERATOR, frozenset({"op01", "李娜"}))
LEAD = Viewer("L01", Role.TEAM_LEAD, frozenset({"lead", "李华"}))


def ticket(status: Status = Status.IN_PROGRESS, seat: str | None = "S01", **fields: object) -> Ticket:
    values: dict[str, object] = {
        "id": new_id(),
        "local_no": "L-S01-20261207-0001",
        "number": "12345-20261207-000007",
        "kind": Kind.COMPLAINT,
        "status": status,
        "seat_id": "S01",
        "created_at": NOW - timedelta(hours=5),
        "assigned_seat": seat,
        **fields,
    }
    return Ticket(**values)  # type: ignore[arg-type]


def event(
    t: Ticket,
    action: Action,
    *,
    to: Status | None = None,
    actor: str = "李华",
    role: Role = Role.TEAM_LEAD,
    seat: str | None = "L01",
    at: datetime = NOW - timedelta(minutes=1),
    reason: str = "",
    **data: str,
) -> TicketEvent:
    return TicketEvent(new_id(), t.id, action, t.status, to or t.status, at, actor, role, seat, reason, data)


def kinds(viewer: Viewer, t: Ticket, *events: TicketEvent) -> list[tuple[K, dict[str, str]]]:
    return [(n.kind, dict(n.params)) for n in from_events(viewer, t, events, NOW)]


def test_a_lead_moving_a_ticket_to_this_seat_tells_it_assigned_with_who_and_why() -> None:
    t = ticket(seat="S01")
    moved = event(t, Action.ASSIGN, reason="忙闲调整", assign_to="S01", previous="S02", seat=None)
    [(kind, params)] = kinds(OPERATOR, t, moved)
    assert kind is K.ASSIGNED_TO_ME
    assert params["actor"] == "李华" and params["reason"] == "忙闲调整" and params["previous"] == "S02"
    assert params["ticket"] == "12345-20261207-000007"


def test_the_seat_a_ticket_was_moved_away_from_is_told_where_it_went_or_that_it_went_to_the_pool() -> None:
    t = ticket(seat="S02")
    [(kind, params)] = kinds(OPERATOR, t, event(t, Action.ASSIGN, assign_to="S02", previous="S01"))
    assert kind is K.MOVED_AWAY and params["seat"] == "S02"
    pooled = ticket(seat=None)
    [(kind, params)] = kinds(OPERATOR, pooled, event(pooled, Action.ASSIGN, assign_to="", previous="S01"))
    assert kind is K.MOVED_AWAY and params["seat"] == ""


def test_a_move_between_two_other_seats_tells_this_seat_nothing() -> None:
    t = ticket(seat="S03")
    assert kinds(OPERATOR, t, event(t, Action.ASSIGN, assign_to="S03", previous="S02")) == []


def test_a_change_made_at_this_seat_or_under_this_users_name_never_notifies() -> None:
    t = ticket(seat="S01")
    claimed = event(
        t, Action.ASSIGN, actor="李娜", role=Role.OPERATOR, seat="S01", assign_to="S01", previous=""
    )
    assert kinds(OPERATOR, t, claimed) == []
    elsewhere = event(t, Action.ASSIGN, actor="op01", seat="S09", assign_to="S01", previous="S02")
    assert kinds(OPERATOR, t, elsewhere) == []  # the same account at another seat
    supervised_by_me = event(t, Action.SUPERVISE, actor="李华", seat="L01")
    assert kinds(LEAD, ticket(seat="L01"), supervised_by_me) == []


def test_a_department_return_tells_the_owning_seat_and_asks_a_lead_to_review() -> None:
    t = ticket(Status.RETURNED, seat="S01")
    returned = event(t, Action.RETURN, to=Status.RETURNED, actor="区住建局", role=Role.DEPARTMENT, seat=None)
    assert kinds(OPERATOR, t, returned) == [
        (K.RETURNED, {"ticket": t.display_no, "actor": "区住建局", "role": "department", "step": "asked"})
    ]
    [(kind, params)] = kinds(LEAD, t, returned)
    assert kind is K.RETURNED and params["step"] == "review"


def test_the_review_of_a_return_tells_the_owning_seat_whether_it_was_agreed() -> None:
    t = ticket(Status.ACCEPTED)
    assert kinds(OPERATOR, t, event(t, Action.APPROVE_RETURN))[0][1]["step"] == "approved"
    assert kinds(OPERATOR, t, event(t, Action.REFUSE_RETURN))[0][1]["step"] == "refused"
    assert kinds(OPERATOR, ticket(seat="S02"), event(t, Action.APPROVE_RETURN)) == []


def test_supervision_and_urging_tell_the_owning_seat_only() -> None:
    t = ticket(urge_count=2)
    assert [k for k, _ in kinds(OPERATOR, t, event(t, Action.SUPERVISE, reason="超期"))] == [K.SUPERVISED]
    [(kind, params)] = kinds(OPERATOR, t, event(t, Action.URGE, role=Role.OPERATOR, seat="S05"))
    assert kind is K.URGED and params["count"] == "2"
    other = ticket(seat="S02")
    assert kinds(OPERATOR, other, event(other, Action.SUPERVISE), event(other, Action.URGE)) == []


def test_a_repeat_merged_into_this_seats_ticket_tells_the_seat_which_request_joined() -> None:
    main, elsewhere = ticket(), ticket(seat="S02")
    repeat = ticket(Status.ACCEPTED, seat="S05")
    link = event(
        main,
        Action.MERGE,
        actor="王芳",
        role=Role.OPERATOR,
        seat="S05",
        **{"from": repeat.id, "from_no": "L-S05-0003"},
    )
    [(kind, params)] = kinds(OPERATOR, main, link)
    assert kind is K.MERGED and params["from_no"] == "L-S05-0003" and params["actor"] == "王芳"
    assert kinds(OPERATOR, elsewhere, link) == []
    # The repeat's own 并单 (受理 → 办结) is not news to anyone.
    closing = event(repeat, Action.MERGE, to=Status.CLOSED, role=Role.OPERATOR, seat="S01")
    assert kinds(OPERATOR, ticket(Status.ACCEPTED, seat="S01"), closing) == []


def test_an_extension_request_waits_for_a_lead_and_its_answer_reaches_the_owning_seat() -> None:
    t = ticket()
    asked = event(t, Action.EXTEND, actor="区住建局", role=Role.DEPARTMENT, seat=None, reason="需现场勘查")
    assert [k for k, _ in kinds(LEAD, t, asked)] == [K.EXTENSION_ASKED]
    assert kinds(OPERATOR, t, asked) == []
    assert kinds(OPERATOR, t, event(t, Action.APPROVE_EXTENSION))[0][1]["answer"] == "approved"
    assert kinds(OPERATOR, t, event(t, Action.REFUSE_EXTENSION))[0][1]["answer"] == "refused"


def test_old_events_a_first_pull_brings_are_history_not_news() -> None:
    t = ticket()
    old = event(t, Action.SUPERVISE, at=NOW - FRESH - timedelta(minutes=1))
    assert kinds(OPERATOR, t, old) == []


def test_a_notification_is_keyed_by_the_event_it_came_from() -> None:
    t = ticket()
    supervised = event(t, Action.SUPERVISE)
    [first] = from_events(OPERATOR, t, [supervised], NOW)
    [again] = from_events(OPERATOR, t, [supervised], NOW + timedelta(hours=1))
    assert first.key == again.key == f"supervised:{supervised.id}"


@pytest.mark.parametrize(
    ("due_in", "expected"),
    [
        (timedelta(minutes=90), []),
        (timedelta(minutes=30), [K.SLA_WARNING]),
        (timedelta(minutes=-5), [K.SLA_OVERDUE]),
    ],
)
def test_a_running_deadline_warns_within_the_lead_time_and_once_it_passed(
    due_in: timedelta, expected: list[K]
) -> None:
    t = ticket(Status.ACCEPTED, dispatch_due=NOW + due_in)
    found = deadline_warnings([t], NOW, timedelta(hours=1))
    assert [n.kind for n in found] == expected
    for n in found:
        assert n.params["deadline"] == "dispatch" and n.params["due"] == (NOW + due_in).isoformat()


def test_the_same_deadline_warns_under_the_same_key_and_a_new_deadline_under_another() -> None:
    t = ticket(Status.IN_PROGRESS, close_due=NOW + timedelta(minutes=20))
    [first] = deadline_warnings([t], NOW, timedelta(hours=1))
    [later] = deadline_warnings([t], NOW + timedelta(minutes=10), timedelta(hours=1))
    assert first.key == later.key
    extended = ticket(Status.IN_PROGRESS, id=t.id, close_due=NOW + timedelta(minutes=50))
    [replanned] = deadline_warnings([extended], NOW, timedelta(hours=1))
    assert replanned.key != first.key


def test_a_ticket_with_no_running_deadline_never_warns() -> None:
    replied = ticket(Status.REPLIED, close_due=NOW - timedelta(hours=1))
    assert deadline_warnings([replied], NOW, timedelta(hours=1)) == []


def test_a_conflict_notifies_under_its_own_id() -> None:
    note = from_conflict("c1", "t1", "12345-1", "rejected", NOW)
    assert note.kind is K.SYNC_CONFLICT and note.key == "sync_conflict:c1"
    assert dict(note.params) == {"ticket": "12345-1", "outcome": "rejected"}
