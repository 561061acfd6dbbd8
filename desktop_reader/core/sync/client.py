"""A Google Reader API client on httpx: login, subscriptions, tags, streams, edit-tag.

Endpoints and parameters as FreshRSS, Miniflux, The Old Reader and BazQux serve them:
`accounts/ClientLogin` gives an auth token sent as `Authorization: GoogleLogin auth=…`;
POSTs that change something carry an action token `T` from `reader/api/0/token`.
Every failure is a `SyncError` whose message a person can act on.
"""

from __future__ import annotations

import email.utils
import json
import ssl
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from desktop_reader import __version__
from desktop_reader.core.errors import ReaderError

USER_AGENT = f"DesktopReader/{__version__} (sync)"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"
LABEL_PREFIX = "user/-/label/"
ITEM_PREFIX = "tag:google.com,2005:reader/item/"
#: Item ids per edit-tag or items/contents request: servers cap request sizes.
BATCH = 250
#: Ids per stream/items/ids page.
IDS_PAGE = 50_000

WRONG_PASSWORD = "The server refused the user name or password"


class SyncError(ReaderError):
    """A sync failure; `kind` is one of auth, network, tls, server, unsupported, protocol."""

    def __init__(self, message: str, *, kind: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


@dataclass(frozen=True)
class Subscription:
    stream_id: str  # "feed/12" (FreshRSS) or "feed/https://…" (others)
    title: str
    url: str
    site_url: str
    folders: tuple[str, ...]  # label names, without the "user/-/label/" prefix


def item_id(value: str) -> str:
    """An item id in its short form (decimal), from the long hex form or a short one."""
    if value.startswith(ITEM_PREFIX):
        return str(int(value[len(ITEM_PREFIX) :], 16))
    return str(int(value))


def long_item_id(short: str) -> str:
    return f"{ITEM_PREFIX}{int(short) & 0xFFFFFFFFFFFFFFFF:016x}"


def label_stream(folder: str) -> str:
    return LABEL_PREFIX + folder


class GReaderClient:
    """One account's connection. Not thread-safe; one sync uses one client."""

    def __init__(
        self,
        api_url: str,
        *,
        token: str | None = None,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.token = token
        self.requests = 0  # counted for the benchmark and the efficiency tests
        self.server_time: float | None = None  # the server's clock (Date header), last answer
        self._action_token: str | None = None
        self._http = httpx.Client(
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> GReaderClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ transport

    def _request(
        self, method: str, path: str, *, params: Any = None, data: Any = None, auth: bool = True
    ) -> httpx.Response:
        headers = {}
        content = None
        if data is not None:
            # Repeated keys (i=…&i=…) need a list of pairs, which httpx's `data` no longer
            # takes: the form is encoded here.
            content = urllib.parse.urlencode(
                list(data.items()) if isinstance(data, dict) else data
            ).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if auth:
            if not self.token:
                raise SyncError("Not signed in to the server; add the account again.", kind="auth")
            headers["Authorization"] = f"GoogleLogin auth={self.token}"
        self.requests += 1
        try:
            response = self._http.request(
                method, self.api_url + path, params=params, content=content, headers=headers
            )
        except httpx.ConnectError as exc:
            if _is_tls(exc):
                raise SyncError(
                    f"The server's secure connection failed: {_reason(exc)}", kind="tls"
                ) from exc
            raise SyncError(f"Could not reach the server ({_reason(exc)})", kind="network") from exc
        except httpx.TimeoutException as exc:
            raise SyncError("The server did not answer in time", kind="network") from exc
        except httpx.HTTPError as exc:
            raise SyncError(
                f"The connection to the server failed ({_reason(exc)})", kind="network"
            ) from exc
        self.server_time = _date(response) or self.server_time
        status = response.status_code
        if status in (401, 403):
            if not auth:
                raise SyncError(WRONG_PASSWORD, kind="auth", status=status)
            raise SyncError(
                "The server no longer accepts this login; sign in again", kind="auth", status=status
            )
        if status >= 500 and status != 501:
            raise SyncError(
                f"The server had a problem (HTTP {status}); try again later",
                kind="server",
                status=status,
            )
        if status in (404, 405, 501):
            raise SyncError(
                "The server does not offer this part of the Google Reader API "
                f"(HTTP {status} for {path})",
                kind="unsupported",
                status=status,
            )
        if status >= 400:
            raise SyncError(
                f"The server rejected the request (HTTP {status} for {path})",
                kind="protocol",
                status=status,
            )
        return response

    def _json(self, path: str, params: Any = None, data: Any = None) -> Any:
        method = "POST" if data is not None else "GET"
        response = self._request(method, path, params=params, data=data)
        try:
            return json.loads(response.content)
        except ValueError as exc:
            raise SyncError(
                f"The server's answer to {path} is not JSON: is this a Google Reader API address?",
                kind="unsupported",
            ) from exc

    def _post(self, path: str, form: Sequence[tuple[str, str]]) -> None:
        """A state-changing POST with the action token (fetched once, renewed once)."""
        for attempt in (0, 1):
            if self._action_token is None:
                self._action_token = self._request("GET", "/reader/api/0/token").text.strip()
            try:
                self._request("POST", path, data=[*form, ("T", self._action_token)])
                return
            except SyncError as exc:
                if exc.kind != "auth" or attempt:
                    raise
                self._action_token = None  # an expired action token: fetch a new one

    # ------------------------------------------------------------------ API

    def login(self, user: str, password: str) -> str:
        """ClientLogin; returns (and keeps) the auth token. The password is not kept."""
        response = self._request(
            "POST", "/accounts/ClientLogin", auth=False, data={"Email": user, "Passwd": password}
        )
        for line in response.text.splitlines():
            if line.startswith("Auth="):
                self.token = line[5:].strip()
                return self.token
        raise SyncError(
            "The server's login answer has no token: is this a Google Reader API address?",
            kind="unsupported",
        )

    def user_info(self) -> dict[str, Any]:
        return dict(self._json("/reader/api/0/user-info", {"output": "json"}))

    def subscriptions(self) -> list[Subscription]:
        data = self._json("/reader/api/0/subscription/list", {"output": "json"})
        found = []
        for sub in data.get("subscriptions", []):
            folders = tuple(
                c.get("label") or c["id"].removeprefix(LABEL_PREFIX)
                for c in sub.get("categories", [])
                if str(c.get("id", "")).startswith("user/")
            )
            url = sub.get("url") or str(sub["id"]).removeprefix("feed/")
            found.append(
                Subscription(
                    str(sub["id"]), sub.get("title") or url, url, sub.get("htmlUrl") or "", folders
                )
            )
        return found

    def folders(self) -> list[str]:
        """Folder (label) names; FreshRSS marks folders apart from item tags."""
        data = self._json("/reader/api/0/tag/list", {"output": "json"})
        return [
            t["id"].split("/label/", 1)[1]
            for t in data.get("tags", [])
            if "/label/" in t.get("id", "") and t.get("type", "folder") == "folder"
        ]

    def stream_ids(
        self,
        stream: str,
        *,
        exclude: str | None = None,
        include: str | None = None,
        since: int | None = None,
    ) -> list[str]:
        """Every item id (short form) of a stream, following continuation."""
        ids: list[str] = []
        continuation = ""
        while True:
            params: list[tuple[str, str]] = [
                ("s", stream),
                ("n", str(IDS_PAGE)),
                ("output", "json"),
            ]
            if exclude:
                params.append(("xt", exclude))
            if include:
                params.append(("it", include))
            if since:
                params.append(("ot", str(since)))
            if continuation:
                params.append(("c", continuation))
            data = self._json("/reader/api/0/stream/items/ids", params)
            ids.extend(item_id(str(ref["id"])) for ref in data.get("itemRefs", []))
            continuation = str(data.get("continuation") or "")
            if not continuation:
                return ids

    def stream_contents_pages(
        self, stream: str = READING_LIST, *, since: int | None = None, page_size: int = 500
    ) -> Iterator[tuple[list[dict[str, Any]], float | None]]:
        """Pages of items, newest first, following continuation, each with the server's
        clock ("updated") when it gives it."""
        continuation = ""
        while True:
            params: list[tuple[str, str]] = [("n", str(page_size)), ("output", "json")]
            if since:
                params.append(("ot", str(since)))
            if continuation:
                params.append(("c", continuation))
            data = self._json(f"/reader/api/0/stream/contents/{stream}", params)
            updated = data.get("updated")
            yield list(data.get("items", [])), float(updated) if updated else None
            continuation = str(data.get("continuation") or "")
            if not continuation or not data.get("items"):
                return

    def items(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Items by id, in batches."""
        found: list[dict[str, Any]] = []
        for start in range(0, len(ids), BATCH):
            form = [("i", long_item_id(i)) for i in ids[start : start + BATCH]]
            data = self._json("/reader/api/0/stream/items/contents", {"output": "json"}, data=form)
            found.extend(data.get("items", []))
        return found

    def edit_tag(self, ids: Sequence[str], *, add: str = "", remove: str = "") -> None:
        for start in range(0, len(ids), BATCH):
            form = [("i", long_item_id(i)) for i in ids[start : start + BATCH]]
            if add:
                form.append(("a", add))
            if remove:
                form.append(("r", remove))
            self._post("/reader/api/0/edit-tag", form)

    def mark_all_read(self, stream: str, older_than_us: int) -> None:
        # `ts` is in microseconds in FreshRSS and Miniflux (the original API's nanoseconds
        # compare the same way against FreshRSS's microsecond ids when given as us).
        self._post("/reader/api/0/mark-all-as-read", [("s", stream), ("ts", str(older_than_us))])

    def subscribe(self, url: str, *, title: str = "", folder: str = "") -> None:
        form = [("ac", "subscribe"), ("s", "feed/" + url)]
        if title:
            form.append(("t", title))
        if folder:
            form.append(("a", label_stream(folder)))
        self._post("/reader/api/0/subscription/edit", form)

    def unsubscribe(self, stream_id: str) -> None:
        self._post("/reader/api/0/subscription/edit", [("ac", "unsubscribe"), ("s", stream_id)])

    def edit_subscription(
        self, stream_id: str, *, title: str = "", folder: str | None = None, old_folder: str = ""
    ) -> None:
        """Rename (title) and/or move (folder; "" = out of every folder) a subscription."""
        form = [("ac", "edit"), ("s", stream_id)]
        if title:
            form.append(("t", title))
        if folder:
            form.append(("a", label_stream(folder)))
        elif folder == "" and old_folder:
            form.append(("r", label_stream(old_folder)))
        self._post("/reader/api/0/subscription/edit", form)

    def rename_folder(self, old: str, new: str) -> None:
        self._post(
            "/reader/api/0/rename-tag", [("s", label_stream(old)), ("dest", label_stream(new))]
        )


def _date(response: httpx.Response) -> float | None:
    try:
        return email.utils.parsedate_to_datetime(response.headers["date"]).timestamp()
    except (KeyError, TypeError, ValueError):
        return None


def _is_tls(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if (
            isinstance(seen, ssl.SSLError)
            or "SSL" in type(seen).__name__
            or "CERTIFICATE" in str(seen).upper()
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if "refused" in text.lower():
        return "connection refused"
    return text.splitlines()[0][:160]


def api_candidates(url: str) -> list[str]:
    """Where the API may live behind what the user typed: FreshRSS keeps it under
    /api/greader.php, Miniflux and the hosted services at the root."""
    url = url.strip().rstrip("/")
    if "://" not in url:
        url = "https://" + url
    if url.endswith("greader.php") or "/api/greader.php/" in url:
        return [url]
    return [url + "/api/greader.php", url]
