"""Plain-language text for fetch failures, short enough to show as a feed's status line."""

from __future__ import annotations

import math

_STATUS_TEXT = {
    400: "Bad request (400)",
    401: "Needs a login (401)",
    402: "Payment required (402)",
    403: "Forbidden (403)",
    404: "Not found (404)",
    405: "Not allowed (405)",
    406: "The server cannot send this as a feed (406)",
    408: "The server timed out waiting (408)",
    410: "Gone (410) — the feed was removed",
    429: "Too many requests (429)",
    451: "Unavailable for legal reasons (451)",
    500: "Server error (500)",
    502: "Server error (502) — bad gateway",
    503: "Server unavailable (503)",
    504: "Server error (504) — gateway timed out",
}


def format_duration(seconds: float) -> str:
    """`45 s`, `2 min`, `1 h 30 min`: rounded up, since it is a time to wait."""
    whole = max(0, math.ceil(seconds - 1e-9))
    if whole < 60:
        return f"{whole} s"
    minutes = math.ceil(whole / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" if rest == 0 else f"{hours} h {rest} min"


def format_seconds(seconds: float) -> str:
    """A configured timeout as written by the user: `20 s`, `2.5 s`."""
    text = f"{seconds:.1f}".rstrip("0").rstrip(".")
    return f"{text} s"


def format_size(num_bytes: int) -> str:
    """`20 MB`, `1.5 MB`, `512 KB` (binary units, named as people say them)."""
    if num_bytes >= 1024 * 1024:
        value, unit = num_bytes / (1024 * 1024), "MB"
    elif num_bytes >= 1024:
        value, unit = num_bytes / 1024, "KB"
    else:
        return f"{num_bytes} bytes"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text} {unit}"


def describe_status(status: int, retry_after: float | None = None) -> str:
    """A non-success HTTP status as a sentence fragment: `Not found (404)`."""
    if status in (429, 503) and retry_after is not None:
        return f"Server busy, retrying after {format_duration(retry_after)}"
    if status in _STATUS_TEXT:
        return _STATUS_TEXT[status]
    if 300 <= status < 400:
        return f"Redirect without a destination ({status})"
    if 400 <= status < 500:
        return f"Request refused ({status})"
    if 500 <= status < 600:
        return f"Server error ({status})"
    return f"Unexpected answer from the server ({status})"


def timed_out(seconds: float) -> str:
    return f"Timed out after {format_seconds(seconds)}"


def too_large(max_bytes: int) -> str:
    return f"Too large (over {format_size(max_bytes)})"


TOO_MANY_REDIRECTS = "Too many redirects"
REDIRECT_LOOP = "Too many redirects (the address redirects to itself)"
NOT_HTTP = "Not an http(s) address"
NOT_AN_ADDRESS = "Not a valid web address"
REDIRECT_NOT_HTTP = "Redirected to an address that is not http(s)"
REDIRECT_INVALID = "Redirected to an address that is not valid"
CONNECTION_RESET = "Connection reset by the server"
CONNECTION_REFUSED = "Could not connect (connection refused)"
CLOSED_EARLY = "The server closed the connection before the download finished"
NO_ANSWER = "The server closed the connection without answering"
BAD_COMPRESSION = "The server sent a damaged compressed response"
SECURE_CONNECTION = "Could not make a secure connection (certificate or TLS problem)"


def host_not_found(host: str) -> str:
    return f"Could not find host {host}"


def could_not_connect(reason: str = "") -> str:
    return f"Could not connect ({reason})" if reason else "Could not connect"


def network_problem(reason: str = "") -> str:
    return f"Network error ({reason})" if reason else "Network error"
