"""The one place that parses untrusted XML into an ElementTree (through defusedxml).

defusedxml refuses entity declarations, external entities and DTD tricks, so a
"billion laughs" or an XXE document raises instead of expanding or reading files.
`parse_xml_recovering` reads what it can of a broken document (subscription lists
written by hand or by careless exporters), after the same refusal of entities.
"""

from __future__ import annotations

import re
from typing import cast
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
    except (ValueError, LookupError) as error:  # expat: "multi-byte encodings are not..."
        raise ParseError(
            f"The {what} is in an encoding the XML reader cannot read: {error}"
        ) from error


_RAW_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#x[0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9._-]*;)")


def parse_xml_recovering(content: bytes, *, what: str = "document") -> tuple[Element, bool]:
    """(root, recovered): like parse_xml, but a broken document is read as far as it goes.

    A raw "&" (the commonest fault, "News & Views" in an attribute) is escaped first;
    anything else goes to libxml2's recovering parser, with entities never resolved and
    nothing fetched. Entity declarations are refused as in parse_xml, before recovery.
    """
    try:
        return parse_xml(content, what=what), False
    except ParseError as error:
        if isinstance(error.__cause__, DefusedXmlException):
            raise
        first = error
    repaired = _RAW_AMPERSAND.sub(b"&amp;", content)
    try:
        return parse_xml(repaired, what=what), True
    except ParseError as error:
        if isinstance(error.__cause__, DefusedXmlException):
            raise
    from lxml import etree  # only broken documents need it

    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(repaired, parser)
    except etree.LxmlError:
        root = None
    if root is None:
        raise first
    # lxml's elements answer .tag, .attrib, .get and iteration as ElementTree's do.
    return cast(Element, root), True


def local_name(element: Element) -> str:
    """The tag without its namespace, lower-case."""
    return element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""


def namespace(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
