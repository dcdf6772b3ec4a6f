"""Benchmark at national scale: generate data, build it, measure MkDocs alone, check the targets.

Run from the project folder:

    .venv/bin/python bench/run.py [--sizes 1000,5000,10000] [--keep DIR] [--smoke]

For each size it generates a dataset with site-builder's generator (300 campaigns and 500
nominee lists of about 50 nominees at 10,000 exemplars, proportionally fewer below), times
`site-builder validate` and `site-builder build` in fresh processes (peak memory from wait4),
then builds the same generated pages with MkDocs alone as the build runs it (two processes on
large sites, navigation rendered once per folder) and indexes them with Pagefind as the build
does (the searchable pages' folders only): the floor our own stages add to. For reference it
also times plain MkDocs (one process, the whole theme around every page) and Pagefind over
every HTML file (--no-plain skips these). Every figure comes from a child process, so one
build's memory does not leak into the next.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# The targets of issue 6, checked at the largest size measured.
WHOLE_BUILD_LIMIT_S = 40.0
PEAK_MEMORY_LIMIT_MB = 1.5 * 1024
OWN_SHARE_LIMIT = 0.25
RATIO_LIMIT = 2.1
VALIDATE_LIMIT_S = 3.0

FULL_SIZE = 10_000
FULL_CAMPAIGNS = 300
FULL_LISTS = 500
NOMINEES_PER_LIST = 50
SMOKE_SIZE = 200


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    returncode: int


@dataclass
class Result:
    exemplars: int
    campaigns: int
    lists: int
    nominees: int = 0
    generate_s: float = 0.0
    validate_s: float = 0.0
    build: Measured | None = None
    stages: dict[str, float] = field(default_factory=dict)
    own_peak_mb: float | None = None
    html_pages: int = 0
    site_mb: float = 0.0
    search_mb: float = 0.0
    floor_mkdocs_s: float = 0.0
    floor_pagefind_s: float | None = None
    plain_mkdocs_s: float | None = None
    plain_pagefind_s: float | None = None

    @property
    def floor_s(self) -> float:
        return self.floor_mkdocs_s + (self.floor_pagefind_s or 0.0)

    @property
    def whole_s(self) -> float:
        return self.build.seconds if self.build else 0.0

    @property
    def own_s(self) -> float:
        return self.whole_s - self.floor_s

    @property
    def own_in_build_s(self) -> float:
        """The same from the build's own stage times: the floor and the build run minutes apart
        on a machine others may be using, and this estimate does not depend on both being alike."""
        return (
            self.whole_s - self.stages.get("mkdocs", 0.0) - (self.stages.get("search", 0.0) if self.search_mb else 0.0)
        )


def measure(cmd: list[str], log: Path) -> Measured:
    """Run cmd in a fresh process; wall time and its peak resident memory (wait4's ru_maxrss)."""
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(log.read_text(encoding="utf-8")[-3000:])
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    # ru_maxrss is in kilobytes on Linux.
    return Measured(seconds, usage.ru_maxrss / 1024, proc.returncode)


def folder_mb(path: Path) -> float:
    if not path.is_dir():
        return 0.0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def pagefind_available() -> bool:
    probe = subprocess.run([PYTHON, "-m", "pagefind", "--version"], capture_output=True, check=False)
    return probe.returncode == 0


def scaled(n: int, full: int) -> int:
    return max(3, round(full * n / FULL_SIZE))


def run_size(n: int, work: Path, now: str, seed: int, plain: bool = True) -> Result:
    from site_builder.synthetic.generate import Options, generate

    result = Result(exemplars=n, campaigns=scaled(n, FULL_CAMPAIGNS), lists=scaled(n, FULL_LISTS))
    folder = work / str(n)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    data, site, docs, floor_site = folder / "data", folder / "site", folder / "docs", folder / "floor-site"
    print(f"[{n}] generating", file=sys.stderr, flush=True)
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

    print(f"[{n}] validating", file=sys.stderr, flush=True)
    base = [PYTHON, "-m", "site_builder", "--root", str(ROOT)]
    result.validate_s = measure([*base, "validate", "--data", str(data)], folder / "validate.log").seconds

    print(f"[{n}] building", file=sys.stderr, flush=True)
    timings = folder / "timings.json"
    build_cmd = [*base, "build", "--data", str(data), "--out", str(site), "--now", now, "--quiet"]
    result.build = measure([*build_cmd, "--timings", str(timings)], folder / "build.log")
    report = json.loads(timings.read_text(encoding="utf-8"))
    result.stages = report["stages"]
    result.own_peak_mb = report["peak_rss_mb"]
    result.html_pages = sum(1 for _ in site.rglob("*.html"))
    result.site_mb = folder_mb(site)
    result.search_mb = folder_mb(site / "pagefind")

    print(f"[{n}] floor: MkDocs and Pagefind alone on the same pages", file=sys.stderr, flush=True)
    here = str(Path(__file__).resolve())
    glob_file = folder / "pagefind-glob.txt"
    measure([PYTHON, here, "_stage-docs", str(data), str(docs), now, str(glob_file)], folder / "stage-docs.log")
    result.floor_mkdocs_s = measure(
        [PYTHON, here, "_mkdocs", str(data), str(docs), str(floor_site)], folder / "floor-mkdocs.log"
    ).seconds
    search = (site / "pagefind").is_dir() and pagefind_available()
    if search:
        cmd = [PYTHON, "-m", "pagefind", "--site", str(floor_site), "--glob", glob_file.read_text(encoding="utf-8")]
        result.floor_pagefind_s = measure(cmd, folder / "floor-pagefind.log").seconds
    if plain:
        print(f"[{n}] reference: plain MkDocs and Pagefind", file=sys.stderr, flush=True)
        plain_site = folder / "plain-site"
        result.plain_mkdocs_s = measure(
            [PYTHON, here, "_mkdocs", str(data), str(docs), str(plain_site), "--plain"], folder / "plain-mkdocs.log"
        ).seconds
        if search:
            cmd = [PYTHON, "-m", "pagefind", "--site", str(plain_site)]
            result.plain_pagefind_s = measure(cmd, folder / "plain-pagefind.log").seconds
        shutil.rmtree(plain_site, ignore_errors=True)
    return result


# --- children: the floor's two halves -----------------------------------------------------


def stage_docs(data_dir: Path, docs_dir: Path, now: str, glob_file: Path) -> None:
    """Write the docs folder a build hands to MkDocs (generated pages, content/, images) and the
    glob of searchable pages the build hands Pagefind."""
    from site_builder import mkdocs_adapter
    from site_builder.build import check
    from site_builder.cli import parse_now
    from site_builder.model import SiteModel
    from site_builder.search import page_glob, searchable_urls
    from site_builder.site import Site
    from site_builder.writer import Writer

    data, _, _ = check(data_dir, parse_now(now))
    docs = Writer(docs_dir)
    pages = Site(SiteModel(data, parse_now(now))).pages()
    for page in pages:
        docs.text(mkdocs_adapter.source_path(page.url), mkdocs_adapter.source_text(page))
    docs.copy_tree(ROOT / "content")
    hand_written = mkdocs_adapter.content_urls(ROOT / "content")
    glob_file.write_text(page_glob(searchable_urls(pages, hand_written)), encoding="utf-8")
    docs.copy_tree(data_dir / "images", "images/")


def mkdocs_alone(data_dir: Path, docs_dir: Path, site_dir: Path, plain: bool = False) -> None:
    """MkDocs on a prepared docs folder, with the configuration a build passes it.

    As the build runs it (two processes on large sites, navigation rendered once per folder),
    or plain: one process rendering the whole theme around every page.
    """
    import yaml

    from site_builder import mkdocs_adapter

    if plain:
        mkdocs_adapter.SHARE_CHROME = False
        mkdocs_adapter.MIN_PAGES_TO_SPLIT = sys.maxsize

    from site_builder.records import SiteSettings

    settings = SiteSettings.model_validate(yaml.safe_load((data_dir / "site.yml").read_text(encoding="utf-8")))
    overrides = mkdocs_adapter.config_overrides(settings)
    # The build hands MkDocs its pages already rendered (see mkdocs_adapter); do the same here,
    # reading them back from the docs folder, so the floor is MkDocs' own work on these pages.
    prerendered: dict[str, tuple[dict[str, Any], str]] = {}
    for path in docs_dir.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n{"):
            header, body = text[4:].split("\n---\n\n", 1)
            prerendered[path.relative_to(docs_dir).as_posix()] = (json.loads(header), body.removesuffix("\n"))
    mkdocs_adapter.run(ROOT / "mkdocs.yml", docs_dir, site_dir, overrides, prerendered)


# --- report --------------------------------------------------------------------------------


def _fmt(value: float | int | str | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def table(results: list[Result]) -> str:
    stage_names: list[str] = []
    for result in results:
        stage_names += [name for name in result.stages if name not in stage_names]
    rows: list[tuple[str, list[str]]] = [
        ("exemplars", [_fmt(r.exemplars) for r in results]),
        ("campaigns", [_fmt(r.campaigns) for r in results]),
        ("nominee lists", [_fmt(r.lists) for r in results]),
        ("nominees", [_fmt(r.nominees) for r in results]),
        ("generate (s)", [_fmt(r.generate_s) for r in results]),
        ("validate, fresh process (s)", [_fmt(r.validate_s) for r in results]),
        ("build, whole (s)", [_fmt(r.whole_s) for r in results]),
        *((f"  stage {name} (s)", [_fmt(r.stages.get(name), 2) for r in results]) for name in stage_names),
        ("peak memory (MB)", [_fmt(r.build.peak_mb if r.build else None, 0) for r in results]),
        ("  of it site-builder alone (MB)", [_fmt(r.own_peak_mb, 0) for r in results]),
        ("pages written (HTML files)", [_fmt(r.html_pages) for r in results]),
        ("site size (MB)", [_fmt(r.site_mb) for r in results]),
        ("search index (MB)", [_fmt(r.search_mb) for r in results]),
        ("floor: MkDocs alone, as the build runs it (s)", [_fmt(r.floor_mkdocs_s) for r in results]),
        ("floor: Pagefind alone, as the build runs it (s)", [_fmt(r.floor_pagefind_s) for r in results]),
        ("floor total (s)", [_fmt(r.floor_s) for r in results]),
        ("  reference: plain MkDocs, one process (s)", [_fmt(r.plain_mkdocs_s) for r in results]),
        ("  reference: plain Pagefind, every HTML file (s)", [_fmt(r.plain_pagefind_s) for r in results]),
        ("our own stages (s)", [_fmt(r.own_s) for r in results]),
        ("our own stages share (%)", [_fmt(100 * r.own_s / r.whole_s if r.whole_s else None) for r in results]),
        ("  cross-check: whole - mkdocs, search stages (s)", [_fmt(r.own_in_build_s) for r in results]),
    ]
    width = max(len(label) for label, _ in rows)
    cells = max(max(len(c) for c in values) for _, values in rows)
    lines = [f"{label:<{width}}  " + "  ".join(f"{c:>{cells}}" for c in values) for label, values in rows]
    rule = "-" * len(lines[0])
    return "\n".join([rule, lines[0], rule, *lines[1:], rule])


def targets(results: list[Result]) -> tuple[str, bool]:
    largest = max(results, key=lambda r: r.exemplars)
    half = next((r for r in results if 2 * r.exemplars == largest.exemplars), None)
    checks: list[tuple[str, float | None, str, float, str]] = [
        (f"whole build at {largest.exemplars:,} exemplars", largest.whole_s, "s", WHOLE_BUILD_LIMIT_S, "<="),
        (
            "peak memory, largest build",
            max(r.build.peak_mb for r in results if r.build),
            "MB",
            PEAK_MEMORY_LIMIT_MB,
            "<=",
        ),
        (
            f"our own stages share at {largest.exemplars:,}",
            100 * largest.own_s / largest.whole_s if largest.whole_s else None,
            "%",
            100 * OWN_SHARE_LIMIT,
            "<=",
        ),
        (
            f"build time ratio {largest.exemplars:,} / {half.exemplars:,}"
            if half
            else "build time ratio (needs n and n/2)",
            largest.whole_s / half.whole_s if half and half.whole_s else None,
            "x",
            RATIO_LIMIT,
            "<=",
        ),
        (f"validation alone at {largest.exemplars:,}", largest.validate_s, "s", VALIDATE_LIMIT_S, "<="),
    ]
    lines = ["Targets"]
    all_pass = True
    for label, value, unit, limit, op in checks:
        if value is None:
            verdict, shown = "n/a", "-"
        else:
            ok = value <= limit
            all_pass &= ok
            verdict, shown = ("PASS" if ok else "MISS"), f"{value:,.2f} {unit}"
        lines.append(f"  {label:<44} {shown:>14}   {op} {limit:g} {unit:<3}  {verdict}")
    return "\n".join(lines), all_pass


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "_stage-docs":
        stage_docs(Path(args[1]), Path(args[2]), args[3], Path(args[4]))
        return 0
    if args and args[0] == "_mkdocs":
        mkdocs_alone(Path(args[1]), Path(args[2]), Path(args[3]), plain="--plain" in args[4:])
        return 0
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="exemplar counts, comma-separated")
    parser.add_argument("--keep", help="keep the generated data, sites and logs in this folder")
    parser.add_argument("--smoke", action="store_true", help=f"one small size ({SMOKE_SIZE}) for CI")
    parser.add_argument("--now", default=None, help="build clock and consultation date (default: today)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--no-plain", action="store_true", help="skip the reference run of plain MkDocs and Pagefind (saves time)"
    )
    options = parser.parse_args(args)
    sizes = [SMOKE_SIZE] if options.smoke else sorted({int(s.replace("_", "")) for s in options.sizes.split(",")})
    now = options.now or datetime.now().date().isoformat()
    sys.path.insert(0, str(ROOT))
    work = Path(options.keep).resolve() if options.keep else Path(tempfile.mkdtemp(prefix="site-builder-bench-"))
    try:
        plain = not (options.no_plain or options.smoke)
        results = [run_size(n, work, now, options.seed, plain) for n in sizes]
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"site-builder benchmark, {now}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(table(results))
    report, _ = targets(results)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
