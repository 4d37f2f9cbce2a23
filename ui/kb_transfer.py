"""Knowledge-base import and export from the dock's menu (导入 / 导出), off the GUI thread.

An import is checked whole first (app.knowledge.transfer): when any row is wrong the operator sees
every problem and nothing is stored. Only a seat without a central server imports into its own KB;
a synced seat's KB is the server's, where leads edit it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.knowledge.base import KnowledgeBase
from app.knowledge.transfer import ImportResult, read_any, write_csv, write_markdown_folder, write_xlsx
from ui.ops import BackgroundOp

MAX_SHOWN = 30  # problems listed in the message box; the rest are counted

Writer = Callable[..., int]


def export_kb(parent: QWidget, kb: KnowledgeBase, kind: str, target: str | None = None) -> None:
    """`kind`: csv | xlsx | folder. `target` skips the file dialog (tests)."""
    if target is None:
        if kind == "folder":
            target = QFileDialog.getExistingDirectory(
                parent, QCoreApplication.translate("KbTransfer", "导出到文件夹")
            )
        else:
            pattern = "CSV (*.csv)" if kind == "csv" else "Excel (*.xlsx)"
            target, _ = QFileDialog.getSaveFileName(
                parent, QCoreApplication.translate("KbTransfer", "导出知识库"), f"知识库.{kind}", pattern
            )
    if not target:
        return
    writer: Writer = {"csv": write_csv, "xlsx": write_xlsx, "folder": write_markdown_folder}[kind]
    path = Path(target)
    BackgroundOp(parent, lambda: writer(kb.store.articles(), path)).success(
        lambda n: QMessageBox.information(
            parent,
            QCoreApplication.translate("KbTransfer", "导出知识库"),
            QCoreApplication.translate("KbTransfer", "已导出 %1 条。").replace("%1", str(n)),
        )
    ).failure(
        lambda exc: _failed(parent, QCoreApplication.translate("KbTransfer", "导出失败：%1"), exc)
    ).run()


def import_kb(parent: QWidget, kb: KnowledgeBase, source: str | None = None, *, folder: bool = False) -> None:
    """Read `source` (asked for when None), report every problem or store all articles at once."""
    if source is None:
        if folder:
            source = QFileDialog.getExistingDirectory(
                parent, QCoreApplication.translate("KbTransfer", "选择 Markdown 文件夹")
            )
        else:
            source, _ = QFileDialog.getOpenFileName(
                parent,
                QCoreApplication.translate("KbTransfer", "导入知识库"),
                "",
                "CSV / Excel (*.csv *.xlsx)",
            )
    if not source:
        return
    path = Path(source)

    def work() -> ImportResult:
        result = read_any(path)
        if result.ok:
            kb.store.apply(result.articles, (), version="import", source=f"import:{path.name}")
        return result

    BackgroundOp(parent, work).success(lambda result: _imported(parent, result)).failure(
        lambda exc: _failed(parent, QCoreApplication.translate("KbTransfer", "无法导入：%1"), exc)
    ).run()


def _imported(parent: QWidget, result: ImportResult) -> None:
    if result.ok:
        text = QCoreApplication.translate("KbTransfer", "已导入 %1 条。").replace(
            "%1", str(len(result.articles))
        )
        QMessageBox.information(parent, QCoreApplication.translate("KbTransfer", "导入知识库"), text)
        return
    lines = [str(p) for p in result.problems[:MAX_SHOWN]]
    if len(result.problems) > MAX_SHOWN:
        lines.append(
            QCoreApplication.translate("KbTransfer", "……另有 %1 处问题").replace(
                "%1", str(len(result.problems) - MAX_SHOWN)
            )
        )
    head = QCoreApplication.translate(
        "KbTransfer", "文件中有 %1 处问题，未导入任何条目。请修改后重新导入："
    ).replace("%1", str(len(result.problems)))
    QMessageBox.warning(
        parent, QCoreApplication.translate("KbTransfer", "导入知识库"), head + "\n\n" + "\n".join(lines)
    )


def _failed(parent: QWidget, template: str, exc: Exception) -> None:
    QMessageBox.warning(
        parent, QCoreApplication.translate("KbTransfer", "知识库"), template.replace("%1", str(exc))
    )
