"""Editing one knowledge-base article (知识条目编辑), for team leads and admins, with a live preview.

The save goes to the central server, which checks the role again and refuses an edit over a newer
version; the seat then pulls the article like every other seat.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pydantic import ValidationError
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.article import ARTICLE_ID, Article
from app.domain.problem import fill
from app.domain.taxonomy import Taxonomy
from sync.protocol import KbArticleEdit, KbArticleWire
from ui import palette
from ui.labels import error_text
from ui.ops import BackgroundOp
from ui.plain import plain, show_markdown

Save = Callable[[str, KbArticleEdit], KbArticleWire]
Delete = Callable[[str], None]


class KbEditorDialog(QDialog):
    def __init__(
        self,
        article: Article | None,
        taxonomy: Taxonomy,
        save: Save,
        parent: QWidget | None = None,
        *,
        delete: Delete | None = None,
    ) -> None:
        """`article` None: a new one. `save` and `delete` run on a worker (they talk to the
        server, which checks the role again); without `delete` there is no delete button."""
        super().__init__(parent)
        self.setObjectName("kbEditor")
        self.setWindowTitle(self.tr("编辑知识条目") if article else self.tr("新建知识条目"))
        self.resize(1000, 640)  # fits a 1366×768 screen with its taskbar and title bar
        self._article, self._taxonomy, self._save = article, taxonomy, save
        self.saved: KbArticleWire | None = None
        self.deleted = False
        self._delete = delete
        self.confirm: QMessageBox | None = None  # the open "really delete?" question, if any
        self.ident = QLineEdit(objectName="kbId", readOnly=article is not None)
        self.title = QLineEdit(objectName="kbTitle")
        self.categories = QLineEdit(objectName="kbCategories")
        self.department = QLineEdit(objectName="kbDepartment")
        self.tags = QLineEdit(objectName="kbTags")
        self.synonyms = QLineEdit(objectName="kbSynonyms")
        self.valid_from = QLineEdit(objectName="kbValidFrom", placeholderText="2026-01-01")
        self.valid_to = QLineEdit(objectName="kbValidTo", placeholderText="2026-12-31")
        self.source = QLineEdit(objectName="kbSource")
        self.questions = QPlainTextEdit(objectName="kbQuestions")
        self.questions.setMaximumHeight(70)
        self.body = QPlainTextEdit(objectName="kbBody")
        self.preview = QTextBrowser(objectName="kbPreview")
        self.problems = plain(QLabel(objectName="kbProblems", wordWrap=True))
        self.problems.setStyleSheet(f"color: {palette.ERROR};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.delete_button: QPushButton | None = None
        if article is not None and delete is not None:
            self.delete_button = self.buttons.addButton(
                self.tr("删除…"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.setObjectName("kbDelete")
            self.delete_button.clicked.connect(self.ask_delete)
        self._layout()
        self._fill(article)
        self._preview_timer = QTimer(self, singleShot=True, interval=200)
        self._preview_timer.timeout.connect(self._render)
        self.body.textChanged.connect(self._preview_timer.start)
        self.title.textChanged.connect(self._preview_timer.start)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._render()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("编号"), self.ident)
        form.addRow(self.tr("标题"), self.title)
        form.addRow(self.tr("事项分类（代码，逗号分隔）"), self.categories)
        form.addRow(self.tr("承办单位代码"), self.department)
        form.addRow(self.tr("标签（空格分隔）"), self.tags)
        form.addRow(self.tr("同义词（空格分隔）"), self.synonyms)
        form.addRow(self.tr("常见问法（每行一个）"), self.questions)
        dates = QHBoxLayout()
        dates.addWidget(self.valid_from)
        dates.addWidget(QLabel("—"))
        dates.addWidget(self.valid_to)
        form.addRow(self.tr("有效期（生效—失效）"), dates)
        form.addRow(self.tr("来源"), self.source)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.body)
        split.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("正文（Markdown）与预览")))
        layout.addWidget(split, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def _fill(self, article: Article | None) -> None:
        if article is None:
            return
        self.ident.setText(article.id)
        self.title.setText(article.title)
        self.categories.setText(", ".join(article.categories))
        self.department.setText(article.department)
        self.tags.setText(" ".join(article.tags))
        self.synonyms.setText(" ".join(article.synonyms))
        self.questions.setPlainText("\n".join(article.questions))
        self.valid_from.setText(article.valid_from.isoformat() if article.valid_from else "")
        self.valid_to.setText(article.valid_to.isoformat() if article.valid_to else "")
        self.source.setText(article.source)
        self.body.setPlainText(article.body)

    def _render(self) -> None:
        show_markdown(self.preview, f"# {self.title.text()}\n\n{self.body.toPlainText()}")

    def edit(self) -> KbArticleEdit:
        """The form as an edit; ValueError saying what is wrong (in Chinese and English)."""
        ident = self.ident.text().strip()
        if not ARTICLE_ID.fullmatch(ident):
            raise ValueError(self.tr("编号只能由 1-40 位字母、数字、.、- 或 _ 组成"))
        codes = [c.strip() for c in self.categories.text().replace("，", ",").split(",") if c.strip()]
        unknown = [c for c in codes if c not in self._taxonomy]
        if unknown:
            raise ValueError(fill(self.tr("未知的事项分类：%1"), ", ".join(unknown)))
        try:
            valid_from = _day(self.valid_from.text())
            valid_to = _day(self.valid_to.text())
        except ValueError:
            raise ValueError(self.tr("日期应写成 2026-01-31")) from None
        try:
            return KbArticleEdit(
                title=self.title.text().strip(),
                body=self.body.toPlainText().strip(),
                categories=codes,
                department=self.department.text().strip(),
                tags=self.tags.text().split(),
                synonyms=self.synonyms.text().split(),
                questions=[q.strip() for q in self.questions.toPlainText().splitlines() if q.strip()],
                valid_from=valid_from,
                valid_to=valid_to,
                source=self.source.text().strip(),
                demo=self._article.demo if self._article else False,
                base_version=self._article.version if self._article else 0,
            )
        except ValidationError as exc:
            fields = ", ".join(str(e["loc"][0]) for e in exc.errors())
            raise ValueError(fill(self.tr("请检查这些字段：%1"), fields)) from None

    def save(self) -> None:
        try:
            edit = self.edit()
        except ValueError as exc:
            self.problems.setText(error_text(exc))
            return
        ident, save = self.ident.text().strip(), self._save
        self.buttons.setEnabled(False)
        self.problems.setText(self.tr("正在保存到中心服务器…"))
        BackgroundOp(self, lambda: save(ident, edit)).success(self._saved).failure(self._refused).run()

    def ask_delete(self) -> QMessageBox:
        """Asks first (window-modal, so the editor stays responsive to the question only); Cancel is
        the default, so a stray Enter deletes nothing."""
        title = self._article.title if self._article else ""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("删除知识条目"),
            fill(self.tr("确定删除“%1”吗？删除后所有坐席在下次同步时都将不再看到这条知识。"), title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the server's text
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("删除"))
        box.finished.connect(lambda result: self._confirmed(result == QMessageBox.StandardButton.Yes))
        self.confirm = box
        box.open()
        return box

    def _confirmed(self, yes: bool) -> None:
        self.confirm = None
        if not yes or self._delete is None or self._article is None:
            return
        ident, delete = self._article.id, self._delete
        self.buttons.setEnabled(False)
        self.problems.setText(self.tr("正在从中心服务器删除…"))
        BackgroundOp(self, lambda: delete(ident)).success(self._deleted).failure(self._delete_refused).run()

    def _deleted(self, _result: object) -> None:
        self.deleted = True
        self.accept()

    def _delete_refused(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.problems.setText(fill(self.tr("删除失败：%1"), error_text(exc)))

    def _saved(self, wire: KbArticleWire) -> None:
        self.saved = wire
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.problems.setText(fill(self.tr("保存失败：%1"), error_text(exc)))


def _day(text: str) -> date | None:
    return date.fromisoformat(text.strip()) if text.strip() else None
