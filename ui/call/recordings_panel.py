"""录音转写: the recorded calls from the watch folder, what is being transcribed now, and how each one
ended (attached to which ticket, how it was matched, or why it failed)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.problem import Problem, fill
from app.speech.watch import Progress
from app.store.recording_queue import JobState, MatchedBy, RecordingJob, RecordingQueue
from ui import palette
from ui.labels import worded
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.shell.i18n import Retranslating

TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordingsPanel(Retranslating, QWidget):
    """`ticketActivated(id)` on a double-click of a recording attached to a ticket."""

    ticketActivated = Signal(str)

    def __init__(self, queue: RecordingQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingsPanel")
        self._queue = queue
        self.jobs: list[RecordingJob] = []
        self._folder = ""
        self._folder_problem: Problem | None = None
        self._has_model = False
        self._asked = 0  # the latest reload asked for: only its answer is shown
        self.summary = plain(QLabel(objectName="recordingsSummary", wordWrap=True))
        self.problem = plain(QLabel(objectName="recordingsProblem", wordWrap=True))
        self.problem.setStyleSheet(f"color: {palette.ERROR};")
        self.progress = QProgressBar(objectName="recordingsProgress")
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.table = QTableWidget(0, 5, objectName="recordings")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("录音文件"), self.tr("状态"), self.tr("工单"), self.tr("时长"), self.tr("说明")]
        )
        self._show()

    # -- what the worker says -------------------------------------------------------------------
    def set_source(self, folder: str, *, has_model: bool) -> None:
        self._folder, self._has_model = folder, has_model
        self._show_summary()

    def folder_changed(self, problem: Problem | None) -> None:
        """The queue changed (the worker says so): read it again, off the GUI thread."""
        self._folder_problem = problem
        self._asked += 1
        asked, queue = self._asked, self._queue
        BackgroundOp(self, lambda: queue.jobs()).success(lambda jobs: self._loaded(asked, jobs)).run()

    def progressed(self, progress: Progress) -> None:
        share = progress.done_s / progress.total_s if progress.total_s > 0 else 0.0
        self.progress.setValue(round(1000 * min(1.0, share)))
        self.progress.setFormat(fill(self.tr("正在转写 %1：%2%"), progress.name, round(100 * share)))
        self.progress.show()

    def _loaded(self, asked: int, jobs: list[RecordingJob]) -> None:
        if asked != self._asked:
            return
        self.jobs = jobs
        if not any(job.state is JobState.WORKING for job in jobs):
            self.progress.hide()
        self._show()

    # -- showing --------------------------------------------------------------------------------
    def _show(self) -> None:
        self._show_summary()
        self.table.setRowCount(len(self.jobs))
        for row, job in enumerate(self.jobs):
            # A draft (the call's transcript went to it, 受理 is still to come) is no ticket to open yet.
            ticket = job.ticket_no or (self.tr("草稿（未受理）") if job.ticket_id else "")
            cells = (job.name, self._state(job), ticket, self._seconds(job), self._note(job))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(job.path if column == 0 else text)
                if job.ticket_no and job.ticket_id:
                    item.setData(TICKET_ID_ROLE, job.ticket_id)
                if job.state is JobState.FAILED and column in (1, 4):
                    item.setForeground(QColor(palette.ERROR))
                self.table.setItem(row, column, item)
        for column in range(4):
            self.table.resizeColumnToContents(column)

    def _show_summary(self) -> None:
        waiting = sum(job.state in (JobState.WAITING, JobState.WORKING) for job in self.jobs)
        if not self._folder:
            text = self.tr("未设置录音监视目录（文件 → 设置 → 高级）；电话系统发来的录音仍会转写。")
        else:
            text = fill(self.tr("录音监视目录：%1"), self._folder)
        text += " · " + fill(self.tr("待转写 %1 个"), waiting)
        if waiting and not self._has_model:
            text += " · " + self.tr("没有语音模型：安装模型后开始转写。")
        self.summary.setText(text)
        self.problem.setText(worded(self._folder_problem) if self._folder_problem else "")
        self.problem.setVisible(self._folder_problem is not None)

    def _state(self, job: RecordingJob) -> str:
        return {
            JobState.WAITING: self.tr("等待"),
            JobState.WORKING: self.tr("转写中"),
            JobState.DONE: self.tr("已附到工单"),
            JobState.UNMATCHED: self.tr("未找到工单"),
            JobState.FAILED: self.tr("失败"),
        }[job.state]

    def _note(self, job: RecordingJob) -> str:
        if job.problem is not None:
            return worded(job.problem)
        if job.matched_by is MatchedBy.CALL_ID:
            return fill(self.tr("按通话编号 %1"), job.facts.call_id)
        if job.matched_by is MatchedBy.NUMBER_AND_TIME:
            return fill(self.tr("按来电号码 %1 和时间"), job.facts.caller)
        if job.state is JobState.UNMATCHED:
            return self.tr("转写已保存；没有同一通话编号或号码和时间相近的工单")
        return job.facts.call_id

    def _seconds(self, job: RecordingJob) -> str:
        if not job.seconds:
            return ""
        minutes, seconds = divmod(round(job.seconds), 60)
        return f"{minutes}:{seconds:02d}"

    def _activated(self, item: QTableWidgetItem) -> None:
        if ticket_id := item.data(TICKET_ID_ROLE):
            self.ticketActivated.emit(ticket_id)
