"""Draft autosave (草稿自动保存): whatever was typed comes back, newest revision wins."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.domain.draft import ArticleRef, Draft, Said
from app.domain.ids import new_id
from app.domain.kinds import Kind, Priority
from app.store.db import Store, open_store
from app.store.drafts import DraftStore
from app.store.models import DraftRow

STARTED = datetime(2026, 11, 25, 14, 3, 12, 345678, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def drafts(store: Store) -> DraftStore:
    return DraftStore(store)


def a_draft(seat: str = "S01", **fields: object) -> Draft:
    return Draft(id=new_id(), seat_id=seat, started_at=STARTED).with_fields(**fields)


def test_a_saved_draft_comes_back_exactly(drafts: DraftStore) -> None:
    draft = a_draft(
        kind=Kind.REPORT,
        category_code="CJ.WJ.DJ",
        priority=Priority.FAST,
        caller_name="匿名",
        caller_phone="13812345678",
        address='宝安区西乡街道 "某" 工地',
        district="宝安区",
        content="夜间施工噪音扰民，\n凌晨两点还在打桩😡",
        urgent=True,  # the 紧急 mark survives a restart too
    )
    drafts.save(draft, revision=1)
    assert drafts.latest("S01") == (draft, 1)


def test_the_answer_and_the_articles_it_came_from_come_back(drafts: DraftStore) -> None:
    """答复内容 inserted from the knowledge base (F7) is part of the draft, with which article and
    version it came from: a restart must not lose it, nor the KB report's record of it."""
    draft = a_draft(
        content="异地就医怎么备案",
        answer="异地就医备案办理：……（知识库 SB-YB-001 第3版）\n另：可在国家医保服务平台办理",
        answered_with=(ArticleRef("SB-YB-001", 3), ArticleRef("SB-YB-002", 1)),
    )
    drafts.save(draft, revision=4)
    assert drafts.latest("S01") == (draft, 4)


def test_where_each_heard_field_came_from_and_when_it_happened_come_back(drafts: DraftStore) -> None:
    """Provenance is part of the draft, not of the widgets: a kill and restart keeps it."""
    draft = (
        a_draft(caller_name="刘先生", content="楼上装修太吵", occurred_at="2026-12-06 22:00")
        .sourced("caller_name", (Said("我姓刘", 2, 5),))
        .sourced("content", (Said("楼上装修太吵", 9, 15), Said("希望管一管", 20, 25)))
    )
    drafts.save(draft, revision=2)
    restored = drafts.latest("S01")
    assert restored == (draft, 2)
    assert restored[0].source_of("caller_name") == (Said("我姓刘", 2, 5),)


def test_a_field_sourced_again_or_with_nothing_replaces_or_drops_its_provenance() -> None:
    draft = a_draft().sourced("address", (Said("幸福路", 0, 3),))
    again = (Said("建设路8号", 9, 14),)
    assert draft.sourced("address", again).source_of("address") == again
    assert draft.sourced("address", ()).source_of("address") == ()  # typed over by the operator


def test_a_draft_saved_before_provenance_was_kept_still_opens() -> None:
    old = '{"id": "d1", "seat_id": "S01", "started_at": "2026-11-25T14:03:12+08:00", "content": "x"}'
    draft = Draft.from_json(old)
    assert (draft.sources, draft.occurred_at) == ((), "")


def test_a_draft_with_only_an_answer_is_not_blank() -> None:
    assert not a_draft(answer="请联系物业报修").is_blank


def test_a_draft_saved_before_answers_were_kept_still_opens() -> None:
    """Drafts saved by the previous version have no answer fields in their JSON."""
    old = '{"id": "d1", "seat_id": "S01", "started_at": "2026-11-25T14:03:12+08:00", "content": "x"}'
    draft = Draft.from_json(old)
    assert (draft.answer, draft.answered_with) == ("", ())


def test_the_details_a_category_asks_for_come_back_as_typed(drafts: DraftStore) -> None:
    draft = a_draft(
        occurred_at="昨天晚上",  # not a date yet: kept as typed, validation speaks at 受理
        company_name="某某快递公司",
        plate_number="粤b 12345",
        id_number="11010519491231002x",
        order_number="SF1234567890",
    )
    drafts.save(draft, revision=1)
    assert drafts.latest("S01") == (draft, 1)


def test_a_draft_saved_before_the_details_existed_still_opens() -> None:
    old = '{"id": "d1", "seat_id": "S01", "started_at": "2026-11-25T14:03:12+08:00", "content": "x"}'
    draft = Draft.from_json(old)
    assert (draft.occurred_at, draft.plate_number, draft.id_number) == ("", "", "")


def test_the_guided_questions_marked_asked_come_back(drafts: DraftStore) -> None:
    draft = a_draft(category_code="HJ.CG.WF").marked_asked(2).marked_asked(1)
    drafts.save(draft, revision=1)
    assert drafts.latest("S01") == (draft, 1)
    assert draft.asked == (2, 1) and draft.marked_asked(2).asked == (1,)  # a second mark takes it back
    old = '{"id": "d1", "seat_id": "S01", "started_at": "2026-11-25T14:03:12+08:00", "content": "x"}'
    assert Draft.from_json(old).asked == ()  # saved before the marks were kept


def test_the_ticket_gets_the_details_in_their_written_form() -> None:
    ticket = a_draft(
        occurred_at="2026-11-24 22:00", plate_number=" 粤b·12345 ", id_number="11010519491231002x"
    ).to_ticket("L-1")
    assert ticket.occurred_at == datetime(2026, 11, 24, 22, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert (ticket.plate_number, ticket.id_number) == ("粤B12345", "11010519491231002X")
    assert a_draft(occurred_at="").to_ticket("L-2").occurred_at is None


def test_the_start_time_keeps_its_timezone(drafts: DraftStore) -> None:
    drafts.save(a_draft(content="x"), revision=1)
    restored = drafts.latest("S01")
    assert restored is not None
    assert restored[0].started_at == STARTED
    assert restored[0].started_at.utcoffset() == timedelta(hours=8)


def test_a_newer_revision_replaces_the_older(drafts: DraftStore) -> None:
    draft = a_draft(content="电")
    drafts.save(draft, revision=1)
    drafts.save(draft.with_fields(content="电梯"), revision=2)
    assert drafts.latest("S01") == (draft.with_fields(content="电梯"), 2)


def test_an_older_revision_never_overwrites_a_newer_one(drafts: DraftStore) -> None:
    # A background writer may deliver saves out of order: the draft must not roll back.
    draft = a_draft()
    drafts.save(draft.with_fields(content="电梯坏了三天"), revision=5)
    drafts.save(draft.with_fields(content="电梯"), revision=3)
    drafts.save(draft.with_fields(content="电梯坏了三"), revision=4)
    assert drafts.latest("S01") == (draft.with_fields(content="电梯坏了三天"), 5)


def test_a_repeated_revision_does_not_replace_what_was_saved(drafts: DraftStore) -> None:
    draft = a_draft()
    drafts.save(draft.with_fields(content="first"), revision=2)
    drafts.save(draft.with_fields(content="second"), revision=2)
    assert drafts.latest("S01") == (draft.with_fields(content="first"), 2)


def test_latest_is_the_draft_of_the_asking_seat(drafts: DraftStore) -> None:
    mine = a_draft("S01", content="mine")
    theirs = a_draft("S02", content="theirs")  # newer, but another seat's
    drafts.save(mine, revision=1)
    drafts.save(theirs, revision=1)
    assert drafts.latest("S01") == (mine, 1)
    assert drafts.latest("S02") == (theirs, 1)
    assert drafts.latest("S03") is None


def test_latest_is_the_newest_draft_of_the_seat(drafts: DraftStore) -> None:
    older, newer = a_draft(content="older call"), a_draft(content="newer call")
    drafts.save(older, revision=9)
    drafts.save(newer, revision=1)
    assert drafts.latest("S01") == (newer, 1)


def test_latest_is_the_draft_the_seat_saved_last(drafts: DraftStore) -> None:
    # The operator went back to the first call's draft: that is the one to restore after a crash.
    first, second = a_draft(content="第一通"), a_draft(content="第二通")
    drafts.save(first, revision=1)
    drafts.save(second, revision=1)
    drafts.save(first.with_fields(content="第一通电话补充"), revision=2)
    assert drafts.latest("S01") == (first.with_fields(content="第一通电话补充"), 2)


def test_discard_removes_only_that_draft(drafts: DraftStore) -> None:
    kept, dropped = a_draft(content="kept"), a_draft(content="dropped")
    drafts.save(kept, revision=1)
    drafts.save(dropped, revision=4)
    drafts.discard(dropped.id)
    assert drafts.latest("S01") == (kept, 1)
    drafts.discard(kept.id)
    assert drafts.latest("S01") is None


def test_discarding_an_unknown_draft_is_harmless(drafts: DraftStore) -> None:
    drafts.discard(new_id())
    assert drafts.latest("S01") is None


def test_a_saved_draft_survives_closing_and_reopening_the_store(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    draft = a_draft(content="关机前输入的内容")
    first = open_store(path)
    DraftStore(first).save(draft, revision=12)
    first.close()

    reopened = open_store(path)
    try:
        assert DraftStore(reopened).latest("S01") == (draft, 12)
    finally:
        reopened.close()


def test_a_payload_from_a_newer_version_still_restores(store: Store, drafts: DraftStore) -> None:
    # A field added by a later app version must not make the draft unreadable after a downgrade.
    draft = a_draft(content="内容")
    drafts.save(draft, revision=1)
    with store.transaction() as session:
        row = session.get(DraftRow, draft.id)
        assert row is not None
        row.payload = row.payload[:-1] + ', "emotion": "angry"}'
    assert drafts.latest("S01") == (draft, 1)


def test_saves_from_several_threads_never_roll_the_draft_back(drafts: DraftStore) -> None:
    # Saves may reach the store out of order and at the same time; the newest must win regardless.
    draft = a_draft()
    revisions = list(range(1, 121))
    random.Random(7).shuffle(revisions)
    start = threading.Barrier(6)

    def save_every_sixth(lane: int) -> None:
        start.wait()
        for revision in revisions[lane::6]:
            drafts.save(draft.with_fields(content=f"rev {revision}"), revision)

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(save_every_sixth, range(6)))
    assert drafts.latest("S01") == (draft.with_fields(content="rev 120"), 120)


# -- parked drafts (挂起): a half-filled form put aside when a new call rings ----------------------


def test_a_parked_draft_is_listed_and_is_not_the_draft_the_seat_restores(drafts: DraftStore) -> None:
    first = a_draft(caller_phone="13900000000", content="楼上漏水")
    drafts.save(first, 3)
    drafts.park(first, 4, at=STARTED + timedelta(minutes=5))
    fresh = a_draft(caller_phone="13812345678")
    drafts.save(fresh, 1)
    listed = drafts.parked("S01")
    assert [(p.draft, p.revision, p.parked_at) for p in listed] == [
        (first, 4, STARTED + timedelta(minutes=5))
    ]
    assert drafts.latest("S01") == (fresh, 1)  # a restart opens the new caller's form, not the parked one


def test_parking_keeps_the_newest_revision_even_when_the_park_comes_with_an_older_one(
    drafts: DraftStore,
) -> None:
    draft = a_draft(content="新的内容")
    drafts.save(draft, 7)
    drafts.park(draft.with_fields(content="旧的"), 5, at=STARTED)
    [parked] = drafts.parked("S01")
    assert (parked.draft.content, parked.revision) == ("新的内容", 7)


def test_parked_drafts_are_listed_newest_parked_first_and_only_the_seats_own(drafts: DraftStore) -> None:
    older, newer, elsewhere = a_draft(content="一"), a_draft(content="二"), a_draft("S02", content="三")
    drafts.park(newer, 1, at=STARTED + timedelta(minutes=2))
    drafts.park(older, 1, at=STARTED + timedelta(minutes=1))
    drafts.park(elsewhere, 1, at=STARTED + timedelta(minutes=3))
    assert [p.draft.content for p in drafts.parked("S01")] == ["二", "一"]


def test_resuming_a_parked_draft_takes_it_off_the_list_and_makes_it_the_one_restored(
    drafts: DraftStore,
) -> None:
    parked, current = a_draft(content="楼上漏水"), a_draft(content="噪音")
    drafts.park(parked, 2, at=STARTED)
    drafts.save(current, 1)
    later = STARTED + timedelta(minutes=1)
    assert drafts.resume(parked.id, park=current, revision=1, at=later) == (parked, 2)
    assert [p.draft for p in drafts.parked("S01")] == [current]  # swapped: the other caller waits now
    assert drafts.latest("S01") == (parked, 2)


def test_resuming_with_a_blank_form_drops_the_blank_one(drafts: DraftStore) -> None:
    parked, blank = a_draft(content="楼上漏水"), a_draft()
    drafts.park(parked, 2, at=STARTED)
    drafts.save(blank, 1)
    assert drafts.resume(parked.id, discard=blank.id) == (parked, 2)
    assert drafts.parked("S01") == [] and drafts.latest("S01") == (parked, 2)


def test_resuming_a_draft_that_is_gone_says_so_and_changes_nothing(drafts: DraftStore) -> None:
    current = a_draft(content="噪音")
    drafts.save(current, 1)
    assert drafts.resume(new_id(), park=current, revision=1, at=STARTED) is None
    assert drafts.parked("S01") == [] and drafts.latest("S01") == (current, 1)
