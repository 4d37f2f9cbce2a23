"""Agent assist on realistic caller transcripts (as speech recognition gives them: no punctuation
to speak of, fillers, repetitions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.knowledge.base import KnowledgeBase

TRANSCRIPTS = [
    (
        "喂你好 我想问一下啊 就是我之前在外地上班 那边交了好几年的社保 然后现在回海滨这边工作了 "
        "那个社保能不能转过来 要怎么弄",
        "SB-YL-003",
    ),
    ("我家那个暖气啊从前天开始就一直不怎么热 屋里才十五六度 老人在家冻得不行 暖气不热找谁啊", "GY-GN-001"),
    ("就是我那个房子是租的嘛 然后公积金里面有点钱 听说租房可以取出来 是吗", "ZF-GJ-001"),
    (
        "你好是这样的 我家孩子今年九月份要上小学了 我们是外地户口 在这边交了三年社保 "
        "不知道要怎么报名 积分怎么算",
        "JY-RX-002",
    ),
    ("嗯 我那个身份证啊 昨天坐公交的时候弄丢了 然后我就担心被别人拿去用 要怎么补办", "HJ-HK-005"),
    ("我们老板已经两个月没发工资了 一直拖着 说过几天过几天 我们几个人都没拿到钱", "LD-GZ-001"),
    ("我刚刚进门就闻到一股煤气味 很浓 我现在该怎么办 要不要开窗", "GY-GQ-001"),
    ("我驾驶证好像下个月就到期了 那个换证要不要去车管所 要体检吗", "HJ-CG-001"),
]


@pytest.mark.parametrize(("transcript", "expected"), TRANSCRIPTS)
def test_the_conversation_brings_up_its_article(
    seeded: KnowledgeBase, transcript: str, expected: str
) -> None:
    found = seeded.assist.suggest(transcript, limit=3)
    assert expected in found.ids, (found.keywords, found.ids)


def test_keywords_are_the_domain_words_not_the_fillers(seeded: KnowledgeBase) -> None:
    keywords = seeded.assist.keywords(TRANSCRIPTS[2][0])
    assert "公积金" in keywords and "租房" in keywords
    assert not {"就是", "那个", "然后", "听说"} & set(keywords)


def test_articles_on_screen_keep_their_place(seeded: KnowledgeBase) -> None:
    text = TRANSCRIPTS[2][0]
    first = seeded.assist.suggest(text, limit=5)
    shown = tuple(reversed(first.ids))  # whatever order the operator is looking at
    again = seeded.assist.suggest(text + " 要什么材料", limit=5, previous=shown)
    kept = [i for i in again.ids if i in shown]
    assert kept == [i for i in shown if i in again.ids]
    assert again.ids[: len(kept)] == tuple(kept)


@pytest.mark.parametrize("text", ["", "   ", "嗯嗯嗯 啊 喂 喂 你好", "😀😀", "*" * 5000])
def test_nothing_to_go_on_suggests_nothing_and_never_fails(seeded: KnowledgeBase, text: str) -> None:
    found = seeded.assist.suggest(text)
    assert isinstance(found.ids, tuple)


def test_only_the_latest_part_of_a_long_window_counts(seeded: KnowledgeBase) -> None:
    text = "公积金租房提取的事情我问过了 " * 40 + "现在想问一下 " + "暖气不热 屋里很冷 暖气不热找谁 " * 10
    assert "GY-GN-001" in seeded.assist.suggest(text, limit=3).ids


@pytest.mark.slow
def test_suggestions_keep_no_table_the_kb_does_not_use(tmp_path: Path) -> None:
    """Importing jieba.analyse loads jieba's part-of-speech table and its general IDF table, about
    80 MB that agent assist never reads; of the general IDF only the KB's own words are kept."""
    probe = (
        "import sys, tracemalloc; from pathlib import Path; from app.knowledge.base import KnowledgeBase; "
        f"kb = KnowledgeBase.open(Path({str(tmp_path / 'kb.sqlite3')!r})); kb.prepare(); "
        "tracemalloc.start(); kb.assist.suggest('租房可以取公积金吗 社保能不能转过来'); "
        "print(','.join(m for m in ('jieba.analyse', 'jieba.posseg') if m in sys.modules)); "
        "print(tracemalloc.get_traced_memory()[0] // 2**20)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded, kept_mb = out.stdout.splitlines()
    assert loaded == ""
    assert int(kept_mb) < 10
