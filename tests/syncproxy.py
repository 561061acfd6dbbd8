"""A real HTTP proxy on 127.0.0.1 in front of a server, to take it away mid-sync.

`down = True` closes every connection unanswered (a server gone); `fail_status` answers
every request with that status; `on_request(path)` runs before a request is forwarded
and `after_forward(path)` once the server has answered, before the client hears it (to
kill a client at a chosen moment).
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Proxy:
    def __init__(self, target: str) -> None:
        self.target = target.rstrip("/")
        self.down = False
        self.fail_status: int | None = None
        self.on_request: Callable[[str], None] | None = None
        self.after_forward: Callable[[str], None] | None = None
        self.paths: list[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _forward(self) -> None:
                proxy.paths.append(self.path)
                if proxy.on_request is not None:
                    proxy.on_request(self.path)
                if proxy.down:
                    self.close_connection = True
                    self.connection.close()
                    return
                if proxy.fail_status is not None:
                    self.send_response(proxy.fail_status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() in ("authorization", "content-type")
                }
                request = urllib.request.Request(
                    proxy.target + self.path, body, headers, method=self.command
                )
                try:
                    with urllib.request.urlopen(request, timeout=120) as answer:
                        status, data = answer.status, answer.read()
                        kind = answer.headers.get("Content-Type", "text/plain")
                except urllib.error.HTTPError as exc:
                    status, data = exc.code, exc.read()
                    kind = exc.headers.get("Content-Type", "text/plain")
                if proxy.after_forward is not None:
                    proxy.after_forward(self.path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _forward  # noqa: N815 - http.server's own method names
            do_POST = _forward  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
