"""The knowledge-base dock (知识库): search as you type, live suggestions from the call, one key to
answer with an article.

Every search runs on a worker; each carries a number and only the answer to the latest one is shown,
so a slow search finishing late never overwrites a newer one. The list is only rebuilt when the
articles in it change, so live suggestions refreshing while the caller talks do not flicker.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, QThreadPool, QTimer, Signal
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

from app.domain.taxonomy import Taxonomy
from app.knowledge.article import Article
from app.knowledge.base import KnowledgeBase
from app.knowledge.search import Hit, Piece
from ui.kb.kb_transfer import ServerImport, export_kb, import_kb
from ui.ops import BackgroundOp
from ui.plain import show_markdown
from ui.shell.i18n import Retranslating

SEARCH_DELAY_MS = 120  # typing pauses this long before a search: fewer searches, still instant
ASSIST_DELAY_MS = 1500  # transcript updates arrive per word; suggestions follow at a calmer pace
WATCH_MS = 2000  # how often the panel looks whether a sync changed the KB
RESULTS = 10
SUGGESTIONS = 5
INSERT_KEY = "F7"


def pieces_html(pieces: Sequence[Piece]) -> str:
    return "".join(
        f"<b style='color:#b3261e'>{html.escape(text)}</b>" if marked else html.escape(text)
        for text, marked in pieces
    )


class KbPanel(Retranslating, QWidget):
    answerChosen = Signal(object)  # Article: insert its answer into the ticket
    editRequested = Signal(object)  # Article | None (new): open the editor

    def __init__(
        self, kb: KnowledgeBase, taxonomy: Taxonomy, *, demo: bool, parent: QWidget | None = None
    ) -> None:
        """`demo`: a demo seat, which starts from the shipped demo articles."""
        super().__init__(parent)
        self.setObjectName("kbPanel")
        self.kb, self.taxonomy = kb, taxonomy
        self.ready = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # searches queue behind each other; stale answers are dropped
        self._asked = 0  # number of the latest search or suggestion asked for
        self._shown: tuple[str, ...] = ()
        self._hits: list[Hit] = []
        self._transcript = ""
        self._mode = "idle"  # idle | search | assist
        self._seen_revision = -1
        self._version = ""
        self._can_edit = False
        self.import_to: ServerImport | None = None  # where imports go: None is this seat's own KB
        self._build()
        self.retranslate()
        # Loading jieba's dictionary holds the interpreter for seconds: not before the window is up.
        QTimer.singleShot(0, self, lambda: self._prepare(demo))

    def _prepare(self, demo: bool) -> None:
        kb = self.kb
        BackgroundOp(self, lambda: kb.prepare(demo=demo), pool=self._pool).success(self._prepared).failure(
            self._failed
        ).run()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit(objectName="kbSearch", clearButtonEnabled=True)
        self.category = QComboBox(objectName="kbCategory")
        self.category.addItem("", None)
        for top in self.taxonomy.children():
            self.category.addItem(top.name, top.code)
            for child in self.taxonomy.children(top.code):
                self.category.addItem(f"    {child.name}", child.code)
        self.mode_label = QLabel(objectName="kbMode")
        self.version_label = QLabel(objectName="kbVersion")
        self.version_label.setStyleSheet("color: #555555;")
        self.results = QListWidget(objectName="kbResults")
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
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
            ("import_file", lambda: import_kb(self, self.kb, to_server=self.import_to)),
            ("import_folder", lambda: import_kb(self, self.kb, folder=True, to_server=self.import_to)),
            ("export_csv", lambda: export_kb(self, self.kb, "csv")),
            ("export_xlsx", lambda: export_kb(self, self.kb, "xlsx")),
            ("export_folder", lambda: export_kb(self, self.kb, "folder")),
        ):
            action = self.more_menu.addAction("")
            action.triggered.connect(lambda _checked=False, run=run: run())
            self.transfer_actions[key] = action
        self.more_button.setMenu(self.more_menu)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.category, 2)
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
        split.setSizes([260, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
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
        self._watch = QTimer(self, interval=WATCH_MS)
        self._watch.timeout.connect(self._check_revision)

        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._run_search)
        self.category.currentIndexChanged.connect(lambda _index: self._search_timer.start())
        self.results.currentRowChanged.connect(self._row_chosen)
        self.results.itemActivated.connect(lambda _item: self.insert_current())
        self.insert_button.clicked.connect(self.insert_current)
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(self.current_article()))
        self.new_button.clicked.connect(lambda: self.editRequested.emit(None))

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索知识库：关键词、拼音首字母均可"))
        self.category.setItemText(0, self.tr("全部分类"))
        self.insert_button.setText(self.tr("插入答复 (%1)").replace("%1", INSERT_KEY))
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
    def _prepared(self, _changes: object) -> None:
        self.ready = True
        self._watch.start()
        self._check_revision()
        if self.search.text().strip():
            self._run_search()
        elif self._transcript:
            self._run_assist()
        else:
            self._show_mode()

    def _failed(self, exc: Exception) -> None:
        self.mode_label.setText(self.tr("知识库无法打开：%1").replace("%1", str(exc)))

    def _check_revision(self) -> None:
        revision = self.kb.store.revision  # an in-memory counter: no disk on the GUI thread
        if revision == self._seen_revision:
            return
        self._seen_revision = revision
        BackgroundOp(self, self.kb.version_label, pool=self._pool).success(self._show_version).run()
        if self._mode == "search":
            self._run_search()
        elif self._mode == "assist":
            self._run_assist()

    def _show_version(self, label: str) -> None:
        self._version = label
        if not label:
            # Until the KB is loaded its version is unknown, not empty.
            empty = self.tr("知识库为空：登录中心服务器后自动同步")
            self.version_label.setText(empty if self.ready else "")
        elif label == "demo":
            self.version_label.setText(self.tr("知识库：演示数据"))
        else:
            self.version_label.setText(self.tr("知识库版本 %1").replace("%1", label))

    # -- asking ---------------------------------------------------------------------------------
    def _ask(self, work: Callable[[], list[Hit]], mode: str) -> None:
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
            self._mode = "idle"
            if self._transcript:
                self._run_assist()
            else:
                self._asked += 1  # whatever is in flight is stale now
                self._show_hits([])
                self._show_mode()
            return
        searcher = self.kb.searcher
        self._ask(lambda: searcher.search(text, category=category, limit=RESULTS), "search")

    def feed_transcript(self, text: str) -> None:
        """The rolling window of the live call (TranscriptStream.recent_text); suggestions follow,
        debounced, while the operator is not searching by hand."""
        self._transcript = text
        if not self._assist_timer.isActive():
            self._assist_timer.start()

    def _run_assist(self) -> None:
        if not self.ready or self.search.text().strip() or not self._transcript.strip():
            return
        assist, text, previous = self.kb.assist, self._transcript, self._shown
        category = self.category.currentData()

        def work() -> list[Hit]:
            return list(assist.suggest(text, limit=SUGGESTIONS, previous=previous, category=category).hits)

        self._ask(work, "assist")

    def _answered(self, number: int, mode: str, hits: list[Hit]) -> None:
        if number != self._asked:
            return  # a newer question was asked meanwhile
        self._mode = mode
        self._show_hits(hits)
        self._show_mode()

    # -- showing --------------------------------------------------------------------------------
    def _show_mode(self) -> None:
        if not self.ready:
            self.mode_label.setText(self.tr("正在载入知识库…"))
        elif self._mode == "assist":
            self.mode_label.setText(self.tr("实时推荐（根据通话内容）"))
        elif self._mode == "search":
            if self._hits:
                self.mode_label.setText(self.tr("找到 %1 条").replace("%1", str(len(self._hits))))
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
        for hit in hits:
            item = QListWidgetItem(self.results)
            label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
            label.setText(
                f"<div style='font-weight:600'>{pieces_html(hit.title)}</div>"
                f"<div style='color:#444444'>{pieces_html(hit.snippet)}</div>"
            )
            label.setContentsMargins(4, 3, 4, 3)
            # Word-wrapped labels only know their height for a given width: the list's.
            width = max(200, self.results.viewport().width() - 4)
            item.setSizeHint(QSize(width, label.heightForWidth(width)))
            self.results.setItemWidget(item, label)
        keep = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        self.results.setUpdatesEnabled(True)
        if hits:
            self.results.setCurrentRow(keep)
        else:
            self._row_chosen(-1)

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
