"""Releases: the Windows executables, the version a player and a leaderboard see, the changelog, the release
workflow, the licence notices and file names that work on every system.

The real build on Linux runs in CI (`make exe`, build/smoke_frozen.py); the Windows and macOS builds run in the
release workflow. These checks hold the pieces to what docs/building.md promises without building anything.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pygame
import pytest

import game
from game.scenes import title as title_module
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.track_catalog import load_track
from game.speedrun.replay_format import decode_replay, encode_replay, make_replay

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "labone-rally.spec"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
CHANGELOG = ROOT / "CHANGELOG.md"

# The shared libraries in pygame-ce 2.5.8's Windows and macOS wheels: the release workflow's builds must find a
# licence for each (Linux's are checked against the installed wheel below).
PYGAME_WINDOWS_DLLS = [
    "SDL2.dll",
    "SDL2_image.dll",
    "SDL2_mixer.dll",
    "SDL2_ttf.dll",
    "libtiff-5.dll",
    "libwebp-7.dll",
    "libwebpdemux-2.dll",
    "libjpeg-62.dll",
    "libpng16-16.dll",
    "libogg-0.dll",
    "libopus-0.dll",
    "libopusfile-0.dll",
    "libwavpack-1.dll",
    "libxmp.dll",
    "freetype.dll",
    "portmidi.dll",
]
PYGAME_MACOS_DYLIBS = [
    "libwebp.7.2.0.dylib",
    "libmpg123.0.dylib",
    "libxmp.4.7.2.dylib",
    "libogg.0.8.6.dylib",
    "libbrotlicommon.1.2.0.dylib",
    "libbrotlidec.1.2.0.dylib",
    "libvorbisenc.2.0.12.dylib",
    "libpng16.16.58.0.dylib",
    "libvorbisfile.3.3.8.dylib",
    "libtiff.6.3.0.dylib",
    "libSDL2-2.0.0.dylib",
    "libportmidi.2.0.7.dylib",
    "libjpeg.62.4.0.dylib",
    "libfreetype.6.dylib",
    "libSDL2_mixer-2.0.0.800.2.dylib",
    "libFLAC.14.0.0.dylib",
    "libharfbuzz.0.dylib",
    "libSDL2_ttf-2.0.0.2400.0.dylib",
    "libwebpdemux.2.0.17.dylib",
    "libz.1.3.1.zlib-ng.dylib",
    "libSDL2_image-2.0.0.800.12.dylib",
    "libwavpack.1.dylib",
    "libsndfile.1.0.37.dylib",
    "libvorbis.0.4.9.dylib",
    "libopusfile.0.dylib",
    "libfluidsynth.3.5.6.dylib",
    "libopus.0.dylib",
    "libsharpyuv.0.1.2.dylib",
]


def load_build_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "build" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there; smoke_frozen imports `notices`
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def notices() -> ModuleType:
    return load_build_script("notices")


# ------------------------------------------------------------------------------------ Windows executables


class _Target:
    def __init__(self, *args: Any, **kwargs: Any):
        self.args = args
        self.kwargs = kwargs


class _Analysis(_Target):
    """Stands in for PyInstaller's Analysis with one collected file of each kind."""

    scripts = (("entry", "/src/build/entry.py", "PYSOURCE"),)
    pure = (("game", "/src/game/__init__.py", "PYMODULE"),)
    binaries = (
        ("libSDL2.so", "/site/pygame_ce.libs/libSDL2.so", "BINARY"),
        ("pygame_ce.libs/libSDL2.so", "../libSDL2.so", "SYMLINK"),
    )
    datas = (("assets/route.json", "/src/assets/route.json", "DATA"),)


def run_spec(monkeypatch: pytest.MonkeyPatch, platform: str, *spec_args: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"SPECPATH": str(SPEC.parent), "__file__": str(SPEC), "Analysis": _Analysis}
    for target in ("PYZ", "EXE", "COLLECT"):
        namespace[target] = type(target, (_Target,), {})
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "argv", [str(SPEC), *spec_args])
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace


def _executables(namespace: dict[str, Any]) -> dict[str, Any]:
    return {target.kwargs["name"]: target for target in namespace["coll"].args if hasattr(target, "kwargs")}


def test_windows_folder_has_a_windowed_game_and_a_console_cli_sharing_one_internal_folder(
    monkeypatch: pytest.MonkeyPatch,
):
    executables = _executables(run_spec(monkeypatch, "win32"))
    assert sorted(executables) == ["labone-rally", "labone-rally-cli"]
    assert executables["labone-rally"].kwargs["console"] is False  # double-click: no console window
    assert executables["labone-rally-cli"].kwargs["console"] is True  # the verbs print where typed
    for exe in executables.values():
        assert exe.kwargs["exclude_binaries"] is True  # the binaries live once, in the shared _internal/
        assert exe.args[1] is _Analysis.scripts  # both start build/entry.py


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_linux_and_macos_folders_have_one_console_executable(monkeypatch: pytest.MonkeyPatch, platform: str):
    executables = _executables(run_spec(monkeypatch, platform))
    assert list(executables) == ["labone-rally"]
    assert executables["labone-rally"].kwargs["console"] is True


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_every_executable_runs_in_utf8_mode(monkeypatch: pytest.MonkeyPatch, platform: str):
    namespace = run_spec(monkeypatch, platform)
    onefile = run_spec(monkeypatch, platform, "--onefile")["exe"]
    for exe in [*_executables(namespace).values(), onefile]:
        options = [entry for arg in exe.args if isinstance(arg, list) for entry in arg]
        assert ("X utf8", None, "OPTION") in options


def test_spec_records_where_each_collected_file_came_from(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    manifest = tmp_path / "bundled-files.json"
    run_spec(monkeypatch, "linux", "--bundled-files", str(manifest))
    assert json.loads(manifest.read_text(encoding="utf-8")) == [
        ["entry", "/src/build/entry.py", "PYSOURCE"],
        ["game", "/src/game/__init__.py", "PYMODULE"],
        ["libSDL2.so", "/site/pygame_ce.libs/libSDL2.so", "BINARY"],
        ["assets/route.json", "/src/assets/route.json", "DATA"],
    ]  # the symlink is credited through the library it points to


def test_smoke_test_runs_the_verbs_through_the_cli_executable_on_windows(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "platform", "win32")
    smoke = load_build_script("smoke_frozen")
    assert smoke.DEFAULT_EXE.name == "labone-rally-cli.exe"
    assert smoke.GAME_EXE.name == "labone-rally.exe"
    assert smoke.DEFAULT_EXE.parent == smoke.GAME_EXE.parent


# ------------------------------------------------------------------------------------------------ version


def _drawn_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    drawn: list[str] = []
    real = title_module.draw_text

    def recording(surface: pygame.Surface, text: str, *args: Any, **kwargs: Any) -> Any:
        drawn.append(text)
        return real(surface, text, *args, **kwargs)

    monkeypatch.setattr(title_module, "draw_text", recording)
    nav = SimpleNamespace(
        to_stage_select=lambda: None, to_route=lambda: None, open_settings=lambda: None,
        open_controls=lambda: None, to_lesson=lambda: None, quit=lambda: None,
    )  # fmt: skip
    ctx = SimpleNamespace(display=SimpleNamespace(surface=pygame.Surface((1280, 720))))
    scene = title_module.TitleScene(ctx, nav)  # type: ignore[arg-type]
    scene.draw(ctx.display.surface, 0.0)
    return drawn


def test_title_screen_shows_the_version(monkeypatch: pytest.MonkeyPatch):
    assert f"v{game.__version__}" in _drawn_texts(monkeypatch)


def test_a_replay_records_the_game_version_it_was_driven_with():
    track = load_track("circuit-1940")
    result = RaceResult(finished=False, ticks=0, time_ms=0, penalty_ms=0, total_ms=0, splits=(), trials=())
    replay = make_replay(
        track, RaceSettings(clear_road=True, car_id="mercedes_300_slr"), result, [], category="circuit-1"
    )
    assert replay.game_version == game.__version__
    assert decode_replay(encode_replay(replay)).game_version == game.__version__


def test_version_is_semantic_so_archives_and_tags_sort():
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?", game.__version__)


# ---------------------------------------------------------------------------------------------- changelog


def test_changelog_has_an_unreleased_section_and_a_dated_entry_for_this_version():
    changelog = load_build_script("changelog")
    text = CHANGELOG.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == "## [Unreleased]"
    assert re.fullmatch(rf"## \[{re.escape(game.__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}", headings[1])
    notes = changelog.release_notes(text, game.__version__)
    assert notes is not None and "### Added" in notes


def test_release_notes_are_the_versions_section_only():
    changelog = load_build_script("changelog")
    text = (
        "# Changelog\n\n## [Unreleased]\n\n- next thing\n\n"
        "## [1.1.0] - 2027-01-02\n\n### Fixed\n\n- a bug\n\n"
        "## [1.0.0] - 2026-12-05\n\n- first\n"
    )
    assert changelog.release_notes(text, "1.1.0") == "### Fixed\n\n- a bug"
    assert changelog.release_notes(text, "1.0.0") == "- first"
    assert changelog.release_notes(text, "Unreleased") is None  # not a release: no date
    assert changelog.release_notes(text, "1.2.0") is None


def test_changelog_script_fails_for_a_version_without_an_entry():
    script = ROOT / "build" / "changelog.py"
    missing = subprocess.run([sys.executable, str(script), "99.0.0"], capture_output=True, text=True)
    present = subprocess.run(
        [sys.executable, str(script), game.__version__], capture_output=True, text=True, encoding="utf-8"
    )
    assert missing.returncode == 1 and "99.0.0" in missing.stderr
    assert present.returncode == 0 and present.stdout.startswith("The first version")


# ----------------------------------------------------------------------------------------------- workflow


def _workflow_runs(job: str) -> list[str]:
    """The shell commands of one job of the workflow, each `run:` line or block line, in order."""
    lines = WORKFLOW.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  {job}:")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^  \S", lines[i])), len(lines))
    commands: list[str] = []
    block_indent: int | None = None
    for line in lines[start + 1 : end]:
        indent = len(line) - len(line.lstrip())
        if block_indent is not None and (not line.strip() or indent >= block_indent):
            if line.strip():
                commands.append(line.strip())
            continue
        block_indent = None
        run = re.match(r"^\s+(?:- )?run: (.*)$", line)
        if run and run.group(1) == "|":
            block_indent = indent + 2
        elif run:
            commands.append(run.group(1))
    return commands


def _ci_packaging_commands() -> list[str]:
    """`.ci/run`'s packaging step, with `make exe` spelled out as the Makefile runs it."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").split("# 3. ", 1)[1]
    commands = [line for line in ci.splitlines()[1:] if line and not line.startswith(("#", "echo "))]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^exe: .*\n\t(.+)$", makefile, re.MULTILINE)
    assert recipe is not None
    python = re.search(r"^PY := (.+)$", makefile, re.MULTILINE)
    venv = re.search(r"^VENV := (.+)$", makefile, re.MULTILINE)
    assert python is not None and venv is not None
    make_exe = recipe.group(1).replace("$(PY)", python.group(1)).replace("$(VENV)", venv.group(1))
    return [make_exe if command == "make exe" else command for command in commands]


def test_workflow_linux_job_runs_the_same_commands_as_ci_packaging_step():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "- os: ubuntu-22.04\n            python: .venv/bin/python" in text
    linux = [command.replace("$PY", ".venv/bin/python") for command in _workflow_runs("build")]
    ci = _ci_packaging_commands()
    assert ci == [".venv/bin/python build/package.py", ".venv/bin/python build/smoke_frozen.py"]
    at = linux.index(ci[0])
    assert linux[at : at + len(ci)] == ci


def test_workflow_installs_the_venv_as_the_makefile_does():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^\$\(VENV\)/\.installed-dev: .*\n\t\$\(PY\) (.+)$", makefile, re.MULTILINE)
    assert recipe is not None
    runs = _workflow_runs("build")
    assert "python -m venv .venv" in runs
    assert f"$PY {recipe.group(1)}" in runs


def test_workflow_builds_on_three_systems_from_a_tag_and_releases_their_archives():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert '\n  push:\n    tags: ["v*"]\n' in text
    for runner, python in (
        ("ubuntu-22.04", ".venv/bin/python"),
        ("windows-2022", ".venv/Scripts/python.exe"),
        ("macos-14", ".venv/bin/python"),
    ):
        assert f"- os: {runner}\n            python: {python}\n" in text
    release = " ".join(_workflow_runs("release"))
    assert 'gh release create "$GITHUB_REF_NAME" dist/labone-rally-*' in release
    assert "build/changelog.py" in release
    build = " ".join(_workflow_runs("build"))
    assert 'test "$GITHUB_REF_NAME" = "v$version"' in build  # the tag must name game.__version__
    assert "dist/labone-rally-*.tar.gz" in text and "dist/labone-rally-*.zip" in text


def test_workflow_is_plain_yaml_with_pinned_actions():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "\t" not in text
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            assert (len(line) - len(line.lstrip())) % 2 == 0, line
    uses = re.findall(r"uses: (\S+)", text)
    assert uses and all(re.fullmatch(r"actions/[a-z-]+@v\d+", action) for action in uses), uses


# ---------------------------------------------------------------------------------------- licence notices


@pytest.mark.parametrize("library", PYGAME_WINDOWS_DLLS + PYGAME_MACOS_DYLIBS)
def test_every_library_pygame_ce_bundles_on_windows_and_macos_has_a_licence_text(
    notices: ModuleType, library: str
):
    component, licence, text = notices.PYGAME_LIBRARIES[notices.library_base_name(library)]
    assert (ROOT / "build" / "licenses" / text).is_file(), (library, component)
    assert licence


def test_every_library_of_the_installed_pygame_ce_has_a_licence_text(notices: ModuleType):
    dist = importlib.metadata.distribution("pygame-ce")
    libraries = [
        Path(str(f)).name
        for f in dist.files or []
        if notices.SHARED_LIBRARY.search(str(f)) and not notices.EXTENSION_MODULE.search(str(f))
    ]
    assert libraries, "the installed pygame-ce bundles no library?"
    missing = [name for name in libraries if notices.library_base_name(name) not in notices.PYGAME_LIBRARIES]
    assert missing == []


def test_every_vendored_licence_text_exists(notices: ModuleType):
    texts = [text for _, _, text in notices.PYGAME_LIBRARIES.values()]
    texts += [text for entries in notices.COMPILED_IN.values() for _, _, text in entries]
    texts.append(notices.LGPL_TEXT)
    for text in texts:
        assert (ROOT / "build" / "licenses" / text).read_text(encoding="utf-8").strip(), text


def _bundled(notices: ModuleType, dest: str, src: Path, kind: str) -> Any:
    return notices.Bundled(dest=dest, src=src, kind=kind)


def test_notices_credit_each_bundled_file_to_what_it_came_from(notices: ModuleType):
    pygame_dist = importlib.metadata.distribution("pygame-ce")
    sdl = next(
        f
        for f in pygame_dist.files or []
        if notices.library_base_name(Path(str(f)).name) == "sdl2"
        and not notices.EXTENSION_MODULE.search(str(f))
    )
    pymunk_module = Path(importlib.util.find_spec("pymunk").origin)  # type: ignore[union-attr, arg-type]
    items = [
        _bundled(notices, Path(str(sdl)).name, Path(pygame_dist.locate_file(str(sdl))), "BINARY"),
        _bundled(notices, "pymunk/__init__.pyc", pymunk_module, "PYMODULE"),
        _bundled(notices, "json/__init__.pyc", Path(json.__file__), "PYMODULE"),
        _bundled(notices, "game/__init__.pyc", ROOT / "game" / "__init__.py", "PYMODULE"),
        _bundled(
            notices, "assets/fonts/x.ttf", ROOT / "assets" / "fonts" / "DejaVuSansCondensed.ttf", "DATA"
        ),
    ]
    components = {component.key: component for component in notices.gather(items)}
    assert components["sdl2"].libraries == {Path(str(sdl)).name}
    assert components["sdl2"].licence == "Zlib"
    assert "pygame-ce" in components  # the wheel's own LGPL text is found without a dist-info licence
    assert components["pygame-ce"].texts
    assert {"pymunk", "chipmunk2d", "python", "pyinstaller", "dejavu-fonts"} <= set(components)
    assert "labone-rally" not in components  # the game's own licence is LICENSE, not a notice
    for component in components.values():
        assert component.texts and all(path.is_file() for _, path in component.texts), component.key


def test_notices_refuse_a_bundled_file_whose_licence_cannot_be_found(notices: ModuleType, tmp_path: Path):
    stray = tmp_path / "libmystery.so.1"
    stray.write_bytes(b"\x7fELF")
    with pytest.raises(notices.NoticeError, match=r"libmystery\.so\.1"):
        notices.gather([_bundled(notices, "libmystery.so.1", stray, "BINARY")])


def test_notices_refuse_a_pygame_library_without_a_kept_licence(notices: ModuleType, tmp_path: Path):
    gatherer = notices.Gatherer()
    newcomer = tmp_path / "libnewcodec-1.so"
    newcomer.write_bytes(b"\x7fELF")
    gatherer.owner[notices._real(newcomer)] = importlib.metadata.distribution("pygame-ce")
    gatherer.add(_bundled(notices, "pygame_ce.libs/libnewcodec-1.so", newcomer, "BINARY"))
    assert any("libnewcodec-1.so" in problem and "build/licenses" in problem for problem in gatherer.problems)


def test_written_notices_list_each_component_and_copy_its_texts(notices: ModuleType, tmp_path: Path):
    text_a = tmp_path / "A-LICENSE"
    text_a.write_text("Permission is hereby granted (A)\n", encoding="utf-8")
    components = [
        notices.Component(
            key="sdl2", title="SDL2", licence="Zlib", texts=[("SDL2.txt", text_a)],
            origin="bundled by pygame-ce", libraries={"libSDL2-2.0.so.0"},
        ),
        notices.Component(
            key="mpg123", title="mpg123", licence="LGPL-2.1", texts=[("mpg123.txt", text_a)],
            origin="bundled by pygame-ce", libraries={"libmpg123.so.0"},
        ),
    ]  # fmt: skip
    written = notices.write_notices(tmp_path, components, "9.9.9")

    text = (tmp_path / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    assert text.startswith("Mille Miglia · Lab One 9.9.9: licences")
    assert "SDL2  (bundled by pygame-ce; licence: Zlib)" in text
    assert "    library: libSDL2-2.0.so.0" in text
    assert "Permission is hereby granted (A)" in text
    assert "Under the GNU Lesser General Public License (licenses/LGPL-2.1.txt): mpg123." in text
    assert (tmp_path / "licenses" / "sdl2" / "SDL2.txt").read_text(encoding="utf-8") == text_a.read_text()
    assert (tmp_path / "licenses" / "LGPL-2.1.txt").is_file()
    assert (tmp_path / "LICENSE.txt").read_text(encoding="utf-8") == (ROOT / "LICENSE").read_text("utf-8")
    assert (written.components, written.texts) == (2, 3)


def test_check_finds_a_library_or_distribution_missing_from_the_notices(
    notices: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "labone-rally"
    (folder / "_internal" / "numpy").mkdir(parents=True)
    (folder / "_internal" / "libfoo.so.1").write_bytes(b"")
    (folder / "_internal" / "numpy" / "_core.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    (folder / "LICENSE.txt").write_text("proprietary", encoding="utf-8")
    monkeypatch.setattr(notices, "bundled_modules", lambda exe: {"platformdirs", "json", "game"})
    numpy_line = f"numpy {importlib.metadata.version('numpy')}"
    platformdirs_line = f"platformdirs {importlib.metadata.version('platformdirs')}"

    (folder / "THIRD-PARTY-NOTICES.txt").write_text(
        f"Python 3\n{numpy_line}\npyinstaller 6\n", encoding="utf-8"
    )
    problems = notices.check_notices(folder, folder / "labone-rally")
    assert problems == [
        f"{platformdirs_line} is bundled but not in THIRD-PARTY-NOTICES.txt",
        "_internal/libfoo.so.1 is bundled but not in THIRD-PARTY-NOTICES.txt",
    ]  # the extension module belongs to numpy, which is named; json is the runtime's; game is the game

    complete = f"Python 3\n{numpy_line}\n{platformdirs_line}\npyinstaller 6\n    library: libfoo.so.1\n"
    (folder / "THIRD-PARTY-NOTICES.txt").write_text(complete, encoding="utf-8")
    assert notices.check_notices(folder, folder / "labone-rally") == []


# ------------------------------------------------------------------------------------ portable file names

WINDOWS_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$", re.IGNORECASE)


def _repository_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    if listed.returncode == 0 and listed.stdout:
        return listed.stdout.splitlines()
    return [p.relative_to(ROOT).as_posix() for p in (ROOT / "assets").rglob("*") if p.is_file()]


def test_every_file_name_in_the_repository_works_on_windows_macos_and_linux():
    files = _repository_files()
    assert "assets/route.json" in files
    problems = []
    for path in files:
        for part in path.split("/"):
            if (
                re.search(r'[<>:"\\|?*\x00-\x1f]', part)
                or part.endswith((".", " "))
                or WINDOWS_RESERVED.match(part)
            ):
                problems.append(path)
    folded: dict[str, str] = {}
    for path in files:
        other = folded.setdefault(path.casefold(), path)
        if other != path:
            problems.append(f"{path} and {other} differ only in case")
    assert problems == []


def test_shipped_asset_paths_leave_room_under_windows_path_limit():
    """Unpacked into a folder of up to 100 characters, every bundled file stays under Windows' 260."""
    longest = max(
        len(f"labone-rally/_internal/{p.relative_to(ROOT).as_posix()}")
        for p in (ROOT / "assets").rglob("*")
        if p.is_file()
    )
    assert longest <= 150
