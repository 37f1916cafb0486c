"""`make exe`: a clean PyInstaller build of the game and its release archive, with the figures that matter.

One-folder by default (`dist/labone-rally/`, then `dist/labone-rally-<version>-<platform>.tar.gz`, or `.zip`
on Windows): it starts without unpacking anything. `--onefile` builds one self-unpacking executable instead
(`dist/labone-rally-<version>-<platform>[.exe]`, itself the release file). The executable's icon is the watch,
drawn by the game's own icon code at build time (Windows and macOS embed it; Linux executables carry none, the
window gets its icon at run time). The folder also gets the game's LICENSE.txt and THIRD-PARTY-NOTICES.txt with a
licenses/ folder (build/notices.py): a bundled component without a licence fails the build, and so do the size
budgets of issue 9, so growth is noticed in CI.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import stat
import struct
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "labone-rally.spec"
WORK = ROOT / "build" / "work"
BUNDLED_FILES = WORK / "bundled-files.json"
DIST = ROOT / "dist"
APP_NAME = "labone-rally"

FOLDER_BUDGET_MB = 120.0
ARCHIVE_BUDGET_MB = 50.0
ICON_SIZES_PX = (16, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08"}
"""ICNS chunk types that hold PNG data, by edge length (macOS 10.7+ reads PNG in all of them)."""
MB = 1_000_000


@dataclass(frozen=True)
class Icons:
    png: Path
    ico: Path
    icns: Path


def platform_tag() -> str:
    """`linux-x86_64`, `windows-x86_64`, `macos-arm64`: where the binaries run (they are not portable)."""
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower() or "unknown"
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def release_name(version: str, tag: str) -> str:
    return f"{APP_NAME}-{version}-{tag}"


def read_version() -> str:
    """The game's own version string (`game.__version__`), read without importing pygame or numpy."""
    sys.path.insert(0, str(ROOT))
    from game import __version__

    return __version__


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (readable since Windows Vista; no Pillow needed)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries.append(struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns of PNG chunks (what PyInstaller wants for `icon` on macOS without Pillow)."""
    chunks = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for size in sorted(pngs)
        if size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def write_icons(work: Path) -> Icons | None:
    """Scale the watch icon to each size; None if that cannot run.

    The 256 px watch is pre-rendered by tools/make_icon.py into assets/icons/ (drawing the HUD at that size
    takes tens of seconds); scaling it down costs nothing and looks the same at 16-64 px.
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    sys.path.insert(0, str(ROOT))
    try:
        import pygame

    except ImportError as error:
        print(f"icon: skipped ({error})")
        return None
    work.mkdir(parents=True, exist_ok=True)
    pngs: dict[int, bytes] = {}
    try:
        pygame.display.init()
        pygame.display.set_mode((8, 8))
        largest = pygame.image.load(str(ROOT / "assets" / "icons" / "labone-256.png")).convert_alpha()
        for size in ICON_SIZES_PX:
            path = work / f"icon-{size}.png"
            pygame.image.save(pygame.transform.smoothscale(largest, (size, size)), str(path))
            pngs[size] = path.read_bytes()
    except (pygame.error, ValueError, FileNotFoundError) as error:
        print(f"icon: skipped ({error})")
        return None
    icons = Icons(png=work / "icon.png", ico=work / "icon.ico", icns=work / "icon.icns")
    icons.png.write_bytes(pngs[max(pngs)])
    icons.ico.write_bytes(ico_bytes(pngs))
    icons.icns.write_bytes(icns_bytes(pngs))
    return icons


def wants_icon(choice: str) -> bool:
    """Windows and macOS embed an icon in the executable; Linux has nowhere to put one, so `auto` skips it."""
    if choice == "auto":
        return sys.platform in ("win32", "darwin")
    return choice == "always"


def executable_icon(icons: Icons | None) -> Path | None:
    """The icon file PyInstaller embeds on this platform; Linux executables have no embedded icon."""
    if icons is None:
        return None
    if sys.platform == "win32":
        return icons.ico
    if sys.platform == "darwin":
        return icons.icns
    return None


def run_pyinstaller(*, onefile: bool, icon: Path | None, onefile_name: str) -> None:
    spec_args = ["--bundled-files", str(BUNDLED_FILES)]
    if onefile:
        spec_args += ["--onefile", "--onefile-name", onefile_name]
    if icon is not None:
        spec_args += ["--icon", str(icon)]
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK / "pyinstaller"),
        str(SPEC),
        "--",
        *spec_args,
    ]
    subprocess.run(command, check=True, cwd=ROOT)


def add_notices(folder: Path, version: str) -> str | None:
    """The game's licence and every bundled component's, beside the executable; a summary line for the log,
    or None (with the reasons printed) when something bundled has no licence to ship with it."""
    from notices import NoticeError, gather, read_bundled, write_notices  # build/notices.py, beside this

    try:
        written = write_notices(folder, gather(read_bundled(BUNDLED_FILES)), version)
    except NoticeError as missing:
        print(f"NO LICENCE FOUND, the folder must not ship:\n{missing}")
        return None
    return f"{written.components} components, {written.texts} licence texts"


def tree_bytes(path: Path) -> int:
    """Bytes of the files under `path` (symlinks counted as links, as the archive stores them)."""
    if not path.is_dir():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_symlink() or p.is_file())


def _normalised(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """Archive members owned by nobody in particular, so the archive does not leak the builder's account."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def make_archive(folder: Path, archive_base: Path) -> Path:
    """`<archive_base>.tar.gz` (zip on Windows) holding `folder` under its own name, symlinks kept."""
    members = sorted(folder.rglob("*"))
    if sys.platform == "win32":
        archive = archive_base.with_name(archive_base.name + ".zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in members:
                zf.write(path, path.relative_to(folder.parent).as_posix())
        return archive
    archive = archive_base.with_name(archive_base.name + ".tar.gz")
    with tarfile.open(archive, "w:gz", compresslevel=6) as tf:
        tf.add(folder, arcname=folder.name, recursive=False, filter=_normalised)
        for path in members:
            name = path.relative_to(folder.parent).as_posix()
            tf.add(path, arcname=name, recursive=False, filter=_normalised)
    return archive


def clean(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, onerror=_force_remove)
        elif path.exists() or path.is_symlink():
            path.unlink()


def _force_remove(func, path, _exc_info) -> None:  # type: ignore[no-untyped-def]
    """Windows marks some bundled files read-only; rmtree needs them writable to delete them."""
    os.chmod(path, stat.S_IWRITE)
    func(path)


def report_size(label: str, size_bytes: int, budget_mb: float) -> bool:
    size_mb = size_bytes / MB
    within = size_mb < budget_mb
    verdict = "ok" if within else "OVER BUDGET"
    print(f"{label:<18} {size_mb:7.1f} MB   (budget < {budget_mb:.0f} MB: {verdict})")
    return within


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="one self-unpacking executable instead")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only (quicker)")
    parser.add_argument(
        "--icon",
        choices=("auto", "always", "never"),
        default="auto",
        help="draw the executable's icon (auto: on Windows and macOS, where it is embedded)",
    )
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # our lines and PyInstaller's stay in order in CI logs

    version = read_version()
    release = release_name(version, platform_tag())
    exe_suffix = ".exe" if sys.platform == "win32" else ""
    folder = DIST / APP_NAME
    onefile_exe = DIST / (release + exe_suffix)
    archives = [DIST / (release + ".tar.gz"), DIST / (release + ".zip")]
    started = time.perf_counter()
    clean([WORK, onefile_exe] if args.onefile else [WORK, folder, *archives])

    icons = write_icons(WORK) if wants_icon(args.icon) else None
    run_pyinstaller(onefile=args.onefile, icon=executable_icon(icons), onefile_name=release)
    built = time.perf_counter()

    print(f"\n{release}")
    print(f"{'build':<18} {built - started:7.1f} s")
    ok = True
    if args.onefile:
        print(f"{'executable':<18} {onefile_exe.relative_to(ROOT)}")
        ok &= report_size("one-file size", tree_bytes(onefile_exe), ARCHIVE_BUDGET_MB)
        return 0 if ok else 1
    print(f"{'executable':<18} {(folder / (APP_NAME + exe_suffix)).relative_to(ROOT)}")
    notices = add_notices(folder, version)
    if notices is None:
        return 1
    print(f"{'notices':<18} {notices}")
    ok &= report_size("folder size", tree_bytes(folder), FOLDER_BUDGET_MB)
    if not args.no_archive:
        archive = make_archive(folder, DIST / release)
        print(f"{'archive':<18} {archive.relative_to(ROOT)}   ({time.perf_counter() - built:.1f} s)")
        ok &= report_size("archive size", archive.stat().st_size, ARCHIVE_BUDGET_MB)
    print(f"{'total':<18} {time.perf_counter() - started:7.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
