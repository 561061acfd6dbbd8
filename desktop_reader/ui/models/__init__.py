"""Item models (Qt model/view) over the library."""
