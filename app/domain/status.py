"""Ticket status (工单状态), the actors' roles and the actions that move a ticket."""

from __future__ import annotations

from app.domain.labelled import LabelledEnum


class Status(LabelledEnum):
    """工单状态. Values are stable storage/wire codes."""

    DRAFT = "draft", "草稿"
    ACCEPTED = "accepted", "已受理"
    DISPATCHED = "dispatched", "已派单"
    IN_PROGRESS = "in_progress", "办理中"
    # 退单 by the 承办单位 waits for the centre's 审核: agreed, the ticket is dispatched anew (改派);
    # refused, it goes back to the same 承办单位.
    RETURNED = "returned", "退单待审"
    REPLIED = "replied", "已答复"
    VISITED = "visited", "已回访"
    CLOSED = "closed", "已办结"

    @property
    def is_open(self) -> bool:
        """Still someone's work: everything but a draft nobody accepted and a closed ticket."""
        return self not in (Status.DRAFT, Status.CLOSED)


class Role(LabelledEnum):
    """Who acts on a ticket. 承办单位 staff act through the central server, never a seat."""

    OPERATOR = "operator", "话务员"
    TEAM_LEAD = "team_lead", "班长"
    DEPARTMENT = "department", "承办单位"
    ADMIN = "admin", "管理员"
    SYSTEM = "system", "系统"  # timers, sync


class Action(LabelledEnum):
    """What was done to a ticket; each one is recorded as an event."""

    ACCEPT = "accept", "受理"
    CLOSE_DIRECT = "close_direct", "直接办结"
    DISPATCH = "dispatch", "派单"  # also 改派
    RETURN = "return", "退单"  # by the 承办单位 it asks the centre's review; by the lead it recalls
    START = "start", "签收"  # the 承办单位 acknowledges the ticket and starts on it
    REPLY = "reply", "答复"
    VISIT = "visit", "回访"
    CLOSE = "close", "办结"
    REOPEN = "reopen", "重办"
    SUPERVISE = "supervise", "督办"  # a flag, not a status change
    ASSIGN = "assign", "分配"  # 分配坐席: seat ownership, not a status change
    EDIT = "edit", "修改"  # fields corrected after 受理
    # 并单: a repeat request joins an existing ticket. On the repeat it closes it (handled with the
    # other); on the existing ticket it is a recorded link that keeps the status.
    MERGE = "merge", "并单"
    EXTEND = "extend", "延期申请"  # the 承办单位 asks for a later 办结时限
    APPROVE_EXTENSION = "approve_extension", "批准延期"  # the centre's answer to 延期申请
    REFUSE_EXTENSION = "refuse_extension", "驳回延期"
    APPROVE_RETURN = "approve_return", "同意退单"  # 退单审核: back to 已受理 for 改派
    REFUSE_RETURN = "refuse_return", "驳回退单"  # back to the same 承办单位
    WITHDRAW = "withdraw", "撤单"  # the caller withdraws the request: it ends here
    URGE = "urge", "催办"  # the caller chases: counted on the ticket, the status stays


class Satisfaction(LabelledEnum):
    """满意度 recorded at 回访."""

    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"
