"""The packaged game (issue 9), checked without building it: what the spec collects, where assets are found.

The real build and its comparison with the source tree run in CI (`make exe`, build/smoke_frozen.py); these
are the fast checks that catch a spec or resource change that would break the frozen app.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import shutil
import struct
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import game
from game import resources
from game.cli import main as cli_main
from game.sim.track import TrackError
from game.sim.track_catalog import load_track

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "labone-rally.spec"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class _Recorded:
    """Stands in for PyInstaller's build targets, keeping what the spec passes them."""

    pure: tuple[()] = ()
    scripts: tuple[()] = ()
    binaries: tuple[()] = ()
    datas: tuple[()] = ()

    def __init__(self, *args: Any, **kwargs: Any):
        self.args = args
        self.kwargs = kwargs


def run_spec(monkeypatch: pytest.MonkeyPatch, *spec_args: str) -> dict[str, Any]:
    """Execute the spec as PyInstaller does (SPECPATH, build targets as globals, options in sys.argv)."""
    namespace: dict[str, Any] = {"SPECPATH": str(SPEC.parent), "__file__": str(SPEC)}
    for target in ("Analysis", "PYZ", "EXE", "COLLECT"):
        namespace[target] = type(target, (_Recorded,), {})
    monkeypatch.setattr(sys, "argv", [str(SPEC), *spec_args])
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def folder_spec() -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return run_spec(monkeypatch)


def load_build_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"build_{name}", ROOT / "build" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def collected_assets(spec_namespace: dict[str, Any]) -> set[str]:
    """The bundle paths PyInstaller will copy for the spec's `datas`, expanded as PyInstaller expands them."""
    from PyInstaller.building.utils import format_binaries_and_datas

    datas = spec_namespace["a"].kwargs["datas"]
    return {dest for dest, _src in format_binaries_and_datas(datas, workingdir=str(SPEC.parent))}


def test_spec_bundles_every_asset_file_at_the_path_asset_path_uses(folder_spec: dict[str, Any]):
    source_files = {
        f"assets/{path.relative_to(ROOT / 'assets').as_posix()}"
        for path in (ROOT / "assets").rglob("*")
        if path.is_file()
    }
    assert collected_assets(folder_spec) == source_files
    assert "assets/route.json" in source_files


@pytest.mark.parametrize("folder", ["tracks", "cars", "field", "fonts", "map"])
def test_spec_bundles_each_kind_of_asset(folder_spec: dict[str, Any], folder: str):
    bundled = [path for path in collected_assets(folder_spec) if path.startswith(f"assets/{folder}/")]
    assert bundled, f"assets/{folder}/ is empty: the game would ship without it"


def test_a_wheel_installs_every_asset_file_at_the_path_asset_path_uses():
    """pyproject's data-files, globbed as setuptools globs them, cover the assets exactly and name only files."""
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "data-files"
    ]
    installed: set[str] = set()
    for destination, patterns in data_files.items():
        for pattern in patterns:
            for path in sorted(ROOT.glob(pattern)):
                assert path.is_file(), (
                    f"{pattern} matches {path.name}, which a wheel cannot install as a file"
                )
                installed.add(f"{destination}/{path.name}")
    shipped = {
        f"{resources.INSTALLED_ASSETS.as_posix()}/{path.relative_to(ROOT / 'assets').as_posix()}"
        for path in (ROOT / "assets").rglob("*")
        if path.is_file()
    }
    assert installed == shipped


def test_spec_bundles_every_module_the_command_line_imports_lazily(folder_spec: dict[str, Any]):
    hidden = set(folder_spec["a"].kwargs["hiddenimports"])
    for package in ("game", "watch_core"):
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            if parts[-1] != "__main__":  # `python -m` entry points, never imported
                assert module in hidden, f"{module} would be missing from the frozen app"


def _imported_modules() -> set[str]:
    names: set[str] = set()
    for package in ("game", "watch_core"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names.add(node.module)
    return names


def test_spec_excludes_nothing_the_game_imports(folder_spec: dict[str, Any]):
    excluded = set(folder_spec["a"].kwargs["excludes"])
    assert {"tkinter", "unittest", "pydoc", "numpy.tests", "pygame.tests"} <= excluded
    for module in _imported_modules():
        prefixes = {".".join(module.split(".")[: n + 1]) for n in range(module.count(".") + 1)}
        assert not prefixes & excluded, f"the game imports {module}, which the spec leaves out"


def test_spec_leaves_the_offline_tools_out(folder_spec: dict[str, Any]):
    """The track generator and the other content tools sit beside the game at build time, never in the app."""
    assert "tools" in folder_spec["a"].kwargs["excludes"]
    hidden = folder_spec["a"].kwargs["hiddenimports"]
    assert "game.sim.track" in hidden
    assert [module for module in hidden if module.split(".")[0] not in ("game", "watch_core")] == []


def test_spec_never_strips_or_compresses_binaries(
    folder_spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch
):
    onefile = run_spec(monkeypatch, "--onefile", "--onefile-name", "labone-rally-9.9-test")
    folder_exe, collected = folder_spec["exe"], folder_spec["coll"]
    for target in (folder_exe, collected, onefile["exe"]):
        assert target.kwargs["strip"] is False
        assert target.kwargs["upx"] is False
    assert folder_exe.kwargs["exclude_binaries"] is True
    assert collected.kwargs["name"] == "labone-rally"
    assert onefile["exe"].kwargs["name"] == "labone-rally-9.9-test"
    assert "coll" not in onefile


def test_assets_are_found_from_a_source_checkout():
    assert resources.assets_root() == ROOT / "assets"
    assert resources.asset_path("tracks", "circuit-1940.json").is_file()


def test_a_frozen_app_reads_assets_from_its_bundle_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from_source = load_track("circuit-1940")
    bundle = tmp_path / "_internal"
    shutil.copytree(ROOT / "assets", bundle / "assets")
    (bundle / "assets" / "tracks" / "01-brescia-verona.json").unlink()
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert resources.asset_path("fonts", "x.ttf") == bundle / "assets" / "fonts" / "x.ttf"
    assert load_track("circuit-1940") == from_source
    with pytest.raises(TrackError, match="_internal"):
        load_track("01-brescia-verona")  # missing from the bundle: no fallback to the checkout beside it


def test_an_installed_wheel_reads_assets_from_the_data_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    site_packages = tmp_path / "lib" / "site-packages"
    (site_packages / "game").mkdir(parents=True)
    (tmp_path / "share" / "labone-rally" / "assets").mkdir(parents=True)
    monkeypatch.setattr(resources, "__file__", str(site_packages / "game" / "resources.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path))

    assert resources.asset_path("cars") == tmp_path / "share" / "labone-rally" / "assets" / "cars"


def test_version_option_prints_the_package_version(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        cli_main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"labone-rally {game.__version__}\n"


def test_the_version_is_written_once_and_the_metadata_and_frozen_entry_point_read_it():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "game.__version__"}
    assert importlib.metadata.version("labone-rally") == game.__version__
    printed = subprocess.run(
        [sys.executable, str(ROOT / "build" / "entry.py"), "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert printed.stdout == f"labone-rally {game.__version__}\n"


def test_release_names_say_version_and_platform():
    package = load_build_script("package")
    assert package.release_name("1.2.3", "linux-x86_64") == "labone-rally-1.2.3-linux-x86_64"
    system, machine = package.platform_tag().split("-", 1)
    assert system == {"linux": "linux", "win32": "windows", "darwin": "macos"}[sys.platform]
    assert machine and machine != "unknown"


def _fake_png(tag: int) -> bytes:
    return PNG_MAGIC + bytes([tag]) * (10 + tag)


def test_ico_lists_each_png_with_its_size_and_offset():
    package = load_build_script("package")
    pngs = {16: _fake_png(1), 256: _fake_png(2)}
    ico = package.ico_bytes(pngs)
    assert struct.unpack_from("<HHH", ico) == (0, 1, 2)
    for index, size in enumerate((16, 256)):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", ico, 6 + 16 * index
        )
        assert (width, height) == ((size, size) if size < 256 else (0, 0))
        assert (planes, bits) == (1, 32)
        assert ico[offset : offset + length] == pngs[size]


def test_icns_holds_png_chunks_and_its_total_length():
    package = load_build_script("package")
    pngs = {32: _fake_png(3), 48: _fake_png(4), 128: _fake_png(5)}
    icns = package.icns_bytes(pngs)
    assert icns[:4] == b"icns"
    assert struct.unpack_from(">I", icns, 4)[0] == len(icns)
    chunks, at = {}, 8
    while at < len(icns):
        kind, length = icns[at : at + 4], struct.unpack_from(">I", icns, at + 4)[0]
        chunks[kind] = icns[at + 8 : at + length]
        at += length
    assert chunks == {b"icp5": pngs[32], b"ic07": pngs[128]}  # 48 px has no PNG chunk type in ICNS


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows archive is a zip without symlinks")
def test_archive_holds_the_folder_under_its_name_with_links_and_modes_kept(tmp_path: Path):
    package = load_build_script("package")
    folder = tmp_path / "labone-rally"
    (folder / "_internal").mkdir(parents=True)
    (folder / "labone-rally").write_bytes(b"\x7fELF")
    (folder / "labone-rally").chmod(0o755)
    (folder / "_internal" / "libreal.so.1").write_bytes(b"lib")
    (folder / "_internal" / "libalias.so").symlink_to("libreal.so.1")

    archive = package.make_archive(folder, tmp_path / "labone-rally-1.0-test")

    assert archive.name == "labone-rally-1.0-test.tar.gz"
    with tarfile.open(archive) as tf:
        members = {member.name: member for member in tf.getmembers()}
    assert sorted(members) == [
        "labone-rally",
        "labone-rally/_internal",
        "labone-rally/_internal/libalias.so",
        "labone-rally/_internal/libreal.so.1",
        "labone-rally/labone-rally",
    ]
    assert members["labone-rally/labone-rally"].mode & 0o111 == 0o111
    assert members["labone-rally/_internal/libalias.so"].issym()
    assert members["labone-rally/_internal/libalias.so"].linkname == "libreal.so.1"
    assert {(m.uid, m.gid, m.uname) for m in members.values()} == {(0, 0, "")}


def test_smoke_check_fails_with_a_diff_when_the_frozen_time_differs():
    smoke = load_build_script("smoke_frozen")
    source = smoke.Outcome(
        0, "Circuito\nIGT 01:21.047\nre-simulated 8405 ticks in 0.25 s (334× real time)\n", ""
    )
    frozen = smoke.Outcome(
        0, "Circuito\nIGT 01:21.048\nre-simulated 8405 ticks in 0.31 s (270× real time)\n", ""
    )

    check = smoke.same_output("run circuit-1940", source, frozen, must_contain="IGT ")

    assert not check.ok
    assert "-IGT 01:21.047\n+IGT 01:21.048" in check.detail
    assert "real time" not in check.detail  # the machine's speed is not a difference


def test_smoke_check_passes_when_only_the_machine_speed_differs():
    smoke = load_build_script("smoke_frozen")
    source = smoke.Outcome(
        0, "IGT 01:21.047\nre-simulated 8405 ticks in 0.25 s (334× real time)\nMATCH\n", ""
    )
    frozen = smoke.Outcome(
        0, "IGT 01:21.047\nre-simulated 8405 ticks in 0.31 s (270× real time)\nMATCH\n", ""
    )
    assert smoke.same_output("verify circuit-1.mmr", source, frozen, must_contain="MATCH").ok
    assert not smoke.same_output("verify circuit-1.mmr", source, frozen, must_contain="IGT 02:").ok


def test_smoke_check_blames_the_source_tree_when_it_fails_too():
    smoke = load_build_script("smoke_frozen")
    broken = smoke.Outcome(1, "", "Traceback ...\nModuleNotFoundError: No module named 'game.x'\n")
    check = smoke.same_output("run circuit-1940", broken, broken)
    assert not check.ok
    assert check.detail.startswith("the source tree itself fails here")
    assert "ModuleNotFoundError" in check.detail
