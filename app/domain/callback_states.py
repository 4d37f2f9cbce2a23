"""The words of a callback's life (回拨): kinds, states, results. Apart from the rules
(app.domain.callback) so that problems can name them (app.domain.problem labels its parameters)."""

from __future__ import annotations

from app.domain.labelled import LabelledEnum


class CallbackKind(LabelledEnum):
    MISSED = "missed", "漏接回拨"  # a caller who gave up while it rang: the seat calls them back
    FOLLOW_UP = "follow_up", "回访"  # the lifecycle's follow-up call on a replied ticket


class CallbackState(LabelledEnum):
    WAITING = "waiting", "待回拨"  # not returned yet (or tried without reaching anyone)
    CALLING = "calling", "回拨中"  # an attempt is under way: its draft is open
    DONE = "done", "已处理"  # nothing more to do: the result says how it ended

    @property
    def open(self) -> bool:
        """Still to be returned: what a team lead's list of unreturned calls shows."""
        return self is not CallbackState.DONE


class CallbackResult(LabelledEnum):
    """How the last attempt ended (回拨结果)."""

    REACHED = "reached", "已回拨"
    NO_ANSWER = "no_answer", "未接通"
    WRONG_NUMBER = "wrong_number", "号码错误"
    NOT_NEEDED = "not_needed", "无需回拨"


class CallbackEvent(LabelledEnum):
    """What happens to a callback: an attempt starts, or the operator (or a filed ticket) records
    how it ended. The result events share their codes with CallbackResult."""

    START = "start", "开始回拨"
    REACHED = "reached", "已回拨"
    NO_ANSWER = "no_answer", "未接通"
    WRONG_NUMBER = "wrong_number", "号码错误"
    NOT_NEEDED = "not_needed", "无需回拨"

    @property
    def result(self) -> CallbackResult | None:
        return None if self is CallbackEvent.START else CallbackResult(self.value)
