"""Start ../shared/feedfarm as a subprocess for tests and benchmarks."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

FARM_SCRIPT = Path(__file__).resolve().parents[2] / "shared" / "feedfarm" / "feedfarm.py"


class Farm:
    """A running feedfarm; `stop()` ends it (it also stops itself after its TTL)."""

    def __init__(self, *args: str, ttl: int = 900) -> None:
        if not FARM_SCRIPT.is_file():
            raise FileNotFoundError(f"feedfarm not found at {FARM_SCRIPT}")
        self.process = subprocess.Popen(
            [sys.executable, str(FARM_SCRIPT), "--quiet", "--ttl", str(ttl), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("http"):
            self.process.kill()
            raise RuntimeError(f"feedfarm did not start: {line!r}")
        self.base = line.rstrip("/")

    def url(self, path: str) -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def get_json(self, path: str) -> dict:  # type: ignore[type-arg]
        with urllib.request.urlopen(self.url(path), timeout=30) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]

    def get_bytes(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url(path), timeout=30) as response:
            return response.read()  # type: ignore[no-any-return]

    def stats(self) -> dict:  # type: ignore[type-arg]
        return self.get_json("/_farm/stats")

    def reset_stats(self) -> None:
        self.get_bytes("/_farm/stats/reset")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
