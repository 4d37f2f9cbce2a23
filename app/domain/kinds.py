"""Request kinds (诉求类型) and urgency levels (紧急程度)."""

from __future__ import annotations

from app.domain.labelled import LabelledEnum


class Kind(LabelledEnum):
    """诉求类型: what the citizen is asking for. Values are the stable wire/storage codes."""

    CONSULTATION = "consultation", "咨询"
    HELP = "help", "求助"
    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"
    SUGGESTION = "suggestion", "建议"
    PRAISE = "praise", "表扬"


class Priority(LabelledEnum):
    """紧急程度: drives the dispatch deadline (深圳民意速办: 紧急 ≤30 min, 快速 ≤2 h, 一般 ≤8 h)."""

    URGENT = "urgent", "紧急"
    FAST = "fast", "快速"
    NORMAL = "normal", "一般"
