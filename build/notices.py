"""The executable's THIRD-PARTY-NOTICES.txt and licenses/ folder: the licence of everything it bundles.

A binary of the game carries other people's code: the Python runtime, pygame-ce with SDL and the codec
libraries its wheel bundles, pymunk with Chipmunk2D, numpy with OpenBLAS, platformdirs and the rest, and
PyInstaller's bootloader. Their licences ask for their notices to travel with the binaries, so `make exe` calls
`write_notices` after PyInstaller: each file the spec collected (build/labone-rally.spec `--bundled-files`) is
traced to what it came from (an installed distribution's RECORD, the Python installation, the project, or a
system package), and that component's licence texts are copied beside the executable. Anything bundled whose
licence cannot be found fails the build, naming the file.

`check_notices` looks the other way, for build/smoke_frozen.py: from what the built folder holds (the modules in
the executable's archive, the libraries in `_internal/`), without the build's record, it checks that the notices
name every distribution and every native library.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
VENDORED = ROOT / "build" / "licenses"
PROJECT_LICENCE = ROOT / "LICENSE"
NOTICES_NAME = "THIRD-PARTY-NOTICES.txt"
LICENCES_DIR = "licenses"
PROJECT_LICENCE_NAME = "LICENSE.txt"
PROJECT = "labone-rally"

LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|LGPL|GPL)", re.IGNORECASE)
EXTENSION_MODULE = re.compile(r"(\.pyd|\.(cpython-[^.]+|abi3)\.so)$")
SHARED_LIBRARY = re.compile(r"(\.dll|\.dylib|\.so(\.[0-9][^/]*)?)$", re.IGNORECASE)

PYGAME_LIBRARIES: dict[str, tuple[str, str, str]] = {
    # bundled library's base name (lower case, no `lib`, no version) -> (component, licence, text)
    "sdl2": ("SDL2", "Zlib", "pygame-ce/SDL2.txt"),
    "sdl2_image": ("SDL2_image", "Zlib", "pygame-ce/SDL2_image.txt"),
    "sdl2_mixer": ("SDL2_mixer", "Zlib", "pygame-ce/SDL2_mixer.txt"),
    "sdl2_ttf": ("SDL2_ttf", "Zlib", "pygame-ce/SDL2_ttf.txt"),
    "freetype": ("FreeType", "FTL", "pygame-ce/freetype.txt"),
    "harfbuzz": ("HarfBuzz", "MIT", "pygame-ce/harfbuzz.txt"),
    "png16": ("libpng", "libpng-2.0", "pygame-ce/libpng.txt"),
    "jpeg": ("libjpeg-turbo", "IJG AND BSD-3-Clause AND Zlib", "pygame-ce/libjpeg-turbo.txt"),
    "tiff": ("libtiff", "libtiff", "pygame-ce/libtiff.txt"),
    "webp": ("libwebp", "BSD-3-Clause", "pygame-ce/libwebp.txt"),
    "webpdemux": ("libwebp", "BSD-3-Clause", "pygame-ce/libwebp.txt"),
    "sharpyuv": ("libwebp", "BSD-3-Clause", "pygame-ce/libwebp.txt"),
    "ogg": ("libogg", "BSD-3-Clause", "pygame-ce/libogg.txt"),
    "vorbis": ("libvorbis", "BSD-3-Clause", "pygame-ce/libvorbis.txt"),
    "vorbisenc": ("libvorbis", "BSD-3-Clause", "pygame-ce/libvorbis.txt"),
    "vorbisfile": ("libvorbis", "BSD-3-Clause", "pygame-ce/libvorbis.txt"),
    "opus": ("Opus", "BSD-3-Clause", "pygame-ce/opus.txt"),
    "opusfile": ("opusfile", "BSD-3-Clause", "pygame-ce/opusfile.txt"),
    "flac": ("FLAC", "BSD-3-Clause", "pygame-ce/flac.txt"),
    "mpg123": ("mpg123", "LGPL-2.1", "pygame-ce/mpg123.txt"),
    "sndfile": ("libsndfile", "LGPL-2.1-or-later", "pygame-ce/libsndfile.txt"),
    "fluidsynth": ("FluidSynth", "LGPL-2.1-or-later", "pygame-ce/fluidsynth.txt"),
    "wavpack": ("WavPack", "BSD-3-Clause", "pygame-ce/wavpack.txt"),
    "xmp": ("libxmp", "LGPL-2.1-or-later", "pygame-ce/libxmp.txt"),
    "portmidi": ("PortMidi", "MIT", "pygame-ce/portmidi.txt"),
    "brotlicommon": ("Brotli", "MIT", "pygame-ce/brotli.txt"),
    "brotlidec": ("Brotli", "MIT", "pygame-ce/brotli.txt"),
    "z": ("zlib", "Zlib", "pygame-ce/zlib.txt"),
    "zlib1": ("zlib", "Zlib", "pygame-ce/zlib.txt"),
    "asound": ("alsa-lib", "LGPL-2.1-or-later", "pygame-ce/alsa-lib.txt"),
}
"""The libraries pygame-ce's wheels bundle (Linux `pygame_ce.libs/`, Windows `pygame/*.dll`, macOS
`pygame/.dylibs/`): the wheels carry no licence for them, so their texts are kept in build/licenses/."""

COMPILED_IN: dict[str, tuple[tuple[str, str, str], ...]] = {
    "pymunk": (("Chipmunk2D", "MIT", "chipmunk2d.txt"),),
    "cffi": (("libffi", "MIT", "libffi.txt"),),
}
"""Code compiled into a distribution's extension modules whose licence its own files leave out."""

LICENCE_STATEMENTS = {
    "pyinstaller": "GPL-2.0-or-later WITH Bootloader-exception; only its bootloader and Apache-2.0 run-time hooks"
    " are in this folder",
}
"""Where a distribution's metadata says less than what applies to the part of it that is bundled."""

LGPL_TEXT = "LGPL-2.1.txt"


class NoticeError(RuntimeError):
    """Something is bundled whose licence could not be found: the build must not ship it like that."""


@dataclass(frozen=True)
class Bundled:
    """One collected file: where it goes in the app, where it came from, and PyInstaller's kind for it."""

    dest: str
    src: Path
    kind: str

    @property
    def is_library(self) -> bool:
        """A native shared library (not a Python extension module): named in the notices for players."""
        return self.kind == "BINARY" and not EXTENSION_MODULE.search(self.dest)


@dataclass
class Component:
    """One entry of the notices: a distribution, a library bundled by one, or the runtime.

    `texts` are (name under licenses/<key>/, file to copy); `libraries` the native libraries of it in the app.
    """

    key: str
    title: str
    licence: str
    texts: list[tuple[str, Path]]
    origin: str = ""
    libraries: set[str] = field(default_factory=set)


def read_bundled(manifest: Path) -> list[Bundled]:
    rows = json.loads(manifest.read_text(encoding="utf-8"))
    return [Bundled(dest, Path(src), kind) for dest, src, kind in rows]


# ------------------------------------------------------------------------------------------------ gathering


def _real(path: Path) -> str:
    return str(Path(path).resolve()).casefold() if sys.platform == "win32" else str(Path(path).resolve())


def _is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(
        folder.rstrip("/\\") + ("\\" if sys.platform == "win32" else "/")
    )


def dist_name(dist: importlib.metadata.Distribution) -> str:
    return dist.metadata["Name"]


def short_licence(dist: importlib.metadata.Distribution) -> str:
    """The distribution's own one-line statement of its licence (an SPDX expression when it gives one)."""
    if dist_name(dist) in LICENCE_STATEMENTS:
        return LICENCE_STATEMENTS[dist_name(dist)]
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 120:
        return text
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return ", ".join(classifiers) or "see the licence text"


def licence_texts(dist: importlib.metadata.Distribution) -> list[tuple[str, Path]]:
    """Licence files of an installed distribution, each with its path under `licenses/` in the .dist-info (PEP
    639), or its name for one at the .dist-info's top (older wheels); failing both, licence-named files
    anywhere among its files (pygame-ce ships its LGPL text only as `pygame/docs/generated/LGPL.txt`)."""
    texts: list[tuple[str, Path]] = []
    fallback: list[tuple[str, Path]] = []
    for file in dist.files or []:
        path = PurePosixPath(str(file))
        located = Path(dist.locate_file(str(file)))
        if path.parts[0].endswith(".dist-info"):
            if path.parts[1:2] == ("licenses",) and len(path.parts) > 2:
                texts.append((PurePosixPath(*path.parts[2:]).as_posix(), located))
            elif len(path.parts) == 2 and LICENCE_FILE.match(path.name):
                texts.append((path.name, located))
        elif LICENCE_FILE.match(path.name) and path.suffix not in (".py", ".pyc"):
            fallback.append((path.name, located))
    return [(name, path) for name, path in texts or fallback if path.is_file()]


def python_licence() -> Path | None:
    """The PSF licence as the Python installation ships it: beside the standard library (Unix, macOS
    framework) or at the installation's top (Windows); a Debian-packaged Python keeps it in its `copyright`."""
    candidates = [
        Path(sysconfig.get_path("stdlib")) / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE",
    ]
    found = next((path for path in candidates if path.is_file()), None)
    if found is None and (package := debian_package(Path(sys.executable).resolve())) is not None:
        found = package[2]
    return found


def library_base_name(file_name: str) -> str:
    """`libSDL2_mixer-2-6719e6f6.0.so.0.800.2`, `SDL2_mixer.dll`, `libSDL2_mixer-2.0.0.800.2.dylib` -> `sdl2_mixer`."""
    name = file_name.rsplit("/", 1)[-1]
    if name.lower().startswith("lib"):
        name = name[3:]
    return re.split(r"[-.]", name, maxsplit=1)[0].lower()


def debian_package(path: Path) -> tuple[str, str, Path] | None:
    """(package, version, copyright file) of the Debian package that installed `path`, if dpkg knows it."""
    if shutil.which("dpkg-query") is None:
        return None
    for query in (str(path), str(path.resolve()), f"*/{path.name}"):
        found = subprocess.run(["dpkg-query", "-S", query], capture_output=True, text=True, check=False)
        if found.returncode == 0 and found.stdout:
            package = found.stdout.split(":", 1)[0].split(",")[0].strip()
            break
    else:
        return None
    version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=False
    ).stdout.strip()
    copyright_file = Path("/usr/share/doc") / package.split(":")[0] / "copyright"
    return (package.split(":")[0], version, copyright_file) if copyright_file.is_file() else None


def nearby_licence(path: Path, levels: int = 3) -> list[Path]:
    """Licence files in the nearest folder above a library that has any (a Homebrew keg keeps them at its
    top: `<keg>/lib/libssl.3.dylib` beside `<keg>/LICENSE.txt`)."""
    folder = path.resolve().parent
    for _ in range(levels):
        found = sorted(p for p in folder.iterdir() if p.is_file() and LICENCE_FILE.match(p.name))
        if found:
            return found
        if folder.parent == folder:
            break
        folder = folder.parent
    return []


class Gatherer:
    """Assigns each bundled file to a component and collects every component's licence texts."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = _real(root)
        self.venv = _real(Path(sys.prefix))
        self.python_prefix = _real(Path(sys.base_prefix))
        self.owner: dict[str, importlib.metadata.Distribution] = {}
        for dist in importlib.metadata.distributions():
            for file in dist.files or []:
                self.owner.setdefault(_real(Path(dist.locate_file(str(file)))), dist)
        self.components: dict[str, Component] = {}
        self.problems: list[str] = []

    def component(self, key: str, **fields: object) -> Component:
        """The component of that key, made from `fields` the first time it is met."""
        if key not in self.components:
            self.components[key] = Component(key=key, **fields)  # type: ignore[arg-type]
        return self.components[key]

    def add(self, item: Bundled) -> None:
        real = _real(item.src)
        outside_venv = not _is_within(real, self.venv)
        if _is_within(real, self.root) and outside_venv:  # before the RECORDs: an egg-info there lists it too
            self._from_project(item)
        elif real in self.owner:
            self._from_distribution(self.owner[real], item)
        elif _is_within(real, self.python_prefix) and outside_venv:
            self._python().libraries.update([item.dest] if item.is_library else [])
        else:
            self._from_system(item)

    def _from_distribution(self, dist: importlib.metadata.Distribution, item: Bundled) -> None:
        name = dist_name(dist)
        if name == PROJECT:
            return
        entry = self.components.get(name) or self.component(
            name,
            title=f"{name} {dist.version}",
            licence=short_licence(dist),
            texts=licence_texts(dist),
            origin="Python package",
        )
        if not entry.texts:
            self.problems.append(f"{name} {dist.version} is bundled ({item.dest}) but ships no licence file")
        for compiled_in in COMPILED_IN.get(name, ()):
            self._vendored(*compiled_in, origin=f"compiled into {name}")
        if not item.is_library:
            return
        if name == "pygame-ce":
            known = PYGAME_LIBRARIES.get(library_base_name(item.dest))
            if known is None:
                self.problems.append(
                    f"pygame-ce bundles {item.dest}, a library with no licence text in build/licenses/ "
                    "(add one, and its name to PYGAME_LIBRARIES in build/notices.py)"
                )
                return
            self._vendored(*known, origin="bundled by pygame-ce").libraries.add(item.dest)
        else:
            entry.libraries.add(item.dest)

    def _vendored(self, component: str, licence: str, text: str, *, origin: str) -> Component:
        path = VENDORED / text
        if not path.is_file():
            self.problems.append(f"{component}: {path.relative_to(ROOT)} is missing")
        return self.component(
            component.lower(), title=component, licence=licence, texts=[(path.name, path)], origin=origin
        )

    def _python(self) -> Component:
        if "python" not in self.components:
            licence = python_licence()
            if licence is None:
                self.problems.append(f"no LICENSE.txt found in the Python installation at {sys.base_prefix}")
            self.component(
                "python",
                title=f"Python {sys.version.split()[0]}",
                licence="PSF-2.0",
                texts=[(licence.name, licence)] if licence else [],
                origin="the runtime",
            )
        return self.components["python"]

    def _from_project(self, item: Bundled) -> None:
        """The game's own code and data, except third-party files it ships in its assets (the fonts)."""
        relative = PurePosixPath(Path(_real(item.src)).relative_to(Path(self.root)).as_posix())
        if relative.parts[:2] != ("assets", "fonts"):
            return
        fonts = Path(self.root) / "assets" / "fonts"
        texts = [(p.name, p) for p in sorted(fonts.iterdir()) if "LICENSE" in p.name.upper()]
        if not texts:
            self.problems.append(f"{relative} is bundled but assets/fonts/ holds no licence file")
        self.component(
            "dejavu-fonts",
            title="DejaVu fonts",
            licence="Bitstream-Vera",
            texts=texts,
            origin="the game's fonts",
        )

    def _from_system(self, item: Bundled) -> None:
        package = debian_package(item.src)
        if package is not None:
            name, version, copyright_file = package
            self.component(
                name,
                title=f"{name} {version}".strip(),
                licence="see the licence text",
                texts=[("copyright.txt", copyright_file)],
                origin="system library, from Debian's package",
            ).libraries.add(item.dest)
            return
        texts = nearby_licence(item.src)
        if texts:
            key = library_base_name(item.dest)
            self.component(
                key,
                title=key,
                licence="see the licence text",
                texts=[(text.name, text) for text in texts],
                origin=f"system library, from {item.src.parent}",
            ).libraries.add(item.dest)
            return
        self.problems.append(f"no licence found for {item.dest} (from {item.src})")


def gather(bundled: Iterable[Bundled], root: Path = ROOT) -> list[Component]:
    """Every component of the app with its licence texts; NoticeError lists whatever has none."""
    gatherer = Gatherer(root)
    gatherer._python()  # the interpreter is in every build, whatever the record says
    for item in bundled:
        gatherer.add(item)
    # PyInstaller's bootloader starts every executable, yet no collected file says so.
    bootloader = Bundled(dest="(bootloader)", src=Path(), kind="EXECUTABLE")
    gatherer._from_distribution(importlib.metadata.distribution("pyinstaller"), bootloader)
    if gatherer.problems:
        raise NoticeError("\n".join(sorted(set(gatherer.problems))))
    return sorted(gatherer.components.values(), key=_listing_order)


def _listing_order(component: Component) -> tuple[int, str]:
    """The runtime first, then Python packages, then what they bundle, then system libraries and fonts."""
    rank = {"the runtime": 0, "Python package": 1}.get(component.origin, 2)
    return (rank, component.title.casefold())


# ------------------------------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class Written:
    components: int
    texts: int


def write_notices(folder: Path, components: Sequence[Component], version: str) -> Written:
    """THIRD-PARTY-NOTICES.txt, licenses/<component>/ and LICENSE.txt in the executable's folder."""
    licences = folder / LICENCES_DIR
    if licences.exists():
        shutil.rmtree(licences)
    shutil.copyfile(PROJECT_LICENCE, folder / PROJECT_LICENCE_NAME)
    count = 0
    for component in components:
        for name, text in component.texts:
            target = licences / component.key / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(text, target)
            count += 1
    lgpl = [c.title for c in components if "LGPL" in c.licence]
    if lgpl:
        shutil.copyfile(VENDORED / LGPL_TEXT, licences / LGPL_TEXT)
        count += 1
    text = _notices_text(components, lgpl, version)
    (folder / NOTICES_NAME).write_text(text, encoding="utf-8", newline="\n")
    return Written(components=len(components), texts=count)


def _notices_text(components: Sequence[Component], lgpl: list[str], version: str) -> str:
    lines = [
        f"Mille Miglia · Lab One {version}: licences",
        "",
        f"The game itself is proprietary software: see {PROJECT_LICENCE_NAME} beside this file.",
        "",
        "It runs on software of others, bundled in this folder under their own licences. Each is listed below",
        "with the native libraries of it in _internal/; its licence texts follow in full, and are also in",
        f"{LICENCES_DIR}/, one folder per component.",
        "",
    ]
    if lgpl:
        lines += [
            f"Under the GNU Lesser General Public License ({LICENCES_DIR}/{LGPL_TEXT}): {', '.join(lgpl)}.",
            "Each is a separate shared library in _internal/ (pygame-ce: its extension modules and Python",
            "modules), which you may replace with a modified version of your own; their authors publish their",
            "source code (pygame-ce: https://github.com/pygame-community/pygame-ce).",
            "",
        ]
    lines += ["COMPONENTS", "=========="]
    for component in components:
        lines += ["", f"{component.title}  ({component.origin}; licence: {component.licence})"]
        lines += [f"    licence text: {LICENCES_DIR}/{component.key}/{name}" for name, _ in component.texts]
        lines += [f"    library: {library}" for library in sorted(component.libraries)]
    lines += ["", "", "LICENCE TEXTS", "============="]
    for component in components:
        for name, text in component.texts:
            lines += ["", f"---- {component.title}: {LICENCES_DIR}/{component.key}/{name} ----", ""]
            lines.append(text.read_text(encoding="utf-8", errors="replace").rstrip())
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------ checking


def bundled_modules(executable: Path) -> set[str]:
    """Top-level names of the Python modules inside the executable's archive (PyInstaller's own reader)."""
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(executable))
    names: set[str] = set()
    for entry in archive.toc:
        if entry.endswith(".pyz"):
            names.update(name.split(".")[0] for name in archive.open_embedded_archive(entry).toc)
    return names


def check_notices(folder: Path, executable: Path) -> list[str]:
    """What the folder holds that its notices do not name: every distribution whose modules or files are in
    the app, every native library in `_internal/`. An empty list means the notices cover the app."""
    notices_path = folder / NOTICES_NAME
    if not notices_path.is_file():
        return [f"no {NOTICES_NAME} in {folder}"]
    notices = notices_path.read_text(encoding="utf-8")
    problems = [] if (folder / PROJECT_LICENCE_NAME).is_file() else [f"no {PROJECT_LICENCE_NAME} in {folder}"]
    internal = folder / "_internal"
    top_level = bundled_modules(executable)
    top_level |= {p.name if p.is_dir() else p.name.split(".")[0] for p in internal.iterdir()}
    owners = importlib.metadata.packages_distributions()
    distributions = {dist for name in top_level for dist in owners.get(name, [])}
    for name in sorted(distributions - {PROJECT}):
        version = importlib.metadata.version(name)
        if f"{name} {version}" not in notices:
            problems.append(f"{name} {version} is bundled but not in {NOTICES_NAME}")
    for library in sorted(p for p in internal.rglob("*") if p.is_file() and not p.is_symlink()):
        name = library.name
        if SHARED_LIBRARY.search(name) and not EXTENSION_MODULE.search(name) and name not in notices:
            problems.append(f"{library.relative_to(folder).as_posix()} is bundled but not in {NOTICES_NAME}")
    if "Python " not in notices or "pyinstaller " not in notices:
        problems.append(f"{NOTICES_NAME} names neither the Python runtime nor PyInstaller's bootloader")
    return problems
