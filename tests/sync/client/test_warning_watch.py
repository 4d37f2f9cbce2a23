"""苗头预警 reach a team lead's seat as notifications after a sync round: once per subject and day,
never asked for by an operator's seat (the server refuses them the warnings anyway)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.hotspots import Dimension, EarlyWarning
from app.notify.derive import from_warnings
from app.notify.notification import NotificationKind
from app.store.notifications import NotificationStore
from sync.client.engine import SyncEngine
from sync.client.warnings import WarningWatch
from tests.sync.client.conftest import Central, SeatRig, Seats
from tests.sync.server.test_hotspots import seed


def watching(seats: Seats, username: str, every: timedelta = timedelta(0)) -> SeatRig:
    """A seat whose engine has the warning watch the window gives it, subjects named by a rule."""
    rig = seats(username)
    watch = WarningWatch(rig.store, rig.api, name_of=lambda w: f"named {w.subject}", every=every)
    rig.engine = SyncEngine(rig.store, seats.sla, rig.api, warnings=watch)
    return rig


def a_spike_today(central: Central) -> list[str]:
    """A quiet month of 噪声 calls in 西城区, then nine 停水 calls in 东湖区 in the last three hours."""
    now = datetime.now(UTC)
    quiet = [(now - timedelta(days=d, hours=2), "西城区", "GA.ZA.SH") for d in range(1, 29)]
    seed(central.app, quiet)
    return seed(central.app, [(now - timedelta(minutes=20 * n + 5), "东湖区", "GY.GS.TS") for n in range(9)])


def warnings_told(rig: SeatRig) -> list[tuple[str, str | None, str]]:
    notes = NotificationStore(rig.store).recent()
    return sorted(
        (n.params["subject"], n.ticket_id, n.params["count"])
        for n in notes
        if n.kind is NotificationKind.EARLY_WARNING
    )


def test_a_spike_reaches_the_leads_notifications_once(central: Central, seats: Seats) -> None:
    cluster = a_spike_today(central)
    lead = watching(seats, "lead")
    lead.engine.sync_once()
    assert warnings_told(lead) == [("named GY.GS.TS", cluster[0], "9"), ("named 东湖区", cluster[0], "9")]
    lead.engine.sync_once()  # asked again at once (every=0): the same spike, the same day
    assert len(warnings_told(lead)) == 2


def test_the_lead_asks_at_most_every_few_minutes(central: Central, seats: Seats) -> None:
    lead = watching(seats, "lead", every=timedelta(minutes=10))
    lead.engine.sync_once()  # nothing to warn of yet: looked, and remembered when
    a_spike_today(central)
    lead.engine.sync_once()
    assert warnings_told(lead) == []  # the next look is ten minutes after the first


def test_an_operators_seat_does_not_ask(central: Central, seats: Seats) -> None:
    a_spike_today(central)
    operator = watching(seats, "a01")
    report = operator.engine.sync_once()
    assert (report.warnings, warnings_told(operator)) == (0, [])


def test_the_subject_is_named_for_the_lead() -> None:
    now = datetime(2026, 12, 7, 2, tzinfo=UTC)
    warning = EarlyWarning(
        Dimension.CATEGORY, "GY.GS.TS", 9, 0.4, 1e-6, (0,) * 28, now - timedelta(days=1), now
    )
    (note,) = from_warnings([warning], now, lambda w: "市政 > 供水 > 停水")
    assert note.params == {
        "dimension": "category",
        "subject": "市政 > 供水 > 停水",
        "count": "9",
        "expected": "0.4",
    }
    assert note.ticket_id is None  # no ticket behind it in this one: nothing to open
