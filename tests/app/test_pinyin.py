"""Pinyin of words as the KB search and the category finder read them (app/pinyin.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.lexicon import dict_dir
from app.pinyin import PHRASES_FILE, initials, spell, syllables


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("重庆", "chongqing"),
        ("银行", "yinhang"),
        ("人行道", "renxingdao"),  # 人行 alone is ren hang
        ("机动车行驶", "jidongchexingshi"),  # 车行 alone is che hang
        ("关系紧张", "guanxijinzhang"),  # 系紧 alone is ji jin
        ("公积金", "gongjijin"),
        ("长春", "changchun"),
        ("长大", "zhangda"),
    ],
)
def test_a_word_is_read_as_a_word_not_character_by_character(word: str, said: str) -> None:
    assert spell(word) == said


def test_characters_without_a_reading_are_left_out() -> None:
    assert syllables("3号楼A座") == ("hao", "lou", "zuo")
    assert initials("公积金") == "gjj"


def test_the_seat_never_loads_pypinyins_phrase_table() -> None:
    """It costs about 40 MB for the life of the process; the shipped table replaces it."""
    probe = (
        "import sys; from app.pinyin import spell; spell('重庆银行'); "
        "print('pypinyin.phrases_dict' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_the_shipped_phrase_table_is_what_the_installed_pypinyin_gives() -> None:
    """After a pypinyin or jieba upgrade: `python -m app.pinyin_table > resources/dict/pinyin_phrases.txt`."""
    env = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}  # set by app.pinyin
    made = subprocess.run(
        [sys.executable, "-m", "app.pinyin_table"], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert made == (dict_dir() / PHRASES_FILE).read_text(encoding="utf-8")
