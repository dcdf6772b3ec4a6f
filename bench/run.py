"""Benchmark at national scale: build generated data cold, index its pages with Pagefind alone,
rebuild one edited exemplar from the cache, and check the targets of issue 16.

Run from the project folder:

    .venv/bin/python bench/run.py [--sizes 5000,10000] [--national] [--every-step] [--keep DIR] [--now DATE] [--smoke]

For each size it generates a dataset with site-builder's generator (300 campaigns and 500
nominee lists of about 50 nominees at 10,000 exemplars, proportionally more or fewer at other
sizes), then, each step in a fresh process (time, and peak memory from wait4):

1. `site-builder validate`;
2. `site-builder build --timings FILE`, cold: an empty cache beside the output folder;
3. Pagefind alone: the searchable pages of that site indexed as the build indexes them (the
   same parts, at most as many at once, no cache), timed on the clock of the build's search
   stage (search.Indexing: from its start, linking the first parts' pages, to the last part);
4. one exemplar's summary edited, the site rebuilt into the same folder with the cache the cold
   build left (`site-builder build` as in 2);
5. the edited data built cold into another folder with `--no-cache`, and the two sites compared
   file by file (tests/site_compare.py: Pagefind's files of varying order compared in any order).

Sizes above 10,000 (`--national` adds 50,000) run steps 1 and 2 only, unless --every-step.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# site_builder and tests.site_compare from this project, wherever the script is run from.
sys.path.insert(0, str(ROOT))

# The targets of issue 16, checked at 10,000 exemplars (at the largest size up to it if 10,000
# is not measured) and at five times that size (50,000, --national).
WHOLE_BUILD_LIMIT_S = 40.0
PAGEFIND_RATIO_LIMIT = 2.0  # issue 36: 2.0 first, then 1.75
PEAK_MEMORY_LIMIT_MB = 1.5 * 1024
INCREMENTAL_LIMIT_S = 10.0
INCREMENTAL_SHARE_LIMIT = 0.25
RATIO_LIMIT = 2.1
NATIONAL_RATIO_LIMIT = 5.5
VALIDATE_LIMIT_S = 3.0
# Issue 36: half of GitHub Pages' 1 GB at 10,000 exemplars, so that a site can double there.
PAGES_LIMIT_MB = 500.0

FULL_SIZE = 10_000
FULL_CAMPAIGNS = 300
FULL_LISTS = 500
NOMINEES_PER_LIST = 50
DEFAULT_SIZES = "5000,10000"
NATIONAL_SIZE = 50_000
SMOKE_SIZE = 200

# Put before the edited exemplar's summary: text a plain, quoted or folded YAML scalar takes as is.
EDIT_MARK = "(Đã sửa) "
# The wrapper of the indexed part of a page (overrides/main.html): what Pagefind indexes.
SEARCH_BODY = b"<div data-pagefind-body>"
SHOWN_DIFFERENCES = 20


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    returncode: int
    # User and system time of the process and every descendant it waited for: what a run costs
    # whatever else the machine does (wall time on a shared machine varies by a third).
    cpu_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass
class Part:
    pages: int
    seconds: float
    reused: bool = False


@dataclass
class Build:
    """One run of `site-builder build`, with what its --timings file says."""

    run: Measured
    stages: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage (see build.Progress)
    own_peak_mb: float | None = None
    parts: list[Part] = field(default_factory=list)

    @property
    def seconds(self) -> float | None:
        return self.run.seconds if self.run.ok else None


@dataclass
class Alone:
    """Pagefind alone over the searchable pages of a built site."""

    run: Measured
    seconds: float = 0.0
    pages: int = 0
    parts: list[Part] = field(default_factory=list)


@dataclass
class Result:
    exemplars: int
    campaigns: int
    lists: int
    nominees: int = 0
    generate_s: float = 0.0
    validate_s: float = 0.0
    cold: Build | None = None
    html_pages: int = 0
    site_mb: float = 0.0
    search_mb: float = 0.0
    pages_mb: float = 0.0  # as GitHub Pages receives it: no .gz copies (build --host github-pages)
    pages_files: int = 0
    alone: Alone | None = None
    edited: str = ""
    incremental: Build | None = None
    check: Build | None = None
    differing: list[str] | None = None

    @property
    def builds(self) -> list[Build]:
        return [build for build in (self.cold, self.incremental, self.check) if build]

    @property
    def cold_s(self) -> float | None:
        return self.cold.seconds if self.cold else None

    @property
    def peak_mb(self) -> float | None:
        """The largest resident memory of any one process of any build of this size."""
        return max((build.run.peak_mb for build in self.builds), default=None)

    @property
    def pagefind_ratio(self) -> float | None:
        if self.cold_s is None or not self.alone or not self.alone.run.ok or not self.alone.seconds:
            return None
        return self.cold_s / self.alone.seconds

    @property
    def incremental_s(self) -> float | None:
        return self.incremental.seconds if self.incremental else None

    @property
    def incremental_share(self) -> float | None:
        if self.incremental_s is None or not self.cold_s:
            return None
        return self.incremental_s / self.cold_s

    @property
    def beyond_pagefind_s(self) -> float | None:
        """The cold build's seconds beyond Pagefind alone."""
        return self.cold_s - self.alone.seconds if self.cold_s and self.alone and self.pagefind_ratio else None

    @property
    def failed(self) -> bool:
        runs = [build.run for build in self.builds] + ([self.alone.run] if self.alone else [])
        return any(not run.ok for run in runs)

    @property
    def same_parts(self) -> bool | None:
        if not self.cold or not self.alone or not self.alone.run.ok:
            return None
        return [part.pages for part in self.cold.parts] == [part.pages for part in self.alone.parts]


def measure(cmd: list[str], log: Path, required: bool = True) -> Measured:
    """Run cmd in a fresh process; wall time and the peak resident memory of it or any of its
    descendants, whichever is largest (wait4's ru_maxrss). A required command that fails ends
    the benchmark; another is reported failed."""
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    returncode = os.waitstatus_to_exitcode(status)
    if returncode != 0:
        sys.stderr.write(log.read_text(encoding="utf-8", errors="replace")[-3000:])
        message = f"failed ({returncode}): {' '.join(cmd)}"
        if required:
            raise SystemExit(message)
        print(message, file=sys.stderr, flush=True)
    # ru_maxrss is in kilobytes on Linux.
    return Measured(seconds, usage.ru_maxrss / 1024, returncode, usage.ru_utime + usage.ru_stime)


def folder_mb(path: Path) -> float:
    if not path.is_dir():
        return 0.0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def pages_size(site: Path) -> tuple[float, int]:
    """MB and files of the site as GitHub Pages receives it: what `build --host github-pages`
    writes, the same files without the .gz copies an nginx sends (MkDocs' sitemap.xml.gz stays)."""
    files = [p for p in site.rglob("*") if p.is_file() and (p.suffix != ".gz" or p.name == "sitemap.xml.gz")]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


def scaled(n: int, full: int) -> int:
    return max(3, round(full * n / FULL_SIZE))


def timed_build(cmd: list[str], timings: Path, log: Path) -> Build:
    run = measure([*cmd, "--timings", str(timings)], log, required=False)
    if not run.ok:
        return Build(run)
    report = json.loads(timings.read_text(encoding="utf-8"))
    parts = [Part(part["pages"], part["seconds"], part["reused"]) for part in report.get("search_parts", [])]
    return Build(run, report["stages"], report.get("cpu_seconds", {}), report["peak_rss_mb"], parts)


def edit_one_exemplar(data: Path) -> str:
    """Put EDIT_MARK before the summary of the exemplar in the middle of the sorted files; its id."""
    import yaml

    files = sorted((data / "exemplars").glob("*.yml"))
    path = files[len(files) // 2]
    text = path.read_text(encoding="utf-8")
    before = yaml.safe_load(text)["summary"]
    edited = re.sub(
        r"^summary: (?:[>|][-+]?\n  |\"|')?", lambda found: found.group(0) + EDIT_MARK, text, count=1, flags=re.M
    )
    path.write_text(edited, encoding="utf-8")
    after = yaml.safe_load(edited)["summary"]
    if after != EDIT_MARK + before:
        raise SystemExit(f"{path}: the edit did not change the summary as meant ({after[:60]!r})")
    return path.stem


def run_size(n: int, work: Path, now: str, seed: int, every_step: bool) -> Result:
    from site_builder.synthetic.generate import Options, generate
    from tests.site_compare import differences

    result = Result(exemplars=n, campaigns=scaled(n, FULL_CAMPAIGNS), lists=scaled(n, FULL_LISTS))
    folder = work / str(n)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    data, site, check_site = folder / "data", folder / "site", folder / "check" / "site"

    def step(what: str) -> None:
        print(f"[{n:,}] {what}", file=sys.stderr, flush=True)

    step("generating")
    options = Options(
        exemplars=n,
        campaigns=result.campaigns,
        lists=result.lists,
        nominees_per_list=NOMINEES_PER_LIST,
        seed=seed,
        now=date.fromisoformat(now),
    )
    # The reference tables of the frozen sample, so figures compare across forks whatever data/ holds.
    summary = generate(data, options, ROOT / "tests" / "fixtures" / "sample")
    result.generate_s, result.nominees = summary.seconds, summary.nominees

    step("validating")
    base = [PYTHON, "-m", "site_builder", "--root", str(ROOT)]
    result.validate_s = measure([*base, "validate", "--data", str(data)], folder / "validate.log").seconds

    step("building, cold (empty cache)")
    build_cmd = [*base, "build", "--data", str(data), "--out", str(site), "--now", now, "--quiet"]
    result.cold = timed_build(build_cmd, folder / "timings.json", folder / "build.log")
    if not result.cold.run.ok:
        return result
    result.html_pages = sum(1 for _ in site.rglob("*.html"))
    result.site_mb = folder_mb(site)
    result.search_mb = folder_mb(site / "pagefind")
    result.pages_mb, result.pages_files = pages_size(site)
    if n > FULL_SIZE and not every_step:
        return result

    step("Pagefind alone on the searchable pages, in the build's parts")
    report = folder / "pagefind-alone.json"
    here = str(Path(__file__).resolve())
    cmd = [PYTHON, here, "_pagefind", str(site), str(folder / "alone"), str(report)]
    run = measure(cmd, folder / "pagefind-alone.log", required=False)
    result.alone = Alone(run)
    if run.ok:
        alone = json.loads(report.read_text(encoding="utf-8"))
        result.alone.seconds, result.alone.pages = alone["seconds"], alone["pages"]
        result.alone.parts = [Part(part["pages"], part["seconds"]) for part in alone["parts"]]
    shutil.rmtree(folder / "alone", ignore_errors=True)

    step("one exemplar edited, rebuilt into the same folder from the cache")
    result.edited = edit_one_exemplar(data)
    result.incremental = timed_build(build_cmd, folder / "timings-edit.json", folder / "build-edit.log")

    step("the edited data built cold, without the cache, into another folder")
    check_cmd = [*base, "build", "--data", str(data), "--out", str(check_site), "--now", now, "--quiet", "--no-cache"]
    result.check = timed_build(check_cmd, folder / "timings-check.json", folder / "build-check.log")
    if result.incremental.run.ok and result.check.run.ok:
        step("comparing the two sites")
        result.differing = differences(site, check_site)
    return result


# --- child: Pagefind alone -------------------------------------------------------------------


def searchable_pages(site: Path) -> list[str]:
    """URLs of the built pages Pagefind indexes: those with the indexed wrapper (the build's list,
    search.searchable_urls, made from the built site alone)."""
    from site_builder.engines.search import INDEX_DIR

    urls = []
    for folder, dirs, names in os.walk(site):
        relative = Path(folder).relative_to(site).as_posix()
        if relative == ".":
            dirs[:] = [name for name in dirs if name != INDEX_DIR]
        if "index.html" in names and SEARCH_BODY in (Path(folder) / "index.html").read_bytes():
            urls.append("" if relative == "." else f"{relative}/")
    return sorted(urls)


def pagefind_alone(site: Path, floor: Path, report: Path) -> None:
    """Index the searchable pages of a built site as the build does (search.start_indexing: the
    same parts, as many at once), without the cache, into a folder of links to those pages."""
    from site_builder.engines.search import page_file, start_indexing

    urls = searchable_pages(site)
    pages = floor / "site"
    for url in urls:
        target = pages / page_file(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(site / page_file(url), target)
    indexing = start_indexing(pages, floor / "work", urls)
    try:
        parts, size, seconds = indexing.finish()
    finally:
        indexing.cancel()
    found = {
        "pages": len(urls),
        "seconds": seconds,
        "bytes": size,
        "parts": [{"pages": part.pages, "seconds": part.seconds} for part in parts],
    }
    report.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")


# --- report --------------------------------------------------------------------------------


def _fmt(value: float | str | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def _range(values: list[float], digits: int = 0) -> str | None:
    if not values:
        return None
    low, high = _fmt(min(values), digits), _fmt(max(values), digits)
    return low if low == high else f"{low}-{high}"


def _identity(result: Result) -> str | None:
    if result.differing is None:
        return "failed" if result.incremental or result.check else None
    return "same" if not result.differing else f"{len(result.differing)} differ"


def _reindexed(build: Build | None) -> str | None:
    if not build or not build.parts:
        return None
    return f"{sum(1 for part in build.parts if not part.reused)} of {len(build.parts)}"


def _stage_names(builds: list[Build | None]) -> list[str]:
    names: list[str] = []
    for build in builds:
        if build:
            names += [name for name in build.stages if name not in names]
    return names


def _failed(run: Measured | None) -> str | None:
    return "failed" if run and not run.ok else None


def _seconds(build: Build | None) -> float | str | None:
    if build is None:
        return None
    return build.seconds if build.seconds is not None else _failed(build.run)


def _stage(build: Build | None, name: str) -> float | None:
    return build.stages.get(name) if build else None


def _wall_cpu(build: Build | None, name: str) -> str:
    wall = _stage(build, name)
    if build is None or wall is None:
        return "-"
    cpu = build.cpu.get(name)
    return f"{wall:.2f}" if cpu is None else f"{wall:.2f} / {cpu:.1f}"


def table(results: list[Result]) -> str:
    def row(label: str, value: Callable[[Result], float | str | None], digits: int = 1) -> tuple[str, list[str]]:
        return label, [_fmt(value(r), digits) for r in results]

    def stages(builds: Callable[[Result], Build | None]) -> list[tuple[str, list[str]]]:
        names = _stage_names([builds(r) for r in results])
        return [(f"  stage {name} (s, wall / CPU)", [_wall_cpu(builds(r), name) for r in results]) for name in names]

    def alone_s(r: Result) -> float | str | None:
        if not r.alone:
            return None
        return r.alone.seconds if r.alone.run.ok else _failed(r.alone.run)

    def cold_parts(r: Result) -> list[Part]:
        return r.cold.parts if r.cold else []

    rows: list[tuple[str, list[str]]] = [
        row("exemplars", lambda r: r.exemplars),
        row("campaigns", lambda r: r.campaigns),
        row("nominee lists", lambda r: r.lists),
        row("nominees", lambda r: r.nominees),
        row("generate (s)", lambda r: r.generate_s),
        row("validate, fresh process (s)", lambda r: r.validate_s),
        row("cold build (s)", lambda r: _seconds(r.cold)),
        row("  CPU of all its processes (s)", lambda r: r.cold.run.cpu_seconds if r.cold else None),
        *stages(lambda r: r.cold),
        row("peak memory, any one process (MB)", lambda r: r.cold.run.peak_mb if r.cold else None, 0),
        row("  site-builder itself (MB)", lambda r: r.cold.own_peak_mb if r.cold else None, 0),
        row("pages written (HTML files)", lambda r: r.html_pages or None),
        row("site size (MB)", lambda r: r.site_mb or None),
        row("as GitHub Pages receives it (MB)", lambda r: r.pages_mb or None),
        row("as GitHub Pages receives it (files)", lambda r: r.pages_files or None),
        row("search index (MB)", lambda r: r.search_mb or None),
        row("search parts", lambda r: len(cold_parts(r)) or None),
        row("  pages per part", lambda r: _range([p.pages for p in cold_parts(r)])),
        row("  seconds per part", lambda r: _range([p.seconds for p in cold_parts(r)], 1)),
        row("Pagefind alone, same parts (s)", alone_s),
        row("  CPU (s)", lambda r: r.alone.run.cpu_seconds if r.alone else None),
        row("  its peak memory (MB)", lambda r: r.alone.run.peak_mb if r.alone else None, 0),
        row("  parts as in the build", lambda r: None if r.same_parts is None else ("yes" if r.same_parts else "NO")),
        row("cold build / Pagefind alone (x)", lambda r: r.pagefind_ratio, 2),
        row("cold build beyond Pagefind alone (s)", lambda r: r.beyond_pagefind_s),
        row("edit rebuilt from the cache (s)", lambda r: _seconds(r.incremental)),
        row("  CPU of all its processes (s)", lambda r: r.incremental.run.cpu_seconds if r.incremental else None),
        *stages(lambda r: r.incremental),
        row("  peak memory (MB)", lambda r: r.incremental.run.peak_mb if r.incremental else None, 0),
        row("  search parts indexed again", lambda r: _reindexed(r.incremental)),
        row("edit rebuild / cold build (x)", lambda r: r.incremental_share, 2),
        row("cold build of the edit, no cache (s)", lambda r: _seconds(r.check)),
        row("  peak memory (MB)", lambda r: r.check.run.peak_mb if r.check else None, 0),
        row("edit rebuild = its cold build", _identity),
    ]
    width = max(len(label) for label, _ in rows)
    cells = max(max(len(c) for c in values) for _, values in rows)
    lines = [f"{label:<{width}}  " + "  ".join(f"{c:>{cells}}" for c in values) for label, values in rows]
    rule = "-" * len(lines[0])
    return "\n".join([rule, lines[0], rule, *lines[1:], rule])


def parts_report(results: list[Result]) -> str:
    header = ("exemplars", "part", "pages", "cold build", "Pagefind alone", "edit rebuild")
    rows: list[tuple[str, ...]] = []
    for result in results:
        alone = result.alone.parts if result.alone else []
        edit = result.incremental.parts if result.incremental else []
        for number, part in enumerate(result.cold.parts if result.cold else []):
            rows.append(
                (
                    f"{result.exemplars:,}" if number == 0 else "",
                    str(number),
                    f"{part.pages:,}",
                    f"{part.seconds:.2f} s",
                    f"{alone[number].seconds:.2f} s" if number < len(alone) else "-",
                    ("reused" if edit[number].reused else f"{edit[number].seconds:.2f} s")
                    if number < len(edit)
                    else "-",
                )
            )
    widths = [max(len(cells[i]) for cells in [header, *rows]) for i in range(len(header))]
    lines = ["Search parts: pages, and seconds of each (reused: copied from the cache)"]
    lines += [
        "  " + "  ".join(f"{cell:>{width}}" for cell, width in zip(cells, widths, strict=True))
        for cells in [header, *rows]
    ]
    return "\n".join(lines)


def differences_report(results: list[Result]) -> str | None:
    lines = []
    for result in results:
        if result.differing:
            lines.append(
                f"  {result.exemplars:,} exemplars, exemplar {result.edited} edited: "
                f"{len(result.differing)} files differ from the cold build of the edit"
            )
            lines += [f"    {path}" for path in result.differing[:SHOWN_DIFFERENCES]]
            if len(result.differing) > SHOWN_DIFFERENCES:
                lines.append(f"    ... and {len(result.differing) - SHOWN_DIFFERENCES} more")
    return "\n".join(["Edit rebuild against its cold build: files that differ", *lines]) if lines else None


@dataclass
class Check:
    """A target: value at most limit, or (limit None) passed as said."""

    label: str
    value: float | None
    unit: str
    limit: float | None
    passed: bool | None = None
    shown: str | None = None
    failed: bool = False  # what it measures failed: a MISS

    @property
    def verdict(self) -> str:
        if self.failed:
            return "MISS"
        ok = self.passed if self.limit is None else None if self.value is None else self.value <= self.limit
        return "n/a" if ok is None else "PASS" if ok else "MISS"

    def line(self) -> str:
        digits = 0 if self.unit == "MB" else 2
        shown = self.shown or (
            "failed" if self.failed else "-" if self.value is None else f"{self.value:,.{digits}f} {self.unit}"
        )
        bound = "" if self.limit is None else f"<= {self.limit:g} {self.unit}"
        return f"  {self.label:<52} {shown:>14}   {bound:<12}  {self.verdict}"


def reference_sizes(results: list[Result]) -> tuple[Result, Result | None, Result | None]:
    """The size the targets name 10,000 (10,000, else the largest size up to it, else the
    smallest), the one half its size and the one five times its size, if measured."""
    by_size = {r.exemplars: r for r in results}
    below = [n for n in by_size if n <= FULL_SIZE]
    reference = by_size[FULL_SIZE if FULL_SIZE in by_size else max(below) if below else min(by_size)]
    half = next((r for r in results if 2 * r.exemplars == reference.exemplars), None)
    national = by_size.get(NATIONAL_SIZE * reference.exemplars // FULL_SIZE)
    return reference, half, national


def _broke(build: Build | None) -> bool:
    return build is not None and not build.run.ok


def targets(results: list[Result]) -> tuple[str, bool]:
    reference, half, national = reference_sizes(results)
    at = f"at {reference.exemplars:,}"
    compared = [r for r in results if r.incremental or r.check]
    same = [r.differing == [] for r in compared]
    unlike = sum(1 for r in compared if r.differing)
    broken = sum(1 for r in compared if r.differing is None)
    checks = [
        Check(f"cold build {at} exemplars", reference.cold_s, "s", WHOLE_BUILD_LIMIT_S, failed=_broke(reference.cold)),
        Check(f"cold build / Pagefind alone {at}", reference.pagefind_ratio, "x", PAGEFIND_RATIO_LIMIT),
        Check(f"peak memory, any one process of any build {at}", reference.peak_mb, "MB", PEAK_MEMORY_LIMIT_MB),
        Check(
            f"edit rebuilt from the cache {at}",
            reference.incremental_s,
            "s",
            INCREMENTAL_LIMIT_S,
            failed=_broke(reference.incremental),
        ),
        Check(f"edit rebuild / cold build {at}", reference.incremental_share, "x", INCREMENTAL_SHARE_LIMIT),
        Check(
            "edit rebuild = its cold build, byte for byte",
            None,
            "",
            None,
            passed=all(same) if same else None,
            shown=None if not same else "same" if all(same) else f"{unlike} differ, {broken} failed",
        ),
    ]
    if national:
        completed = national.cold_s is not None
        ratio = national.cold_s / reference.cold_s if national.cold_s and reference.cold_s else None
        checks += [
            Check(
                f"build completes at {national.exemplars:,}", None, "", None, completed, "yes" if completed else "no"
            ),
            Check(
                f"build time ratio {national.exemplars:,} / {reference.exemplars:,}", ratio, "x", NATIONAL_RATIO_LIMIT
            ),
            Check(
                f"peak memory, any one process of any build at {national.exemplars:,}",
                national.peak_mb,
                "MB",
                PEAK_MEMORY_LIMIT_MB,
            ),
        ]
    ratio = reference.cold_s / half.cold_s if half and half.cold_s and reference.cold_s else None
    checks += [
        Check(
            f"build time ratio {reference.exemplars:,} / {half.exemplars:,}"
            if half
            else "build time ratio (needs n, n/2)",
            ratio,
            "x",
            RATIO_LIMIT,
        ),
        Check(f"validation alone {at}", reference.validate_s, "s", VALIDATE_LIMIT_S),
        Check(
            f"site as GitHub Pages receives it {at}",
            reference.pages_mb or None,
            "MB",
            PAGES_LIMIT_MB,
            shown=f"{reference.pages_mb:,.0f} MB, {reference.pages_files:,} files" if reference.pages_mb else None,
        ),
    ]
    lines = ["Targets", *(check.line() for check in checks)]
    return "\n".join(lines), all(check.verdict != "MISS" for check in checks)


def parse_sizes(text: str) -> list[int]:
    return sorted({int(size.replace("_", "").replace(",", "")) for size in text.split(",") if size.strip()})


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "_pagefind":
        pagefind_alone(Path(args[1]), Path(args[2]), Path(args[3]))
        return 0
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help=f"exemplar counts, comma-separated (default {DEFAULT_SIZES})"
    )
    parser.add_argument("--national", action="store_true", help=f"add {NATIONAL_SIZE:,} exemplars (cold build only)")
    parser.add_argument(
        "--every-step",
        action="store_true",
        help=f"above {FULL_SIZE:,} exemplars too: Pagefind alone, the edit rebuild and its cold build",
    )
    parser.add_argument("--keep", help="keep the generated data, sites, caches and logs in this folder")
    parser.add_argument("--smoke", action="store_true", help=f"one small size ({SMOKE_SIZE}) for CI")
    parser.add_argument("--now", default=None, help="build clock and consultation date (default: today)")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(args)
    sizes = [SMOKE_SIZE] if options.smoke else parse_sizes(options.sizes)
    if options.national and not options.smoke:
        sizes = sorted({*sizes, NATIONAL_SIZE})
    now = options.now or datetime.now().date().isoformat()
    work = Path(options.keep).resolve() if options.keep else Path(tempfile.mkdtemp(prefix="site-builder-bench-"))
    results = []
    try:
        for n in sizes:
            results.append(run_size(n, work, now, options.seed, options.every_step))
            if not options.keep:
                # Two sites and a cache a size: gone before the next, larger size is built.
                shutil.rmtree(work / str(n), ignore_errors=True)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"site-builder benchmark, {now}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(table(results))
    print(parts_report(results))
    different = differences_report(results)
    if different:
        print(different)
    report, _ = targets(results)
    print(report)
    return 1 if any(r.failed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
