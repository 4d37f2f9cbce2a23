"""The knowledge-base dock (知识库): search as you type, live suggestions from the call, one key to
answer with an article.

Every search runs on a worker; each carries a number and only the answer to the latest one is shown,
so a slow search finishing late never overwrites a newer one. The list is only rebuilt when the
articles in it change, so live suggestions refreshing while the caller talks do not flicker.
Suggestions follow the call's transcript and what the operator types as 诉求内容. The dock refreshes
when the ChangeBus says the KB changed (a sync, an import, the demo set loaded): it never polls.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from enum import Enum, auto

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QSize, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.article import Article
from app.domain.problem import fill
from app.domain.taxonomy import Taxonomy
from app.knowledge.base import KnowledgeBase
from app.knowledge.search import Hit, Piece
from app.knowledge.store import KbChanges
from app.store.changes import Changes
from ui import palette
from ui.elided import ElidedLabel
from ui.kb.kb_transfer import ServerImport, export_kb, import_kb
from ui.labels import error_text
from ui.ops import BackgroundOp, ChangeBus, Pending, pool_pending, write_op
from ui.plain import show_markdown
from ui.shell.i18n import Retranslating, is_english

SEARCH_DELAY_MS = 120  # typing pauses this long before a search: fewer searches, still instant
ASSIST_DELAY_MS = 1500  # transcript and typing change per word; suggestions follow at a calmer pace
RESULTS = 10
SUGGESTIONS = 5
INSERT_KEY = "F7"
SNIPPET_LINES = 2  # of snippet under each title in the results list


def clipped(pieces: Sequence[Piece], chars: int) -> tuple[Piece, ...]:
    """The first `chars` characters of a snippet, with "…" when it went on."""
    kept: list[Piece] = []
    left = chars
    for text, marked in pieces:
        if len(text) > left:
            kept.append((text[:left], marked))
            kept.append(("…", False))
            break
        kept.append((text, marked))
        left -= len(text)
    return tuple(kept)


def pieces_html(pieces: Sequence[Piece]) -> str:
    return "".join(
        f"<b style='color:{palette.MATCH}'>{html.escape(text)}</b>" if marked else html.escape(text)
        for text, marked in pieces
    )


class Mode(Enum):
    """What the results list shows."""

    IDLE = auto()  # nothing asked yet: a hint
    SEARCH = auto()  # the answer to the operator's own search
    ASSIST = auto()  # suggestions from the live call


class KbPanel(Retranslating, QWidget):
    answerChosen = Signal(object)  # Article: insert its answer into the ticket
    editRequested = Signal(object)  # Article | None (new): open the editor
    answered = Signal()  # the answer to the latest search or suggestion is on screen

    def __init__(
        self,
        kb: KnowledgeBase,
        taxonomy: Taxonomy,
        bus: ChangeBus,
        *,
        demo: bool,
        parent: QWidget | None = None,
    ) -> None:
        """`demo`: a demo seat, which starts from the shipped demo articles. `bus`: where KB writes
        are announced (Changes.kb), and where this panel's own (import, demo set) are."""
        super().__init__(parent)
        self.setObjectName("kbPanel")
        self.kb, self.taxonomy, self.bus = kb, taxonomy, bus
        self.ready = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # searches queue behind each other; stale answers are dropped
        self._asked = 0  # number of the latest search or suggestion asked for
        self._shown: tuple[str, ...] = ()
        self._hits: list[Hit] = []
        self._transcript = ""
        self._request = ""  # 诉求内容 as typed
        self._mode = Mode.IDLE
        self._version = ""
        self._can_edit = False
        self.import_to: ServerImport | None = None  # where imports go: None is this seat's own KB
        self._build()
        self.retranslate()
        bus.changed.connect(self._on_changed)
        # Loading jieba's dictionary holds the interpreter for seconds: not before the window is up.
        QTimer.singleShot(0, self, lambda: self._prepare(demo))

    def _prepare(self, demo: bool) -> None:
        kb = self.kb

        def prepare() -> tuple[KbChanges, Changes]:
            loaded = kb.prepare(demo=demo)
            return loaded, Changes(kb=loaded.any)

        write_op(self, self.bus, prepare, self._prepared, pool=self._pool).failure(self._failed).run()

    def searches_pending(self) -> Pending:
        """The KB's searches and loads still running (the window waits for them before it closes
        the KB store: a connection closed under a running query crashed the process)."""
        return pool_pending("knowledge base", self._pool)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit(objectName="kbSearch", clearButtonEnabled=True)
        self.category = QComboBox(objectName="kbCategory")
        self._fill_categories()
        # Status lines share one row: they give up width (whole in their tooltips), not the window.
        self.mode_label = ElidedLabel(objectName="kbMode")
        self.version_label = ElidedLabel(objectName="kbVersion")
        self.version_label.setStyleSheet(f"color: {palette.MUTED};")
        self.results = QListWidget(objectName="kbResults")
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        # Each row wraps to the list's width (see _fit_rows): nothing is ever off to the side.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.viewport().installEventFilter(self)
        self.article = QTextBrowser(objectName="kbArticle")
        self.article.setOpenExternalLinks(False)
        self.insert_button = QPushButton(objectName="kbInsert", enabled=False)
        self.edit_button = QPushButton(objectName="kbEdit", enabled=False)
        self.new_button = QPushButton(objectName="kbNew", enabled=False)
        self.more_button = QToolButton(objectName="kbMore")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self)
        self.transfer_actions: dict[str, QAction] = {}
        for key, run in (
            ("import_file", lambda: import_kb(self, self.kb, self.bus, to_server=self.import_to)),
            (
                "import_folder",
                lambda: import_kb(self, self.kb, self.bus, folder=True, to_server=self.import_to),
            ),
            ("export_csv", lambda: export_kb(self, self.kb, "csv")),
            ("export_xlsx", lambda: export_kb(self, self.kb, "xlsx")),
            ("export_folder", lambda: export_kb(self, self.kb, "folder")),
        ):
            action = self.more_menu.addAction("")
            action.triggered.connect(lambda _checked=False, run=run: run())
            self.transfer_actions[key] = action
        self.more_button.setMenu(self.more_menu)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 3)
        search_row.addWidget(self.category, 2)
        status = QHBoxLayout()
        status.addWidget(self.mode_label, 1)
        status.addWidget(self.version_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.insert_button, 2)
        buttons.addWidget(self.edit_button, 1)
        buttons.addWidget(self.new_button, 1)
        buttons.addWidget(self.more_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.results)
        split.addWidget(self.article)
        split.setStretchFactor(0, 3)  # the list of answers is what is scanned mid-call
        split.setStretchFactor(1, 2)
        split.setSizes([330, 220])
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addLayout(status)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.insert_action = QAction(self, objectName="kbInsertAction")
        self.insert_action.setShortcut(QKeySequence(INSERT_KEY))
        self.insert_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.insert_action.triggered.connect(lambda _checked=False: self.insert_current())
        self.addAction(self.insert_action)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self._assist_timer = QTimer(self, singleShot=True, interval=ASSIST_DELAY_MS)
        self._assist_timer.timeout.connect(self._run_assist)

        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._run_search)
        self.category.currentIndexChanged.connect(lambda _index: self._search_timer.start())
        self.results.currentRowChanged.connect(self._row_chosen)
        self.results.itemActivated.connect(lambda _item: self.insert_current())
        self.insert_button.clicked.connect(self.insert_current)
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(self.current_article()))
        self.new_button.clicked.connect(lambda: self.editRequested.emit(None))

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索知识库：关键词、拼音或首字母"))
        self._name_categories()
        self.insert_button.setText(fill(self.tr("插入答复 (%1)"), INSERT_KEY))
        self.insert_button.setToolTip(self.tr("把所选条目的答复写入受理单，并记录使用了哪条知识"))
        self.edit_button.setText(self.tr("编辑…"))
        self.new_button.setText(self.tr("新建…"))
        self.insert_action.setText(self.tr("插入知识库答复"))
        self.more_button.setText(self.tr("导入导出"))
        texts = {
            "import_file": self.tr("从 CSV / Excel 导入…"),
            "import_folder": self.tr("从 Markdown 文件夹导入…"),
            "export_csv": self.tr("导出为 CSV…"),
            "export_xlsx": self.tr("导出为 Excel…"),
            "export_folder": self.tr("导出为 Markdown 文件夹…"),
        }
        for key, text in texts.items():
            self.transfer_actions[key].setText(text)
        self._show_mode()
        self._show_version(self._version)
        self.set_can_edit(self._can_edit)  # its tooltip says who may edit

    # -- start-up and KB changes ----------------------------------------------------------------
    def _prepared(self, _loaded: KbChanges) -> None:
        self.ready = True
        self._refresh()

    def _failed(self, exc: Exception) -> None:
        self.mode_label.setText(fill(self.tr("知识库无法打开：%1"), error_text(exc)))

    def use(self, taxonomy: Taxonomy) -> None:
        """Filter by `taxonomy`'s categories from now on (a catalogue pulled from the server); the
        chosen one stays chosen while the new catalogue still has it."""
        self.taxonomy = taxonomy
        chosen = self.category.currentData()
        with QSignalBlocker(self.category):
            self._fill_categories()
            self.category.setCurrentIndex(max(0, self.category.findData(chosen)))
            self._name_categories()
        if self.category.currentData() != chosen:
            self._search_timer.start()

    def _fill_categories(self) -> None:
        self.category.clear()
        self.category.addItem("", None)  # 全部分类
        for top in self.taxonomy.children():
            self.category.addItem("", top.code)  # named in the interface language: _name_categories
            for child in self.taxonomy.children(top.code):
                self.category.addItem("", child.code)

    def _name_categories(self) -> None:
        self.category.setItemText(0, self.tr("全部分类"))
        english = is_english()
        for index in range(1, self.category.count()):
            found = self.taxonomy.get(self.category.itemData(index))
            indent = "    " if found.parent_code else ""
            self.category.setItemText(index, indent + (found.en if english else found.name))

    def _on_changed(self, changes: Changes) -> None:
        if changes.kb and self.ready:
            self._refresh()

    def _refresh(self) -> None:
        """Show the KB as it is now: its version, and the search or suggestions asked for again."""
        BackgroundOp(self, self.kb.version_label, pool=self._pool).success(self._show_version).run()
        if self.search.text().strip():
            self._run_search()
        elif self._assist_text().strip():
            self._run_assist()
        else:
            self._show_mode()

    def _show_version(self, label: str) -> None:
        self._version = label
        if not label:
            # Until the KB is loaded its version is unknown, not empty.
            empty = self.tr("知识库为空：登录中心服务器后自动同步")
            self.version_label.setText(empty if self.ready else "")
        elif label == "demo":
            self.version_label.setText(self.tr("知识库：演示数据"))
        else:
            self.version_label.setText(fill(self.tr("知识库版本 %1"), label))

    # -- asking ---------------------------------------------------------------------------------
    def _ask(self, work: Callable[[], list[Hit]], mode: Mode) -> None:
        self._asked += 1
        number = self._asked
        BackgroundOp(self, work, pool=self._pool).success(
            lambda hits: self._answered(number, mode, hits)
        ).run()

    def _run_search(self) -> None:
        self._search_timer.stop()
        text, category = self.search.text(), self.category.currentData()
        if not self.ready:
            return
        if not text.strip():
            self._mode = Mode.IDLE
            if self._assist_text().strip():
                self._run_assist()
            else:
                self._asked += 1  # whatever is in flight is stale now
                self._show_hits([])
                self._show_mode()
            return
        searcher = self.kb.searcher
        self._ask(lambda: searcher.search(text, category=category, limit=RESULTS), Mode.SEARCH)

    def feed_transcript(self, text: str) -> None:
        """The rolling window of the live call (TranscriptStream.recent_text); suggestions follow,
        debounced, while the operator is not searching by hand."""
        self._transcript = text
        self._assist_soon()

    def feed_request(self, text: str) -> None:
        """诉求内容 as the operator types it: suggestions follow it as they follow the call."""
        self._request = text
        self._assist_soon()

    def _assist_soon(self) -> None:
        # At most one suggestion per ASSIST_DELAY_MS however fast words arrive; the latest text counts.
        if not self._assist_timer.isActive():
            self._assist_timer.start()

    def _assist_text(self) -> str:
        # The request last: the assist weighs the latest words, and what the operator wrote sums up
        # what the caller said.
        return f"{self._transcript}\n{self._request}"

    def start_over(self) -> None:
        """A new intake: the last call's search and typed request say nothing about the next one."""
        self._request = ""
        self.search.clear()  # textChanged: the search timer shows suggestions or the empty state

    def _run_assist(self) -> None:
        text = self._assist_text()
        if not self.ready or self.search.text().strip() or not text.strip():
            return
        assist, previous = self.kb.assist, self._shown
        category = self.category.currentData()

        def work() -> list[Hit]:
            return list(assist.suggest(text, limit=SUGGESTIONS, previous=previous, category=category).hits)

        self._ask(work, Mode.ASSIST)

    def _answered(self, number: int, mode: Mode, hits: list[Hit]) -> None:
        if number != self._asked:
            return  # a newer question was asked meanwhile
        self._mode = mode
        self._show_hits(hits)
        self._show_mode()
        self.answered.emit()

    # -- showing --------------------------------------------------------------------------------
    def _show_mode(self) -> None:
        if not self.ready:
            self.mode_label.setText(self.tr("正在载入知识库…"))
        elif self._mode is Mode.ASSIST:
            self.mode_label.setText(self.tr("实时推荐（根据通话和诉求内容）"))
        elif self._mode is Mode.SEARCH:
            if len(self._hits) >= RESULTS:  # there may be more: say these are the best ones
                self.mode_label.setText(fill(self.tr("最相关的前 %1 条"), str(len(self._hits))))
            elif self._hits:
                self.mode_label.setText(fill(self.tr("找到 %1 条"), str(len(self._hits))))
            else:
                self.mode_label.setText(self.tr("没有找到相关条目，换个说法试试"))
        else:
            self.mode_label.setText(self.tr("输入关键词，或在通话时查看实时推荐"))

    def _show_hits(self, hits: list[Hit]) -> None:
        ids = tuple(h.article.id for h in hits)
        self._hits = hits
        if ids == self._shown:
            return  # the same articles: leave the list (and the operator's selection) alone
        chosen = self.current_article()
        self._shown = ids
        self.results.setUpdatesEnabled(False)
        self.results.clear()
        for _ in hits:
            item = QListWidgetItem(self.results)
            label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
            label.setContentsMargins(4, 3, 4, 3)
            self.results.setItemWidget(item, label)
        self._fit_rows()
        keep = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        self.results.setUpdatesEnabled(True)
        if hits:
            self.results.setCurrentRow(keep)
        else:
            self._row_chosen(-1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_rows()
        return super().eventFilter(watched, event)

    def _fit_rows(self) -> None:
        """Each row is the title and about SNIPPET_LINES lines of snippet at the list's width, now:
        a narrow dock still shows several articles (the whole one is opened below)."""
        width = self.results.viewport().width()
        per_line = (width - 8) // max(1, self.results.fontMetrics().horizontalAdvance("中"))
        chars = max(12, SNIPPET_LINES * per_line)
        for row, hit in enumerate(self._hits[: self.results.count()]):
            item = self.results.item(row)
            label = self.results.itemWidget(item)
            if isinstance(label, QLabel):
                label.setText(
                    f"<div style='font-weight:600'>{pieces_html(hit.title)}</div>"
                    f"<div style='color:{palette.SNIPPET}'>{pieces_html(clipped(hit.snippet, chars))}</div>"
                )
                item.setSizeHint(QSize(width, label.heightForWidth(width)))

    def _row_chosen(self, row: int) -> None:
        article = self._hits[row].article if 0 <= row < len(self._hits) else None
        self.insert_button.setEnabled(article is not None)
        self.edit_button.setEnabled(article is not None and self._can_edit)
        if article is None:
            self.article.clear()
            return
        show_markdown(self.article, f"# {article.title}\n\n{article.body}")

    def current_article(self) -> Article | None:
        row = self.results.currentRow()
        return self._hits[row].article if 0 <= row < len(self._hits) else None

    def insert_current(self) -> None:
        article = self.current_article()
        if article is not None:
            self.answerChosen.emit(article)

    def set_import_allowed(self, allowed: bool, *, to_server: ServerImport | None = None) -> None:
        """A seat without a central server imports into its own KB; a synced seat's KB is the
        server's (the next sync would replace a local import), so there only a lead or admin
        imports, `to_server`."""
        self.import_to = to_server
        for key in ("import_file", "import_folder"):
            self.transfer_actions[key].setEnabled(allowed)

    # -- editing rights -------------------------------------------------------------------------
    def set_can_edit(self, allowed: bool) -> None:
        """Leads and admins signed in to the central server may edit (the server checks again)."""
        self._can_edit = allowed
        self.new_button.setEnabled(allowed)
        self.edit_button.setEnabled(allowed and self.current_article() is not None)
        tip = "" if allowed else self.tr("仅班长或管理员登录中心服务器后可编辑知识库")
        self.new_button.setToolTip(tip)
        self.edit_button.setToolTip(tip)
