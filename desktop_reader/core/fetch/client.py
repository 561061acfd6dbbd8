"""The one HTTP client of the app (the only httpx import).

A `Fetcher` is shared by the refresh worker threads: httpx documents `Client` as safe to
share between threads, and we add a per-host semaphore so no site sees more than
`per_host_limit` of our requests at once. Redirects are followed by hand so that we know
whether the chain began with a permanent move, and so that every hop counts against one
deadline for the whole exchange.
"""

from __future__ import annotations

import http.cookiejar
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from desktop_reader import __version__
from desktop_reader.core.errors import FetchError
from desktop_reader.core.fetch import messages
from desktop_reader.core.fetch.body import BodyDamaged, BodyTooLarge, CappedBody
from desktop_reader.core.fetch.retry_after import parse_retry_after
from desktop_reader.core.models import FetchResult

MIB = 1024 * 1024
DEFAULT_USER_AGENT = (
    f"DesktopReader/{__version__} (+offline news reader; fetches feeds the user subscribed to)"
)
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/rdf+xml;q=0.9, application/json;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
IMAGE_ACCEPT = "image/avif, image/webp, image/png, image/jpeg, image/*;q=0.8, */*;q=0.5"

# Every `FetchError.kind` this module raises, for callers that branch on it.
ERROR_KINDS = ("network", "timeout", "too-large", "http", "redirects", "invalid-url")

_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}


@dataclass(frozen=True)
class _Hop:
    """What one request of a redirect chain gave."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes = b""
    charset: str | None = None
    location: str | None = None  # absolute, for redirects


class _Slot:
    """One host's semaphore and how many requests hold it or wait for it."""

    def __init__(self, limit: int) -> None:
        self.semaphore = threading.BoundedSemaphore(limit)
        self.users = 0


class _HostSlots:
    """At most `limit` requests in flight per host:port, across all threads.

    A host's slot lives only while requests to it are in flight or waiting: the app keeps
    one fetcher for weeks, and every image CDN it ever met must not stay in memory.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._lock = threading.Lock()
        self._slots: dict[str, _Slot] = {}

    def __len__(self) -> int:
        """Hosts with a request in flight or waiting."""
        return len(self._slots)

    @contextmanager
    def hold(self, url: httpx.URL) -> Iterator[None]:
        key = f"{url.host}:{url.port or ''}"
        with self._lock:
            slot = self._slots.get(key)
            if slot is None:
                slot = self._slots[key] = _Slot(self._limit)
            slot.users += 1
        try:
            with slot.semaphore:
                yield
        finally:
            with self._lock:
                slot.users -= 1
                if slot.users == 0:
                    del self._slots[key]


class Fetcher:
    """Fetches URLs politely and safely; every failure is a `FetchError` with a plain message."""

    def __init__(
        self,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        connect_timeout: float = 10.0,
        read_timeout: float = 20.0,
        total_timeout: float = 60.0,
        max_bytes: int = 20 * MIB,
        max_redirects: int = 5,
        per_host_limit: int = 2,
    ) -> None:
        self.user_agent = user_agent
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._slots = _HostSlots(per_host_limit)
        # A private reader keeps no cookies: a policy that accepts none.
        no_cookies = http.cookiejar.CookieJar(
            policy=http.cookiejar.DefaultCookiePolicy(allowed_domains=[])
        )
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip"},
            cookies=no_cookies,
            follow_redirects=False,
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
        )

    # ------------------------------------------------------------------ public
    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        accept: str | None = None,
        timeout: float | None = None,
    ) -> FetchResult:
        """GET `url`, following up to `max_redirects` redirects.

        2xx and 304 return a `FetchResult`; everything else raises `FetchError`.
        `timeout` (seconds) shortens `total_timeout` for this call: the budget of the
        whole exchange, redirects included.
        """
        started = time.monotonic()
        budget = min(timeout, self.total_timeout) if timeout is not None else self.total_timeout
        requested = url.strip()
        current = _checked_url(requested, messages.NOT_HTTP, requested)
        cap = max_bytes if max_bytes is not None else self.max_bytes
        headers = {"Accept": accept or "*/*"}
        # Validators are echoed as the server sent them; one that is not ASCII cannot be
        # sent back, and dropping it only costs a full download.
        if etag and etag.isascii():
            headers["If-None-Match"] = etag
        if last_modified and last_modified.isascii():
            headers["If-Modified-Since"] = last_modified
        seen = {str(current.copy_with(fragment=None))}
        permanent_url: str | None = None
        still_permanent = True  # only the leading run of 301/308 hops may be stored
        deadline: float | None = None
        redirects = 0
        while True:
            with self._slots.hold(current):
                # The deadline covers network time, not time queued behind our own slots.
                deadline = deadline or time.monotonic() + budget
                hop = self._exchange(current, headers, cap, deadline, requested, budget)
            if hop.location is None:
                break
            if still_permanent and hop.status in _PERMANENT:
                permanent_url = hop.location
            else:
                still_permanent = False
            redirects += 1
            if redirects > self.max_redirects:
                raise FetchError(messages.TOO_MANY_REDIRECTS, url=requested, kind="redirects")
            if hop.location in seen:
                raise FetchError(messages.REDIRECT_LOOP, url=requested, kind="redirects")
            seen.add(hop.location)
            current = _checked_url(hop.location, messages.REDIRECT_NOT_HTTP, requested)
        content_type = hop.headers.get("content-type", "")
        return FetchResult(
            requested_url=requested,
            url=hop.url,
            status=hop.status,
            content=hop.content,
            content_type=content_type.split(";")[0].strip().lower(),
            charset=hop.charset,
            # A 304 may omit validators; the caller's are still the current ones then.
            etag=hop.headers.get("etag") or (etag if hop.status == 304 else None),
            last_modified=hop.headers.get("last-modified")
            or (last_modified if hop.status == 304 else None),
            permanent_url=permanent_url,
            elapsed=time.monotonic() - started,
            content_location=hop.headers.get("content-location"),
        )

    @property
    def busy_hosts(self) -> int:
        """Hosts with a request of ours in flight or queued (0 when idle)."""
        return len(self._slots)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ one request
    def _exchange(
        self,
        url: httpx.URL,
        headers: dict[str, str],
        cap: int,
        deadline: float,
        requested: str,
        budget: float,
    ) -> _Hop:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(messages.timed_out(budget), url=requested, kind="timeout")
        timeout = httpx.Timeout(
            connect=min(self.connect_timeout, remaining),
            read=min(self.read_timeout, remaining),
            write=min(self.read_timeout, remaining),
            pool=remaining,
        )
        cut = threading.Event()
        try:
            # A server may trickle its headers so that no single read times out: the
            # socket this request opens is shut at the deadline too (a connection
            # reused from the pool is not seen here; the caller's deadline covers it).
            opened: list[socket.socket] = []
            request = self._client.build_request(
                "GET",
                url,
                headers=headers,
                timeout=timeout,
                extensions={"trace": _catch_socket(opened)},
            )
            watchdog = threading.Timer(remaining, _shut, (opened, cut))
            watchdog.daemon = True
            watchdog.start()
            try:
                response = self._client.send(request, stream=True)
            finally:
                watchdog.cancel()
                watchdog.join()
            try:
                return self._read(response, cap, deadline, cut, requested, budget)
            finally:
                response.close()
        except FetchError:
            raise
        except (BodyTooLarge, BodyDamaged) as exc:
            message = messages.too_large(cap) if isinstance(exc, BodyTooLarge) else str(exc)
            kind = "too-large" if isinstance(exc, BodyTooLarge) else "network"
            raise FetchError(message, url=requested, kind=kind) from exc
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError, UnicodeError) as exc:
            past_deadline = cut.is_set() or time.monotonic() >= deadline - 0.05
            raise self._translate(exc, url, requested, past_deadline, budget) from exc

    def _read(
        self,
        response: httpx.Response,
        cap: int,
        deadline: float,
        cut: threading.Event,
        requested: str,
        budget: float,
    ) -> _Hop:
        status, headers, here = response.status_code, response.headers, str(response.url)
        if status in _REDIRECTS and headers.get("location"):
            try:
                location = response.url.join(headers["location"].strip())
            except httpx.InvalidURL as exc:
                raise FetchError(
                    messages.REDIRECT_INVALID, url=requested, kind="invalid-url"
                ) from exc
            return _Hop(here, status, headers, location=str(location.copy_with(fragment=None)))
        if status == 304:
            return _Hop(here, status, headers)
        if not 200 <= status < 300:
            retry_after = (
                parse_retry_after(headers.get("retry-after", "")) if status in (429, 503) else None
            )
            raise FetchError(
                messages.describe_status(status, retry_after),
                url=requested,
                status=status,
                retry_after=retry_after,
                kind="http",
            )
        declared = headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > cap:  # refuse before reading a byte
            raise BodyTooLarge()
        body = CappedBody(
            cap,
            headers.get("content-encoding", ""),
            headers.get("content-type", "").split(";")[0].strip().lower(),
        )
        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _cut_off, (response, cut))
        watchdog.daemon = True
        watchdog.start()
        try:
            for chunk in response.iter_raw():
                body.add(chunk)
                if time.monotonic() >= deadline:
                    cut.set()
                    raise FetchError(messages.timed_out(budget), url=requested, kind="timeout")
        finally:
            watchdog.cancel()
            # Wait out a cut already under way: once closed, this connection may go back
            # to the pool and serve another request.
            watchdog.join()
        if cut.is_set():  # a body without length "ends" when we shut the socket
            raise FetchError(messages.timed_out(budget), url=requested, kind="timeout")
        return _Hop(here, status, headers, content=body.finish(), charset=response.charset_encoding)

    def _translate(
        self, exc: BaseException, url: httpx.URL, requested: str, past_deadline: bool, budget: float
    ) -> FetchError:
        def error(message: str, kind: str = "network", *, unreachable: bool = False) -> FetchError:
            return FetchError(message, url=requested, kind=kind, unreachable=unreachable)

        if past_deadline:
            return error(messages.timed_out(budget), "timeout")
        if isinstance(exc, httpx.ConnectTimeout):
            return error(messages.timed_out(self.connect_timeout), "timeout", unreachable=True)
        if isinstance(exc, httpx.TimeoutException):
            return error(messages.timed_out(self.read_timeout), "timeout")
        causes = list(_causes(exc))
        if any(isinstance(c, ConnectionResetError) for c in causes):
            return error(messages.CONNECTION_RESET)
        if any(isinstance(c, ConnectionRefusedError) for c in causes):
            return error(messages.CONNECTION_REFUSED, unreachable=True)
        if any(isinstance(c, socket.gaierror) for c in causes):
            return error(messages.host_not_found(url.host), unreachable=True)
        if any(isinstance(c, ssl.SSLError) for c in causes):
            return error(messages.SECURE_CONNECTION)
        if isinstance(exc, httpx.RemoteProtocolError):
            text = str(exc).lower()
            if "location header" in text:  # httpx checks Location before we see it
                return error(messages.REDIRECT_INVALID, "invalid-url")
            if "without sending a response" in text:
                return error(messages.NO_ANSWER)
            if "incomplete" in text or "complete message body" in text:
                return error(messages.CLOSED_EARLY)
            return error(messages.network_problem("the server broke the HTTP rules"))
        reason = next((c.strerror for c in causes if isinstance(c, OSError) and c.strerror), "")
        if isinstance(exc, httpx.ConnectError):
            return error(messages.could_not_connect(reason.lower()), unreachable=True)
        return error(messages.network_problem(reason.lower()))


def _checked_url(text: str, not_http_message: str, requested: str) -> httpx.URL:
    """Only http(s) with a host; file:, data:, javascript: and the rest are refused."""
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(messages.NOT_AN_ADDRESS, url=requested, kind="invalid-url") from exc
    if url.scheme not in ("http", "https"):
        raise FetchError(not_http_message, url=requested, kind="invalid-url")
    if not url.host:
        raise FetchError(messages.NOT_AN_ADDRESS, url=requested, kind="invalid-url")
    return url


def _catch_socket(into: list[socket.socket]) -> Callable[[str, dict[str, Any]], None]:
    """An httpcore trace hook that keeps the socket of a connection it opens."""

    def trace(event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.complete":
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                into.append(sock)

    return trace


def _shut(sockets: list[socket.socket], cut: threading.Event) -> None:
    """Deadline reached before the headers came: shut the socket so the read returns."""
    cut.set()
    for sock in sockets:
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _cut_off(response: httpx.Response, cut: threading.Event) -> None:
    """Deadline reached mid-body: shut the socket so the blocked read returns now."""
    cut.set()
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__
