"""Knowledge-base import and export from the dock's menu (导入 / 导出), off the GUI thread.

An import is checked whole first (app.knowledge.transfer): when any row is wrong the operator sees
every problem and nothing is stored. A seat without a central server imports into its own KB; a
synced seat's KB is the server's, so there a lead's import goes to the server (`to_server`), which
checks it whole again and stores all of it or none, and every seat pulls it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.domain.problem import Problem, fill
from app.knowledge.base import KnowledgeBase
from app.knowledge.transfer import ImportResult, read_any, write_csv, write_markdown_folder, write_xlsx
from app.store.changes import Changes
from ui.labels import error_text, problem_text
from ui.ops import BackgroundOp, ChangeBus, write_op

if TYPE_CHECKING:
    from sync.protocol import KbImportProblem, KbImportResult

MAX_SHOWN = 30  # problems listed in the message box; the rest are counted

Writer = Callable[..., int]
ServerImport = Callable[[ImportResult], "KbImportResult"]  # runs on a worker


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
            fill(QCoreApplication.translate("KbTransfer", "已导出 %1 条。"), str(n)),
        )
    ).failure(
        lambda exc: _failed(parent, QCoreApplication.translate("KbTransfer", "导出失败：%1"), exc)
    ).run()


def import_kb(
    parent: QWidget,
    kb: KnowledgeBase,
    bus: ChangeBus,
    source: str | None = None,
    *,
    folder: bool = False,
    to_server: ServerImport | None = None,
) -> None:
    """Read `source` (asked for when None), report every problem or store all articles at once:
    in the local KB (announced on `bus`), or with `to_server` in the server's (the sync that
    brings it back announces it)."""
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

    def work() -> tuple[tuple[ImportResult, KbImportResult | None], Changes]:
        result = read_any(path)
        if not result.ok:
            return (result, None), Changes()
        if to_server is not None:
            return (result, to_server(result)), Changes()
        kb.store.apply(result.articles, (), version="import", source=f"import:{path.name}")
        return (result, None), Changes(kb=True)

    write_op(parent, bus, work, lambda outcome: _imported(parent, *outcome)).failure(
        lambda exc: _failed(parent, QCoreApplication.translate("KbTransfer", "无法导入：%1"), exc)
    ).run()


def _imported(parent: QWidget, result: ImportResult, server: KbImportResult | None) -> None:
    title = QCoreApplication.translate("KbTransfer", "导入知识库")
    if result.ok and server is None:
        text = fill(QCoreApplication.translate("KbTransfer", "已导入 %1 条。"), str(len(result.articles)))
        QMessageBox.information(parent, title, text)
        return
    if server is not None and server.ok:
        text = fill(
            QCoreApplication.translate(
                "KbTransfer", "已导入中心服务器：新增 %1 条，更新 %2 条。各坐席同步后即可使用。"
            ),
            str(server.created),
            str(server.updated),
        )
        QMessageBox.information(parent, title, text)
        return
    if server is not None:
        problems = [_server_problem(result, p) for p in server.problems]
        template = QCoreApplication.translate(
            "KbTransfer", "中心服务器发现 %1 处问题，未导入任何条目。请修改后重新导入："
        )
    else:
        problems = [problem_text(p.said) for p in result.problems]
        template = QCoreApplication.translate(
            "KbTransfer", "文件中有 %1 处问题，未导入任何条目。请修改后重新导入："
        )
    lines = problems[:MAX_SHOWN]
    if len(problems) > MAX_SHOWN:
        lines.append(
            fill(QCoreApplication.translate("KbTransfer", "……另有 %1 处问题"), str(len(problems) - MAX_SHOWN))
        )
    head = fill(template, str(len(problems)))
    QMessageBox.warning(
        parent, QCoreApplication.translate("KbTransfer", "导入知识库"), head + "\n\n" + "\n".join(lines)
    )


def _server_problem(result: ImportResult, found: KbImportProblem) -> str:
    """Where (as this seat read the file) and what, worded here when the server sent the code."""
    problem = found.as_problem()
    if problem is None or not 0 <= found.index < len(result.wheres):
        return f"{found.where}: {found.message}"
    return problem_text(Problem("kb.at", {"where": result.wheres[found.index], "problem": problem}))


def _failed(parent: QWidget, template: str, exc: Exception) -> None:
    QMessageBox.warning(
        parent, QCoreApplication.translate("KbTransfer", "知识库"), fill(template, error_text(exc))
    )
