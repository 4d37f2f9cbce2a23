"""The knowledge-base dock with pytest-qt: search as you type off the GUI thread (latest wins),
highlighted results, category filter, version, live suggestions, the insert key, the editor."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.domain.article import Article
from app.knowledge.assist import AgentAssist, Suggestions
from app.knowledge.base import KnowledgeBase
from app.knowledge.search import Hit, Searcher
from app.resources import load_taxonomy
from app.store.changes import Changes
from sync.protocol import KbArticleEdit, KbArticleWire
from tests.ui.wording import assert_chinese, assert_english
from ui.kb import kb_transfer
from ui.kb.kb_editor import KbEditorDialog
from ui.kb.kb_panel import ASSIST_DELAY_MS, INSERT_KEY, RESULTS, SEARCH_DELAY_MS, KbPanel
from ui.ops import TRACKER, ChangeBus
from ui.shell.i18n import LanguageSwitcher

# HOTLINE_SCREENSHOTS=resources/screenshots refreshes the picture in the README; else a temp file.
SCREENSHOTS = os.environ.get("HOTLINE_SCREENSHOTS")


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path) -> Iterator[KbPanel]:
    kb = KnowledgeBase.open(tmp_path / "kb.sqlite3")
    widget = KbPanel(kb, load_taxonomy(), ChangeBus(), demo=True)
    widget.resize(440, 720)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.ready, timeout=30_000)
    yield widget
    TRACKER.wait(10)
    kb.close()


def _labels(panel: KbPanel) -> list[str]:
    texts = []
    for row in range(panel.results.count()):
        label = panel.results.itemWidget(panel.results.item(row))
        assert isinstance(label, QLabel)
        texts.append(QTextDocumentFragment.fromHtml(label.text()).toPlainText())
    return texts


def test_typing_searches_and_shows_highlighted_results(qtbot: QtBot, panel: KbPanel) -> None:
    qtbot.waitUntil(lambda: panel.version_label.text() == "知识库：演示数据", timeout=5000)
    panel.search.setText("公积金租房提取")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=5000)
    assert panel._hits[0].article.title == "租房提取住房公积金"
    label = panel.results.itemWidget(panel.results.item(0))
    assert isinstance(label, QLabel) and "<b" in label.text()  # the matched words are marked
    assert "公积金" in panel.article.toPlainText()  # the first result is opened
    assert panel.mode_label.text() == "最相关的前 10 条"  # there are more: these are the best


def test_the_answer_to_an_earlier_query_is_never_shown_once_a_newer_one_is_asked(
    qtbot: QtBot, panel: KbPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """暖气 is searched, then 护照 is typed while 暖气's search is still running. 暖气's answer comes
    back first (searches queue on one thread): it must not appear, not even for a moment, so every
    article ever opened in the list is recorded, not only the last one."""
    heating = {h.article.id for h in panel.kb.searcher.search("暖气")}
    passport = {h.article.id for h in panel.kb.searcher.search("护照")}
    assert heating and passport and not heating & passport  # else the test could not tell them apart
    started, release = threading.Event(), threading.Event()
    real = Searcher.search

    def slow_for_heating(self: Searcher, text: str, **kw: object) -> list[Hit]:
        if "暖气" in text:
            started.set()
            release.wait(5)
        return real(self, text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Searcher, "search", slow_for_heating)
    opened: list[str] = []
    panel.results.currentRowChanged.connect(
        lambda _row: opened.append(a.id) if (a := panel.current_article()) is not None else None
    )
    panel.search.setText("暖气")
    qtbot.waitUntil(started.is_set, timeout=5000)  # its search is running and held
    with qtbot.waitSignal(panel.answered, timeout=8000):  # the answer shown: 护照's, the latest
        panel.search.setText("护照")
        qtbot.wait(SEARCH_DELAY_MS * 3)  # 护照's search is asked for while 暖气's is held
        release.set()
    assert opened and set(opened) <= passport, f"an answer to 暖气 was shown: {opened}"


@pytest.mark.slow
def test_the_gui_thread_is_never_blocked_by_a_search(
    qtbot: QtBot, panel: KbPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Searcher.search

    def slow(self: Searcher, text: str, **kw: object) -> list[Hit]:
        time.sleep(3.0)
        return real(self, text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Searcher, "search", slow)
    started = time.perf_counter()
    qtbot.keyClicks(panel.search, "gjj")  # typed key by key (pinyin initials of 公积金)
    qtbot.wait(200)  # the search was asked for; typing and the event loop carry on meanwhile
    assert time.perf_counter() - started < 2.0  # a search on the GUI thread would take 3 s here
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=15_000)


def test_category_filter_narrows_results(qtbot: QtBot, panel: KbPanel) -> None:
    panel.search.setText("补贴")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=5000)
    panel.category.setCurrentIndex(panel.category.findData("MZ"))
    qtbot.waitUntil(lambda: all(h.article.categories[0].startswith("MZ") for h in panel._hits), timeout=5000)
    assert panel._hits


def test_odd_input_never_breaks_the_panel(qtbot: QtBot, panel: KbPanel) -> None:
    for text in ['"a" OR', "NEAR(", "*", "'; drop table articles; --", "😀", "，。", "x" * 2000]:
        panel.search.setText(text)
        qtbot.wait(200)
    panel.search.setText("护照")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=5000)


@pytest.mark.slow
def test_transcript_brings_suggestions_and_same_ones_do_not_rebuild(qtbot: QtBot, panel: KbPanel) -> None:
    with qtbot.waitSignal(panel.answered, timeout=8000):
        panel.feed_transcript("就是我那个房子是租的嘛 然后公积金里面有点钱 听说租房可以取出来")
    assert panel.results.count() > 0 and panel.mode_label.text().startswith("实时推荐")
    first_item = panel.results.item(0)
    with qtbot.waitSignal(panel.answered, timeout=8000):  # the second suggestion has been answered ...
        panel.feed_transcript("就是我那个房子是租的嘛 然后公积金里面有点钱 听说租房可以取出来 是吗")
    assert panel.results.item(0) is first_item  # ... with the same articles: the list was left as it was
    panel.search.setText("护照")  # typing by hand takes over from the suggestions
    qtbot.waitUntil(lambda: panel.mode_label.text().startswith("找到"), timeout=5000)


def test_insert_key_emits_the_chosen_article(qtbot: QtBot, panel: KbPanel) -> None:
    panel.search.setText("护照")
    qtbot.waitUntil(lambda: panel.results.count() > 1, timeout=5000)
    panel.results.setCurrentRow(1)
    with qtbot.waitSignal(panel.answerChosen, timeout=2000) as signal:
        panel.insert_action.trigger()
    assert isinstance(signal.args[0], Article)
    assert signal.args[0].id == panel._hits[1].article.id
    assert panel.insert_action.shortcut().toString() == INSERT_KEY


def test_editing_is_for_leads_only(qtbot: QtBot, panel: KbPanel) -> None:
    panel.search.setText("护照")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=5000)
    assert not panel.edit_button.isEnabled() and not panel.new_button.isEnabled()
    assert "班长" in panel.new_button.toolTip()
    panel.set_can_edit(True)
    assert panel.edit_button.isEnabled() and panel.new_button.isEnabled()


def test_editor_previews_checks_and_saves(qtbot: QtBot, panel: KbPanel) -> None:
    panel.search.setText("护照")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=5000)
    article = panel.current_article()
    assert article is not None
    sent: list[tuple[str, KbArticleEdit]] = []

    def save(ident: str, edit: KbArticleEdit) -> KbArticleWire:
        sent.append((ident, edit))
        changed = Article(id=ident, title=edit.title, body=edit.body, version=article.version + 1)
        return KbArticleWire.from_domain(changed, 9)

    dialog = KbEditorDialog(article, load_taxonomy(), save)
    qtbot.addWidget(dialog)
    dialog.body.setPlainText("## 新的说明\n\n1. 第一步")
    qtbot.waitUntil(lambda: "新的说明" in dialog.preview.toPlainText(), timeout=2000)
    dialog.categories.setText("NO.SUCH")
    dialog.save()
    assert "未知的事项分类" in dialog.problems.text() and not sent
    dialog.categories.setText(", ".join(article.categories))
    dialog.valid_from.setText("2026-02-30")
    dialog.save()
    assert "日期" in dialog.problems.text() and not sent
    dialog.valid_from.setText("")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert sent[0][0] == article.id and sent[0][1].base_version == article.version


def test_screenshot_is_readable(qtbot: QtBot, panel: KbPanel, tmp_path: Path) -> None:
    panel.search.setText("公积金租房提取")
    qtbot.waitUntil(lambda: panel.results.count() > 2, timeout=5000)
    qtbot.wait(200)
    image = panel.grab()
    assert not image.isNull()
    assert image.save(str(Path(SCREENSHOTS or tmp_path) / "kb-panel.png"))
    assert panel.results.item(0).flags() & Qt.ItemFlag.ItemIsEnabled


def _capture_messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(
            kb_transfer.QMessageBox, name, lambda _parent, _title, text, n=name: shown.append((n, text))
        )
    return shown


def test_export_then_import_round_trip_from_the_menu(
    qtbot: QtBot, panel: KbPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _capture_messages(monkeypatch)
    count = panel.kb.store.count()
    kb_transfer.export_kb(panel, panel.kb, "xlsx", str(tmp_path / "kb.xlsx"))
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0] == ("information", f"已导出 {count} 条。")
    panel.set_import_allowed(True)
    assert panel.transfer_actions["import_file"].isEnabled()
    kb_transfer.import_kb(panel, panel.kb, panel.bus, str(tmp_path / "kb.xlsx"))
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=30_000)
    assert shown[1] == ("information", f"已导入 {count} 条。")
    qtbot.waitUntil(lambda: panel.version_label.text() == "知识库版本 import", timeout=5000)


def test_a_bad_import_lists_every_problem_and_stores_nothing(
    qtbot: QtBot, panel: KbPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _capture_messages(monkeypatch)
    bad = tmp_path / "kb.csv"
    bad.write_text(
        "id,title,body\nok-1,燃气开户,到营业厅。\nbad id!,标题,正文\nok-2,,正文\n", encoding="utf-8"
    )
    before = panel.kb.store.versions()
    kb_transfer.import_kb(panel, panel.kb, panel.bus, str(bad))
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    kind, text = shown[0]
    assert kind == "warning" and "2 处问题" in text and "第 3 行" in text and "第 4 行" in text
    assert panel.kb.store.versions() == before
    panel.set_import_allowed(False)
    assert not panel.transfer_actions["import_folder"].isEnabled()


def test_a_kb_change_announced_on_the_bus_refreshes_the_dock_which_never_polls(
    qtbot: QtBot, panel: KbPanel
) -> None:
    """A sync, an import or the editor changes the KB: the ChangeBus says so (Changes.kb) and the
    dock searches again and shows the new version at once. No timer looks for changes."""
    assert all(timer.isSingleShot() for timer in panel.findChildren(QTimer)), "a repeating timer polls"
    panel.search.setText("燃气开户")
    with qtbot.waitSignal(panel.answered, timeout=5000):
        pass
    gas = Article(id="GQ-NEW", title="燃气开户新规", body="即日起燃气开户可在线办理。", version=1)
    panel.kb.store.apply([gas], (), version="42", source="http://central.test")  # as a sync does
    with qtbot.waitSignal(panel.answered, timeout=2000):
        panel.bus.changed.emit(Changes(kb=True))
    assert "GQ-NEW" in [h.article.id for h in panel._hits]
    qtbot.waitUntil(lambda: panel.version_label.text() == "知识库版本 42", timeout=2000)


def test_a_full_page_of_results_says_these_are_the_best_not_all(qtbot: QtBot, panel: KbPanel) -> None:
    with qtbot.waitSignal(panel.answered, timeout=5000):
        panel.search.setText("公积金")
    assert panel.results.count() == RESULTS
    assert panel.mode_label.text() == f"最相关的前 {RESULTS} 条"
    with qtbot.waitSignal(panel.answered, timeout=5000):
        panel.search.setText("护照")
    assert 0 < panel.results.count() < RESULTS
    assert panel.mode_label.text() == f"找到 {panel.results.count()} 条"


def test_rows_wrap_to_the_list_width_with_no_horizontal_scrollbar(qtbot: QtBot, panel: KbPanel) -> None:
    with qtbot.waitSignal(panel.answered, timeout=5000):
        panel.search.setText("公积金")
    for width in (300, 460, 700):
        panel.resize(width, 720)
        qtbot.wait(50)
        viewport = panel.results.viewport().width()
        assert not panel.results.horizontalScrollBar().isVisible()
        for row in range(panel.results.count()):
            item = panel.results.item(row)
            label = panel.results.itemWidget(item)
            assert item.sizeHint().width() <= viewport, f"row {row} is wider than the list at {width}"
            assert item.sizeHint().height() >= label.heightForWidth(viewport), f"row {row} is cut at {width}"


@pytest.mark.slow
def test_what_the_operator_types_brings_suggestions_at_a_calm_pace(
    qtbot: QtBot, panel: KbPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """诉求内容 typed character by character (no call, no transcript) brings suggestions as the
    transcript does, and not one suggestion per keystroke."""
    asked: list[str] = []
    real = AgentAssist.suggest

    def counted(self: AgentAssist, text: str, **kw: object) -> Suggestions:
        asked.append(text)
        return real(self, text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(AgentAssist, "suggest", counted)
    request = "我想问一下租房怎么提取公积金"
    with qtbot.waitSignal(panel.answered, timeout=ASSIST_DELAY_MS + 8000):
        for end in range(1, len(request) + 1):
            panel.feed_request(request[:end])
            qtbot.wait(20)
    qtbot.wait(ASSIST_DELAY_MS + 500)  # whatever was still due has been asked
    assert 1 <= len(asked) <= 2, f"{len(asked)} suggestions for {len(request)} keystrokes"
    assert asked[-1].endswith(request)  # the latest text counts
    assert panel.mode_label.text().startswith("实时推荐")
    assert "租房提取住房公积金" in [h.article.title for h in panel._hits]


def test_starting_over_clears_the_last_query(qtbot: QtBot, panel: KbPanel) -> None:
    with qtbot.waitSignal(panel.answered, timeout=5000):
        panel.search.setText("护照")
    panel.feed_request("护照丢了怎么补办")
    panel.start_over()
    assert panel.search.text() == ""
    qtbot.waitUntil(lambda: panel.results.count() == 0, timeout=5000)
    assert panel.mode_label.text() == "输入关键词，或在通话时查看实时推荐"


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("kb.csv", "id,title,body\nok-1,燃气开户,到营业厅。\nbad id!,标题,正文\nok-1,标题,正文\n", "3"),
        ("kb.csv", "id,title\nok-1,燃气开户\n", "body"),
        ("kb.txt", "燃气开户", ".txt"),
    ],
)
def test_a_bad_import_file_is_explained_in_the_interface_language(
    qtbot: QtBot,
    panel: KbPanel,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    languages: LanguageSwitcher,
    name: str,
    content: str,
    said: str,
) -> None:
    shown = _capture_messages(monkeypatch)
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            shown.clear()
            kb_transfer.import_kb(panel, panel.kb, panel.bus, str(bad))
            qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
            [(kind, text)] = shown
            assert kind == "warning" and said in text
            one_language(text)
    finally:
        languages.switch("zh_CN")


def test_the_category_filter_names_the_categories_in_the_interface_language(
    qtbot: QtBot, panel: KbPanel, languages: LanguageSwitcher
) -> None:
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            qtbot.wait(10)  # the LanguageChange events are delivered
            names = [panel.category.itemText(i) for i in range(panel.category.count())]
            assert len(names) > 20
            for name in names:
                one_language(name)
    finally:
        languages.switch("zh_CN")
    assert panel.category.itemText(panel.category.findData("MZ")) == panel.taxonomy.get("MZ").name
