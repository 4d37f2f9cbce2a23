"""Emergencies heard in the call (紧急情况): 着火了, 煤气味, 有人受伤, 要跳楼 ... with the number to
transfer to (110/119/120/122), from the shipped word list resources/emergency.yaml.

A word alone is not an alarm: 没有着火 (negated; 是不是中毒了 asks and 井盖没了 says a thing is gone:
neither denies what follows), 上次着火的事 (an earlier event told about), 怕着火 or 有火灾隐患 (a
fear, a complaint about a risk), 天天打架 (a habit: a complaint about noise) and 冒烟了 … 现在没事了
(over by the time of the call) are not emergencies,
unless a word of the present said after the guard (刚才, 现在, 但是) brings the clause back to now, or,
for an earlier event, the caller says it still goes on (现在还在打). A fear governs what follows it
only: in 煤气味好浓我怕是哪里漏了 the smell is here and the leak is feared. A phrase may leave room
for a few words said inside it: 被…打了 also hears 被她前夫打了; and it may name a group of words
that say the same (`words`): {gas}…味 hears 煤气味, 液化气的味道 and 沼气味 alike, so one hazard is one
entry however callers name its parts. Guards look only within the
clause (up to a comma or full stop) and a few characters around the phrase: transcripts carry little
punctuation, and a guard said long before belongs to another sentence.

Pure and fast: one regular expression over the call's recent text, called after every settled phrase.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.domain.config_shape import ConfigShape
from app.intake.spoken import Compact

NUMBERS = frozenset({"110", "119", "120", "122"})
# How far a guard may be from the phrase it guards, in characters (spaces not counted).
_NEGATION_REACH = 6  # 没有闻到什么|煤气味
_PAST_REACH = 12  # 上次我们楼下那个饭店|着火
_HYPOTHETICAL_BEFORE, _HYPOTHETICAL_AFTER = 10, 6  # 怕哪天电箱漏电有人|触电 · 火灾|隐患
_GOES_ON_REACH = 6  # 煤气味|现在还有
_RESOLVED_REACH = 16  # 冒烟了|吓得我赶紧拔了插头现在没事了
_UNLESS_REACH = 6  # 饭店油烟机|冒烟
_CLAUSE_ENDS = re.compile(r"[，。！？；,.!?;…]")
_SPACE = re.compile(r"\s+")
_GUARDS = ("negations", "past", "hypothetical", "feared", "habitual", "now", "still", "resolved")
# A question said as 是不是/有没有 holds a negation word but denies nothing: 是不是中毒了; nor does a
# thing said to be gone (没了) deny what follows it: 井盖没了一个老人掉进去了.
_ASKING = re.compile("是不是|有没有|会不会|能不能|要不要|没了")
# The transcript writes counted numbers as digits (一块 → 1块); the list and its guards are words.
_DIGITS_AS_SAID = str.maketrans("0123456789", "零一二三四五六七八九")
_GAP = "…"  # in a phrase: up to _GAP_CHARS characters said in between (被…打了: 被她前夫打了)
_GAP_CHARS = 4
_GROUP = re.compile(r"\{(\w+)\}")  # in a phrase: any word of that `words` group ({gas}: 燃气, 煤气 ...)


class EmergencyListError(ValueError):
    """resources/emergency.yaml (or the server's copy) is malformed; the message names the key."""


@dataclass(frozen=True)
class EmergencyPhrase:
    phrase: str
    number: str  # 110 police, 119 fire and rescue, 120 ambulance, 122 traffic police
    category: str  # fire, gas, rescue, injury, suicide, violence, missing, traffic
    unless: tuple[str, ...] = ()  # words near it that make it something else: 油烟 beside 冒烟


@dataclass(frozen=True)
class Alarm:
    """One emergency heard: what was said, where in the transcript, and whom to transfer to."""

    phrase: str
    number: str
    category: str
    start: int  # span in the text given to detect()
    end: int


@dataclass(frozen=True)
class EmergencyList:
    """The word list with its guards, at a version (the server raises it on every change)."""

    version: int
    phrases: tuple[EmergencyPhrase, ...]
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # groups a phrase names: {gas}
    negations: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    hypothetical: tuple[str, ...] = ()  # 隐患, 演练: the event is a topic, said before or after it
    feared: tuple[str, ...] = ()  # 怕, 万一: governs what is said after it only
    habitual: tuple[str, ...] = ()
    now: tuple[str, ...] = ()
    still: tuple[str, ...] = ()
    resolved: tuple[str, ...] = ()  # 没事了, 灭了: said after it, the event is over

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> EmergencyList:
        data = _shape.mapping(data, "emergency")
        # A seat that does not know a key refuses the whole list (and keeps the one it has): a list
        # read without its `words` would never hear the phrases that name them.
        _shape.known_keys(data, {"version", "guards", "words", "phrases"}, "emergency")
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise EmergencyListError(f"version: expected a positive whole number, got {version!r}")
        guards = _shape.mapping(data.get("guards", {}), "guards")
        _shape.known_keys(guards, _GUARDS, "guards")
        guard_words = tuple(_words(guards.get(name, []), f"guards.{name}") for name in _GUARDS)
        groups = _shape.mapping(data.get("words", {}), "words")
        words = {str(name): _words(value, f"words.{name}") for name, value in groups.items()}
        for name, said in words.items():
            if not _GROUP.fullmatch(f"{{{name}}}") or not said:
                raise EmergencyListError(f"words.{name}: expected a name of letters and a list of words")
        raw = _shape.list(data.get("phrases"), "phrases")
        if not raw:
            raise EmergencyListError("phrases: the list is empty; an empty list would hear no emergency")
        phrases = tuple(_phrase(entry, f"phrases[{i}]", words) for i, entry in enumerate(raw))
        seen: set[str] = set()
        for i, entry in enumerate(phrases):
            if entry.phrase in seen:
                raise EmergencyListError(f"phrases[{i}]: {entry.phrase!r} is listed twice")
            seen.add(entry.phrase)
        return cls(version, phrases, words, *guard_words)

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        # Longest first: 燃气泄漏 wins over a shorter phrase inside it. No group per phrase: with
        # groups the engine loses its first-character scan and runs about forty times slower.
        # A phrase that starts with a group is one alternative per word of it: the engine's scan
        # for first characters only works when every alternative starts with a plain character
        # (with a group in front detection took forty times as long).
        ordered = sorted(self.phrases, key=lambda entry: len(entry.phrase), reverse=True)
        return re.compile(
            "|".join(_regex(said, self.words) for e in ordered for said in self._leading(e.phrase))
        )

    def _leading(self, phrase: str) -> list[str]:
        if (first := _GROUP.match(phrase)) is None:
            return [phrase]
        words = sorted(self.words[first.group(1)], key=len, reverse=True)
        return [word + phrase[first.end() :] for word in words]

    @cached_property
    def _plain(self) -> dict[str, EmergencyPhrase]:
        return {entry.phrase: entry for entry in self.phrases if not _patterned(entry.phrase)}

    @cached_property
    def _patterned(self) -> tuple[tuple[re.Pattern[str], EmergencyPhrase], ...]:
        """Phrases with room for words (…) or a group ({gas}), in the order the pattern tries them."""
        ordered = sorted(self.phrases, key=lambda entry: len(entry.phrase), reverse=True)
        return tuple((re.compile(_regex(e.phrase, self.words)), e) for e in ordered if _patterned(e.phrase))

    def _entry(self, said: str) -> EmergencyPhrase:
        if (entry := self._plain.get(said)) is not None:
            return entry
        return next(entry for pattern, entry in self._patterned if pattern.fullmatch(said))

    def detect(self, text: str) -> list[Alarm]:
        """The emergencies said in `text` (spoken, ASR-like), in order, each with its span in `text`."""
        spoken = Compact.of(text)
        compact = spoken.text.translate(_DIGITS_AS_SAID)  # one character for one: spans still hold
        alarms = []
        for match in self._pattern.finditer(compact):
            entry = self._entry(match.group(0))
            start, end = match.span()
            if not self._guarded(compact, start, end, entry):
                # a pattern is shown as the words said (液化气的味道), a plain phrase as listed
                shown = spoken.text[start:end] if _patterned(entry.phrase) else entry.phrase
                alarms.append(Alarm(shown, entry.number, entry.category, *spoken.span(start, end)))
        return alarms

    def _guarded(self, compact: str, start: int, end: int, entry: EmergencyPhrase) -> bool:
        clause_start = max((m.end() for m in _CLAUSE_ENDS.finditer(compact, 0, start)), default=0)
        after_end = _CLAUSE_ENDS.search(compact, end)
        clause_end = after_end.start() if after_end else len(compact)
        before = compact[clause_start:start]
        after = compact[end:clause_end]
        # A word of the present (刚才, 现在, 但是) cuts off every guard said before it.
        cut = max((before.rfind(w) + len(w) for w in self.now if w in before), default=0)
        before = before[cut:]
        if any(
            u in compact[max(clause_start, start - _UNLESS_REACH) : end + _UNLESS_REACH] for u in entry.unless
        ):
            return True
        if _said(_ASKING.sub("", before)[-_NEGATION_REACH:], self.negations):
            return True
        if _said(before[-_HYPOTHETICAL_BEFORE:], self.hypothetical + self.feared + self.habitual) or _said(
            after[:_HYPOTHETICAL_AFTER], self.hypothetical
        ):
            return True
        if _said(after[:_RESOLVED_REACH], self.resolved):
            return True
        # An earlier event is told about, unless the caller says right after that it goes on
        # (煤气味现在还有, 现在还在打).
        return _said(before[-_PAST_REACH:], self.past) and not _said(after[:_GOES_ON_REACH], self.still)


def _patterned(phrase: str) -> bool:
    return _GAP in phrase or _GROUP.search(phrase) is not None


def _regex(phrase: str, words: Mapping[str, Sequence[str]]) -> str:
    def part(text: str) -> str:
        pieces = _GROUP.split(text)  # words, group name, words, group name ...
        return "".join(
            re.escape(piece) if i % 2 == 0 else _any_of(words[piece]) for i, piece in enumerate(pieces)
        )

    return f".{{0,{_GAP_CHARS}}}?".join(part(text) for text in phrase.split(_GAP))


def _any_of(words: Sequence[str]) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


def _said(text: str, words: Sequence[str]) -> bool:
    return any(w in text for w in words)


def _phrase(value: object, key: str, words: Mapping[str, Sequence[str]]) -> EmergencyPhrase:
    data = _shape.mapping(value, key)
    _shape.known_keys(data, {"phrase", "number", "category", "unless"}, key)
    phrase, number, category = data.get("phrase"), data.get("number"), data.get("category")
    if not isinstance(phrase, str) or len(phrase.replace(_GAP, "").strip()) < 2:
        raise EmergencyListError(f"{key}.phrase: expected at least two characters, got {phrase!r}")
    if phrase.startswith(_GAP) or phrase.endswith(_GAP):
        raise EmergencyListError(f"{key}.phrase: {phrase!r}: {_GAP} goes between words, not at an end")
    unknown = [name for name in _GROUP.findall(phrase) if name not in words]
    if unknown:
        raise EmergencyListError(f"{key}.phrase: {phrase!r} names {{{unknown[0]}}}, not in `words`")
    if _SPACE.search(phrase):
        raise EmergencyListError(
            f"{key}.phrase: {phrase!r} has a space; transcripts are matched without spaces"
        )
    if str(number) not in NUMBERS:
        raise EmergencyListError(
            f"{key}.number: expected one of {', '.join(sorted(NUMBERS))}, got {number!r}"
        )
    if not isinstance(category, str) or not category:
        raise EmergencyListError(f"{key}.category: expected a name like fire or injury, got {category!r}")
    return EmergencyPhrase(phrase, str(number), category, _words(data.get("unless", []), f"{key}.unless"))


def _words(value: object, key: str) -> tuple[str, ...]:
    words = _shape.list(value, key)
    bad = [w for w in words if not isinstance(w, str) or not w.strip()]
    if bad:
        raise EmergencyListError(f"{key}: expected words, got {bad[0]!r}")
    return tuple(str(w) for w in words)


_shape = ConfigShape(EmergencyListError)
