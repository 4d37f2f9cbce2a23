"""Translatable labels of domain values. The core keeps Chinese labels; the UI translates them here."""

from __future__ import annotations

import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.labelled import LabelledEnum
from app.domain.problem import LABELLED_PARAMS, MESSAGES, Problem, ProblemError, fill
from app.intake.validation import FieldProblem
from ui.shell.i18n import is_english

# QT_TRANSLATE_NOOP marks the texts for lupdate; translate() looks them up at run time.
_TEXTS = (
    QT_TRANSLATE_NOOP("Domain", "咨询"),
    QT_TRANSLATE_NOOP("Domain", "求助"),
    QT_TRANSLATE_NOOP("Domain", "投诉"),
    QT_TRANSLATE_NOOP("Domain", "举报"),
    QT_TRANSLATE_NOOP("Domain", "建议"),
    QT_TRANSLATE_NOOP("Domain", "表扬"),
    QT_TRANSLATE_NOOP("Domain", "紧急"),
    QT_TRANSLATE_NOOP("Domain", "快速"),
    QT_TRANSLATE_NOOP("Domain", "一般"),
    QT_TRANSLATE_NOOP("Domain", "草稿"),
    QT_TRANSLATE_NOOP("Domain", "已受理"),
    QT_TRANSLATE_NOOP("Domain", "已派单"),
    QT_TRANSLATE_NOOP("Domain", "办理中"),
    QT_TRANSLATE_NOOP("Domain", "退单待审"),
    QT_TRANSLATE_NOOP("Domain", "已答复"),
    QT_TRANSLATE_NOOP("Domain", "已回访"),
    QT_TRANSLATE_NOOP("Domain", "已办结"),
    QT_TRANSLATE_NOOP("Domain", "空闲"),
    QT_TRANSLATE_NOOP("Domain", "通话中"),
    QT_TRANSLATE_NOOP("Domain", "话后处理"),
    QT_TRANSLATE_NOOP("Domain", "小休"),
    QT_TRANSLATE_NOOP("Domain", "离线"),
    QT_TRANSLATE_NOOP("Domain", "振铃"),
    QT_TRANSLATE_NOOP("Domain", "接通"),
    QT_TRANSLATE_NOOP("Domain", "保持"),
    QT_TRANSLATE_NOOP("Domain", "恢复通话"),
    QT_TRANSLATE_NOOP("Domain", "转接"),
    QT_TRANSLATE_NOOP("Domain", "未接"),
    QT_TRANSLATE_NOOP("Domain", "挂断"),
    QT_TRANSLATE_NOOP("Domain", "录音"),
    QT_TRANSLATE_NOOP("Domain", "振铃中"),
    QT_TRANSLATE_NOOP("Domain", "保持中"),
    QT_TRANSLATE_NOOP("Domain", "已转接"),
    QT_TRANSLATE_NOOP("Domain", "已挂断"),
    QT_TRANSLATE_NOOP("Domain", "接听来电"),
    QT_TRANSLATE_NOOP("Domain", "结束通话"),
    QT_TRANSLATE_NOOP("Domain", "漏接来电"),
    QT_TRANSLATE_NOOP("Domain", "受理工单"),
    QT_TRANSLATE_NOOP("Domain", "话后处理到时"),
    QT_TRANSLATE_NOOP("Domain", "置为空闲"),
    QT_TRANSLATE_NOOP("Domain", "满意"),
    QT_TRANSLATE_NOOP("Domain", "基本满意"),
    QT_TRANSLATE_NOOP("Domain", "不满意"),
    QT_TRANSLATE_NOOP("Domain", "受理"),
    QT_TRANSLATE_NOOP("Domain", "直接办结"),
    QT_TRANSLATE_NOOP("Domain", "派单"),
    QT_TRANSLATE_NOOP("Domain", "退单"),
    QT_TRANSLATE_NOOP("Domain", "签收"),
    QT_TRANSLATE_NOOP("Domain", "答复"),
    QT_TRANSLATE_NOOP("Domain", "回访"),
    QT_TRANSLATE_NOOP("Domain", "漏接回拨"),
    QT_TRANSLATE_NOOP("Domain", "待回拨"),
    QT_TRANSLATE_NOOP("Domain", "回拨中"),
    QT_TRANSLATE_NOOP("Domain", "已处理"),
    QT_TRANSLATE_NOOP("Domain", "已回拨"),
    QT_TRANSLATE_NOOP("Domain", "未接通"),
    QT_TRANSLATE_NOOP("Domain", "号码错误"),
    QT_TRANSLATE_NOOP("Domain", "无需回拨"),
    QT_TRANSLATE_NOOP("Domain", "开始回拨"),
    QT_TRANSLATE_NOOP("Domain", "办结"),
    QT_TRANSLATE_NOOP("Domain", "重办"),
    QT_TRANSLATE_NOOP("Domain", "督办"),
    QT_TRANSLATE_NOOP("Domain", "分配"),
    QT_TRANSLATE_NOOP("Domain", "修改"),
    QT_TRANSLATE_NOOP("Domain", "并单"),
    QT_TRANSLATE_NOOP("Domain", "延期申请"),
    QT_TRANSLATE_NOOP("Domain", "批准延期"),
    QT_TRANSLATE_NOOP("Domain", "驳回延期"),
    QT_TRANSLATE_NOOP("Domain", "同意退单"),
    QT_TRANSLATE_NOOP("Domain", "驳回退单"),
    QT_TRANSLATE_NOOP("Domain", "撤单"),
    QT_TRANSLATE_NOOP("Domain", "催办"),
    QT_TRANSLATE_NOOP("Domain", "话务员"),
    QT_TRANSLATE_NOOP("Domain", "班长"),
    QT_TRANSLATE_NOOP("Domain", "承办单位"),
    QT_TRANSLATE_NOOP("Domain", "管理员"),
    QT_TRANSLATE_NOOP("Domain", "系统"),
    QT_TRANSLATE_NOOP("Domain", "来电人姓名"),
    QT_TRANSLATE_NOOP("Domain", "联系电话"),
    QT_TRANSLATE_NOOP("Domain", "所属区县"),
    QT_TRANSLATE_NOOP("Domain", "详细地址"),
    QT_TRANSLATE_NOOP("Domain", "发生时间"),
    QT_TRANSLATE_NOOP("Domain", "涉及单位"),
    QT_TRANSLATE_NOOP("Domain", "车牌号"),
    QT_TRANSLATE_NOOP("Domain", "身份证号"),
    QT_TRANSLATE_NOOP("Domain", "订单号"),
)


# Same strings as app.intake.validation.MESSAGES (a test keeps the two in step).
_VALIDATION = (
    QT_TRANSLATE_NOOP("Validation", "请填写诉求内容"),
    QT_TRANSLATE_NOOP("Validation", "诉求内容过长（{length} 字，最多 {limit} 字）"),
    QT_TRANSLATE_NOOP("Validation", "请选择事项分类"),
    QT_TRANSLATE_NOOP("Validation", "请选择到第三级事项分类"),
    QT_TRANSLATE_NOOP("Validation", "电话号码无效（手机 11 位，固话须带区号）"),
    QT_TRANSLATE_NOOP("Validation", "直接办结须填写答复内容"),
    QT_TRANSLATE_NOOP("Validation", "手机号码应为 11 位"),
    QT_TRANSLATE_NOOP("Validation", "固定电话请加区号，如 0755-12345678"),
    QT_TRANSLATE_NOOP("Validation", "请填写{field}"),
    QT_TRANSLATE_NOOP("Validation", "{field}过长（最多 {limit} 字）"),
    QT_TRANSLATE_NOOP("Validation", "发生时间请写成 年-月-日 时:分，如 2026-12-06 22:00"),
    QT_TRANSLATE_NOOP("Validation", "身份证号应为 18 位（最后一位可为 X）"),
    QT_TRANSLATE_NOOP("Validation", "身份证号校验位不对，请核对每一位"),
    QT_TRANSLATE_NOOP("Validation", "身份证号中的出生日期无效"),
    QT_TRANSLATE_NOOP("Validation", "车牌号无效（省份简称 + 字母 + 5 或 6 位，如 粤B12345、粤BD12345）"),
)


def problem_text(problem: FieldProblem | Problem) -> str:
    """A problem found by the core or the server, in the interface language."""
    if isinstance(problem, FieldProblem):
        params = dict(problem.params)
        if isinstance(field := params.get("field"), str):  # a field's label (TicketField), translated
            params["field"] = QCoreApplication.translate("Domain", field)
        return fill(QCoreApplication.translate("Validation", problem.template), **params)
    english = is_english()
    message = MESSAGES[problem.code]
    words: dict[str, object] = {
        name: problem_text(value) if isinstance(value, Problem) else value
        for name, value in problem.params.items()
    }
    for name, enum in LABELLED_PARAMS.items():  # enum codes as the labels the interface shows
        if name in words:
            shown = label(enum(str(words[name])))
            words[name] = shown.lower() if english else shown
    if not english:
        return fill(message.zh, **words)
    text = fill(message.en, **words)
    if any(message.en.startswith(f"{{{name}}}") for name in LABELLED_PARAMS):
        return text[:1].upper() + text[1:]  # "{action} needs a reason": a label in the middle is lower case
    return text


def worded(said: Problem | str) -> str:
    """A problem in the interface language; a text (a network error's, say) as it is."""
    return problem_text(said) if isinstance(said, Problem) else said


def error_text(exc: BaseException) -> str:
    """What went wrong, in the interface language: the core's and the server's problems are worded
    from their codes; anything else (a disk error, say) is shown as it is."""
    if isinstance(exc, ProblemError):
        return problem_text(exc.problem)
    # The sync client loads after the window shows; before it has, no answer of a server can be here.
    api = sys.modules.get("sync.client.api")
    if api is not None and isinstance(exc, api.ServerRefused):
        problem = exc.error.as_problem()
        return problem_text(problem) if problem is not None else exc.error.message
    return str(exc)


def label(value: LabelledEnum) -> str:
    return QCoreApplication.translate("Domain", value.label)
