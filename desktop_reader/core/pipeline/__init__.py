"""Composes fetch, parse, extract, storage and stories into the app's operations.

Functions here are synchronous, take an optional progress callback and a CancelToken,
and return frozen dataclasses; the GUI runs them on worker threads (ui/tasks.py), the
CLI calls them directly.
"""
