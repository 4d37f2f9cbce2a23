"""The shared lexicon loads jieba's dictionary from jieba's folder, without pkg_resources."""

from __future__ import annotations

import subprocess
import sys


def test_the_tokenizer_loads_without_pkg_resources() -> None:
    probe = (
        "import sys; from app.lexicon import tokenizer; "
        "words = tokenizer().lcut('小区电梯坏了'); print('pkg_resources' in sys.modules, len(words) > 1)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False True"
