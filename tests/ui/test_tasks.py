"""Tasks run off the GUI thread on their own connection and report back on the GUI thread."""

from __future__ import annotations

import threading

from desktop_reader.core.errors import FetchError
from desktop_reader.ui.tasks import TaskRunner, user_message
from tests.ui.conftest import add_feed_with_articles


def test_task_result_arrives_on_gui_thread(qtbot, library):
    add_feed_with_articles(library, "World Wire", 1)
    runner = TaskRunner(library)
    seen: dict[str, object] = {}

    def work(ctx):  # type: ignore[no-untyped-def]
        seen["worker"] = threading.get_ident()
        ctx.progress("half way")
        return [f.title for f in ctx.reader.feeds()]

    received: list[object] = []
    results: list[object] = []
    # Handlers passed to start() are connected before the task runs: no race with a
    # task that finishes before the test could start waiting.
    runner.start("list", work, on_progress=received.append, on_finished=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [["World Wire"]]
    assert received == ["half way"]
    assert seen["worker"] != threading.get_ident()
    assert runner.active() == []


def test_failure_is_a_plain_message(qtbot, library):
    runner = TaskRunner(library)

    def work(_ctx):  # type: ignore[no-untyped-def]
        raise FetchError("The server did not answer within 10 seconds.")

    messages: list[str] = []
    errors: list[BaseException] = []
    runner.start(
        "fail", work, on_failed=lambda e: (errors.append(e), messages.append(user_message(e)))
    )
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert messages == ["The server did not answer within 10 seconds."]
    assert isinstance(errors[0], FetchError)  # the exception itself, typed


def test_shutdown_cancels_running_work(qtbot, library):
    runner = TaskRunner(library)
    started = threading.Event()

    def work(ctx):  # type: ignore[no-untyped-def]
        started.set()
        while not ctx.cancel.wait(0.05):
            pass
        ctx.cancel.raise_if_cancelled()

    cancelled: list[bool] = []
    failed: list[BaseException] = []
    task = runner.start(
        "long", work, on_cancelled=lambda: cancelled.append(True), on_failed=failed.append
    )
    assert started.wait(5)
    assert runner.shutdown(timeout_ms=3000)
    assert task.done and task.cancelled
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert failed == []  # cancelling is not a failure
