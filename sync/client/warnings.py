"""苗头预警 for a team lead's seat: the server's early warnings, looked at every few minutes after a
sync round and kept as notifications (app/notify), so that a lead hears of a spike without keeping
the 热点 page open.

The server judges the last 24 hours against the 4 weeks before (sync/server/hotspots.py): a look
costs it a scan of a month of tickets, so a seat asks at most every `every`, not every round.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from app.domain.hotspots import EarlyWarning
from app.notify.derive import from_warnings
from app.store import notifications
from app.store.db import Store
from sync.client.api import ServerApi, ServerRefused

log = logging.getLogger(__name__)

LOOK_EVERY = timedelta(minutes=10)


class WarningWatch:
    def __init__(
        self,
        store: Store,
        api: ServerApi,
        *,
        name_of: Callable[[EarlyWarning], str] = lambda warning: warning.subject,
        every: timedelta = LOOK_EVERY,
    ) -> None:
        self._store, self._api, self._name_of, self._every = store, api, name_of, every
        self._last: datetime | None = None

    def look(self, now: datetime) -> int:
        """Ask the server when the last look is `every` old; the notifications added."""
        if self._last is not None and now - self._last < self._every:
            return 0
        try:
            watch = self._api.warnings()
        except ServerRefused as exc:  # a server older than 苗头预警, or a role that lost the right
            log.warning("苗头预警: %s", exc.error.message)
            self._last = now
            return 0
        self._last = now
        with self._store.transaction() as session:
            return len(notifications.keep(session, from_warnings(watch.warnings, now, self._name_of)))
