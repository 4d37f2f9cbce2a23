"""疏忙导闲: even out weighted open work between seats, by rules a lead can check.

Load is weighted by SLA urgency (past due counts three times, due within NEAR counts twice, 督办 and
紧急 raise it further), not counted. A ticket whose category needs a skill (涉企, 心理疏导 …) only
goes to a seat tagged with it; nothing goes to a seat that is 离线 or on 小休; 督办 tickets stay
where the lead pinned them. A move is taken only when the receiving seat ends below where the giving
seat started (L_to + w < L_from), so no move makes the worst load worse and every move lowers the sum
of squared loads: the loop ends. Each move says why, for the lead's diff.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from operator import attrgetter

NEAR = timedelta(hours=2)  # "near SLA" on the board and in the weight
# Skills a category needs, by code prefix (the longest prefix that matches wins).
CATEGORY_SKILLS: Mapping[str, frozenset[str]] = {
    "ZC.QY": frozenset({"涉企"}),
    "FE.ET.XL": frozenset({"心理疏导"}),
    "FE.FN.HY": frozenset({"心理疏导"}),
}
SKILLS = ("方言", "涉企", "English", "心理疏导")  # the tags offered; a seat may carry others too
TAKES_WORK = frozenset({"idle", "on_call", "wrap_up"})  # not "break", not "offline"


@dataclass(frozen=True)
class SeatInfo:
    seat_id: str
    state: str  # idle / on_call / wrap_up / break / offline
    skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class OpenTicket:
    id: str
    seat: str | None
    due: datetime | None = None  # the next deadline
    supervised: bool = False  # 督办
    urgent: bool = False  # 紧急
    category: str | None = None


@dataclass(frozen=True)
class Planned:
    """One proposed move and why (the reason as data: the UI words it)."""

    ticket_id: str
    from_seat: str
    to_seat: str
    weight: float
    from_load: float  # the giving seat's load before the move
    to_load: float  # the receiving seat's load before the move
    skills: frozenset[str]  # what the ticket needed of the receiving seat


@dataclass(frozen=True)
class Plan:
    moves: list[Planned]
    before: dict[str, float]  # weighted load per seat
    after: dict[str, float]

    @staticmethod
    def spread(loads: Mapping[str, float]) -> float:
        """max / mean of weighted load (1.0 is perfectly even; 0 when nothing is open)."""
        total = sum(loads.values())
        return max(loads.values()) * len(loads) / total if total else 0.0


def weight(ticket: OpenTicket, now: datetime) -> float:
    """How much one open ticket weighs on its seat."""
    late = ticket.due is not None and ticket.due <= now
    near = ticket.due is not None and not late and ticket.due - now <= NEAR
    return tally_weight(1, int(late), int(near), int(ticket.supervised), int(ticket.urgent))


def tally_weight(open_: int, overdue: int, near: int, supervised: int, urgent: int) -> float:
    """The weighted load of a seat from its counts (the board counts in SQL, the balance per
    ticket: one definition for both). Past due weighs 3, near due 2, else 1; 督办 and 紧急 add 1."""
    return float(open_ + 2 * overdue + near + supervised + urgent)


def needs(category: str | None) -> frozenset[str]:
    """The skills a ticket of `category` needs of its seat."""
    return CATEGORY_SKILLS.get(skill_prefix(category), frozenset())


@cache
def skill_prefix(category: str | None) -> str:
    """The CATEGORY_SKILLS prefix `category` falls under, the longest that matches ("" for none)."""
    if not category:
        return ""
    matches = [p for p in CATEGORY_SKILLS if category == p or category.startswith(p + ".")]
    return max(matches, key=len) if matches else ""


def loads(seats: Iterable[SeatInfo], tickets: Iterable[OpenTicket], now: datetime) -> dict[str, float]:
    result = {s.seat_id: 0.0 for s in seats}
    for t in tickets:
        if t.seat in result:
            result[t.seat] += weight(t, now)
    return result


@dataclass(frozen=True)
class Work:
    """Open tickets of one seat that the balance cannot tell apart: how many, and each one's weight
    and needs (督办 ones count toward the load but stay). The server counts these in SQL."""

    seat: str
    weight: float
    needs: frozenset[str]
    count: int
    movable: bool = True


@dataclass(frozen=True)
class Step:
    """One ticket of a kind (`weight`, `skills`) to go from one seat to another, and the loads why."""

    from_seat: str
    to_seat: str
    weight: float
    from_load: float
    to_load: float
    skills: frozenset[str]


def propose(
    seats: Iterable[SeatInfo], tickets: Iterable[OpenTicket], now: datetime, *, limit: int | None = None
) -> Plan:
    """The moves that even out weighted load under the rules above; deterministic. `limit`: stop
    after that many moves (the busiest seat gives first, so those are the ones that matter most).
    Of a seat's tickets of one kind the newest goes first (the least likely under way; ids are
    UUIDv7, in the order made)."""
    seats = list(seats)
    known = {s.seat_id for s in seats}
    ids: dict[tuple[str, _Bucket], list[str]] = defaultdict(list)
    work: dict[tuple[str, _Bucket, bool], int] = defaultdict(int)
    for t in sorted((t for t in tickets if t.seat in known), key=attrgetter("id")):
        seat, bucket = t.seat or "", (weight(t, now), needs(t.category))
        work[(seat, bucket, not t.supervised)] += 1
        if not t.supervised:
            ids[(seat, bucket)].append(t.id)
    steps, before, after = plan(
        seats, [Work(s, b[0], b[1], n, m) for (s, b, m), n in work.items()], limit=limit
    )
    moves = [
        Planned(
            ids[(m.from_seat, (m.weight, m.skills))].pop(),
            m.from_seat,
            m.to_seat,
            m.weight,
            m.from_load,
            m.to_load,
            m.skills,
        )
        for m in steps
    ]
    return Plan(moves=moves, before=before, after=after)


def plan(
    seats: Iterable[SeatInfo], work: Iterable[Work], *, limit: int | None = None
) -> tuple[list[Step], dict[str, float], dict[str, float]]:
    """The steps, and the weighted loads before and after, from counts alone (see `propose`)."""
    seats = list(seats)
    load = {s.seat_id: 0.0 for s in seats}
    # Movable work per seat, bucketed by (weight, skills needed): the best move from a seat only
    # depends on the bucket, so a step looks at a handful of buckets, not every ticket.
    buckets: dict[str, dict[_Bucket, int]] = defaultdict(dict)
    for w in sorted(work, key=lambda w: (w.seat, w.weight, _in_order(w.needs), w.movable)):
        if w.seat not in load or w.count <= 0:
            continue
        load[w.seat] += w.weight * w.count
        if w.movable:
            bucket = (w.weight, w.needs)
            buckets[w.seat][bucket] = buckets[w.seat].get(bucket, 0) + w.count
    before = dict(load)
    receivers = _Receivers([s for s in seats if s.state in TAKES_WORK], load)
    steps: list[Step] = []
    passed = -1
    while passed != len(steps):  # a seat that gave may now take what a stuck seat could not give
        passed = len(steps)
        donors = [(-load[s], s) for s in buckets]
        heapq.heapify(donors)
        _settle(donors, load, buckets, receivers, steps, limit)
    return steps, before, load


_Bucket = tuple[float, frozenset[str]]  # (weight, skills needed)


@cache
def _in_order(skills: frozenset[str]) -> tuple[str, ...]:
    """A set of skills as a sort key (a handful of sets, thousands of kinds to sort)."""
    return tuple(sorted(skills))


def _settle(
    donors: list[tuple[float, str]],
    load: dict[str, float],
    buckets: dict[str, dict[_Bucket, int]],
    receivers: _Receivers,
    steps: list[Step],
    limit: int | None,
) -> None:
    """Busiest seat first, one move at a time, until no seat can give (or `limit` moves are made)."""
    while donors and (limit is None or len(steps) < limit):
        negative, seat = heapq.heappop(donors)
        if -negative != load[seat]:
            continue  # a stale entry: the seat's load changed since
        move = _best_move(seat, load, buckets[seat], receivers)
        if move is None:
            continue  # nothing on this seat can go anywhere useful (it may again after it received)
        bucket, to_seat = move
        w, skills = bucket
        steps.append(Step(seat, to_seat, w, load[seat], load[to_seat], skills))
        buckets[seat][bucket] -= 1
        if not buckets[seat][bucket]:
            del buckets[seat][bucket]
        load[seat] -= w
        load[to_seat] += w
        receivers.changed(seat)
        receivers.changed(to_seat)
        heapq.heappush(donors, (-load[seat], seat))
        if to_seat in buckets:  # it received, so it may give again later; it is not a donor now
            heapq.heappush(donors, (-load[to_seat], to_seat))


def _best_move(
    seat: str, load: dict[str, float], buckets: dict[_Bucket, int], receivers: _Receivers
) -> tuple[_Bucket, str] | None:
    """The move from `seat` that leaves the pair's higher load lowest (heaviest first on ties)."""
    best: tuple[float, float, str, _Bucket] | None = None
    for bucket in buckets:
        w, skills = bucket
        to = receivers.lightest(skills, other_than=seat)
        if to is None or load[to] + w >= load[seat]:
            continue
        key = (max(load[seat] - w, load[to] + w), -w, to, bucket)
        if best is None or key[:3] < best[:3]:
            best = key
    return None if best is None else (best[3], best[2])


class _Receivers:
    """The lightest seat that takes work, per set of skills, by lazy heaps (500 seats, 10⁴ moves)."""

    def __init__(self, seats: list[SeatInfo], load: dict[str, float]) -> None:
        self._seats, self._load = seats, load
        self._by_id = {s.seat_id: s for s in seats}
        self._heaps: dict[frozenset[str], list[tuple[float, str]]] = {}

    def lightest(self, skills: frozenset[str], other_than: str) -> str | None:
        heap = self._heaps.get(skills)
        if heap is None:
            heap = [(self._load[s.seat_id], s.seat_id) for s in self._seats if skills <= s.skills]
            heapq.heapify(heap)
            self._heaps[skills] = heap
        skipped = []
        found = None
        while heap:
            at, seat = heap[0]
            if at != self._load[seat]:
                heapq.heappop(heap)  # stale; the fresh entry was pushed when it changed
                continue
            if seat == other_than:
                skipped.append(heapq.heappop(heap))
                continue
            found = seat
            break
        for entry in skipped:
            heapq.heappush(heap, entry)
        return found

    def changed(self, seat: str) -> None:
        info = self._by_id.get(seat)
        if info is None:
            return
        for skills, heap in self._heaps.items():
            if skills <= info.skills:
                heapq.heappush(heap, (self._load[seat], seat))
