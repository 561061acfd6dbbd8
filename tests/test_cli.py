"""The core from a terminal: subscribe, OPML, refresh, list, show — against the feedfarm."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop_reader.cli import main
from tests.feedfarm import Farm


def test_every_command_has_help() -> None:
    for command in ("subscribe", "import-opml", "export-opml", "refresh", "feeds", "list", "show"):
        result = subprocess.run(
            [sys.executable, "-m", "desktop_reader", command, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "usage: desktop-reader " + command in result.stdout


def test_opml_import_refresh_list_show_and_export(
    small_farm: Farm, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "farm.opml"
    opml.write_bytes(small_farm.get_bytes("/opml"))
    assert main(["import-opml", str(opml)]) == 0
    assert "Imported 10 new feeds" in capsys.readouterr().out

    assert main(["refresh", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "10 feeds, " in out and " 0 failed" in out
    assert "article pages stored" in out

    assert main(["list", "--limit", "500"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) >= 70  # 10 feeds x 8 entries, wire copies stored once
    first_id = rows[0].split("\t")[0]
    assert main(["show", first_id]) == 0
    shown = capsys.readouterr().out
    assert len(shown.split()) > 80  # the full article text, stored for offline reading

    # Nothing changed on the farm: every feed answers 304 to our second refresh.
    small_farm.reset_stats()
    assert main(["refresh", "--quiet", "--feeds-only"]) == 0
    assert "10 not modified" in capsys.readouterr().out
    assert small_farm.stats()["not_modified"].get("feed") == 10

    exported = tmp_path / "out.opml"
    assert main(["export-opml", str(exported)]) == 0
    text = exported.read_text(encoding="utf-8")
    assert text.count("xmlUrl=") == 10


def test_show_unknown_article_is_a_clear_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "12345"]) == 1
    assert "no article with id 12345" in capsys.readouterr().err


def test_subscribe_to_unreachable_address_is_a_clear_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["subscribe", "http://127.0.0.1:9/feed.xml"]) == 1
    err = capsys.readouterr().err
    assert "desktop-reader:" in err and "Traceback" not in err


def test_output_cut_short_by_the_reader_is_no_error(data_dir: Path, tmp_path: Path) -> None:
    """`desktop-reader feeds | head -1`: no BrokenPipe traceback when head stops reading."""
    outlines = "".join(
        f'<outline text="Feed {n}" xmlUrl="https://f{n}.example/rss"/>' for n in range(3000)
    )
    opml = tmp_path / "many.opml"
    opml.write_text(f"<opml><body>{outlines}</body></opml>")
    assert main(["import-opml", str(opml)]) == 0
    reader = subprocess.Popen(
        [sys.executable, "-m", "desktop_reader", "feeds"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().startswith(b"1\t")
    reader.stdout.close()  # what head does after its first line
    errors = reader.stderr.read().decode()
    reader.stderr.close()
    assert reader.wait(timeout=60) in (0, 141)
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
