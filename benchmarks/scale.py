"""Scale benchmark: a library of 1,000 feeds and 100,000 articles, and a soak mode.

    .venv/bin/python benchmarks/scale.py [--feeds 1000] [--articles 100000] [--repeat 5]
    .venv/bin/python benchmarks/scale.py --soak 30 [--soak-feeds 200] [--soak-entries 20]

The library is generated (invented prose, realistic title and text lengths, one feed
of 10,000 articles, a few wire copies listed by several feeds, ~60% read) and stored
through core/storage in large transactions; it is cached under benchmarks/out/ keyed
by its parameters, and every run works on a copy. Printed, as medians of --repeat runs:
start to first paint and idle RSS of the real app (a subprocess, offscreen), opening
the 10,000-article feed, full-text search p50/p95, marking 10,000 articles read, and
the database size, each beside its target.

--refresh-into LIBRARY: a refresh that brings --new-feeds x --new-entries farm articles
(1,000 by default; a farm of another seed, so they are new stories and new copies, not
the library's) into a copy of LIBRARY, a library file such as the 97,483-article farm
library `benchmarks/stories.py --save-big PATH` builds: the feeds, then pages + images +
stories (`complete_library`, what the app's refresh runs), wall and CPU with worker
processes, and the grouping's share (target: pages + images + stories <= 10 s).

--soak N: 200 farm feeds with churn; N cycles of (tick, refresh_feeds, download_articles),
printing RSS per cycle and the least-squares slope in MB per cycle (target: flat).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))

from desktop_reader.core import paths  # noqa: E402
from desktop_reader.core.models import PageState, ParsedEntry  # noqa: E402
from desktop_reader.core.pipeline.library import Library  # noqa: E402
from desktop_reader.core.storage import articles, database, feeds  # noqa: E402
from desktop_reader.core.storage.articles import NewEntry  # noqa: E402

GENERATOR_VERSION = 2  # bump when the generated library changes shape
BIG_FEED_ARTICLES = 10_000
TARGET_PAINT_S = 1.0
TARGET_RSS_MB = 150.0
TARGET_INTERACTION_MS = 100.0

# ---------------------------------------------------------------------- generator

_WORDS = """the of and to in a for on that with as by at from is was were has have
had will would said says after before over under about against between during into
amid while since than more less most new old first last next other former local
national regional city council government minister ministry officials report
reported reports plan plans budget vote voters election parliament court judge ruling
appeal police investigation inquiry company shares market markets prices price
inflation rates bank banks central growth economy economic jobs workers union strike
talks deal agreement trade exports imports energy power grid gas oil wind solar
climate weather storm flood floods drought heat wildfire river coast port harbour
airport rail railway train trains bus road bridge tunnel traffic transport hospital
health doctors nurses patients school schools teachers students university research
scientists study data figures percent million billion thousand residents families
children community housing rents homes construction project projects funding costs
tax taxes spending services water supply shortage emergency rescue crews fire
firefighters damage repairs opposition party leader leaders mayor president chief
executive director spokesperson statement statements announced announces warned
warns expected expects confirmed denied rejected approved proposed called calls
says told week month year years weeks months days hours morning evening night
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
April May June July August September October November December record higher lower
rise rises fell fall fallen increase decrease cut cuts new plans early late second
third quarter annual review team season match league final cup goal win wins lost
draw coach players fans stadium festival museum exhibition film music concert book
award prize artists gallery theatre technology software network internet phone
digital security privacy cyber attack outage system systems service users customers
online app platform""".split()

_FUNCTION_WORDS = 14  # the first words above: in nearly every article

_SYLLABLES = (
    "ka ra to mi ne lo ve sa du ri an el or is ul ben dor fal gar hel kor lin "
    "mar nor pel quin ros sel tam ur val wen yor zan bri cla dre fro gla"
).split()
_ORG_KINDS = ["Group", "Council", "Bank", "Union", "Institute", "Holdings", "Agency"]
_MASTHEADS = ["Times", "Post", "Herald", "Daily", "Review", "Journal", "Wire", "News"]
_SECTIONS = (
    "World",
    "Europe",
    "Business",
    "Technology",
    "Science",
    "Sport",
    "Culture",
    "Health",
    "Politics",
    "Local",
    "Opinion",
    "Climate",
)


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


class Generator:
    """Invented news prose: a pool of sentences, names per event, realistic lengths."""

    def __init__(self, seed: int) -> None:
        self.rng = rng = random.Random(seed)
        self.places = [_name(rng, rng.randint(2, 3)) for _ in range(400)]
        self.people = [f"{_name(rng, 2)} {_name(rng, rng.randint(2, 3))}" for _ in range(800)]
        self.orgs = [f"{_name(rng, 2)} {rng.choice(_ORG_KINDS)}" for _ in range(300)]
        # Topics: each article draws its content words from one topic's few dozen, so a
        # word like "budget" is in a few percent of articles, as in real news, while
        # function words ("the", "of") are in nearly all of them.
        content = _WORDS[_FUNCTION_WORDS:]
        self.topics = []
        for _ in range(80):
            words = rng.sample(content, 30)
            sentences = []
            for _ in range(250):
                tokens = [
                    rng.choice(_WORDS[:_FUNCTION_WORDS])
                    if rng.random() < 0.45
                    else rng.choice(words)
                    for _ in range(rng.randint(8, 26))
                ]
                tokens[0] = tokens[0].capitalize()
                sentences.append(" ".join(tokens))
            self.topics.append(sentences)
        self.sentences = self.topics[0]

    def sentence(self, place: str, person: str, org: str) -> str:
        base = self.rng.choice(self.sentences)  # of the current article's topic
        extra = self.rng.choice(
            (
                f"in {place}",
                f"{person} said",
                f"according to {org}",
                f"{self.rng.randint(2, 980)} percent",
                "",
            )
        )
        return f"{base} {extra}".rstrip() + "."

    def article(self) -> tuple[str, str, str]:
        """(title, plain text, html): titles 40–110 chars, text mostly 1–6 KB."""
        rng = self.rng
        place, person, org = rng.choice(self.places), rng.choice(self.people), rng.choice(self.orgs)
        self.sentences = rng.choice(self.topics)
        title = self.sentence(place, person, org).rstrip(".")
        if len(title) > 110:
            title = title[: rng.randint(60, 110)].rsplit(" ", 1)[0]
        if rng.random() < 0.3:  # feed summary only (page not stored)
            paragraphs = [
                " ".join(self.sentence(place, person, org) for _ in range(rng.randint(1, 3)))
            ]
        else:
            length = min(int(rng.lognormvariate(7.8, 0.5)), 14_000)  # median ~2.4 KB
            paragraphs, size = [], 0
            while size < length:
                para = " ".join(self.sentence(place, person, org) for _ in range(rng.randint(2, 5)))
                paragraphs.append(para)
                size += len(para)
        text = "\n\n".join(paragraphs)
        html = "".join(f"<p>{p}</p>" for p in paragraphs)
        return title, text, html


def _feed_sizes(feed_count: int, article_count: int) -> list[int]:
    """Feed 0 holds 10,000 articles; the rest share the remainder unevenly."""
    big = min(BIG_FEED_ARTICLES, article_count)
    rest = article_count - big
    rng = random.Random(feed_count)
    weights = [rng.uniform(0.3, 1.7) for _ in range(feed_count - 1)]
    total = sum(weights)
    sizes = [big] + [int(rest * w / total) for w in weights]
    sizes[1] += article_count - sum(sizes)
    return sizes


def build_library(target: Path, feed_count: int, article_count: int, seed: int) -> float:
    """Generate the library into `target` (a data dir); returns seconds taken."""
    start = time.perf_counter()
    gen = Generator(seed)
    rng = gen.rng
    library = Library.open(target)
    conn = library.connect()
    conn.execute("PRAGMA synchronous = OFF")  # a generated library: no need to survive a crash
    now = datetime(2026, 1, 15, 12, tzinfo=UTC).timestamp()
    sizes = _feed_sizes(feed_count, article_count)
    wire: list[ParsedEntry] = []
    with database.transaction(conn):
        feed_ids = [
            feeds.add_feed(
                conn,
                f"http://127.0.0.1:9/feeds/{n:04d}.xml",
                title=f"{_name(rng, 2)} {rng.choice(_MASTHEADS)}",
                folder=_SECTIONS[n % len(_SECTIONS)],
            ).id
            for n in range(feed_count)
        ]
    serial = 0
    for batch_start in range(0, feed_count, 50):
        with database.transaction(conn):
            for index in range(batch_start, min(batch_start + 50, feed_count)):
                outlet = f"outlet{index}"
                entries: list[NewEntry] = []
                span = 90 * 86400 if index else 400 * 86400  # the big feed goes back further
                for _ in range(sizes[index]):
                    if wire and rng.random() < 0.01:  # a wire story another feed carried
                        entries.append(NewEntry(rng.choice(wire), "", ""))
                        continue
                    serial += 1
                    title, text, html = gen.article()
                    date = datetime.fromtimestamp(now - rng.random() * span, UTC)
                    entry = ParsedEntry(
                        guid=f"urn:gen:{serial}",
                        link=f"http://127.0.0.1:9/a/{serial}.html",
                        title=title,
                        published=date,
                        summary_html=html[:400],
                    )
                    if rng.random() < 0.003:
                        wire.append(entry)
                    state = PageState.DONE if len(text) > 800 else PageState.SKIPPED
                    entries.append(NewEntry(entry, html, text, state))
                articles.store_entries(conn, feed_ids[index], entries, outlet=outlet, now=now)
    # Roughly 60% read: everything older than the newest ~40% of each feed.
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM articles WHERE published < ? ", (now - 0.4 * 90 * 86400,)
        )
    ]
    articles.set_read(conn, ids, True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA optimize")
    conn.close()
    return time.perf_counter() - start


def cached_library(feed_count: int, article_count: int, seed: int) -> Path:
    """The built library for these parameters, building it on first use."""
    key = f"scale-f{feed_count}-a{article_count}-s{seed}-g{GENERATOR_VERSION}"
    cached = OUT / key
    if not (cached / "complete").is_file():
        shutil.rmtree(cached, ignore_errors=True)
        building = OUT / (key + ".building")
        shutil.rmtree(building, ignore_errors=True)
        print(f"Building {article_count:,} articles in {feed_count:,} feeds …", flush=True)
        seconds = build_library(building, feed_count, article_count, seed)
        (building / "complete").write_text(f"{seconds:.1f}\n")
        building.rename(cached)
        print(f"  built in {seconds:.1f} s -> {cached.relative_to(ROOT)}")
    else:
        print(
            f"Library: {cached.relative_to(ROOT)} (cached; built in "
            f"{float((cached / 'complete').read_text()):.1f} s)"
        )
    return cached


def working_copy(cached: Path, work: Path) -> Path:
    """A copy of the cached library, so runs that mark articles read start equal."""
    target = work / "library"
    shutil.copytree(cached, target, ignore=shutil.ignore_patterns("complete"))
    Library.open(target)  # apply migrations newer than the cache before timing anything
    return target


# ---------------------------------------------------------------------- first paint

# Runs in the app's process before the real entry point: when the main window's first
# frame has been painted it prints the wall-clock time, idles, then quits. Nothing in
# the app changes; this only watches its events.
_PAINT_PROBE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
import desktop_reader.ui.main_window as main_window

class Probe(QObject):
    done = False
    def eventFilter(self, obj, event):
        if (not self.done and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget)
                and isinstance(obj.window(), main_window.MainWindow)):
            self.done = True
            QTimer.singleShot(0, self.painted)  # after the whole first frame
        return False
    def painted(self):
        print(f"PAINTED {time.time():.6f}", flush=True)
        QTimer.singleShot(int(sys.argv[1]), QApplication.instance().quit)

probe = Probe()
original_init = main_window.MainWindow.__init__
def init(self, *args, **kwargs):
    QApplication.instance().installEventFilter(probe)
    original_init(self, *args, **kwargs)
main_window.MainWindow.__init__ = init
from desktop_reader.cli import main
sys.exit(main([]))
"""


def _vm_rss_mb(pid: int | str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def first_paint(data: Path, work: Path, idle_s: float = 1.5) -> tuple[float, float]:
    """(seconds from launch to first painted frame, RSS MB after `idle_s` idle)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DESKTOP_READER_DATA": str(data),
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_RUNTIME_DIR": str(work / "run"),
    }
    (work / "run").mkdir(mode=0o700, exist_ok=True)
    start = time.time()
    process = subprocess.Popen(
        [sys.executable, "-c", _PAINT_PROBE, str(int(idle_s * 2000))],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = ""
        while not line.startswith("PAINTED"):
            line = process.stdout.readline()
            if not line:
                raise RuntimeError("the app exited before painting its window")
        painted = float(line.split()[1]) - start
        time.sleep(idle_s)
        rss = _vm_rss_mb(process.pid)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return painted, rss


# ---------------------------------------------------------------------- interactions

_QUERIES = (
    "budget",
    "election",
    "court ruling",
    "police investigation",
    "energy prices",
    "strike",
    "wildfire",
    "flood warning",
    "central bank rates",
    "hospital",
    "teachers strike",
    "railway",
    "airport",
    "climate",
    "storm damage",
    "inflation",
    "parliament vote",
    "trade deal",
    "housing rents",
    "water shortage",
    "cyber attack",
    "festival",
    "museum exhibition",
    "coach",
    "stadium",
    "solar",
    "wind power",
    "exports",
    "university research",
    "mayor",
    "minister warned",
    "opposition party",
    "emergency rescue",
    "bridge",
    "tunnel",
    "outage",
    "privacy",
    "software",
    "January",
    "record",
    "percent",
    "billion",
    "econ",
    "invest",
    "firefight",
    "according to",
    "said",
    "the",
    "harbour",
    "gallery",
)


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def interactions(data: Path) -> dict[str, float]:
    """The GUI models on the library, in this process (offscreen Qt), timed in ms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_reader.ui.models.article_list import ArticleListModel
    from desktop_reader.ui.models.feed_tree import FeedTreeModel

    app = QApplication.instance() or QApplication([])
    library = Library.open(data)
    conn = library.connect()
    from desktop_reader.core.reader import Reader

    reader = Reader(library)
    big_feed = conn.execute(
        "SELECT feed_id FROM feed_articles GROUP BY feed_id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    tree = FeedTreeModel(library.media)
    model = ArticleListModel(reader)
    figures: dict[str, float] = {}
    figures["feed tree with unread counts"] = _ms(lambda: tree.reload(reader))
    figures["open All Articles (count + first page)"] = _ms(lambda: model.set_scope(None))
    figures["open the 10,000-article feed"] = _ms(lambda: model.set_scope([big_feed]))
    figures["scroll: next page of 200"] = _ms(model.fetchMore)
    folder = tree.find("folder:World")
    folder_ids = tree.node(folder).feed_ids()
    figures["open a folder (~90 feeds)"] = _ms(lambda: model.set_scope(folder_ids))
    one = model.article_row(3)
    assert one is not None

    def read_one() -> None:  # what selecting an unread article does in MainWindow
        articles.set_read(conn, [one.id], True)
        model.mark(one.id, read=True)
        tree.reload(reader)

    figures["select an article (mark read + counts)"] = _ms(read_one)
    latencies = []
    for query in _QUERIES:
        latencies.append(_ms(lambda q=query: articles.search(conn, q)))
    latencies.sort()
    figures["search p50"] = statistics.median(latencies)
    figures["search p95"] = latencies[int(len(latencies) * 0.95) - 1]
    figures["search max"] = latencies[-1]
    model.set_scope([big_feed])
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM feed_articles WHERE feed_id = ? "
            "ORDER BY published DESC LIMIT 10000",
            (big_feed,),
        )
    ]
    conn.execute(
        "UPDATE article_state SET read = 0 WHERE article_id IN "
        "(SELECT article_id FROM feed_articles WHERE feed_id = ?)",
        (big_feed,),
    )

    def mark_all() -> None:  # Feed > Mark All Read on the 10,000-article feed
        articles.set_feed_read(conn, [big_feed])
        model.mark_all_read()
        tree.reload(reader)

    figures["mark 10,000 read (Mark All Read)"] = _ms(mark_all)
    articles.set_read(conn, ids, False)
    figures["mark 10,000 read (set_read of ids)"] = _ms(lambda: articles.set_read(conn, ids))
    conn.close()
    app.processEvents()
    return figures


def db_size_mb(data: Path) -> float:
    db = paths.database_path(data)
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6


# ---------------------------------------------------------------------- soak


def _slope(values: list[float]) -> float:
    """Least-squares slope of values against their index (per cycle)."""
    n = len(values)
    if n < 2:
        return 0.0
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    num = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values))
    return num / sum((x - mean_x) ** 2 for x in range(n))


def soak(cycles: int, feed_count: int, entries: int) -> int:
    from desktop_reader.core.fetch import Fetcher
    from desktop_reader.core.pipeline import pages, refresh
    from tests.feedfarm import Farm

    farm = Farm(
        "--feeds",
        str(feed_count),
        "--entries",
        str(entries),
        "--churn",
        "100000",
        ttl=max(900, cycles * 120),
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "library"
            opml = Path(tmp) / "farm.opml"
            opml.write_bytes(farm.get_bytes("/opml"))
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "desktop_reader",
                    "--data-dir",
                    str(data),
                    "import-opml",
                    str(opml),
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            library = Library.open(data)
            print(
                f"Soak: {feed_count} farm feeds x {entries} entries, churn by "
                f"/_farm/tick?n=1 before each cycle; {cycles} cycles"
            )
            print(f"{'cycle':>5} {'new':>6} {'pages':>6} {'seconds':>8} {'RSS MB':>8}")
            rss: list[float] = []
            with Fetcher() as fetcher:
                for cycle in range(cycles):
                    if cycle:
                        farm.get_bytes("/_farm/tick?n=1")
                    start = time.perf_counter()
                    summary = refresh.refresh_feeds(library, fetcher)
                    stored = pages.download_articles(library, fetcher, per_host=None)
                    rss.append(_vm_rss_mb("self"))
                    print(
                        f"{cycle:>5} {summary.new_articles:>6} {stored:>6} "
                        f"{time.perf_counter() - start:>8.1f} {rss[-1]:>8.1f}",
                        flush=True,
                    )
            total = articles.count_articles(library.connect())
    finally:
        farm.stop()
    # The first cycles fill caches and pools (cold refresh of every page); judge the rest.
    first = 2 if len(rss) > 4 else 0
    slope = _slope(rss[first:])
    print(
        f"\n{total} articles stored. RSS {rss[0]:.1f} MB after cycle 0, "
        f"{rss[-1]:.1f} MB after cycle {len(rss) - 1}."
    )
    print(
        f"RSS slope over cycles {first}..{len(rss) - 1}: {slope:+.3f} MB/cycle "
        f"({'flat' if abs(slope) < 0.25 else 'GROWING' if slope > 0 else 'shrinking'}; "
        f"target |slope| < 0.25 MB/cycle)"
    )
    return 0 if abs(slope) < 0.25 else 1


def refresh_into(library_file: Path, feed_count: int, entries: int) -> int:
    """Refresh new farm feeds into a copy of a big library; print wall and CPU."""
    from benchmarks.proctree import TreeUsage
    from desktop_reader.core.fetch import Fetcher
    from desktop_reader.core.models import RefreshProgress
    from desktop_reader.core.pipeline import opml_io, refresh, update
    from tests.feedfarm import Farm

    farm = Farm("--feeds", str(feed_count), "--entries", str(entries), "--seed", "2", ttl=1800)
    try:
        with tempfile.TemporaryDirectory(dir=os.environ.get("SCALE_TMP")) as tmp:
            data = Path(tmp) / "library"
            data.mkdir()
            shutil.copy(library_file, paths.database_path(data))
            library = Library.open(data)
            conn = library.connect()
            before = articles.count_articles(conn)
            known = {f.id for f in feeds.list_feeds(conn)}
            opml_io.import_opml(conn, farm.get_bytes("/opml"))
            new_feeds = [f.id for f in feeds.list_feeds(conn) if f.id not in known]
            grouping: list[tuple[float, float]] = []  # (wall, the grouping thread's CPU)

            def progress(p: RefreshProgress) -> None:
                if p.message.startswith("Grouping"):  # reported by the grouping thread
                    grouping.append((time.perf_counter(), time.thread_time()))

            with Fetcher() as fetcher:
                start = time.perf_counter()
                with TreeUsage(exclude=(farm.process.pid,)) as usage:
                    summary = refresh.refresh_feeds(library, fetcher, new_feeds)
                feeds_wall, feeds_cpu = time.perf_counter() - start, usage.cpu_seconds
                start = time.perf_counter()
                with TreeUsage(exclude=(farm.process.pid,)) as usage:
                    done, changed = update.complete_library(
                        library, fetcher, progress=progress, per_host=None
                    )
                wall, cpu = time.perf_counter() - start, usage.cpu_seconds
                own = usage.cpu_by_pid().get(os.getpid(), 0.0)
            images = conn.execute(
                "SELECT COUNT(*) FROM article_images WHERE sha256 IS NOT NULL"
            ).fetchone()[0]
            after = articles.count_articles(conn)
            conn.close()
    finally:
        farm.stop()
    print(
        f"Refresh into a {before:,}-article library: {summary.new_articles:,} new articles "
        f"from {len(new_feeds)} farm feeds (load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores)"
    )
    print(f"  feeds fetched and stored: {feeds_wall:.2f} s wall, {feeds_cpu:.2f} s CPU")
    print(
        f"  pages + images + stories (complete_library): {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"with worker processes (target <= 10 s); {done:,} pages, {images:,} images, "
        f"{len(changed):,} stories changed, {after:,} articles"
    )
    print(
        f"  CPU by process: this one (storing, grouping, images' writes) {own:.2f} s, "
        f"worker processes (page extraction, image checks) {cpu - own:.2f} s"
    )
    if grouping:
        # From the first batch reported to the last: the grouping took at least this.
        took, used = (b - a for a, b in zip(grouping[0], grouping[-1], strict=True))
        print(
            f"  of which grouping (first to last batch of {len(grouping)}): {took:.2f} s "
            f"wall, {used:.2f} s CPU of its thread"
        )
    return 0 if wall <= 10.0 else 1


# ---------------------------------------------------------------------- report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--soak", type=int, metavar="N", help="soak mode: N refresh cycles")
    parser.add_argument("--soak-feeds", type=int, default=200)
    parser.add_argument("--soak-entries", type=int, default=20)
    parser.add_argument(
        "--refresh-into", type=Path, metavar="LIBRARY", help="a refresh into a copy of LIBRARY"
    )
    parser.add_argument("--new-feeds", type=int, default=20)
    parser.add_argument("--new-entries", type=int, default=50)
    args = parser.parse_args()
    if args.refresh_into:
        return refresh_into(args.refresh_into, args.new_feeds, args.new_entries)
    if args.soak:
        return soak(args.soak, args.soak_feeds, args.soak_entries)

    cached = cached_library(args.feeds, args.articles, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = working_copy(cached, work)
        size = db_size_mb(data)
        paint = [first_paint(data, work) for _ in range(args.repeat)]
        runs = [interactions(data) for _ in range(args.repeat)]
    print(
        f"\n{args.feeds:,} feeds, {args.articles:,} articles; medians of {args.repeat} runs "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n"
    )
    print(f"{'':44}{'median':>10}{'min':>10}{'target':>10}  ")

    def row(label: str, values: list[float], unit: str, target: float | None) -> None:
        median = statistics.median(values)
        verdict = "" if target is None else ("ok" if median <= target else "MISSES")
        target_text = f"{target:g}" if target is not None else "-"
        print(
            f"{label:44}{median:>9.1f}{unit:<1}{min(values):>9.1f}{unit:<1}"
            f"{target_text:>9}{unit:<1} {verdict}"
        )

    row("start to first paint (s)", [p[0] for p in paint], "s", TARGET_PAINT_S)
    row("idle RSS after first paint (MB)", [p[1] for p in paint], "M", TARGET_RSS_MB)
    for label in runs[0]:
        target = None if label == "search max" else TARGET_INTERACTION_MS
        row(label + " (ms)", [r[label] for r in runs], "", target)
    print(f"{'database size (MB, with WAL)':44}{size:>9.1f}M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
