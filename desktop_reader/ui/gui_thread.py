"""The GUI thread gets the interpreter back quickly while workers compute.

Every repaint of a list calls back into Python for each cell and role (the model's
`data`, the delegates), and each call takes the interpreter lock again. Python hands the
lock over to a waiting thread only after the switch interval (5 ms by default), so with a
worker thread busy in Python (grouping, images, a story being described) a repaint of
a few hundred calls waited hundreds of milliseconds: the window's longest late ticks
during a big refresh, while its own CPU was a few milliseconds.
"""

from __future__ import annotations

import sys

# How long a thread may keep the interpreter while another waits for it. Short enough
# that a repaint's few hundred calls into Python wait milliseconds, not the whole paint;
# long enough that workers, which rarely contend with each other, lose almost nothing.
SWITCH_INTERVAL_S = 0.0005


def favour_gui_thread() -> None:
    """Let a waiting thread (the GUI's, between its calls into Python) have the
    interpreter after `SWITCH_INTERVAL_S`; once, when the window is made."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
