"""Request kinds (诉求类型) and urgency levels (紧急程度)."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """诉求类型: what the citizen is asking for. Values are the stable wire/storage codes."""

    CONSULTATION = "consultation"  # 咨询
    HELP = "help"  # 求助
    COMPLAINT = "complaint"  # 投诉
    REPORT = "report"  # 举报
    SUGGESTION = "suggestion"  # 建议
    PRAISE = "praise"  # 表扬

    @property
    def label(self) -> str:
        """Chinese label as shown to operators (the UI translates it further if needed)."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    Kind.CONSULTATION: "咨询",
    Kind.HELP: "求助",
    Kind.COMPLAINT: "投诉",
    Kind.REPORT: "举报",
    Kind.SUGGESTION: "建议",
    Kind.PRAISE: "表扬",
}


class Priority(StrEnum):
    """紧急程度: drives the dispatch deadline (深圳民意速办: 紧急 ≤30 min, 快速 ≤2 h, 一般 ≤8 h)."""

    URGENT = "urgent"  # 紧急
    FAST = "fast"  # 快速
    NORMAL = "normal"  # 一般

    @property
    def label(self) -> str:
        return _PRIORITY_LABELS[self]


_PRIORITY_LABELS = {
    Priority.URGENT: "紧急",
    Priority.FAST: "快速",
    Priority.NORMAL: "一般",
}
