"""Start ../shared/servers/freshrss (a real FreshRSS) as a subprocess for tests and benchmarks,
and act on it as another device would, with plain HTTP calls of the Google Reader API."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

SERVE_SCRIPT = Path(__file__).resolve().parents[2] / "shared" / "servers" / "freshrss" / "serve.py"
USER = "alice"
PASSWORD = "alice-pass-1"
API_PASSWORD = "alice-api-1"


def php_problem() -> str:
    """Why FreshRSS cannot run here ("" when it can). As root, the server script installs
    PHP with apt-get first (CI); elsewhere the reason names the packages to install."""
    spec = importlib.util.spec_from_file_location("freshrss_serve", SERVE_SCRIPT)
    assert spec is not None and spec.loader is not None
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    if serve.php_ready():
        return ""
    if os.geteuid() == 0 and shutil.which("apt-get"):
        try:
            serve.ensure_php()
        except SystemExit as exc:
            return str(exc)
        return ""
    return (
        "FreshRSS needs PHP with "
        + ", ".join(serve.MODULES)
        + ": sudo apt-get install "
        + " ".join(serve.DEBS)
    )


class FreshRSS:
    """A running FreshRSS with one user; `stop()` ends it and deletes its data."""

    def __init__(self, ttl: int = 1500) -> None:
        if not SERVE_SCRIPT.is_file():
            raise FileNotFoundError(f"FreshRSS server script not found at {SERVE_SCRIPT}")
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(SERVE_SCRIPT),
                "--user",
                USER,
                "--password",
                PASSWORD,
                "--api-password",
                API_PASSWORD,
                "--ttl",
                str(ttl),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert self.process.stdout is not None
        lines = []
        for line in self.process.stdout:
            lines.append(line.strip())
            if line.strip() == "ready":
                break
        else:
            error = self.process.stderr.read() if self.process.stderr else ""
            raise RuntimeError(f"FreshRSS did not start: {lines} {error[-2000:]}")
        self.base = lines[0]
        self.api = self.base + "/api/greader.php"
        self.data = next(line.split(" ", 1)[1] for line in lines if line.startswith("data "))
        self._token = ""

    # ------------------------------------------------------------ another device

    def _login(self) -> dict[str, str]:
        if not self._token:
            body = urllib.parse.urlencode({"Email": USER, "Passwd": API_PASSWORD}).encode()
            answer = (
                urllib.request.urlopen(self.api + "/accounts/ClientLogin", body, timeout=30)
                .read()
                .decode()
            )
            self._token = next(line[5:] for line in answer.splitlines() if line.startswith("Auth="))
        return {"Authorization": "GoogleLogin auth=" + self._token}

    def _call(self, path: str, form: list[tuple[str, str]] | None = None) -> bytes:
        head = self._login()
        if form is not None:
            edit = urllib.request.Request(self.api + "/reader/api/0/token", None, head)
            token = urllib.request.urlopen(edit, timeout=30).read().decode().strip()
            data: bytes | None = urllib.parse.urlencode([*form, ("T", token)]).encode()
        else:
            data = None
        request = urllib.request.Request(self.api + path, data, head)
        return urllib.request.urlopen(request, timeout=120).read()  # type: ignore[no-any-return]

    def get(self, path: str) -> dict:  # type: ignore[type-arg]
        return json.loads(self._call(path))  # type: ignore[no-any-return]

    def post(self, path: str, form: list[tuple[str, str]]) -> None:
        self._call(path, form)

    def import_opml(self, opml: bytes) -> None:
        """Subscribe to every feed of an OPML file; FreshRSS fetches them before answering."""
        head = {**self._login(), "Content-Type": "application/xml"}
        request = urllib.request.Request(self.api + "/reader/api/0/subscription/import", opml, head)
        urllib.request.urlopen(request, timeout=1800).read()

    def unsubscribe_all(self) -> None:
        """Back to an empty account (FreshRSS drops a feed's items with it)."""
        for sub in self.subscriptions():
            self.post("/reader/api/0/subscription/edit", [("ac", "unsubscribe"), ("s", sub["id"])])

    def subscriptions(self) -> list[dict]:  # type: ignore[type-arg]
        return self.get("/reader/api/0/subscription/list?output=json")["subscriptions"]

    def subscribe(self, url: str, folder: str = "") -> None:
        form = [("ac", "subscribe"), ("s", "feed/" + url)]
        if folder:
            form.append(("a", "user/-/label/" + folder))
        self.post("/reader/api/0/subscription/edit", form)

    def ids(self, stream: str, exclude: str = "") -> set[str]:
        query = f"s={urllib.parse.quote(stream)}&n=100000&output=json"
        if exclude:
            query += "&xt=" + urllib.parse.quote(exclude)
        return {
            ref["id"] for ref in self.get("/reader/api/0/stream/items/ids?" + query)["itemRefs"]
        }

    def unread(self) -> set[str]:
        return self.ids("user/-/state/com.google/reading-list", "user/-/state/com.google/read")

    def starred(self) -> set[str]:
        return self.ids("user/-/state/com.google/starred")

    def all_ids(self) -> set[str]:
        return self.ids("user/-/state/com.google/reading-list")

    def edit_tag(self, ids: list[str], *, add: str = "", remove: str = "") -> None:
        form = [("i", i) for i in ids]
        if add:
            form.append(("a", "user/-/state/com.google/" + add))
        if remove:
            form.append(("r", "user/-/state/com.google/" + remove))
        self.post("/reader/api/0/edit-tag", form)

    def actualize(self) -> None:
        """FreshRSS fetches its feeds again (after the farm advanced, for example)."""
        subprocess.run(
            ["php", "cli/actualize-user.php", "--user", USER],
            cwd=SERVE_SCRIPT.parent / "app",
            env=dict(os.environ, DATA_PATH=self.data),
            check=True,
            capture_output=True,
            timeout=300,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
