"""The call dock (通话转写): live transcript with speakers and times, search, level meter.

Recognition runs on app.speech's worker threads; their segments reach this widget through a queued
signal, so widgets are only touched on the GUI thread. Final sentences are saved to the store by a
TranscriptKeeper on the worker thread as they arrive, before they are even shown.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.call import CallSession
from app.domain.draft import Said
from app.domain.ids import new_id
from app.domain.problem import Problem, fill
from app.speech.audio import AudioError, Samples
from app.speech.call import TranscriptKeeper
from app.speech.chinese import continues
from app.speech.files import FileResult, transcribe_file
from app.speech.models import ModelManager
from app.speech.recordings import Recording, purge_recordings
from app.speech.stream import Segment, Speaker
from app.speech.transcriber import Transcription, load_model
from app.workspace import Workspace
from ui import palette
from ui.labels import error_text, label
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.shell.i18n import Retranslating
from ui.shell.system_check import audio_missing

if TYPE_CHECKING:  # Qt Multimedia is loaded only when audio is used: the seat runs without it
    import vosk

    from ui.call.audio_capture import LiveCapture
    from ui.call.decoded_file import DecodedFile
    from ui.call.played_file import Clip, PlayedFile

log = logging.getLogger(__name__)

_UNCERTAIN = QColor(palette.UNCERTAIN_BACKGROUND)
_PARTIAL = QColor(palette.PARTIAL_TEXT)
_SPEAKER_COLOURS = {
    Speaker.CALLER: QColor(palette.CALLER_TEXT),
    Speaker.OPERATOR: QColor(palette.OPERATOR_TEXT),
}


class _Relay(QObject):
    """Lives in the GUI thread: emitted from recognizer threads, delivered queued."""

    segment = Signal(object)
    failed = Signal(str)


def clock(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes:02d}:{rest:02d}"


class CallPanel(Retranslating, QWidget):
    sentenceChosen = Signal(str)  # a clicked sentence, for the focused intake field
    modelReady = Signal()
    # The live call's recent words (TranscriptStream.recent_text), after every segment: agent assist.
    transcriptChanged = Signal(str)
    # The whole call's settled text (finals only, joined by spaces), after every final: the intake's
    # suggestions, whose words are found again in this text (a name said in the first minute too).
    finalsChanged = Signal(str)

    def __init__(
        self, workspace: Workspace, ticket_id: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        """`ticket_id` gives the draft the operator is filling in: the transcript is saved with it."""
        super().__init__(parent)
        self._ws, self._ticket_id = workspace, ticket_id
        self.models = ModelManager(workspace.paths.data_dir)
        self.model: vosk.Model | None = None
        self.model_name = ""
        self._loading = False
        self._call_id = ""
        self._transcription: Transcription | None = None
        self._keeper: TranscriptKeeper | None = None
        self._capture: LiveCapture | PlayedFile | None = None
        self._recording: Recording | None = None
        self._file_cancel: threading.Event | None = None  # set while a recorded file is transcribed
        self._decoding: DecodedFile | None = None
        self._segments: list[Segment] = []  # finals shown, in order; anchors index into it
        self._partials: dict[Speaker, Segment] = {}
        self._partial_from = 0  # document position where the provisional text starts
        self._found: list[QTextEdit.ExtraSelection] = []  # search matches
        self._said: list[QTextEdit.ExtraSelection] = []  # the words a form field came from
        self._shown_ticket = ""  # the draft whose transcript is on screen
        self._relay = _Relay(self)
        self._relay.segment.connect(self._arrived)
        self._relay.failed.connect(self._show_error)
        self._unsubscribe = workspace.transcript.subscribe(self._relay.segment.emit)
        self._build()
        self.retranslate()
        self.reload_model()

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.call_line = plain(QLabel(objectName="callLine"))
        self.call_line.setStyleSheet("font-weight: bold;")
        self.call_line.hide()
        self._call: CallSession | None = None
        self._call_now: datetime | None = None
        self.status = plain(QLabel(objectName="callStatus", wordWrap=True))
        self.start_button = QPushButton(objectName="startButton", checkable=True)
        self.start_button.toggled.connect(self._start_toggled)
        self.file_button = QPushButton(objectName="fileButton")
        self.file_button.clicked.connect(self._choose_file)
        self.meter = QProgressBar(objectName="levelMeter", textVisible=False, maximum=100)
        self.meter.setMaximumHeight(8)
        self.search = QLineEdit(objectName="transcriptSearch", clearButtonEnabled=True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._next_match)
        self.matches = plain(QLabel(objectName="matches"))
        self.view = QTextBrowser(objectName="transcript", openLinks=False)
        self.view.anchorClicked.connect(self._anchor_clicked)
        self._level_timer = QTimer(self, interval=100)
        self._level_timer.timeout.connect(self._show_level)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.file_button)
        find = QHBoxLayout()
        find.addWidget(self.search, 1)
        find.addWidget(self.matches)
        layout = QVBoxLayout(self)
        layout.addWidget(self.call_line)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.meter)
        layout.addLayout(find)
        layout.addWidget(self.view, 1)

    def retranslate(self) -> None:
        self.start_button.setText(
            self.tr("停止转写") if self.start_button.isChecked() else self.tr("开始转写")
        )
        self.file_button.setText(self.tr("转写录音文件…"))
        self.search.setPlaceholderText(self.tr("在转写中查找"))
        self._show_status()
        self._show_call()

    # -- the call (a view of app.domain.call) ---------------------------------------------------
    def show_call(self, call: CallSession | None, now: datetime) -> None:
        """The last call at this seat: number, phase and talk time, where it went, its recording."""
        self._call, self._call_now = call, now
        self._show_call()

    def _show_call(self) -> None:
        call, now = self._call, self._call_now
        if call is None or now is None:
            self.call_line.hide()
            return
        number = call.caller or self.tr("（未显示号码）")
        text = fill(self.tr("来电 %1 · %2"), number, label(call.phase))
        if call.answered_at is not None:
            text += " · " + clock(call.talk_seconds(now))
        if call.transferred_to:
            text += " · " + fill(self.tr("转至 %1"), call.transferred_to)
        if call.recording:
            text += " · " + self.tr("录音已收到")
        self.call_line.setText(text)
        self.call_line.setToolTip(call.recording)
        self.call_line.show()

    def _show_status(self, message: str = "") -> None:
        if message:
            text = message
        elif self._loading:
            text = self.tr("正在加载语音模型…")
        elif self.model is None:
            text = self.tr(
                "未安装语音识别模型：通话转写不可用，请在受理单中手工记录。\n"
                "安装方法：文件 → 设置 → 语音模型 → 从压缩包安装（如 vosk-model-small-cn-0.22.zip）"
            )
        elif self._file_cancel is not None:
            text = self.tr("正在转写录音文件…")
        elif self._transcription is not None:
            text = fill(self.tr("正在转写通话（模型 %1）"), self.model_name)
        else:
            text = fill(self.tr("语音模型 %1 已就绪"), self.model_name)
        if (audio := audio_missing()) is not None and not message:
            text += "\n" + self._audio_unavailable(audio.reason, audio.fix)
        self.status.setText(text)
        ready = self.model is not None and not self._loading
        self.start_button.setEnabled(ready and self._file_cancel is None and audio is None)
        self.file_button.setEnabled(ready and self._transcription is None and self._file_cancel is None)

    def _audio_unavailable(self, reason: str, fix: str) -> str:
        return fill(
            self.tr("实时录音不可用：缺少系统组件 %1。修复方法：%2\n录音文件（WAV）仍可转写。"), reason, fix
        )

    # -- the model ------------------------------------------------------------------------------
    def reload_model(self) -> None:
        """(Re)load the active model in the background; the panel says when there is none."""
        if self._transcription is not None:
            return  # never swap the model under a running call; the next call gets the new one
        models = self.models

        def load() -> tuple[str, vosk.Model | None]:
            active = models.active()
            return ("", None) if active is None else (active.name, load_model(active.path))

        self._loading = True
        self._show_status()
        BackgroundOp(self, load).success(self._model_loaded).failure(self._model_failed).run()

    def _model_loaded(self, loaded: tuple[str, vosk.Model | None]) -> None:
        self.model_name, self.model = loaded
        self._loading = False
        self._show_status()
        self.modelReady.emit()

    def _model_failed(self, error: Exception) -> None:
        self._loading, self.model = False, None
        self._show_status(error_text(error))
        self.modelReady.emit()

    # -- live calls -----------------------------------------------------------------------------
    def incoming_call(self, call_id: str | None = None, sound: Path | None = None) -> None:
        """An incoming-call event from the telephony side: transcribe it, if a model is there.
        `sound`: a simulated call's WAV, played as the line instead of the microphone."""
        if self.model is not None and self._transcription is None:
            if sound is None:
                self.start_live(call_id)
            else:
                self.start_played(call_id or new_id(), sound)

    def start_played(self, call_id: str, path: Path) -> None:
        """A simulated call: the WAV is read off the GUI thread, then played in real time."""
        from ui.call.played_file import read_clip

        op = BackgroundOp(self, lambda: read_clip(path))
        op.success(lambda clip: self._play(call_id, clip)).failure(
            lambda e: self._show_error(error_text(e))
        ).run()

    def _play(self, call_id: str, clip: Clip) -> None:
        if self.model is None or self._transcription is not None:
            return  # a call (or a transcription started by hand) got there first
        from ui.call.played_file import PlayedFile

        self._begin_call(call_id)
        player = PlayedFile(clip, self._feed, self)
        pause = self._ws.config.number("speech.phrase_pause_ms")
        self._transcription = self._transcription_for(player.channels, phrase_pause_ms=pause or None)
        self._capture = player
        player.start()
        self._level_timer.start()
        self.start_button.setChecked(True)
        self.retranslate()

    def call_ended(self, call_id: str) -> None:
        """The telephony side hung up: stop transcribing that call (a call started by hand, or
        another one, goes on)."""
        if self._transcription is not None and self._call_id == call_id:
            self.stop_live()

    def _start_toggled(self, on: bool) -> None:
        if on and self._transcription is None:
            self.start_live()
        elif not on and self._transcription is not None:
            self.stop_live()

    def start_live(self, call_id: str | None = None) -> bool:
        if self.model is None or audio_missing() is not None:
            self.start_button.setChecked(False)
            return False
        from ui.call.audio_capture import LiveCapture, find_device

        device = find_device(self._ws.config.text("speech.input_device"))
        if device is None:
            self._show_status(self.tr("找不到录音设备，请在设置 → 语音中选择麦克风。"))
            self.start_button.setChecked(False)
            return False
        self._begin_call(call_id)
        capture = LiveCapture(device, self._feed, self)
        pause = self._ws.config.number("speech.phrase_pause_ms")
        self._transcription = self._transcription_for(capture.channels, phrase_pause_ms=pause or None)
        self._keep_audio(capture.channels)
        capture.failed.connect(self._capture_failed)
        self._capture = capture
        capture.start()
        self._level_timer.start()
        self.start_button.setChecked(True)
        self.retranslate()
        return True

    def _feed(self, samples: Samples) -> None:
        if self._transcription is not None:
            self._transcription.feed(samples)
        if self._recording is not None:
            self._recording.write(samples)

    def stop_live(self) -> None:
        capture, transcription, keeper = self._capture, self._transcription, self._keeper
        if capture is not None:
            capture.stop()
            capture.deleteLater()
        self._capture = None
        self._level_timer.stop()
        self.meter.setValue(0)
        if self._recording is not None:
            # What the disk has not taken yet is written off the GUI thread; shutdown waits for it.
            BackgroundOp(self, self._recording.close).run()
            self._recording = None
        if transcription is not None:
            # The last words are recognized off the GUI thread; the keeper stays until they are saved.
            def finish() -> None:
                transcription.close()
                if keeper is not None:
                    keeper.detach()

            BackgroundOp(self, finish).run()
        self._transcription = self._keeper = None
        self.start_button.setChecked(False)
        self.retranslate()

    def _capture_failed(self, message: str) -> None:
        self.stop_live()
        self._show_status(message)

    def _begin_call(self, call_id: str | None) -> None:
        self._call_id = call_id or new_id()
        ticket_id = self._ticket_id()
        if ticket_id != self._shown_ticket:  # a new intake: the last caller's words are not this one's
            self.clear()
            self._ws.transcript.clear()
            self._shown_ticket = ticket_id
        self._keeper = TranscriptKeeper(
            self._ws.transcript,
            self._ws.transcripts,
            ticket_id=ticket_id,
            call_id=self._call_id,
            on_error=lambda exc: self._relay.failed.emit(fill(self.tr("转写未能保存：%1"), error_text(exc))),
        )

    def _transcription_for(self, channels: int, *, phrase_pause_ms: int | None = None) -> Transcription:
        """A live call closes phrases at the caller's pauses; a recorded file, read far faster than
        it was spoken, keeps the model's sentence ends."""
        assert self.model is not None
        return Transcription(
            self.model,
            self._call_id,
            channels,
            self._ws.transcript,
            phrase_pause_ms=phrase_pause_ms,
            on_error=lambda exc: self._relay.failed.emit(fill(self.tr("识别出错：%1"), error_text(exc))),
        )

    def _keep_audio(self, channels: int) -> None:
        if not self._ws.config.get("speech.keep_audio"):
            return
        folder = self._ws.paths.data_dir / "recordings"
        days = self._ws.config.number("speech.audio_retention_days")
        BackgroundOp(self, lambda: purge_recordings(folder, days)).run()  # a folder of months of calls
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        self._recording = Recording(folder / f"{stamp}-{self._call_id}.wav", channels)

    def _show_level(self) -> None:
        if self._transcription is not None:
            self.meter.setValue(round(self._transcription.level * 100))

    # -- recorded files -------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("转写录音文件"),
            "",
            self.tr("录音文件 (*.wav *.mp3 *.flac *.ogg *.opus *.m4a *.aac *.amr);;所有文件 (*)"),
        )
        if path:
            self.transcribe_file(Path(path))

    def transcribe_file(self, path: Path) -> None:
        """Transcribe a recording in the background; the transcript fills in as it is recognized.
        WAV is read by app.speech; other formats are decoded by Qt where it can."""
        if self.model is None or self._transcription is not None or self._file_cancel is not None:
            return
        wav = path.suffix.lower() == ".wav"
        if not wav and (audio := audio_missing()) is not None:  # other formats need Qt's decoder
            self._show_error(
                fill(
                    self.tr("无法转写 %1：缺少系统组件 %2，只能转写 WAV 录音。修复方法：%3"),
                    path.name,
                    audio.reason,
                    audio.fix,
                )
            )
            return
        self._begin_call(None)
        if not wav:
            self._decode(path)
            return
        model, call_id, stream, keeper = self.model, self._call_id, self._ws.transcript, self._keeper
        cancel = self._file_cancel = threading.Event()

        def work() -> FileResult:
            try:
                return transcribe_file(path, model, call_id, stream, cancel=cancel)
            finally:
                if keeper is not None:
                    keeper.detach()

        self._show_status()
        BackgroundOp(self, work).success(self._file_done).failure(self._file_failed).run()

    def _decode(self, path: Path) -> None:
        from ui.call.decoded_file import DecodedFile

        self._file_cancel = threading.Event()
        decoded = self._decoding = DecodedFile(path, self)
        decoded.done.connect(lambda _seconds: self._decoded(decoded, None))
        decoded.failed.connect(lambda message: self._decoded(decoded, message))
        self._show_status()
        decoded.start(self._transcription_for)

    def _decoded(self, decoded: DecodedFile, problem: Problem | None) -> None:
        """Decoding ended (or failed, or was cancelled): recognize the rest off the GUI thread."""
        if self._decoding is not decoded:
            return
        self._decoding = None
        transcription, keeper, cancelled = decoded.transcription, self._keeper, self._file_cancel
        decoded.stop()
        decoded.deleteLater()

        def finish() -> FileResult:
            if transcription is not None:
                transcription.close()
            if keeper is not None:
                keeper.detach()
            if problem is not None:
                raise AudioError(problem)
            return FileResult(decoded.seconds, False, cancelled is not None and cancelled.is_set())

        BackgroundOp(self, finish).success(self._file_done).failure(self._file_failed).run()

    def cancel_file(self) -> None:
        if self._file_cancel is not None:
            self._file_cancel.set()
        if self._decoding is not None:
            self._decoded(self._decoding, None)

    def _file_done(self, result: FileResult) -> None:
        self._file_cancel = self._keeper = None
        self._show_status()
        if result.truncated:
            self._show_status(fill(self.tr("录音文件不完整，已转写现有的 %1 秒。"), f"{result.seconds:.0f}"))

    def _file_failed(self, error: Exception) -> None:
        self._file_cancel = self._keeper = None
        self._show_error(error_text(error))

    def _show_error(self, message: str) -> None:
        self._show_status()
        self.status.setText(message)
        self.status.setStyleSheet(f"color: {palette.ERROR};")
        QTimer.singleShot(15000, lambda: self.status.setStyleSheet("") if shiboken6.isValid(self) else None)

    # -- the transcript -------------------------------------------------------------------------
    def show_draft(self, ticket_id: str) -> None:
        """The operator went back to a parked draft: its call's saved transcript, unless a call is
        being transcribed now (that one stays on screen: its words are the caller on the line)."""
        if self._transcription is None and self._file_cancel is None and ticket_id != self._shown_ticket:
            self.clear()
            self._shown_ticket = ""
            self.show_saved(ticket_id)

    def show_saved(self, ticket_id: str) -> None:
        """Show the saved transcript of a draft (after a restart, the call before the crash)."""
        transcripts = self._ws.transcripts
        BackgroundOp(self, lambda: transcripts.for_ticket(ticket_id)).success(self._saved_loaded).run()

    def _saved_loaded(self, segments: list[Segment]) -> None:
        if segments and not self._segments:
            self._shown_ticket = self._ticket_id()
            self._render(segments)

    def clear(self) -> None:
        self._said.clear()
        self._segments.clear()
        self._partials.clear()
        self.view.clear()
        self._partial_from = 0

    def _arrived(self, segment: Segment) -> None:
        if segment.final:
            self._partials.pop(segment.speaker, None)
            self._render([segment])
        else:
            if segment.text:
                self._partials[segment.speaker] = segment
            else:
                self._partials.pop(segment.speaker, None)
            self._render([])
        self.transcriptChanged.emit(self._ws.transcript.recent_text())
        if segment.final:
            self.finalsChanged.emit(self._ws.transcript.recent_text(float("inf"), partials=False))

    def _render(self, finals: list[Segment]) -> None:
        """Append `finals`, then redraw the provisional text; follow the end only if it was in view."""
        bar = self.view.verticalScrollBar()
        following = bar.value() >= bar.maximum() - 4
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._partial_from)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        for segment in finals:
            self._write(cursor, segment, len(self._segments))
            self._segments.append(segment)
        self._partial_from = cursor.position()
        for segment in sorted(self._partials.values(), key=lambda s: s.start):
            self._write(cursor, segment, None)
        if following:
            bar.setValue(bar.maximum())
        if self.search.text():
            self._search_changed(self.search.text())

    def _write(self, cursor: QTextCursor, segment: Segment, index: int | None) -> None:
        plain = QTextCharFormat()
        joint = None if not index else continues(self._segments[index - 1], segment)
        if index and joint is not None:  # the same sentence, closed early by a pause: it goes on in its line
            self._anchor(plain, index)
            cursor.insertText(joint, plain)
            self._write_text(cursor, segment, plain)
            return
        if not cursor.atStart():
            cursor.insertBlock()
        head = QTextCharFormat()
        head.setFontWeight(QFont.Weight.Bold)
        head.setForeground(_SPEAKER_COLOURS[segment.speaker])
        if index is None:  # provisional: grey italics, not clickable
            plain.setForeground(_PARTIAL)
            plain.setFontItalic(True)
            head.setFontItalic(True)
        else:
            for fmt in (plain, head):
                self._anchor(fmt, index)
        speaker = self.tr("来电人") if segment.speaker is Speaker.CALLER else self.tr("话务员")
        cursor.insertText(f"[{clock(segment.start)}] {speaker}：", head)
        self._write_text(cursor, segment, plain)
        if index is None:
            cursor.insertText(" …", plain)

    @staticmethod
    def _anchor(fmt: QTextCharFormat, index: int) -> None:
        """A click on the text inserts segment `index` into the intake form."""
        fmt.setAnchor(True)
        fmt.setAnchorHref(f"segment:{index}")

    @staticmethod
    def _write_text(cursor: QTextCursor, segment: Segment, plain: QTextCharFormat) -> None:
        """The text, with the words Vosk was unsure of on a yellow ground for the operator to check."""
        text, written, searched = segment.text, 0, 0
        doubtful = QTextCharFormat(plain)
        doubtful.setBackground(_UNCERTAIN)
        for word in segment.words:
            found = text.find(word.text, searched)
            if found < 0:
                continue  # rewritten by post-processing (digits): shown plain
            searched = found + len(word.text)
            if word.uncertain:
                cursor.insertText(text[written:found], plain)
                cursor.insertText(word.text, doubtful)
                written = searched
        cursor.insertText(text[written:], plain)

    def segments(self) -> list[Segment]:
        return list(self._segments)

    def _anchor_clicked(self, url: QUrl) -> None:
        kind, _, index = url.toString().partition(":")
        if kind == "segment" and index.isdigit() and int(index) < len(self._segments):
            self.sentenceChosen.emit(self._segments[int(index)].text)

    # -- provenance -----------------------------------------------------------------------------
    def show_said(self, said: list[Said]) -> int:
        """Mark the words a form field was filled from and scroll to them; returns how many pieces
        were found. Offsets are into the call's finals joined by spaces (finalsChanged): the
        occurrence they point at is the one marked, when the same words were said twice."""
        joined = " ".join(s.text for s in self._segments)
        marked: list[QTextEdit.ExtraSelection] = []
        document = self.view.document()
        for piece in said:
            seen = (
                joined[: piece.start].count(piece.words)
                if joined[piece.start : piece.end] == piece.words
                else 0
            )
            for words in piece.words.split():  # a phrase said over two segments: each part
                cursor = document.find(words, 0)
                for _ in range(seen):
                    if (later := document.find(words, cursor)).isNull():
                        break
                    cursor = later
                if cursor.isNull():
                    continue
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format.setBackground(QColor(palette.SOURCE_BACKGROUND))
                marked.append(selection)
        self._said = marked
        self._show_selections()
        if marked:
            self.view.setTextCursor(QTextCursor(marked[0].cursor))  # scrolls to it
            self.view.ensureCursorVisible()
        return len(marked)

    def said_marked(self) -> list[str]:
        return [s.cursor.selectedText() for s in self._said]

    def _show_selections(self) -> None:
        self.view.setExtraSelections(self._found + self._said)

    # -- search ---------------------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        found: list[QTextEdit.ExtraSelection] = []
        document = self.view.document()
        if text:
            cursor = document.find(text, 0)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format.setBackground(QColor(palette.FOUND_BACKGROUND))
                found.append(selection)
                cursor = document.find(text, cursor)
        self._found = found
        self._show_selections()
        self.matches.setText(fill(self.tr("%1 处"), str(len(found))) if text else "")

    def _next_match(self) -> None:
        text = self.search.text()
        if text and not self.view.find(text):
            self.view.moveCursor(QTextCursor.MoveOperation.Start)  # wrap around
            self.view.find(text)

    def match_count(self) -> int:
        return len(self._found)

    def shutdown(self) -> None:
        """At window close: stop capture and recognition; saved sentences stay saved."""
        self.cancel_file()
        if self._transcription is not None:
            self.stop_live()
        self._unsubscribe()
