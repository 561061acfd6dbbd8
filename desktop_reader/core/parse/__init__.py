"""Turning feed bytes (RSS, Atom, JSON Feed, OPML, HTML pages) into frozen dataclasses."""
