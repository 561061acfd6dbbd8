"""Recover what is readable from broken JSON: trailing commas and cut-off documents.

Servers truncate responses and templates leave trailing commas. Rather than lose a
whole feed, we drop the commas, cut the text back to the last complete object or
array, and close whatever is still open. Anything after that point is lost.
"""

from __future__ import annotations

import json
from typing import Any

_CLOSERS = {"{": "}", "[": "]"}


def _scan(text: str) -> tuple[str, int, list[str]]:
    """Text without trailing commas, and the last point where a bracket closed."""
    out: list[str] = []
    stack: list[str] = []
    in_string = escaped = False
    safe_length = 0
    safe_stack: list[str] = []
    length = len(text)
    for index, char in enumerate(text):
        if in_string:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in _CLOSERS:
            stack.append(char)
        elif char in "}]":
            if stack:
                stack.pop()
            out.append(char)
            safe_length, safe_stack = len(out), list(stack)  # one char per item
            continue
        elif char == ",":
            rest = index + 1
            while rest < length and text[rest] in " \t\r\n":
                rest += 1
            if rest < length and text[rest] in "}]":
                continue  # a trailing comma
        out.append(char)
    return "".join(out), safe_length, safe_stack


def loads_tolerant(text: str) -> Any:
    """json.loads, retried on a repaired copy; raises ValueError when nothing is left."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    cleaned, safe_length, stack = _scan(text)
    try:
        return json.loads(cleaned)
    except ValueError:
        pass
    if safe_length == 0:
        raise ValueError("no complete object")
    head = cleaned[:safe_length].rstrip().rstrip(",")
    return json.loads(head + "".join(_CLOSERS[c] for c in reversed(stack)))
