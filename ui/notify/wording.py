"""A notification in the interface language, from its kind and parameters (app.notify)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.problem import fill
from app.domain.status import Role
from app.notify.notification import Notification, NotificationKind
from ui.labels import label

K = NotificationKind


# The kind in a word or two: the desktop popup's title and the list's lead-in.
TITLES: dict[NotificationKind, str] = {
    K.ASSIGNED_TO_ME: QT_TRANSLATE_NOOP("Notifications", "新分配工单"),
    K.MOVED_AWAY: QT_TRANSLATE_NOOP("Notifications", "工单已改派"),
    K.RETURNED: QT_TRANSLATE_NOOP("Notifications", "退单"),
    K.SUPERVISED: QT_TRANSLATE_NOOP("Notifications", "督办"),
    K.EXTENSION_ASKED: QT_TRANSLATE_NOOP("Notifications", "延期待审批"),
    K.EXTENSION_ANSWERED: QT_TRANSLATE_NOOP("Notifications", "延期答复"),
    K.URGED: QT_TRANSLATE_NOOP("Notifications", "催办"),
    K.MERGED: QT_TRANSLATE_NOOP("Notifications", "并单"),
    K.SLA_WARNING: QT_TRANSLATE_NOOP("Notifications", "时限预警"),
    K.SLA_OVERDUE: QT_TRANSLATE_NOOP("Notifications", "已超时"),
    K.SYNC_CONFLICT: QT_TRANSLATE_NOOP("Notifications", "同步冲突"),
    K.EARLY_WARNING: QT_TRANSLATE_NOOP("Notifications", "苗头预警"),
}


def title(kind: NotificationKind) -> str:
    return QCoreApplication.translate("Notifications", TITLES[kind])


def text(note: Notification, zone: ZoneInfo) -> str:
    """What happened, in one line: who, which ticket, why."""
    p = note.params
    ticket, actor = p.get("ticket", ""), p.get("actor", "")
    who = f"{_role(p)} {actor}".strip()
    match note.kind:
        case K.ASSIGNED_TO_ME:
            said = fill(QCoreApplication.translate("Notifications", "%1 将工单 %2 分配给本坐席"), who, ticket)
        case K.MOVED_AWAY if p.get("seat"):
            said = fill(
                QCoreApplication.translate("Notifications", "%1 将工单 %2 改派至 %3"), who, ticket, p["seat"]
            )
        case K.MOVED_AWAY:
            said = fill(
                QCoreApplication.translate("Notifications", "%1 将工单 %2 退回班组待分配"), who, ticket
            )
        case K.RETURNED:
            said = _returned(p.get("step", ""), who, ticket)
        case K.SUPERVISED:
            said = fill(QCoreApplication.translate("Notifications", "%1 督办工单 %2"), who, ticket)
        case K.EXTENSION_ASKED:
            said = fill(
                QCoreApplication.translate("Notifications", "%1 申请延期工单 %2，待审批"), who, ticket
            )
        case K.EXTENSION_ANSWERED if p.get("answer") == "approved":
            said = fill(QCoreApplication.translate("Notifications", "%1 批准了工单 %2 的延期"), who, ticket)
        case K.EXTENSION_ANSWERED:
            said = fill(QCoreApplication.translate("Notifications", "%1 驳回了工单 %2 的延期"), who, ticket)
        case K.URGED:
            said = fill(
                QCoreApplication.translate("Notifications", "来电人催办工单 %1（第 %2 次）"),
                ticket,
                p.get("count", ""),
            )
        case K.MERGED:
            said = fill(
                QCoreApplication.translate("Notifications", "%1 将重复诉求 %2 并入工单 %3"),
                who,
                p.get("from_no", ""),
                ticket,
            )
        case K.SLA_WARNING | K.SLA_OVERDUE:
            said = _deadline(note, ticket, zone)
        case K.SYNC_CONFLICT if p.get("outcome") == "rejected":
            said = fill(QCoreApplication.translate("Notifications", "中心服务器拒绝了工单 %1 的修改"), ticket)
        case K.EARLY_WARNING:
            said = fill(
                QCoreApplication.translate("Notifications", "%1 近 24 小时 %2 件，平常约 %3 件"),
                p.get("subject", ""),
                p.get("count", ""),
                p.get("expected", ""),
            )
        case K.SYNC_CONFLICT:
            said = fill(
                QCoreApplication.translate("Notifications", "工单 %1 的修改与中心服务器冲突，请处理"), ticket
            )
    reason = p.get("reason")
    return fill(QCoreApplication.translate("Notifications", "%1：%2"), said, reason) if reason else said


def _role(p: Mapping[str, str]) -> str:
    try:
        return label(Role(p.get("role", "")))
    except ValueError:
        return ""


def _returned(step: str, who: str, ticket: str) -> str:
    if step == "review":
        return fill(QCoreApplication.translate("Notifications", "%1 退回工单 %2，待审核"), who, ticket)
    if step == "approved":
        return fill(
            QCoreApplication.translate("Notifications", "%1 同意了工单 %2 的退单，请改派"), who, ticket
        )
    if step == "refused":
        return fill(QCoreApplication.translate("Notifications", "%1 驳回了工单 %2 的退单"), who, ticket)
    if step == "recalled":
        return fill(QCoreApplication.translate("Notifications", "%1 收回了工单 %2"), who, ticket)
    return fill(QCoreApplication.translate("Notifications", "%1 退回了工单 %2"), who, ticket)


def _deadline(note: Notification, ticket: str, zone: ZoneInfo) -> str:
    p = note.params
    due = datetime.fromisoformat(p["due"]).astimezone(zone).strftime("%m-%d %H:%M") if p.get("due") else ""
    dispatch = p.get("deadline") == "dispatch"
    if note.kind is K.SLA_OVERDUE:
        if dispatch:
            return fill(
                QCoreApplication.translate("Notifications", "工单 %1 已超过派单时限（%2）"), ticket, due
            )
        return fill(QCoreApplication.translate("Notifications", "工单 %1 已超过办结时限（%2）"), ticket, due)
    if dispatch:
        return fill(QCoreApplication.translate("Notifications", "工单 %1 派单时限将到：%2"), ticket, due)
    return fill(QCoreApplication.translate("Notifications", "工单 %1 办结时限将到：%2"), ticket, due)
