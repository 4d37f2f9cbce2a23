"""The ticket lifecycle (流转规则) as a specification: who may do what to a ticket in which status."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.events import TicketEvent
from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import (
    TRANSITIONS,
    Command,
    DomainError,
    LifecycleError,
    allowed_actions,
    apply,
    find_rule,
    suggested_action,
)
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import EDITABLE_FIELDS, Caller, Ticket

T0 = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
SEAT = "S01"
OTHER_SEAT = "S02"

OP = Role.OPERATOR
LEAD = Role.TEAM_LEAD
DEPT = Role.DEPARTMENT
ADMIN = Role.ADMIN
SYSTEM = Role.SYSTEM

# What each status looks like when reached the normal way; `ticket_in` builds on it.
_STATUS_FIELDS: dict[Status, dict[str, object]] = {
    Status.DRAFT: {},
    Status.ACCEPTED: {"accepted_at": T0, "assigned_seat": SEAT},
    Status.DISPATCHED: {"accepted_at": T0, "assigned_seat": SEAT, "department": "D-WATER"},
    Status.IN_PROGRESS: {"accepted_at": T0, "assigned_seat": SEAT, "department": "D-WATER"},
    Status.RETURNED: {"accepted_at": T0, "assigned_seat": SEAT, "department": "D-WATER"},
    Status.REPLIED: {"accepted_at": T0, "assigned_seat": SEAT, "department": "D-WATER"},
    Status.VISITED: {
        "accepted_at": T0,
        "assigned_seat": SEAT,
        "department": "D-WATER",
        "satisfaction": Satisfaction.SATISFIED,
    },
    Status.CLOSED: {
        "accepted_at": T0,
        "assigned_seat": SEAT,
        "department": "D-WATER",
        "satisfaction": Satisfaction.SATISFIED,
        "closed_at": T0 + timedelta(days=3),
    },
}


def ticket_in(status: Status, **fields: object) -> Ticket:
    """A ticket in `status` with the fields that status normally has; `fields` override them."""
    base = Ticket(
        id="0193f0a0-0000-7000-8000-000000000001",
        local_no="L-S01-20261125-0001",
        kind=Kind.COMPLAINT,
        status=status,
        seat_id=SEAT,
        created_at=T0 - timedelta(minutes=5),
        category_code="CJ.WY.DT",
        caller=Caller("张三", "13812345678"),
        address="福田区某小区3栋",
        content="电梯停运两天，无人维修",
        dispatch_due=T0 + timedelta(hours=8),
        close_due=T0 + timedelta(days=15),
    )
    return dataclasses.replace(base, **{**_STATUS_FIELDS[status], **fields})  # type: ignore[arg-type]


def cmd(action: Action, role: Role = OP, **fields: object) -> Command:
    defaults: dict[str, object] = {"actor": "李娜", "at": T0 + timedelta(hours=1), "seat_id": SEAT}
    return Command(action, role=role, **{**defaults, **fields})  # type: ignore[arg-type]


def refusal(ticket: Ticket, command: Command) -> str:
    with pytest.raises(LifecycleError) as info:
        apply(ticket, command)
    return str(info.value)


# -- the normal way through --------------------------------------------------------------------


def test_a_complaint_goes_from_draft_through_every_step_to_closed() -> None:
    steps: list[tuple[Command, Status]] = [
        (cmd(Action.ACCEPT), Status.ACCEPTED),
        (cmd(Action.DISPATCH, department="D-WATER"), Status.DISPATCHED),
        (cmd(Action.START, DEPT, actor="水务局", seat_id=None), Status.IN_PROGRESS),
        (cmd(Action.REPLY, DEPT, actor="水务局", seat_id=None, reason="已修复"), Status.REPLIED),
        (cmd(Action.VISIT, satisfaction=Satisfaction.SATISFIED), Status.VISITED),
        (cmd(Action.CLOSE), Status.CLOSED),
    ]
    ticket = ticket_in(Status.DRAFT)
    for command, expected in steps:
        before = ticket.status
        ticket, event = apply(ticket, command)
        assert (event.from_status, event.to_status) == (before, expected)
        assert ticket.status is expected
    assert ticket.closed_at == steps[-1][0].at
    assert ticket.department == "D-WATER"
    assert ticket.satisfaction is Satisfaction.SATISFIED


def test_a_consultation_answered_on_the_call_is_closed_directly() -> None:
    accepted = ticket_in(Status.ACCEPTED, kind=Kind.CONSULTATION)
    closed, event = apply(accepted, cmd(Action.CLOSE_DIRECT, reason="已按知识库答复：公积金提取条件"))
    assert closed.status is Status.CLOSED
    assert closed.closed_at == event.at
    assert closed.department is None  # never went to a department
    assert (event.from_status, event.to_status) == (Status.ACCEPTED, Status.CLOSED)


def test_accepting_stamps_the_time_and_gives_the_ticket_to_the_accepting_seat() -> None:
    draft = ticket_in(Status.DRAFT)
    assert draft.assigned_seat is None
    accepted, _ = apply(draft, cmd(Action.ACCEPT, at=T0))
    assert accepted.accepted_at == T0
    assert accepted.assigned_seat == SEAT


def test_accepting_keeps_a_seat_assignment_made_on_the_draft() -> None:
    draft = ticket_in(Status.DRAFT, assigned_seat=OTHER_SEAT)
    accepted, _ = apply(draft, cmd(Action.ACCEPT))
    assert accepted.assigned_seat == OTHER_SEAT


# -- the transition table, row by row ------------------------------------------------------------

ALLOWED: list[tuple[Status, Action, Role, Status]] = [
    (Status.DRAFT, Action.ACCEPT, OP, Status.ACCEPTED),
    (Status.DRAFT, Action.ACCEPT, LEAD, Status.ACCEPTED),
    (Status.ACCEPTED, Action.DISPATCH, OP, Status.DISPATCHED),
    (Status.ACCEPTED, Action.DISPATCH, LEAD, Status.DISPATCHED),
    (Status.DISPATCHED, Action.DISPATCH, LEAD, Status.DISPATCHED),  # 改派
    (Status.DISPATCHED, Action.RETURN, DEPT, Status.RETURNED),  # 退单 waits for the centre's 审核
    (Status.IN_PROGRESS, Action.RETURN, DEPT, Status.RETURNED),
    (Status.DISPATCHED, Action.RETURN, LEAD, Status.ACCEPTED),  # the centre recalls it at once
    (Status.RETURNED, Action.APPROVE_RETURN, LEAD, Status.ACCEPTED),
    (Status.RETURNED, Action.APPROVE_RETURN, ADMIN, Status.ACCEPTED),
    (Status.RETURNED, Action.REFUSE_RETURN, LEAD, Status.DISPATCHED),
    (Status.DISPATCHED, Action.START, DEPT, Status.IN_PROGRESS),  # 签收
    (Status.DISPATCHED, Action.EXTEND, DEPT, Status.DISPATCHED),  # 延期申请 keeps the status
    (Status.IN_PROGRESS, Action.EXTEND, DEPT, Status.IN_PROGRESS),
    (Status.IN_PROGRESS, Action.APPROVE_EXTENSION, LEAD, Status.IN_PROGRESS),
    (Status.IN_PROGRESS, Action.REFUSE_EXTENSION, ADMIN, Status.IN_PROGRESS),
    (Status.ACCEPTED, Action.WITHDRAW, OP, Status.CLOSED),  # 撤单
    (Status.IN_PROGRESS, Action.WITHDRAW, LEAD, Status.CLOSED),
    (Status.RETURNED, Action.WITHDRAW, OP, Status.CLOSED),
    (Status.REPLIED, Action.URGE, OP, Status.REPLIED),  # 催办 keeps the status
    (Status.DISPATCHED, Action.URGE, LEAD, Status.DISPATCHED),
    (Status.IN_PROGRESS, Action.REPLY, DEPT, Status.REPLIED),
    (Status.REPLIED, Action.VISIT, OP, Status.VISITED),
    (Status.REPLIED, Action.VISIT, LEAD, Status.VISITED),
    (Status.VISITED, Action.CLOSE, OP, Status.CLOSED),
    (Status.VISITED, Action.CLOSE, LEAD, Status.CLOSED),
    (Status.VISITED, Action.REOPEN, OP, Status.IN_PROGRESS),  # 重办
    (Status.VISITED, Action.REOPEN, LEAD, Status.IN_PROGRESS),
    (Status.ACCEPTED, Action.SUPERVISE, LEAD, Status.ACCEPTED),  # 督办 keeps the status
    (Status.IN_PROGRESS, Action.SUPERVISE, SYSTEM, Status.IN_PROGRESS),
    (Status.REPLIED, Action.SUPERVISE, ADMIN, Status.REPLIED),
    (Status.DRAFT, Action.ASSIGN, SYSTEM, Status.DRAFT),
    (Status.DISPATCHED, Action.ASSIGN, LEAD, Status.DISPATCHED),
    (Status.ACCEPTED, Action.EDIT, OP, Status.ACCEPTED),
    (Status.VISITED, Action.EDIT, LEAD, Status.VISITED),
]


def _valid_input(ticket: Ticket, action: Action, role: Role) -> Command:
    """A command with every input the action needs, so only the table decides."""
    extra: dict[str, object] = {"reason": "按规定办理"}
    if action is Action.DISPATCH:
        extra["department"] = "D-HOUSING" if ticket.department != "D-HOUSING" else "D-WATER"
    if action is Action.VISIT:
        extra["satisfaction"] = Satisfaction.BASIC
    if action is Action.ASSIGN:
        extra["assign_to"] = SEAT
    if action is Action.EDIT:
        extra["changes"] = {"address": "罗湖区新地址"}
    if action is Action.EXTEND:
        extra["until"] = T0 + timedelta(days=30)
    return cmd(action, role, **extra)


@pytest.mark.parametrize(("source", "action", "role", "target"), ALLOWED)
def test_the_table_allows(source: Status, action: Action, role: Role, target: Status) -> None:
    ticket = ticket_in(source, kind=Kind.CONSULTATION if action is Action.CLOSE_DIRECT else Kind.COMPLAINT)
    if action is Action.REOPEN:
        ticket = dataclasses.replace(ticket, satisfaction=Satisfaction.UNSATISFIED)
    if action in (Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION):
        ticket = dataclasses.replace(ticket, extension_due=T0 + timedelta(days=30))
    changed, event = apply(ticket, _valid_input(ticket, action, role))
    assert changed.status is target
    assert (event.action, event.from_status, event.to_status, event.role) == (action, source, target, role)


REFUSED: list[tuple[Status, Action, Role, str]] = [
    # status does not allow the action at all
    (Status.CLOSED, Action.DISPATCH, OP, "cannot dispatch a closed ticket"),
    (Status.CLOSED, Action.REOPEN, LEAD, "cannot reopen a closed ticket"),
    (Status.CLOSED, Action.EDIT, LEAD, "cannot edit a closed ticket"),
    (Status.CLOSED, Action.SUPERVISE, LEAD, "cannot supervise a closed ticket"),
    (Status.CLOSED, Action.ASSIGN, LEAD, "cannot assign a closed ticket"),
    (Status.DRAFT, Action.DISPATCH, OP, "cannot dispatch a draft ticket"),
    (Status.DRAFT, Action.SUPERVISE, LEAD, "cannot supervise a draft ticket"),
    (Status.DRAFT, Action.EDIT, OP, "cannot edit a draft ticket"),
    (Status.ACCEPTED, Action.ACCEPT, OP, "cannot accept a accepted ticket"),
    (Status.ACCEPTED, Action.CLOSE, LEAD, "cannot close a accepted ticket"),
    (Status.REPLIED, Action.CLOSE, LEAD, "cannot close a replied ticket"),  # 回访 first
    (Status.DISPATCHED, Action.REPLY, DEPT, "cannot reply a dispatched ticket"),  # 签收 first
    (Status.DISPATCHED, Action.CLOSE_DIRECT, LEAD, "cannot close direct a dispatched ticket"),
    (Status.REPLIED, Action.RETURN, DEPT, "cannot return a replied ticket"),
    (Status.REPLIED, Action.REOPEN, LEAD, "cannot reopen a replied ticket"),
    # the action exists here, but not for this role
    (Status.DISPATCHED, Action.DISPATCH, OP, "role operator may not dispatch"),  # 改派 is the lead's
    (Status.DISPATCHED, Action.RETURN, OP, "role operator may not return"),
    (Status.DISPATCHED, Action.START, OP, "role operator may not start"),
    (Status.IN_PROGRESS, Action.REPLY, LEAD, "role team lead may not reply"),
    (Status.DRAFT, Action.ACCEPT, DEPT, "role department may not accept"),
    (Status.DRAFT, Action.ACCEPT, ADMIN, "role admin may not accept"),
    (Status.DRAFT, Action.ACCEPT, SYSTEM, "role system may not accept"),
    (Status.ACCEPTED, Action.DISPATCH, DEPT, "role department may not dispatch"),
    (Status.REPLIED, Action.VISIT, DEPT, "role department may not visit"),
    (Status.VISITED, Action.CLOSE, DEPT, "role department may not close"),
    (Status.VISITED, Action.CLOSE, SYSTEM, "role system may not close"),
    (Status.ACCEPTED, Action.SUPERVISE, OP, "role operator may not supervise"),
    (Status.ACCEPTED, Action.EDIT, DEPT, "role department may not edit"),
    (Status.ACCEPTED, Action.EDIT, SYSTEM, "role system may not edit"),
    (Status.ACCEPTED, Action.ASSIGN, DEPT, "role department may not assign"),
    # the centre decides what a 承办单位 asks; the 承办单位 and the operator do not
    (Status.RETURNED, Action.APPROVE_RETURN, OP, "role operator may not approve return"),
    (Status.RETURNED, Action.APPROVE_RETURN, DEPT, "role department may not approve return"),
    (Status.RETURNED, Action.REFUSE_RETURN, OP, "role operator may not refuse return"),
    (Status.IN_PROGRESS, Action.APPROVE_EXTENSION, OP, "role operator may not approve extension"),
    (Status.IN_PROGRESS, Action.APPROVE_EXTENSION, DEPT, "role department may not approve extension"),
    (Status.IN_PROGRESS, Action.REFUSE_EXTENSION, OP, "role operator may not refuse extension"),
    (Status.IN_PROGRESS, Action.EXTEND, OP, "role operator may not extend"),
    (Status.RETURNED, Action.START, DEPT, "cannot start a returned ticket"),  # waits for 审核
    (Status.RETURNED, Action.DISPATCH, LEAD, "cannot dispatch a returned ticket"),  # 审核 first
    (Status.REPLIED, Action.EXTEND, DEPT, "cannot extend a replied ticket"),
    (Status.IN_PROGRESS, Action.WITHDRAW, DEPT, "role department may not withdraw"),
    (Status.IN_PROGRESS, Action.URGE, DEPT, "role department may not urge"),
    (Status.CLOSED, Action.WITHDRAW, LEAD, "cannot withdraw a closed ticket"),
    (Status.CLOSED, Action.URGE, OP, "cannot urge a closed ticket"),
]


@pytest.mark.parametrize(("status", "action", "role", "why"), REFUSED)
def test_the_table_refuses(status: Status, action: Action, role: Role, why: str) -> None:
    ticket = ticket_in(status)
    assert why in refusal(ticket, _valid_input(ticket, action, role))


def test_operator_cannot_dispatch_a_closed_ticket() -> None:
    message = refusal(ticket_in(Status.CLOSED), cmd(Action.DISPATCH, department="D-HOUSING"))
    # The person who tried reads the Chinese part; the English part is for logs and support.
    assert "「已办结」的工单不能「派单」" in message
    assert "cannot dispatch a closed ticket" in message


def test_a_refused_role_is_named_in_the_message() -> None:
    message = refusal(ticket_in(Status.DISPATCHED), cmd(Action.DISPATCH, OP, department="D-HOUSING"))
    assert "话务员无权「派单」" in message
    assert "role operator may not dispatch" in message


def test_lifecycle_errors_are_domain_errors() -> None:
    assert issubclass(LifecycleError, DomainError)


def test_find_rule_returns_the_rule_of_the_table() -> None:
    rule = find_rule(Status.DISPATCHED, Action.DISPATCH, LEAD)
    assert rule in TRANSITIONS
    assert rule.needs_reason  # 改派 is explained
    assert rule.target is Status.DISPATCHED


# -- inputs each action needs ----------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_return_needs_a_reason(reason: str) -> None:
    message = refusal(ticket_in(Status.DISPATCHED), cmd(Action.RETURN, DEPT, reason=reason))
    assert "「退单」须填写说明" in message
    assert "return needs a reason" in message


def test_a_departments_return_waits_for_the_centres_review_then_the_ticket_is_dispatched_anew() -> None:
    returned, event = apply(
        ticket_in(Status.IN_PROGRESS), cmd(Action.RETURN, DEPT, reason="不属于本单位职责")
    )
    assert returned.status is Status.RETURNED
    assert returned.department == "D-WATER"  # still theirs until the centre agrees
    assert (event.reason, event.data) == ("不属于本单位职责", {"department": "D-WATER"})
    assert set(allowed_actions(returned, OP)) == {Action.ASSIGN, Action.EDIT, Action.URGE, Action.WITHDRAW}
    agreed, review = apply(returned, cmd(Action.APPROVE_RETURN, LEAD))
    assert (agreed.status, agreed.department) == (Status.ACCEPTED, None)
    assert review.data == {"department": "D-WATER"}
    # 改派 after 退单 is an ordinary dispatch again, open to the operator.
    redispatched, _ = apply(agreed, cmd(Action.DISPATCH, OP, department="D-HOUSING"))
    assert redispatched.status is Status.DISPATCHED
    assert redispatched.department == "D-HOUSING"


def test_a_refused_return_goes_back_to_the_same_department_with_the_reason() -> None:
    returned = ticket_in(Status.RETURNED)
    assert "refuse return needs a reason" in refusal(returned, cmd(Action.REFUSE_RETURN, LEAD))
    back, event = apply(returned, cmd(Action.REFUSE_RETURN, LEAD, reason="属本单位职责，请签收办理"))
    assert (back.status, back.department) == (Status.DISPATCHED, "D-WATER")
    assert event.reason == "属本单位职责，请签收办理"


def test_the_team_lead_recalls_a_dispatched_ticket_without_a_review() -> None:
    recalled, _ = apply(ticket_in(Status.DISPATCHED), cmd(Action.RETURN, LEAD, reason="派错单位"))
    assert (recalled.status, recalled.department) == (Status.ACCEPTED, None)


# -- 延期: asked by the 承办单位, answered by the centre ----------------------------------------------

LATER = T0 + timedelta(days=30)


def test_an_extension_is_asked_with_a_later_deadline_and_a_reason_and_waits_for_the_centre() -> None:
    ticket = ticket_in(Status.IN_PROGRESS)
    asked, event = apply(ticket, cmd(Action.EXTEND, DEPT, until=LATER, reason="需协调三个部门"))
    assert (asked.status, asked.extension_due, asked.close_due) == (
        Status.IN_PROGRESS,
        LATER,
        ticket.close_due,
    )
    assert event.data == {"until": LATER.isoformat(), "close_due": ticket.close_due.isoformat()}  # type: ignore[union-attr]
    assert "extend needs a reason" in refusal(ticket, cmd(Action.EXTEND, DEPT, until=LATER))
    assert "An extension needs a new deadline" in refusal(ticket, cmd(Action.EXTEND, DEPT, reason="需协调"))
    earlier = cmd(Action.EXTEND, DEPT, until=T0 + timedelta(days=2), reason="需协调")
    assert "must be later than the current one" in refusal(ticket, earlier)
    again = cmd(Action.EXTEND, DEPT, until=LATER + timedelta(days=1), reason="再延")
    assert "already waits for the centre" in refusal(asked, again)


def test_an_approved_extension_moves_the_close_deadline() -> None:
    asked = ticket_in(Status.IN_PROGRESS, extension_due=LATER)
    approved, event = apply(asked, cmd(Action.APPROVE_EXTENSION, LEAD))
    assert (approved.close_due, approved.extension_due) == (LATER, None)
    assert approved.next_due == LATER
    assert event.data == {"close_due": LATER.isoformat(), "previous": asked.close_due.isoformat()}  # type: ignore[union-attr]


def test_a_refused_extension_keeps_the_deadline_and_needs_a_reason() -> None:
    asked = ticket_in(Status.IN_PROGRESS, extension_due=LATER)
    assert "refuse extension needs a reason" in refusal(asked, cmd(Action.REFUSE_EXTENSION, LEAD))
    refused, _ = apply(asked, cmd(Action.REFUSE_EXTENSION, LEAD, reason="理由不充分"))
    assert (refused.close_due, refused.extension_due) == (asked.close_due, None)


def test_an_extension_still_waiting_lapses_when_the_department_replies() -> None:
    asked = ticket_in(Status.IN_PROGRESS, extension_due=LATER)
    replied, _ = apply(asked, cmd(Action.REPLY, DEPT, reason="已处理完毕"))
    assert (replied.status, replied.extension_due, replied.close_due) == (
        Status.REPLIED,
        None,
        asked.close_due,
    )


@pytest.mark.parametrize("action", [Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION])
def test_the_centre_answers_only_an_extension_that_was_asked(action: Action) -> None:
    message = refusal(ticket_in(Status.IN_PROGRESS), cmd(action, LEAD, reason="答复"))
    assert "No extension request waits" in message


# -- 撤单 and 催办 -------------------------------------------------------------------------------------


def test_a_caller_withdraws_with_a_reason_and_the_ticket_ends() -> None:
    ticket = ticket_in(Status.DISPATCHED, extension_due=LATER)
    assert "withdraw needs a reason" in refusal(ticket, cmd(Action.WITHDRAW))
    withdrawn, event = apply(ticket, cmd(Action.WITHDRAW, reason="市民来电撤回诉求：已自行解决"))
    assert (withdrawn.status, withdrawn.closed_at, withdrawn.extension_due) == (Status.CLOSED, event.at, None)
    assert event.action is Action.WITHDRAW


def test_each_chase_by_the_caller_is_counted_and_keeps_the_status() -> None:
    ticket = ticket_in(Status.IN_PROGRESS)
    once, first = apply(ticket, cmd(Action.URGE))
    twice, second = apply(once, cmd(Action.URGE, reason="市民第二次催问进度"))
    assert (twice.status, twice.urge_count) == (Status.IN_PROGRESS, 2)
    assert (first.data, second.data) == ({"count": "1"}, {"count": "2"})


@pytest.mark.parametrize("department", [None, ""])
def test_dispatch_needs_a_department(department: str | None) -> None:
    message = refusal(ticket_in(Status.ACCEPTED), cmd(Action.DISPATCH, department=department))
    assert "dispatch needs a department" in message


def test_redispatch_needs_a_reason() -> None:
    message = refusal(ticket_in(Status.DISPATCHED), cmd(Action.DISPATCH, LEAD, department="D-HOUSING"))
    assert "dispatch needs a reason" in message


def test_redispatch_needs_another_department() -> None:
    ticket = ticket_in(Status.DISPATCHED, department="D-WATER")
    message = refusal(ticket, cmd(Action.DISPATCH, LEAD, department="D-WATER", reason="改派"))
    assert "re-dispatch needs another department" in message


def test_redispatch_records_the_previous_department() -> None:
    ticket = ticket_in(Status.DISPATCHED, department="D-WATER")
    moved, event = apply(ticket, cmd(Action.DISPATCH, LEAD, department="D-HOUSING", reason="属地调整"))
    assert moved.department == "D-HOUSING"
    assert event.data == {"department": "D-HOUSING", "previous": "D-WATER"}


def test_reply_needs_a_reason() -> None:
    message = refusal(ticket_in(Status.IN_PROGRESS), cmd(Action.REPLY, DEPT, reason=" "))
    assert "reply needs a reason" in message


def test_visit_needs_a_satisfaction() -> None:
    message = refusal(ticket_in(Status.REPLIED), cmd(Action.VISIT, satisfaction=None))
    assert "visit needs a satisfaction" in message


def test_visit_records_the_satisfaction() -> None:
    visited, event = apply(ticket_in(Status.REPLIED), cmd(Action.VISIT, satisfaction=Satisfaction.BASIC))
    assert visited.satisfaction is Satisfaction.BASIC
    assert event.data == {"satisfaction": "basic"}


@pytest.mark.parametrize(
    ("content", "category", "why"),
    [
        ("", "CJ.WY.DT", "content is empty"),
        ("  \n ", "CJ.WY.DT", "content is empty"),
        ("电梯坏了", None, "no category"),
        ("电梯坏了", "", "no category"),
    ],
)
def test_accept_needs_content_and_a_category(content: str, category: str | None, why: str) -> None:
    draft = ticket_in(Status.DRAFT, content=content, category_code=category)
    assert why in refusal(draft, cmd(Action.ACCEPT))


# -- closing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [Kind.COMPLAINT, Kind.REPORT, Kind.HELP])
def test_complaint_cannot_be_closed_directly(kind: Kind) -> None:
    # 投诉, 举报 and 求助 need a department to act; only the department's answer can close them.
    message = refusal(ticket_in(Status.ACCEPTED, kind=kind), cmd(Action.CLOSE_DIRECT, reason="已解释"))
    assert f"「{kind.label}」类诉求须派单办理" in message
    assert "must be dispatched" in message


@pytest.mark.parametrize("kind", [Kind.CONSULTATION, Kind.SUGGESTION, Kind.PRAISE])
def test_consultations_suggestions_and_praise_can_be_closed_directly(kind: Kind) -> None:
    closed, _ = apply(ticket_in(Status.ACCEPTED, kind=kind), cmd(Action.CLOSE_DIRECT, reason="已记录"))
    assert closed.status is Status.CLOSED


def test_direct_close_needs_the_answer_given() -> None:
    ticket = ticket_in(Status.ACCEPTED, kind=Kind.CONSULTATION)
    assert "close direct needs a reason" in refusal(ticket, cmd(Action.CLOSE_DIRECT, reason=""))


def test_unsatisfied_visit_can_only_be_closed_by_team_lead_with_reason() -> None:
    unsatisfied = ticket_in(Status.VISITED, satisfaction=Satisfaction.UNSATISFIED)

    by_operator = refusal(unsatisfied, cmd(Action.CLOSE, OP, reason="市民诉求不合理"))
    assert "unsatisfied: reopen, or a team lead closes" in by_operator

    without_reason = refusal(unsatisfied, cmd(Action.CLOSE, LEAD, reason="  "))
    assert "closing an unsatisfied ticket needs a reason" in without_reason

    closed, event = apply(unsatisfied, cmd(Action.CLOSE, LEAD, reason="诉求超出政策范围，已解释"))
    assert closed.status is Status.CLOSED
    assert closed.satisfaction is Satisfaction.UNSATISFIED  # the record keeps what the citizen said
    assert event.reason == "诉求超出政策范围，已解释"


@pytest.mark.parametrize("satisfaction", [Satisfaction.SATISFIED, Satisfaction.BASIC])
def test_a_satisfied_visit_is_closed_by_the_operator_without_a_reason(satisfaction: Satisfaction) -> None:
    closed, _ = apply(ticket_in(Status.VISITED, satisfaction=satisfaction), cmd(Action.CLOSE, OP))
    assert closed.status is Status.CLOSED


def test_unsatisfied_visit_leads_back_to_work() -> None:
    unsatisfied = ticket_in(Status.VISITED, satisfaction=Satisfaction.UNSATISFIED)
    reopened, event = apply(unsatisfied, cmd(Action.REOPEN, reason="市民反映问题仍未解决"))
    assert reopened.status is Status.IN_PROGRESS
    assert reopened.satisfaction is None  # the next 回访 asks again
    assert reopened.department == "D-WATER"  # back to the same department
    assert (event.from_status, event.to_status) == (Status.VISITED, Status.IN_PROGRESS)


def test_reopen_needs_a_reason() -> None:
    ticket = ticket_in(Status.VISITED, satisfaction=Satisfaction.UNSATISFIED)
    assert "reopen needs a reason" in refusal(ticket, cmd(Action.REOPEN, reason=""))


# -- actions that keep the status -----------------------------------------------------------------


def test_supervision_flags_the_ticket_and_needs_a_reason() -> None:
    ticket = ticket_in(Status.IN_PROGRESS)
    assert "supervise needs a reason" in refusal(ticket, cmd(Action.SUPERVISE, LEAD))
    flagged, event = apply(ticket, cmd(Action.SUPERVISE, LEAD, reason="超期未办结"))
    assert flagged.supervised
    assert flagged.status is Status.IN_PROGRESS
    assert (event.from_status, event.to_status) == (Status.IN_PROGRESS, Status.IN_PROGRESS)


def test_operator_may_claim_an_unassigned_ticket_for_their_own_seat() -> None:
    unassigned = ticket_in(Status.ACCEPTED, assigned_seat=None)
    claimed, event = apply(unassigned, cmd(Action.ASSIGN, OP, assign_to=SEAT, seat_id=SEAT))
    assert claimed.assigned_seat == SEAT
    assert event.data == {"assign_to": SEAT, "previous": ""}


@pytest.mark.parametrize(
    ("assigned", "assign_to"),
    [
        (None, OTHER_SEAT),  # giving work to another seat is the lead's job
        (OTHER_SEAT, SEAT),  # taking another seat's ticket
    ],
)
def test_operator_may_not_assign_other_seats(assigned: str | None, assign_to: str) -> None:
    ticket = ticket_in(Status.ACCEPTED, assigned_seat=assigned)
    message = refusal(ticket, cmd(Action.ASSIGN, OP, assign_to=assign_to, seat_id=SEAT))
    assert "Operators may only claim unassigned tickets" in message


def test_team_lead_reassigns_any_ticket() -> None:
    ticket = ticket_in(Status.DISPATCHED, assigned_seat=SEAT)
    moved, event = apply(ticket, cmd(Action.ASSIGN, LEAD, assign_to=OTHER_SEAT))
    assert moved.assigned_seat == OTHER_SEAT
    assert event.data == {"assign_to": OTHER_SEAT, "previous": SEAT}


def test_a_seat_must_name_a_seat_and_only_a_lead_returns_a_ticket_to_the_team_pool() -> None:
    assert "No seat given" in refusal(ticket_in(Status.ACCEPTED), cmd(Action.ASSIGN, OP, assign_to=None))
    pooled, _ = apply(ticket_in(Status.ACCEPTED), cmd(Action.ASSIGN, LEAD, assign_to=None))
    assert pooled.assigned_seat is None


def test_edit_changes_the_fields_and_records_them() -> None:
    ticket = ticket_in(Status.ACCEPTED)
    edited, event = apply(
        ticket,
        cmd(
            Action.EDIT,
            changes={"priority": Priority.URGENT, "caller": Caller("张三丰", "13900001111")},
        ),
    )
    assert edited.priority is Priority.URGENT
    assert edited.caller == Caller("张三丰", "13900001111")
    assert edited.status is Status.ACCEPTED
    assert event.data == {"priority": "urgent", "caller_name": "张三丰", "caller_phone": "13900001111"}


@pytest.mark.parametrize("field", ["status", "id", "department", "closed_at", "version", "seat_id"])
def test_edit_refuses_fields_that_only_the_lifecycle_may_change(field: str) -> None:
    message = refusal(ticket_in(Status.ACCEPTED), cmd(Action.EDIT, changes={field: "x"}))
    assert f"cannot be edited: {field}" in message


def test_edit_needs_a_change() -> None:
    assert "Nothing was changed" in refusal(ticket_in(Status.ACCEPTED), cmd(Action.EDIT, changes={}))


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "complaint"},  # a plain string, not a Kind
        {"priority": "urgent"},
        {"caller": "张三 13812345678"},
        {"content": None},
        {"category_code": 42},
    ],
)
def test_edit_refuses_values_of_the_wrong_type(changes: dict[str, object]) -> None:
    # A wrongly typed value would only blow up later, when the ticket is stored or shown.
    message = refusal(ticket_in(Status.ACCEPTED), cmd(Action.EDIT, changes=changes))
    assert "Invalid value" in message
    assert next(iter(changes)) in message


@pytest.mark.parametrize("field", EDITABLE_FIELDS)
def test_every_editable_field_checks_its_value(field: str) -> None:
    message = refusal(ticket_in(Status.ACCEPTED), cmd(Action.EDIT, changes={field: object()}))
    assert f"Invalid value for: {field}" in message


def test_edit_may_clear_the_category() -> None:
    edited, _ = apply(ticket_in(Status.ACCEPTED), cmd(Action.EDIT, changes={"category_code": None}))
    assert edited.category_code is None


# -- events -------------------------------------------------------------------------------------------


def test_every_change_is_an_event_with_who_when_where_and_why() -> None:
    ticket = ticket_in(Status.DISPATCHED)
    at = T0 + timedelta(hours=5)
    _, event = apply(ticket, Command(Action.RETURN, "王科长", DEPT, at, seat_id=None, reason="非本单位职责"))
    assert isinstance(event, TicketEvent)
    assert event.ticket_id == ticket.id
    assert event.action is Action.RETURN
    assert event.from_status is Status.DISPATCHED
    assert event.to_status is Status.RETURNED
    assert event.at == at
    assert event.actor == "王科长"
    assert event.role is DEPT
    assert event.seat_id is None
    assert event.reason == "非本单位职责"


def test_event_records_the_seat_of_the_operator() -> None:
    _, event = apply(ticket_in(Status.DRAFT), cmd(Action.ACCEPT, seat_id="S07", actor="赵敏"))
    assert (event.seat_id, event.actor, event.role) == ("S07", "赵敏", OP)


def test_each_event_gets_its_own_id() -> None:
    ticket = ticket_in(Status.ACCEPTED)
    ids = {apply(ticket, cmd(Action.SUPERVISE, LEAD, reason="督办")).__getitem__(1).id for _ in range(50)}
    assert len(ids) == 50


def test_apply_leaves_the_original_ticket_as_it_was() -> None:
    ticket = ticket_in(Status.ACCEPTED)
    snapshot = dataclasses.replace(ticket)
    apply(ticket, cmd(Action.DISPATCH, department="D-HOUSING"))
    assert ticket == snapshot


# -- what the UI offers -------------------------------------------------------------------------------

CALLER = {Action.URGE, Action.WITHDRAW}  # what the caller asks for, on any open ticket
ANSWERS = {Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION}  # offered; the guard wants a request

EXPECTED_ACTIONS: list[tuple[Status, Role, set[Action]]] = [
    (Status.DRAFT, OP, {Action.ACCEPT, Action.ASSIGN}),
    (Status.DRAFT, DEPT, set()),
    (
        Status.ACCEPTED,
        OP,
        {*CALLER, Action.CLOSE_DIRECT, Action.DISPATCH, Action.ASSIGN, Action.EDIT, Action.MERGE},
    ),
    (
        Status.ACCEPTED,
        LEAD,
        {
            *CALLER,
            Action.CLOSE_DIRECT,
            Action.DISPATCH,
            Action.SUPERVISE,
            Action.ASSIGN,
            Action.EDIT,
            Action.MERGE,
        },
    ),
    (Status.ACCEPTED, DEPT, set()),
    (Status.ACCEPTED, SYSTEM, {Action.SUPERVISE, Action.ASSIGN}),
    (Status.DISPATCHED, OP, {*CALLER, Action.ASSIGN, Action.EDIT}),
    (
        Status.DISPATCHED,
        LEAD,
        {*CALLER, *ANSWERS, Action.DISPATCH, Action.RETURN, Action.SUPERVISE, Action.ASSIGN, Action.EDIT},
    ),
    (Status.DISPATCHED, DEPT, {Action.RETURN, Action.START, Action.EXTEND}),
    (Status.IN_PROGRESS, OP, {*CALLER, Action.ASSIGN, Action.EDIT}),
    (Status.IN_PROGRESS, DEPT, {Action.RETURN, Action.REPLY, Action.EXTEND}),
    (Status.RETURNED, OP, {*CALLER, Action.ASSIGN, Action.EDIT}),
    (
        Status.RETURNED,
        LEAD,
        {*CALLER, Action.APPROVE_RETURN, Action.REFUSE_RETURN, Action.SUPERVISE, Action.ASSIGN, Action.EDIT},
    ),
    (Status.RETURNED, DEPT, set()),
    (Status.REPLIED, OP, {*CALLER, Action.VISIT, Action.ASSIGN, Action.EDIT}),
    (Status.REPLIED, DEPT, set()),
    (Status.VISITED, OP, {*CALLER, Action.CLOSE, Action.REOPEN, Action.ASSIGN, Action.EDIT}),
    (Status.VISITED, ADMIN, {Action.SUPERVISE, Action.ASSIGN}),
    *[(Status.CLOSED, role, set[Action]()) for role in Role],
]


@pytest.mark.parametrize(("status", "role", "expected"), EXPECTED_ACTIONS)
def test_allowed_actions(status: Status, role: Role, expected: set[Action]) -> None:
    offered = allowed_actions(ticket_in(status), role)
    assert len(offered) == len(set(offered)), "an action is offered twice"
    assert set(offered) == expected


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("role", list(Role))
def test_allowed_actions_are_exactly_those_the_table_does_not_refuse(status: Status, role: Role) -> None:
    ticket = ticket_in(status)
    offered = set(allowed_actions(ticket, role))
    for action in Action:
        if action in offered:
            assert find_rule(status, action, role).action is action
        else:
            with pytest.raises(LifecycleError):
                find_rule(status, action, role)


def test_operator_reopens_only_after_an_unsatisfied_visit() -> None:
    satisfied = dataclasses.replace(ticket_in(Status.VISITED), satisfaction=Satisfaction.SATISFIED)
    with pytest.raises(LifecycleError, match="班长"):
        apply(satisfied, cmd(Action.REOPEN, OP, reason="市民再次来电"))
    changed, _ = apply(satisfied, cmd(Action.REOPEN, LEAD, reason="复核发现未整改"))
    assert changed.status is Status.IN_PROGRESS
    assert changed.satisfaction is None


SUGGESTED: list[tuple[Ticket, Role, Action | None]] = [
    (ticket_in(Status.ACCEPTED), OP, Action.DISPATCH),
    (ticket_in(Status.DISPATCHED), DEPT, Action.START),  # 签收, not 退单
    (ticket_in(Status.IN_PROGRESS), DEPT, Action.REPLY),
    (ticket_in(Status.IN_PROGRESS, extension_due=T0 + timedelta(days=30)), LEAD, Action.APPROVE_EXTENSION),
    (ticket_in(Status.RETURNED), LEAD, Action.APPROVE_RETURN),
    (ticket_in(Status.REPLIED), OP, Action.VISIT),
    (ticket_in(Status.VISITED), OP, Action.CLOSE),
    (ticket_in(Status.VISITED, satisfaction=Satisfaction.UNSATISFIED), OP, Action.REOPEN),  # not 办结
    (ticket_in(Status.VISITED, satisfaction=Satisfaction.UNSATISFIED), LEAD, Action.REOPEN),
    (ticket_in(Status.DISPATCHED), OP, Action.URGE),  # the caller chasing is what an operator does here
    (ticket_in(Status.REPLIED), DEPT, None),
]


@pytest.mark.parametrize(("ticket", "role", "expected"), SUGGESTED)
def test_the_suggested_next_step(ticket: Ticket, role: Role, expected: Action | None) -> None:
    assert suggested_action(ticket, role) is expected
