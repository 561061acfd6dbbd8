"""The Qt-free core: storage, fetching, parsing, extraction, story building.

Nothing under this package may import PySide6 (tests/core/test_layering.py proves it).
"""
