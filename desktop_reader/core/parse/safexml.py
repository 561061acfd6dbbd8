"""The one place that parses untrusted XML into an ElementTree (through defusedxml).

defusedxml refuses entity declarations, external entities and DTD tricks, so a
"billion laughs" or an XXE document raises instead of expanding or reading files.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]
from defusedxml import DefusedXmlException

from desktop_reader.core.errors import ParseError

XML_NS = "{http://www.w3.org/XML/1998/namespace}"


def parse_xml(content: bytes, *, what: str = "document") -> Element:
    """The root element of `content`; ParseError with a readable reason otherwise."""
    try:
        return SafeET.fromstring(content)  # type: ignore[no-any-return]
    except DefusedXmlException as error:
        raise ParseError(f"The {what} uses XML entities, which are refused for safety") from error
    except SafeET.ParseError as error:
        raise ParseError(f"The {what} is not valid XML: {error}") from error


def local_name(element: Element) -> str:
    """The tag without its namespace, lower-case."""
    return element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""


def namespace(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
