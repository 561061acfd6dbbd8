"""The PySide6 user interface: a thin layer over desktop_reader.core."""
