"""来电历史 on the seat: this seat's own tickets of a number and the server's, as one list.

`merged` is pure: the UI's background operation gathers both sides with `look_up` (store read, then
one request) and the form only shows the result. Without the server (offline, no login, refused)
the seat's own tickets are still shown, and the list says the server's part is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.callers import EarlierTicket, FrequentRule
from app.domain.ticket import Ticket
from app.store.callers import by_phone
from app.store.db import Store
from sync.client.api import AuthRequired, Offline, ServerApi, ServerRefused
from sync.protocol import CallerHistory


@dataclass(frozen=True)
class History:
    """A number's earlier tickets as the seat shows them while it rings."""

    phone: str
    tickets: tuple[EarlierTicket, ...]  # newest first, each ticket once
    total: int  # within the days looked at; more than listed when the server's answer was bounded
    frequent: bool  # 频繁来电 by the seat's FrequentRule
    server_missing: bool  # the server's part could not be had: only this seat's tickets are listed


def merged(
    phone: str, local: Sequence[Ticket], server: CallerHistory | None, rule: FrequentRule, now: datetime
) -> History:
    """The seat's own tickets and the server's summaries, each ticket once, newest first. The seat's
    copy wins for a ticket in both: it holds this seat's changes not yet sent (a 并单 just made)."""
    mine = {t.id: EarlierTicket.of(t, mine=True) for t in local}
    theirs = [t for t in (server.tickets if server else []) if t.id not in mine]
    tickets = sorted([*mine.values(), *theirs], key=lambda t: (t.created_at, t.id), reverse=True)
    unlisted = server.total - len(server.tickets) if server else 0
    return History(
        phone=phone,
        tickets=tuple(tickets),
        total=len(tickets) + unlisted,
        frequent=rule.applies(tickets, now),
        server_missing=server is None,
    )


def look_up(
    store: Store, api: ServerApi | None, phone: str, days: int, rule: FrequentRule, now: datetime
) -> History:
    """Both sides of a number's history (blocking: run it off the GUI thread)."""
    local = by_phone(store, phone, now - timedelta(days=days))
    server: CallerHistory | None = None
    if api is not None:
        try:
            server = api.caller_history(phone, days)
        except (Offline, AuthRequired, ServerRefused):
            server = None  # shown as "server's part missing"; the seat's own tickets still are
    return merged(phone, local, server, rule, now)
