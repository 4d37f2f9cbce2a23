"""The intake form (受理单): what the operator types while the citizen talks, saved as it is typed."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.draft import ArticleRef, Draft
from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import DomainError
from app.domain.problem import fill
from app.domain.taxonomy import Category
from app.domain.ticket import Ticket
from app.intake.guide import missing, shown_details, steps, to_ask
from app.intake.suggestions import Suggestion, Suggestions, suggest
from app.intake.validation import FieldProblem, problems_for_accept
from app.store.changes import Changes
from app.workspace import Workspace
from ui import palette
from ui.elided import ElidedLabel
from ui.intake.alarm_banner import AlarmBanner
from ui.intake.caller_panel import CallerPanel
from ui.intake.category_picker import CategoryPicker
from ui.intake.detail_fields import DetailFields
from ui.intake.guide_panel import CATEGORY_KEY, MARK_KEY, NEXT_KEY, GuidePanel
from ui.intake.parked_drafts import ParkedDrafts
from ui.intake.suggestion_strip import SuggestionStrip
from ui.labels import error_text, label, problem_text
from ui.ops import BackgroundOp, ChangeBus, Pending, pool_pending, write_op
from ui.plain import plain
from ui.shell.i18n import Retranslating, is_english

HEARD_STYLE = f"background: {palette.HEARD_BACKGROUND};"  # a field filled from the call, not yet checked
# A field 受理 refused, until it is edited.
PROBLEM_STYLE = f"border: 2px solid {palette.ERROR}; background: {palette.PROBLEM_BACKGROUND};"
_MARKED = "problem"  # dynamic property of a field 受理 refused


class IntakeForm(Retranslating, QWidget):
    """Fields of a Draft; every edit bumps a revision and is saved in the background in order."""

    ticketAccepted = Signal(object)  # Ticket
    articlesUsed = Signal(str, list)  # ticket id, [ArticleRef]: the KB articles that answered it
    newIntake = Signal()  # a blank draft for the next request (after 受理, or 新建)
    draftSaved = Signal(int)  # revision now durable
    saidShown = Signal(list)  # [Said]: the operator went to a field filled from the call
    draftResumed = Signal(str)  # the id of a parked draft the operator returned to

    def __init__(self, workspace: Workspace, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws, self._bus = workspace, bus
        self._draft = workspace.new_draft()
        self._revision = 0
        self._saved_revision = 0
        self._saved_at: datetime | None = None
        self._loading = False
        self._typed: set[str] = set()  # Draft fields the operator typed in this draft
        self._answered = False  # a call was answered on this draft: its transcript is filed under it
        self._filling = False  # a suggestion is being put into the widgets: not the operator's typing
        self._heard_asked = 0  # transcripts handed to extraction; only the newest answer counts
        # One writer thread: saves reach the store in the order they were made. No parent: the
        # window's shutdown waiting on it keeps it alive even if the form is deleted meanwhile.
        self._writer = QThreadPool()
        self._writer.setMaxThreadCount(1)
        self._save_timer = QTimer(self, singleShot=True)
        self._save_timer.setInterval(workspace.config.number("intake.autosave_ms"))
        self._save_timer.timeout.connect(self.save_now)
        self._build()
        self.retranslate()
        self.load_draft(self._draft, 0, restored=False)

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = plain(QLabel(objectName="restoredBanner", visible=False, wordWrap=True))
        self.banner.setStyleSheet(
            f"background: {palette.NOTICE_BACKGROUND}; color: {palette.NOTICE_TEXT};"
            " padding: 6px; border-radius: 4px;"
        )
        self.alarm = AlarmBanner()
        self.alarm.markRequested.connect(self.toggle_urgent)
        self.suggestion_strip = SuggestionStrip(lambda: self._ws.taxonomy)
        self.suggestion_strip.accepted.connect(self.take_suggestions)
        self.suggestion_strip.acceptAll.connect(self.take_all_suggestions)
        self.kind = QComboBox(objectName="kind")
        for kind in Kind:
            self.kind.addItem(label(kind), kind.value)
        self.category = self._category_combo()
        self.priority = QComboBox(objectName="priority")
        for priority in Priority:
            self.priority.addItem(label(priority), priority.value)
        # 紧急: the caller reported an emergency; the ticket takes the urgent SLA (Draft.urgent).
        self.urgent = QPushButton(objectName="urgent", checkable=True)
        self.urgent.setStyleSheet(
            f"QPushButton#urgent:checked {{ background: {palette.EMERGENCY_BACKGROUND};"
            f" color: {palette.EMERGENCY_TEXT}; font-weight: bold; }}"
        )
        self.urgent.toggled.connect(self._urgent_toggled)
        self._priority_before_urgent: int | None = None
        self.caller_name = QLineEdit(objectName="caller_name")
        self.caller_phone = QLineEdit(objectName="caller_phone")
        self.district = QLineEdit(objectName="district")
        self.address = QLineEdit(objectName="address")
        # 补充信息 and 引导问题: what the chosen category asks for (app.intake.guide).
        self.details = DetailFields()
        self.details.edited.connect(self._detail_typed)
        self.guide = GuidePanel()
        self.guide.markRequested.connect(self.mark_asked)
        self.content = QPlainTextEdit(objectName="content")
        self.content.setTabChangesFocus(True)
        self.answer = QPlainTextEdit(objectName="answer")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(90)
        # Two lines each at the least: on a 1366×768 screen the guide and the caller's history need
        # the room; the boxes grow back when there is more.
        self.content.setMinimumHeight(48)
        self.answer.setMinimumHeight(40)
        self.problems = plain(QLabel(objectName="problems", wordWrap=True))
        self.problems.setStyleSheet(f"color: {palette.ERROR};")
        self.saved_label = ElidedLabel(objectName="savedLabel")  # gives way to the buttons
        self.saved_label.setStyleSheet(f"color: {palette.MUTED};")
        self.accept_button = QPushButton(objectName="acceptButton")
        self.close_button = QPushButton(objectName="closeDirectButton")
        self.new_button = QPushButton(objectName="newButton")
        self.accept_button.clicked.connect(lambda: self.accept_ticket(close_direct=False))
        self.close_button.clicked.connect(lambda: self.accept_ticket(close_direct=True))
        self.new_button.clicked.connect(self.start_new)
        # 来电历史 and 相似工单; the window gives it the server once the seat has a session.
        self.callers = CallerPanel(self._ws, server=lambda: None)
        self.callers.mergeChosen.connect(self.merge_into)
        # 挂起的受理单: forms a ringing call put aside (take_call), one key back (return_to_parked).
        self.parked = ParkedDrafts(self._ws)
        self.parked.chosen.connect(self.return_to_parked)
        QShortcut(QKeySequence("Ctrl+M"), self, self.callers.merge_button.click)
        self.guide_actions = {
            MARK_KEY: self._key_action(MARK_KEY, self.mark_current_asked),
            NEXT_KEY: self._key_action(NEXT_KEY, self.focus_next_missing),
            CATEGORY_KEY: self._key_action(CATEGORY_KEY, self.focus_category),
        }
        self.caller_phone.textChanged.connect(self.callers.phone_changed)
        self._layout()
        for combo in (self.kind, self.priority):
            combo.currentIndexChanged.connect(self._edited)
        self.category.currentIndexChanged.connect(self._category_chosen)
        self._bus.changed.connect(self._reference_switched)
        for line in (self.caller_name, self.caller_phone, self.district, self.address):
            line.textEdited.connect(self._edited)
            line.textEdited.connect(lambda _text, edited=line: self._typed_in(edited.objectName()))
        self.content.textChanged.connect(self._edited)
        self.content.textChanged.connect(lambda: self._typed_in("content"))
        self.kind.currentIndexChanged.connect(lambda _index: self._typed_in("kind"))
        self.category.currentIndexChanged.connect(lambda _index: self._typed_in("category_code"))
        self.answer.textChanged.connect(self._edited)
        for field, changed in (
            (self.content, self.content.textChanged),
            (self.answer, self.answer.textChanged),
            (self.category, self.category.currentIndexChanged),
            (self.caller_name, self.caller_name.textChanged),
            (self.caller_phone, self.caller_phone.textChanged),
            (self.district, self.district.textChanged),
            (self.address, self.address.textChanged),
            *((line, line.textChanged) for line in self.details.widgets()),
        ):
            changed.connect(lambda *_args, edited=field: self._unmark(edited))
        self._typing_in: QLineEdit | QPlainTextEdit = self.content
        for field in (self.caller_name, self.caller_phone, self.district, self.address, self.content):
            field.installEventFilter(self)
        for line in self.details.widgets():
            line.installEventFilter(self)
        self._tab_order()
        self.kind.installEventFilter(self)
        if (category_edit := self.category.lineEdit()) is not None:
            category_edit.installEventFilter(self)

    def _key_action(self, key: str, slot: object) -> QAction:
        """A key of the guided form: an action, so that F1 lists it with its text."""
        action = QAction(self, shortcut=QKeySequence(key))
        # Anywhere in the window: the operator may be reading the transcript when the caller answers.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.addAction(action)
        return action

    def _tab_order(self) -> None:
        """Tab goes through the fields as the form shows them; hidden details are skipped by Qt."""
        chain: list[QWidget] = [self.kind, self.priority, self.urgent, self.category, self.caller_name]
        chain += [self.caller_phone, self.district, self.address, *self.details.widgets()]
        chain += [self.content, self.answer]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            # Where a sentence clicked in the transcript goes: a text field, not the category box.
            if isinstance(watched, QLineEdit | QPlainTextEdit) and watched is not self.category.lineEdit():
                self._typing_in = watched
            if said := self._draft.source_of(self._draft_field(watched)):
                self.saidShown.emit(list(said))  # the call panel marks the words it came from
        return super().eventFilter(watched, event)

    def _draft_field(self, widget: QObject) -> str:
        if widget is self.category.lineEdit():
            return "category_code"
        return widget.objectName()

    def insert_from_transcript(self, text: str) -> None:
        """Put a transcript sentence where the operator was last typing (诉求内容 at first)."""
        field = self._typing_in
        if isinstance(field, QLineEdit):
            field.insert(text)
            self._edited()
        else:
            field.insertPlainText(text)  # textChanged saves it
        field.setFocus()

    def hear(self, transcript: str) -> None:
        """The call's recent words (TranscriptStream.recent_text): fields it names are filled in, off
        the GUI thread (jieba), into the same draft only, and only where the operator left them
        empty and untouched."""
        # On the GUI thread: well under a millisecond, and the banner must come with this phrase.
        self.alarm.heard(self._ws.emergencies.detect(transcript))
        self._heard_asked += 1
        asked, draft_id, call_at = self._heard_asked, self._draft.id, self._draft.started_at
        city, taxonomy, emergencies = (
            self._ws.config.text("centre.jurisdiction"),
            self._ws.taxonomy,
            self._ws.emergencies,
        )
        classifier = self._ws.classifier  # the first call of a run loads (or trains) the model: off here

        def work() -> Suggestions:
            return suggest(
                transcript,
                call_at=call_at,
                taxonomy=taxonomy,
                classifier=classifier(),
                city=city,
                emergencies=emergencies,
            )

        def fill(found: Suggestions) -> None:
            if asked == self._heard_asked and draft_id == self._draft.id:  # else a newer one is coming
                self._fill_heard(found)

        BackgroundOp(self, work).success(fill).run()

    def _typed_in(self, field: str) -> None:
        """The operator changed `field`: it is theirs now, never filled from the call, and it no
        longer comes from what was said."""
        if self._loading or self._filling or (field in self._typed and not self._draft.source_of(field)):
            return  # not the operator's doing, or already theirs (every keystroke comes here)
        self._typed.add(field)
        self._draft = self._draft.sourced(field, ())
        widget = self._field_of(field)
        if not self.is_marked(widget):
            widget.setStyleSheet("")
            widget.setToolTip("")
        self._show_suggestions()

    def _fill_heard(self, found: Suggestions) -> None:
        """New suggestions: the phone, district and address go straight into fields still empty
        (what the seat did before suggestions), the rest waits for the operator to take it."""
        names = {
            "caller_phone": self.tr("联系电话"),
            "district": self.tr("区 / 街道"),
            "address": self.tr("详细地址"),
        }
        straight = [
            s for s in found.fields if s.field in names and not self._field_of(s.field).property("text")
        ]
        self.suggestion_strip.show_suggestions(found, {}, set())
        if filled := self.take_suggestions(straight):
            self.saved_label.setText(
                fill(self.tr("已从通话中填入：%1"), self.tr("、").join(names[f] for f in filled))
            )
        self._show_suggestions()

    def take_suggestions(self, taken: list[Suggestion]) -> list[str]:
        """Put suggestions into their fields, except fields the operator typed; each field keeps the
        words it came from. Returns the fields filled."""
        filled = [s for s in taken if s.field not in self._typed]
        self._filling = True
        try:
            for suggestion in filled:
                self._put(suggestion)
        finally:
            self._filling = False
        if filled:
            for suggestion in filled:
                self._draft = self._draft.sourced(suggestion.field, suggestion.said)
                self._show_source(suggestion.field)
            self._edited()  # saved like typing, with the words each field came from
        self._show_suggestions()
        return [s.field for s in filled]

    def take_all_suggestions(self) -> list[str]:
        """F11: every suggestion into its field, fields the operator typed left as they are."""
        return self.take_suggestions(list(self.suggestion_strip.suggestions().fields))

    def _put(self, suggestion: Suggestion) -> None:
        value = suggestion.value
        match suggestion.field:
            case "kind":
                self.kind.setCurrentIndex(list(Kind).index(Kind(value)))
            case "category_code":
                if (index := self.category.findData(value)) >= 0:
                    self.category.setCurrentIndex(index)
            case "content":
                self.content.setPlainText(value)
                self.content.moveCursor(QTextCursor.MoveOperation.End)
            case field:
                line = self._field_of(field)
                assert isinstance(line, QLineEdit)
                line.setText(value)

    def _show_source(self, field: str) -> None:
        """A field filled from the call looks it until edited, and hovering it shows the words."""
        said = self._draft.source_of(field)
        if not said:
            return
        widget = self._field_of(field)
        widget.setStyleSheet(HEARD_STYLE)
        widget.setToolTip(
            fill(self.tr("来自通话：“%1”（从通话中自动填入，请核对）"), "” “".join(s.words for s in said))
        )

    def _held(self) -> dict[str, str]:
        """What each field holds now, as suggestions say it."""
        draft = self._draft
        return {
            "kind": draft.kind.value,
            "category_code": draft.category_code or "",
            "caller_name": draft.caller_name,
            "caller_phone": draft.caller_phone,
            "district": draft.district,
            "address": draft.address,
            "occurred_at": draft.occurred_at,
            "company_name": draft.company_name,
            "plate_number": draft.plate_number,
            "content": draft.content,
        }

    def _show_suggestions(self) -> None:
        strip = self.suggestion_strip
        strip.show_suggestions(strip.suggestions(), self._held(), self._typed)

    # -- a new call, and the forms it put aside -------------------------------------------------
    def take_call(self, number: str) -> Draft | None:
        """A new call rang: the form becomes the new caller's, with their number (none when withheld).
        What it held of an earlier caller is parked as it is (kept, listed, Ctrl+Shift+P back), never
        mixed with the new caller's: returns that draft. A form with nothing worth keeping, or only a
        number an earlier ring put there, is replaced; not one whose call was answered, though blank:
        that call's transcript and recording are filed under it."""
        self._save_timer.stop()  # the old draft's pending save goes with the park, not after it
        old, revision, drafts = self._read_fields(), self._revision, self._ws.drafts
        typed = not old.with_fields(caller_phone="").is_blank or "caller_phone" in self._typed
        keep = typed or self._answered
        if keep:
            at = datetime.now(self._ws.zone)
            BackgroundOp(self, lambda: drafts.park(old, revision, at=at), pool=self._writer).success(
                lambda _none: self.parked.refresh()
            ).run()
        elif revision or self._saved_revision:
            BackgroundOp(self, lambda: drafts.discard(old.id), pool=self._writer).run()
        self.load_draft(self._ws.new_draft(), 0, restored=False)
        self.newIntake.emit()
        if number:
            self.caller_phone.setText(number)
            self._edited()  # saved like typing, and looked up in the caller's history
        return old if keep else None

    def call_answered(self) -> None:
        """The call this form was opened for is answered: keep the form from now on (see take_call)."""
        self._answered = True

    def return_to_parked(self, draft_id: str | None = None) -> None:
        """Ctrl+Shift+P: back to a parked draft (the last parked when none is named). The form left
        is parked in its place when it holds anything, else dropped: one transaction, on the
        writer behind this form's saves."""
        target = draft_id or self.parked.latest()
        if target is None:
            self.saved_label.setText(self.tr("没有挂起的受理单"))
            return
        self._save_timer.stop()
        current, revision, drafts = self._read_fields(), self._revision, self._ws.drafts
        keep = not current.is_blank or self._answered
        at = datetime.now(self._ws.zone)

        def swap() -> tuple[Draft, int] | None:
            if keep:
                return drafts.resume(target, park=current, revision=revision, at=at)
            return drafts.resume(target, discard=current.id)

        op = BackgroundOp(self, swap, pool=self._writer)
        op.success(lambda found: self._returned(current, found)).run()

    def _returned(self, left: Draft, found: tuple[Draft, int] | None) -> None:
        self.parked.refresh()
        if found is None:  # gone meanwhile (accepted or purged): the form stays as it was
            return
        if self._draft.id != left.id:
            return  # the form moved on meanwhile (a call rang): that draft now waits in the list
        draft, revision = found
        self.load_draft(draft, revision, restored=False)
        self.newIntake.emit()
        self.draftResumed.emit(draft.id)

    def show_above(self, widget: QWidget) -> None:
        """A bar the window puts over the form (the screen pop of a ringing call)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, widget)

    def take_back_caller_phone(self, number: str) -> bool:
        """A missed call's number, filled in when it rang, out of a form nothing else went into: the
        call is on the callback list, and the next caller's number must find the form blank."""
        if not number or not self._draft.with_fields(caller_phone="").is_blank:
            return False
        if self._draft.caller_phone.replace(" ", "") != number.replace(" ", ""):
            return False
        self.caller_phone.clear()
        self._edited()
        return True

    def _fill_categories(self, combo: QComboBox) -> None:
        """The catalogue's leaves; a code the draft holds that the catalogue no longer has (a newer one
        was pulled) stays listed under its last name, so the draft keeps it."""
        keep, english = combo.currentData(), is_english()
        with QSignalBlocker(combo):
            combo.clear()
            combo.addItem("", None)
            for leaf in self._ws.taxonomy.leaves():
                combo.addItem(self._ws.category_label(leaf.code, english=english), leaf.code)
            if keep is not None and keep not in self._ws.taxonomy:
                combo.addItem(self._ws.category_label(keep, english=english), keep)
            combo.setCurrentIndex(max(0, combo.findData(keep)))

    def _reference_switched(self, changes: Changes) -> None:
        if changes.reference:
            self._fill_categories(self.category)
            self.category_picker.use(self._ws.taxonomy)
            self._guide()

    def _category_combo(self) -> QComboBox:
        combo = QComboBox(objectName="category", editable=True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # The longest English path would make the form (and the window) wider than the screen.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(24)
        self._fill_categories(combo)
        # Typing part of a name, a keyword or pinyin (电梯, 噪音, gjj) finds the leaf: operators
        # don't browse trees mid-call.
        self.category_picker = CategoryPicker(combo, self._ws.taxonomy)
        return combo

    def _layout(self) -> None:
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        top = QHBoxLayout()
        top.addWidget(self.kind, 1)
        top.addWidget(self.priority, 1)
        top.addWidget(self.urgent)
        caller = QHBoxLayout()
        caller.addWidget(self.caller_name, 1)
        caller.addWidget(self.caller_phone, 1)
        place = QHBoxLayout()
        place.addWidget(self.district, 1)
        place.addWidget(self.address, 3)
        self._rows: list[tuple[QLabel, QWidget | QLayout]] = [
            (QLabel(), top),
            (QLabel(), self.category),
            (QLabel(), caller),
            (QLabel(), place),
            (QLabel(), self.details),
            (QLabel(), self.content),
            (QLabel(), self.answer),
        ]
        for caption, field in self._rows:
            self.form.addRow(caption, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        for button in (self.new_button, self.close_button, self.accept_button):
            buttons.addWidget(button)
        self.accept_button.setDefault(True)
        outer = QVBoxLayout(self)
        outer.addWidget(self.banner)
        outer.addWidget(self.parked)
        outer.addWidget(self.alarm)
        outer.addWidget(self.suggestion_strip)
        outer.addLayout(self.form, 1)
        outer.addWidget(self.guide)
        outer.addWidget(self.callers)
        outer.addWidget(self.problems)
        outer.addLayout(buttons)

    def retranslate(self) -> None:
        captions = (
            self.tr("诉求类型 / 紧急程度"),
            self.tr("事项分类"),
            self.tr("来电人 / 电话"),
            self.tr("所在区 / 事发地址"),
            self.tr("补充信息"),
            self.tr("诉求内容"),
            self.tr("答复内容"),
        )
        for (caption, _field), text in zip(self._rows, captions, strict=True):
            caption.setText(text)
        for index, kind in enumerate(Kind):
            self.kind.setItemText(index, label(kind))
        for index, priority in enumerate(Priority):
            self.priority.setItemText(index, label(priority))
        english = is_english()
        for index in range(1, self.category.count()):
            self.category.setItemText(
                index, self._ws.category_label(self.category.itemData(index), english=english)
            )
        if (category_edit := self.category.lineEdit()) is not None:  # the combo is editable: always
            category_edit.setPlaceholderText(
                fill(self.tr("输入关键词查找分类，如：电梯、医保、供暖（%1）"), CATEGORY_KEY)
            )
        for key, text in (
            (MARK_KEY, self.tr("引导问题：当前问题已问")),
            (NEXT_KEY, self.tr("转到下一个待填项")),
            (CATEGORY_KEY, self.tr("选择事项分类")),
        ):
            self.guide_actions[key].setText(text)
        self.caller_name.setPlaceholderText(self.tr("姓名或称呼，如：王先生"))
        self.caller_phone.setPlaceholderText(self.tr("联系电话"))
        self.district.setPlaceholderText(self.tr("区 / 街道"))
        self.address.setPlaceholderText(self.tr("详细地址，如：幸福路 18 号 5 栋"))
        self.content.setPlaceholderText(self.tr("市民反映的问题和诉求"))
        self.answer.setPlaceholderText(self.tr("当场答复的内容（直接办结时必填）"))
        self.accept_button.setText(self.tr("受理 (Ctrl+Enter)"))
        self.close_button.setText(self.tr("受理并直接办结 (Ctrl+Shift+Enter)"))
        self.new_button.setText(self.tr("新建 (F2)"))
        self.urgent.setText(self.tr("紧急 (F4)"))
        self.urgent.setToolTip(self.tr("来电反映紧急情况：按紧急时限办理（F4 标记或取消）"))
        self.banner.setText(self.tr("已恢复上次未完成的受理单草稿。"))
        self._show_saved()

    @property
    def autosave_ms(self) -> int:
        return self._save_timer.interval()

    def set_autosave_ms(self, ms: int) -> None:
        """How long after the last keystroke a draft is saved (intake.autosave_ms), from the next edit."""
        self._save_timer.setInterval(ms)

    # -- the draft ------------------------------------------------------------------------------
    @property
    def revision(self) -> int:
        return self._revision

    @property
    def saved_revision(self) -> int:
        return self._saved_revision

    def current_draft(self) -> Draft:
        return self._draft

    def load_draft(self, draft: Draft, revision: int, *, restored: bool) -> None:
        """Show `draft` without treating it as an edit (it is already saved at `revision`)."""
        self._loading = True
        try:
            self.kind.setCurrentIndex(list(Kind).index(draft.kind))
            self.priority.setCurrentIndex(list(Priority).index(draft.priority))
            self.urgent.setChecked(draft.urgent)
            code = draft.category_code
            if code is not None and self.category.findData(code) < 0:  # retired since: still shown
                self.category.addItem(self._ws.category_label(code, english=is_english()), code)
            self.category.setCurrentIndex(max(0, self.category.findData(code)))
            self.caller_name.setText(draft.caller_name)
            self.caller_phone.setText(draft.caller_phone)
            self.district.setText(draft.district)
            self.address.setText(draft.address)
            self.details.load(draft)
            self.content.setPlainText(draft.content)
            self.content.moveCursor(QTextCursor.MoveOperation.End)  # carry on typing where it stopped
            self.answer.setPlainText(draft.answer)
        finally:
            self._loading = False
        self._draft, self._revision, self._saved_revision = draft, revision, revision
        self._typed.clear()  # fields the operator typed in: never filled from the call
        self._answered = False
        for line in (
            self.caller_name,
            self.caller_phone,
            self.district,
            self.address,
            self.content,
            self.kind,
            *self.details.widgets(),
        ):
            line.setToolTip("")
            line.setStyleSheet("")
        self.category.setToolTip("")
        self.category.setStyleSheet("")
        for source in draft.sources:  # restored after a restart: still says where it came from
            self._show_source(source.field)
        self.suggestion_strip.show_suggestions(Suggestions(), {}, set())
        self.banner.setVisible(restored)
        self.alarm.reset(marked=draft.urgent)
        self.problems.clear()
        for field in (self.content, self.answer, self.category, self.caller_name, self.caller_phone):
            self._unmark(field)
        for line in (self.district, self.address, *self.details.widgets()):
            self._unmark(line)
        self._guide()
        self._show_saved()
        self.callers.clear()
        self.callers.phone_changed(draft.caller_phone)
        self._ask_similar()

    def insert_answer(self, text: str, source: ArticleRef) -> None:
        """Add a knowledge-base article's answer to 答复内容, after what is there. The draft keeps
        the text and which article it came from, saved at once: an explicit act, not typing."""
        self._draft = self._draft.answered_from(source)
        current = self.answer.toPlainText().rstrip()
        self.answer.setPlainText(f"{current}\n{text}" if current else text)  # textChanged: an edit
        self.answer.moveCursor(QTextCursor.MoveOperation.End)
        self.save_now()

    def _read_fields(self) -> Draft:
        return self._draft.with_fields(
            kind=Kind(self.kind.currentData()),
            priority=Priority(self.priority.currentData()),
            urgent=self.urgent.isChecked(),
            category_code=self.category.currentData(),
            caller_name=self.caller_name.text(),
            caller_phone=self.caller_phone.text(),
            district=self.district.text(),
            address=self.address.text(),
            content=self.content.toPlainText(),
            answer=self.answer.toPlainText(),
            **self.details.values(),
        )

    def toggle_urgent(self) -> None:
        """F4: mark the ticket 紧急 (an emergency was reported), or take the mark back."""
        self.urgent.toggle()

    def _urgent_toggled(self, marked: bool) -> None:
        if self._loading:
            return
        if marked:
            self._priority_before_urgent = self.priority.currentIndex()  # a mark pressed by mistake
            self.priority.setCurrentIndex(list(Priority).index(Priority.URGENT))  # the deadline it gets
        elif self._priority_before_urgent is not None:
            self.priority.setCurrentIndex(self._priority_before_urgent)
            self._priority_before_urgent = None
        self.alarm.set_marked(marked)
        self._edited()

    def _category_chosen(self, _index: int) -> None:
        code = self.category.currentData()
        if code and not self._loading:
            # The category's usual urgency is the best first guess; the operator can still change it.
            self.priority.setCurrentIndex(list(Priority).index(self._ws.taxonomy.get(code).priority))
        self._edited()

    def _edited(self) -> None:
        if self._loading:
            return
        self._draft = self._read_fields()
        self._revision += 1
        self._save_timer.start()
        self._ask_similar()
        self._guide()

    def _ask_similar(self) -> None:
        draft = self._draft
        self.callers.request_changed(draft.content, draft.category_code, draft.district, draft.id)

    def save_now(self) -> None:
        """Queue the current revision for saving (the writer thread keeps saves in order)."""
        self._save_timer.stop()
        if self._revision == self._saved_revision:
            return
        draft, revision, drafts = self._draft, self._revision, self._ws.drafts

        def save() -> Draft:
            drafts.save(draft, revision)
            return draft

        op = BackgroundOp(self, save, pool=self._writer)
        op.success(lambda saved: self._saved(saved, revision)).failure(self._save_failed).run()

    def flush(self) -> Pending:
        """Queue a save of what is typed; the window's shutdown waits for it off the GUI thread."""
        self.save_now()
        return pool_pending("draft", self._writer)

    def _saved(self, draft: Draft, revision: int) -> None:
        if draft.id != self._draft.id:
            return  # a draft given up or accepted meanwhile: its revisions say nothing of this one
        self._saved_revision = max(self._saved_revision, revision)
        self._saved_at = datetime.now(self._ws.zone)  # the centre's clock, as the queue and history
        self._show_saved()
        self.draftSaved.emit(revision)

    def _save_failed(self, exc: Exception) -> None:
        self.saved_label.setText(fill(self.tr("草稿保存失败：%1"), error_text(exc)))
        self.saved_label.setStyleSheet(f"color: {palette.ERROR};")

    def _show_saved(self) -> None:
        saved_at = self._saved_at
        self.saved_label.setStyleSheet(f"color: {palette.MUTED};")
        if saved_at is None:
            self.saved_label.setText(self.tr("草稿自动保存"))
        else:
            self.saved_label.setText(fill(self.tr("草稿已保存 %1"), saved_at.strftime("%H:%M:%S")))

    # -- the guided form ------------------------------------------------------------------------
    def _category(self) -> Category | None:
        code = self._draft.category_code
        return self._ws.taxonomy.get(code) if code and code in self._ws.taxonomy else None

    def _guide(self) -> None:
        """Show the details and questions of the chosen category, ticked as the draft stands."""
        category, draft = self._category(), self._draft
        self.details.show_only(shown_details(category, draft))
        self.form.setRowVisible(self.details, not self.details.isHidden())
        name = "" if category is None else (category.en if is_english() else category.name)
        taxonomy = self._ws.taxonomy
        self.guide.show_steps(
            name,
            steps(category, draft, draft.asked),
            missing(taxonomy, category, draft),
            to_ask(taxonomy, category, draft),
        )

    def _detail_typed(self, name: str) -> None:
        self._typed_in(name)  # like the base fields: the operator's now, no longer from the call
        self._edited()

    def mark_asked(self, number: int) -> None:
        """Guided question `number` was asked (or the mark is taken back): kept in the draft, so a
        restart or a parked draft keeps what was asked."""
        self._draft = self._draft.marked_asked(number)
        self._revision += 1
        self._save_timer.start()
        self._guide()

    def mark_current_asked(self) -> None:
        """F3: the question to ask now was asked (the caller answered in words, or declined)."""
        if (step := self.guide.current()) is not None:
            self.mark_asked(step.number)

    def focus_next_missing(self) -> None:
        """Ctrl+J: to the first field still empty that 受理 needs, then the first still to ask, else
        the content, else 受理."""
        self._draft = self._read_fields()
        category, taxonomy = self._category(), self._ws.taxonomy
        empty = missing(taxonomy, category, self._draft) + to_ask(taxonomy, category, self._draft)
        if empty:
            self._field_of(empty[0].value).setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif not self._draft.content.strip():
            self.content.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.accept_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_category(self) -> None:
        """Ctrl+K: to the 事项分类 box, its text selected so typing starts a new search."""
        self.category.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if (edit := self.category.lineEdit()) is not None:
            edit.selectAll()

    # -- actions --------------------------------------------------------------------------------
    def start_new(self) -> None:
        if not self._draft.is_blank:
            answer = QMessageBox.question(
                self, self.tr("新建受理单"), self.tr("当前受理单尚未受理，确定放弃并新建吗？")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            # Behind the saves already queued for it, on the writer: none of them can bring it back.
            drafts, draft_id = self._ws.drafts, self._draft.id
            BackgroundOp(self, lambda: drafts.discard(draft_id), pool=self._writer).run()
        self.load_draft(self._ws.new_draft(), 0, restored=False)
        self.newIntake.emit()
        self.content.setFocus()

    def merge_into(self, ticket_id: str) -> None:
        """并单: file this request and join it to the open ticket `ticket_id` (one commit)."""
        self.accept_ticket(close_direct=False, merge_into=ticket_id)

    def accept_ticket(self, *, close_direct: bool, merge_into: str | None = None) -> None:
        self.save_now()
        draft = self._read_fields()
        answer = self.answer.toPlainText().strip() if close_direct else None
        problems = problems_for_accept(draft, self._ws.taxonomy, answer=answer)
        if problems:
            self._show_problems(problems)
            return
        self._set_busy(True)
        tickets, actor = self._ws.tickets, self._ws.actor

        def work() -> tuple[Ticket, Changes]:
            return tickets.accept(draft, actor=actor, close_reason=answer, merge_into=merge_into)

        # On the writer thread too: a queued autosave must not re-create the draft after 受理 removed it.
        used = list(draft.answered_with)
        op = write_op(self, self._bus, work, lambda ticket: self._accepted(ticket, used), pool=self._writer)
        op.failure(self._accept_failed).run()

    def _accepted(self, ticket: Ticket, used: list[ArticleRef]) -> None:
        self._set_busy(False)
        self.load_draft(self._ws.new_draft(), 0, restored=False)
        if used:  # the ticket keeps the draft's id
            self.articlesUsed.emit(ticket.id, used)
        self.newIntake.emit()
        self.ticketAccepted.emit(ticket)
        self.content.setFocus()

    def _accept_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, DomainError):
            self.problems.setText(error_text(exc))
        else:
            self.problems.setText(fill(self.tr("受理失败：%1"), error_text(exc)))

    def _set_busy(self, busy: bool) -> None:
        for button in (self.accept_button, self.close_button, self.new_button):
            button.setEnabled(not busy)

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        """Say what is wrong, mark each bad field (red frame, the reason as its tooltip) and put the
        cursor in the first one."""
        # One paragraph, not a line each: the fields themselves are marked, this only sums them up.
        self.problems.setText(self.tr("；").join(problem_text(p) for p in problems))
        for problem in reversed(problems):  # the first problem's text wins on a field with two
            field = self._field_of(problem.field)
            field.setProperty(_MARKED, True)
            field.setStyleSheet(PROBLEM_STYLE)
            field.setToolTip(problem_text(problem))
        self._field_of(problems[0].field).setFocus(Qt.FocusReason.OtherFocusReason)

    def _field_of(self, name: str) -> QWidget:
        """The widget of a Draft field a FieldProblem names."""
        fields: dict[str, QWidget] = {
            "content": self.content,
            "category_code": self.category,
            "caller_name": self.caller_name,
            "caller_phone": self.caller_phone,
            "district": self.district,
            "address": self.address,
            "answer": self.answer,
            **{line.objectName(): line for line in self.details.widgets()},
            "kind": self.kind,
            "priority": self.priority,
        }
        return fields[name]

    @staticmethod
    def is_marked(field: QWidget) -> bool:
        """受理 refused this field and it has not been edited since."""
        return field.property(_MARKED) is True

    def _unmark(self, field: QWidget) -> None:
        if self.is_marked(field):
            field.setProperty(_MARKED, False)
            field.setStyleSheet("")
            field.setToolTip("")
