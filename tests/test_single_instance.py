"""The single-instance guard across real processes: hand over, stale sockets, separate libraries."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop_reader.single_instance import SingleInstance, hand_over, server_name

# A first instance without the window: claims the guard, writes what it receives to a file.
_LISTENER = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from desktop_reader.single_instance import SingleInstance
app = QCoreApplication([])
guard = SingleInstance(Path(sys.argv[1]))
print("first" if guard.claim() else "handed over", flush=True)
out = Path(sys.argv[2])
guard.sig_received.connect(lambda text: out.write_text(out.read_text() + text + "\\n")
                           if out.exists() else out.write_text(text + "\\n"))
app.exec()
"""


def start_listener(data_dir: Path, out: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _LISTENER, str(data_dir), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "first"
    return proc


def stop(proc: subprocess.Popen[str]) -> None:
    proc.kill()
    proc.wait()
    if proc.stdout:
        proc.stdout.close()


def launch(data_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A second real `desktop-reader` launch on the same library."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "desktop_reader", "--data-dir", str(data_dir), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_second_launch_hands_over_its_argument_and_exits_without_opening_the_library(
    tmp_path, qapp
):
    data_dir, out = tmp_path / "library", tmp_path / "received.txt"
    data_dir.mkdir()
    first = start_listener(data_dir, out)
    try:
        feed_file = tmp_path / "quay-post-saved.rss"
        feed_file.write_text("<rss/>")
        started = time.monotonic()
        result = launch(data_dir, "feed:https://quay.example/rss", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert time.monotonic() - started < 20
        plain = launch(data_dir, cwd=tmp_path)  # no argument: only raise the window
        assert plain.returncode == 0, plain.stderr
        by_path = launch(data_dir, "quay-post-saved.rss", cwd=tmp_path)  # relative to its cwd
        assert by_path.returncode == 0, by_path.stderr
        assert out.read_text().splitlines() == [
            "feed:https://quay.example/rss",
            "",
            str(feed_file.resolve()),
        ]
        # The second launches never opened a second writer on the database.
        assert not (data_dir / "library.sqlite3").exists()
    finally:
        stop(first)


def test_a_crashed_instance_does_not_block_the_next_launch(tmp_path, qapp):
    data_dir = tmp_path / "library"
    data_dir.mkdir()
    crashed = start_listener(data_dir, tmp_path / "unused.txt")
    os.kill(crashed.pid, signal.SIGKILL)  # leaves its socket file behind
    crashed.wait()
    if crashed.stdout:
        crashed.stdout.close()
    assert not hand_over(server_name(data_dir), "")
    guard = SingleInstance(data_dir)
    assert guard.claim()  # the stale socket is replaced, no error
    guard.close()


def test_each_library_has_its_own_instance(tmp_path, qapp):
    first, other = tmp_path / "a", tmp_path / "b"
    assert server_name(first) != server_name(other)
    assert server_name(first) == server_name(tmp_path / "x" / ".." / "a")  # same dir, same name
    guards = [SingleInstance(first), SingleInstance(other)]
    try:
        assert all(guard.claim() for guard in guards)
    finally:
        for guard in guards:
            guard.close()
