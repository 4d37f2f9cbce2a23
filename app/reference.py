"""Reference data (参考数据): the taxonomy, the SLA rules and the emergency word list, as documents the
central server serves and every seat keeps a checked copy of.

A document is the text of its files as the server has them; its version is the first file's
`version:` and a hash of the content, so an edit that forgot to raise `version:` still reaches the
seats (and the server logs it). Both ends check a document with the loaders the seat plans with
(app.resources), so a seat never switches to a catalogue or calendar it could not load at start.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Final

import yaml

from app.domain.problem import ProblemError
from app.domain.sla import SlaClock
from app.domain.taxonomy import Category, Taxonomy
from app.intake.emergency import EmergencyList
from app.resources import ResourceError, parse_yaml_text, sla_clock_from_text, taxonomy_from_text

TAXONOMY: Final = "taxonomy"
SLA: Final = "sla"
EMERGENCY: Final = "emergency"
# Per document, its files in resources/ (and on the server's reference folder); the first carries `version:`.
FILES: Final[Mapping[str, tuple[str, ...]]] = {
    TAXONOMY: ("taxonomy.yaml",),
    SLA: ("sla.yaml", "holidays.yaml"),
    EMERGENCY: ("emergency.yaml",),
}
OPTIONAL: Final = frozenset({EMERGENCY})  # a deployment without the file serves no such document
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the catalogue is large
MAX_DOCUMENT_BYTES: Final = 4 * 2**20  # per document, all its files: a catalogue of 300 leaves is ~0.3 MB


class ReferenceDataError(ProblemError, ValueError):
    """A document that cannot be used: `problem` says which document, file and why."""


@dataclass(frozen=True)
class Document:
    name: str
    files: Mapping[str, str]  # file name -> its text, in FILES order

    # Worked out once per document: the server names the version in every pull.
    @cached_property
    def digest(self) -> str:
        sha = hashlib.sha256()
        for file, text in self.files.items():
            sha.update(file.encode() + b"\0" + text.encode() + b"\0")
        return sha.hexdigest()[:12]

    @cached_property
    def declared(self) -> str:
        """The first file's `version:` as written ("0" without one, e.g. sla.yaml)."""
        first = next(iter(self.files.values()), "")
        try:
            data = yaml.load(first, Loader=_SAFE_LOADER)
        except yaml.YAMLError:
            return "0"
        value = data.get("version") if isinstance(data, Mapping) else None
        return "0" if value is None or isinstance(value, Mapping | list) else str(value)

    @cached_property
    def version(self) -> str:
        return f"{self.declared}-{self.digest}"

    @property
    def size(self) -> int:
        return sum(len(text.encode()) for text in self.files.values())


def read_document(folder: Path, name: str) -> Document | None:
    """The document as the files in `folder` hold it now; None for an optional one whose file is
    missing. ReferenceDataError when a required file is missing or unreadable."""
    files: dict[str, str] = {}
    for file in FILES[name]:
        path = folder / file
        try:
            files[file] = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            if name in OPTIONAL:
                return None
            raise ReferenceDataError("reference.missing", path=str(path)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ReferenceDataError("reference.unreadable", path=str(path), error=str(exc)) from None
    return Document(name, files)


def check(document: Document, *, timezone: str | None = None) -> Any:
    """The document parsed by the seat's own loader (a Taxonomy, an SlaClock, the emergency list's
    mapping); ReferenceDataError saying what is wrong. `timezone`: the seat's centre.timezone for the SLA."""
    if document.name not in FILES:
        raise ReferenceDataError("reference.unknown_document", name=document.name)
    if tuple(document.files) != FILES[document.name]:
        raise ReferenceDataError(
            "reference.wrong_files", name=document.name, files=", ".join(FILES[document.name])
        )
    if document.size > MAX_DOCUMENT_BYTES:
        raise ReferenceDataError(
            "reference.too_large", name=document.name, size=document.size, limit=MAX_DOCUMENT_BYTES
        )
    files = document.files
    try:
        if document.name == TAXONOMY:
            return taxonomy_from_text(files["taxonomy.yaml"])
        if document.name == SLA:
            return sla_clock_from_text(files["sla.yaml"], files["holidays.yaml"], timezone=timezone)
        return parse_yaml_text(files["emergency.yaml"], EmergencyList.from_mapping, "emergency.yaml")
    except ResourceError as exc:  # the loaders name file, node and line in the words of the file's keys
        raise ReferenceDataError("reference.invalid", detail=str(exc)) from None


def taxonomy_of(document: Document) -> Taxonomy:
    taxonomy: Taxonomy = check(document)
    return taxonomy


def emergency_list_of(document: Document) -> EmergencyList:
    words: EmergencyList = check(document)
    return words


def sla_of(document: Document, timezone: str | None = None) -> SlaClock:
    clock: SlaClock = check(document, timezone=timezone)
    return clock


# -- names of retired categories ------------------------------------------------------------------


@dataclass(frozen=True)
class RetiredName:
    """A category a newer catalogue dropped: tickets filed under it keep showing its name."""

    code: str
    name: str  # the path label, e.g. 城乡建设 > 物业管理 > 电梯故障
    en: str


def retired_between(old: Taxonomy, new: Taxonomy) -> list[RetiredName]:
    """The categories of `old` that `new` no longer has."""
    return [_retired(old, c) for c in old if c.code not in new]


def _retired(taxonomy: Taxonomy, category: Category) -> RetiredName:
    return RetiredName(
        category.code, taxonomy.path_label(category.code), taxonomy.path_label(category.code, english=True)
    )


def category_label(
    taxonomy: Taxonomy, retired: Mapping[str, RetiredName], code: str | None, *, english: bool = False
) -> str:
    """A ticket's category as shown: the catalogue's path, a retired category's last name, else the code."""
    if not code:
        return ""
    if code in taxonomy:
        return taxonomy.path_label(code, english=english)
    if (gone := retired.get(code)) is not None:
        return gone.en if english else gone.name
    return code
