"""The seat's callback list sent to the server after each sync round, so a lead sees its unreturned
calls (PUT /callbacks). Only changed callbacks go, each version once; a refused one (not this seat's)
would be refused again and is not sent again."""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.domain.callback import Callback
from app.store.callbacks import CallbackStore
from sync.client.api import ServerApi
from sync.protocol import MAX_CALLBACKS, CallbackPush, CallbackWire

log = logging.getLogger(__name__)


class CallbackSync:
    def __init__(
        self, api: ServerApi, callbacks: CallbackStore, *, when: Callable[[], bool] = lambda: True
    ) -> None:
        """`when`: whether the account signed in now speaks for a seat (only an operator's does)."""
        self._api, self._callbacks, self._when = api, callbacks, when

    def send(self) -> int:
        """Send every callback changed since the server last had it, batch by batch, each batch
        marked sent once answered; how many the server kept. Raises what ServerApi raises, with the
        finished batches kept: the rest go with the next sync."""
        kept = 0
        if not self._when():
            return kept
        previous: list[Callback] | None = None
        while (changed := self._callbacks.unsent(MAX_CALLBACKS)) and changed != previous:
            result = self._api.put_callbacks(
                CallbackPush(callbacks=[CallbackWire.from_domain(c) for c in changed])
            )
            for refusal in result.refused:
                log.warning(
                    "回拨 %s refused by the server: %s %s", refusal.id, refusal.problem, refusal.params
                )
            kept += result.kept
            self._callbacks.mark_sent(changed)
            previous = changed
        return kept
