"""Masking a closed ticket after its retention period (个人信息到期脱敏): what stays, what goes."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from app.domain.kinds import Kind
from app.domain.pii import mask_name, mask_phone
from app.domain.retention import Personal, mask_event_data, mask_ticket, mask_wire
from app.domain.status import Status
from app.domain.ticket import Caller, Ticket

CLOSED = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def a_closed_ticket(**fields: object) -> Ticket:
    values: dict[str, object] = {
        "id": "t-1",
        "local_no": "L-A01-20260105-0001",
        "number": "12345-20260105-000001",
        "kind": Kind.COMPLAINT,
        "status": Status.CLOSED,
        "seat_id": "A01",
        "created_at": CLOSED,
        "category_code": "CJ.WY.DT",
        "caller": Caller("张三丰", "13812345678"),
        "address": "东湖区幸福路18号3栋",
        "district": "东湖区",
        "content": "张三丰反映东湖区幸福路18号3栋电梯停运，回电13812345678，身份证440301199001011234",
        "department": "QZJJ",
        "closed_at": CLOSED,
        **fields,
    }
    return Ticket(**values)  # type: ignore[arg-type]


def test_personal_fields_are_masked_and_the_rest_stays_for_statistics() -> None:
    ticket = a_closed_ticket()
    masked = mask_ticket(ticket)
    assert masked.caller == Caller("张**", "138****5678")
    assert masked.address == "东湖区"  # the district only
    assert masked.content == "张**反映东湖区电梯停运，回电138****5678，身份证440301***********4"
    kept = ("id", "number", "kind", "status", "category_code", "district", "department", "closed_at")
    assert all(getattr(masked, name) == getattr(ticket, name) for name in kept)


def test_the_id_number_is_cleared_and_the_other_details_stay() -> None:
    ticket = a_closed_ticket(id_number="11010519491231002X", plate_number="粤B12345", order_number="SF123")
    masked = mask_ticket(ticket)
    assert masked.id_number == ""
    assert (masked.plate_number, masked.order_number) == ("粤B12345", "SF123")
    assert mask_ticket(masked) == masked


def test_an_id_number_recorded_in_an_op_or_an_event_is_cleared() -> None:
    who = Personal.of(a_closed_ticket())
    payload = {"ticket": {"id_number": "11010519491231002X", "plate_number": "粤B12345"}}
    assert mask_wire(payload, who) == {"ticket": {"id_number": "", "plate_number": "粤B12345"}}
    assert mask_event_data({"id_number": "11010519491231002X"}, who) == {"id_number": ""}


def test_masking_twice_changes_nothing() -> None:
    once = mask_ticket(a_closed_ticket())
    assert mask_ticket(once) == once
    assert mask_phone("138****5678") == "138****5678"
    assert mask_name("张**") == "张**"


@given(st.text(max_size=12), st.text(alphabet="0123456789-* ", max_size=15), st.text(max_size=30))
def test_masking_is_idempotent_for_any_values(name: str, phone: str, content: str) -> None:
    once = mask_ticket(a_closed_ticket(caller=Caller(name, phone), content=content))
    assert mask_ticket(once) == once


def test_an_edit_event_loses_the_personal_values_it_recorded() -> None:
    who = Personal.of(a_closed_ticket())
    data = {"caller_name": "张三丰", "caller_phone": "13812345678", "address": "东湖区幸福路18号3栋",
            "content": "请联系13812345678", "district": "东湖区", "kind": "complaint"}  # fmt: skip
    assert mask_event_data(data, who) == {
        "caller_name": "张**",
        "caller_phone": "138****5678",
        "address": "东湖区",
        "content": "请联系138****5678",
        "district": "东湖区",
        "kind": "complaint",
    }


def test_an_op_payload_is_masked_wherever_it_holds_personal_values() -> None:
    ticket = a_closed_ticket()
    who = Personal.of(ticket)
    payload = {
        "kind": "update",
        "op_id": "0190-1381-2345-6789",  # ids are left alone even where they look like numbers
        "ticket": {"caller_name": "张三丰", "caller_phone": "13812345678", "address": ticket.address,
                   "district": "东湖区", "content": ticket.content, "seat_id": "A01"},
        "command": {"actor": "话务员王五", "reason": "张三丰来电 13812345678 要求改地址",
                    "changes": {"caller": {"name": "张三丰", "phone": "13812345678"},
                                "address": "东湖区幸福路18号3栋"}},
        "conflicts": [{"field": "caller", "mine": "张三丰 13812345678", "theirs": "张三丰 13900001111"}],
    }  # fmt: skip
    masked = mask_wire(payload, who)
    assert masked["op_id"] == payload["op_id"]
    assert masked["ticket"] == {"caller_name": "张**", "caller_phone": "138****5678", "address": "东湖区",
                                "district": "东湖区", "content": mask_ticket(ticket).content,
                                "seat_id": "A01"}  # fmt: skip
    assert masked["command"]["actor"] == "话务员王五"  # the operator is not the citizen
    assert masked["command"]["reason"] == "张**来电 138****5678 要求改地址"
    assert masked["command"]["changes"] == {
        "caller": {"name": "张**", "phone": "138****5678"},
        "address": "东湖区",
    }
    assert masked["conflicts"] == [
        {"field": "caller", "mine": "张** 138****5678", "theirs": "张** 139****1111"}
    ]
    assert mask_wire(masked, who) == masked
