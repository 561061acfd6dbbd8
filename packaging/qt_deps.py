"""`make qt-deps`: can Qt start the platform the app will use here, and if not, why.

Importing PySide6 proves nothing about the screen: the xcb (X11) and wayland platform
plugins are loaded only when the first QApplication starts, and a missing system library
then ends the program with "Could not load the Qt platform plugin … Aborted". So this
starts a QApplication in a child process with the caller's environment (Qt picks the
platform exactly as it will for the app: QT_QPA_PLATFORM, else the session type, else
xcb), and on failure tells a missing library apart from an unreachable display.

Exit 0 when the platform starts; 1 with a message saying what to do otherwise. With
--install, missing libraries are installed with apt-get when run as root.
Run with this project's Python: `python packaging/qt_deps.py [--install]`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

# Debian packages that Qt's platform plugins load; the Qt libraries themselves come with
# the PySide6 wheel. The first list also covers offscreen (fontconfig, EGL, xkbcommon).
X11_DEBS = (
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxcb-xkb1",
    "libxcb-util1",
)
WAYLAND_DEBS = (
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
)

# The child prints the platform Qt chose; a window is shown so the plugin's screen and
# window code run, not only its loading.
PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.show()
app.processEvents()
print("platform:", app.platformName())
"""
PROBE_TIMEOUT_S = 30


@dataclass
class Verdict:
    platform: str  # the one Qt started, or the last one it tried
    ok: bool
    tried: list[str] = field(default_factory=list)  # every platform Qt could not start
    missing: list[str] = field(default_factory=list)  # shared libraries not found
    qt_messages: list[str] = field(default_factory=list)

    def debs(self) -> tuple[str, ...]:
        wanted = [
            WAYLAND_DEBS if name.startswith("wayland") else X11_DEBS
            for name in self.tried or [self.platform]
        ]
        return tuple(dict.fromkeys(deb for debs in wanted for deb in debs))


def probe(env: dict[str, str] | None = None) -> Verdict:
    env = dict(os.environ if env is None else env)
    try:
        child = subprocess.run(
            [sys.executable, "-c", PROBE],
            env=env,
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return Verdict(
            requested_platform(env),
            ok=False,
            qt_messages=[f"Qt did not start within {PROBE_TIMEOUT_S} s"],
        )
    chosen = re.search(r"^platform: (\S+)$", child.stdout, re.MULTILINE)
    if child.returncode == 0 and chosen:
        return Verdict(chosen.group(1), ok=True)
    # Qt names each platform it tried and could not load; the last one is the one that
    # failed for good (Qt falls back, e.g. from wayland to xcb, before giving up).
    tried = list(
        dict.fromkeys(re.findall(r'Could not load the Qt platform plugin "([^"]+)"', child.stderr))
    )
    platform = tried[-1] if tried else requested_platform(env)
    missing = sorted(
        {
            lib
            for name in tried or [platform]
            for lib in missing_libraries(plugin_file(name, env), env)
        }
    )
    messages = [
        line.strip()
        for line in child.stderr.splitlines()
        if line.startswith("qt.qpa.") and not line.startswith("qt.qpa.plugin:")
    ]
    if not messages and not tried:  # not a platform problem Qt explained: show its end
        messages = [*child.stderr.strip().splitlines()[-5:], f"(exit status {child.returncode})"]
    return Verdict(platform, ok=False, tried=tried, missing=missing, qt_messages=messages)


def requested_platform(env: dict[str, str]) -> str:
    name = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    if name:
        return name
    return "wayland" if env.get("XDG_SESSION_TYPE") == "wayland" else "xcb"


def plugin_file(platform: str, env: dict[str, str]) -> Path | None:
    """The platform plugin Qt loads for `platform`, honouring Qt's plugin path variables."""
    from PySide6.QtCore import QLibraryInfo

    folders = (
        [Path(env["QT_QPA_PLATFORM_PLUGIN_PATH"])] if env.get("QT_QPA_PLATFORM_PLUGIN_PATH") else []
    )
    folders += [Path(p) / "platforms" for p in env.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    folders.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms")
    for folder in folders:
        candidate = folder / f"libq{platform}.so"
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(plugin: Path | None, env: dict[str, str]) -> list[str]:
    """The shared libraries the dynamic loader cannot find for `plugin` (all, not the first)."""
    if plugin is None or shutil.which("ldd") is None:
        return []
    listing = subprocess.run(
        ["ldd", str(plugin)], env=env, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S
    ).stdout
    return re.findall(r"^\s*(\S+) => not found", listing, re.MULTILINE)


def explain(verdict: Verdict) -> str:
    if verdict.ok:
        return f"Qt starts its {verdict.platform!r} platform: ok"
    if len(verdict.tried) > 1:
        names = ", then ".join(repr(name) for name in verdict.tried)
        lines = [f"Qt cannot start the platforms Desktop Reader would use here: {names}."]
    else:
        lines = [
            f"Qt cannot start its {verdict.platform!r} platform, which Desktop Reader "
            "would use here."
        ]
    if verdict.missing:
        lines += [
            f"Missing system libraries: {', '.join(verdict.missing)}",
            "Install them with:",
            "  sudo apt-get install " + " ".join(verdict.debs()),
        ]
        return "\n".join(lines)
    lines += [f"  {message}" for message in verdict.qt_messages]
    # xcb: "could not connect to display :0"; wayland: "Failed to create wl_display".
    if any(re.search(r"connect to display|wl_display", m) for m in verdict.qt_messages):
        lines += [
            "Its libraries are present, but there is no display it can reach.",
            "Start Desktop Reader from a desktop session (X11 sets DISPLAY, Wayland "
            "sets WAYLAND_DISPLAY),",
            "or set QT_QPA_PLATFORM=offscreen to run without a screen.",
        ]
    return "\n".join(lines)


def install(debs: tuple[str, ...]) -> bool:
    """apt-get install `debs` when we may (root with apt-get); False when we cannot."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", *debs], env=env, check=True)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--install",
        action="store_true",
        help="install missing libraries with apt-get when run as root",
    )
    args = parser.parse_args(argv)
    verdict = probe()
    if not verdict.ok and verdict.missing and args.install and install(verdict.debs()):
        verdict = probe()
    print(explain(verdict), file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1


if __name__ == "__main__":
    sys.exit(main())
