"""site-builder: build, validate, serve, edit, schema."""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from ..model.consultation import TZ, opens_at
from ..problems import BuildError, DataError, Problem
from ..site.server import PREVIEW_PORT
from ..validation.history import changed_files, public_changes, read_history
from . import reference
from .build import ENGINES, HOSTS, Progress, Project, build, check, size_warning
from .cms_config import LOCAL_PORT
from .report import FORMATS, environment_line, format_problem, gitlab_report, new_pages, summary_markdown


def parse_now(value: str | None) -> datetime:
    """--now accepts a date or an ISO-8601 time; without an offset it is Vietnam time."""
    if value is None:
        return datetime.now(TZ)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value), datetime.min.time())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"--now: '{value}' không phải thời điểm ISO-8601; ví dụ 2026-11-25 hoặc 2026-11-25T09:00:00+07:00"
            ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=TZ)


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.root).resolve()
    data_dir = Path(args.data).resolve() if args.data else root / "data"
    out_dir = Path(getattr(args, "out", None) or root / "site").resolve()
    return Project(root, data_dir, out_dir)


def _print_problems(problems: list[Problem], args: argparse.Namespace, data_dir: Path) -> None:
    # GitHub reads workflow commands from standard output; people read the text form on stderr.
    # GitLab reads one JSON report (CI saves standard output to a file), even an empty one.
    stream = sys.stdout if args.format == "github" else sys.stderr
    for problem in problems:
        print(format_problem(problem, "text" if args.format == "gitlab" else args.format, data_dir), file=stream)
    if args.format == "gitlab":
        print(gitlab_report(problems, data_dir))


def _report(exc: DataError, args: argparse.Namespace, data_dir: Path) -> int:
    errors = [p for p in exc.problems if p.severity == "error"]
    _print_problems(exc.problems, args, data_dir)
    warnings = len(exc.problems) - len(errors)
    print(
        f"Dữ liệu có {len(errors)} lỗi và {warnings} cảnh báo; chưa xuất bản gì, trang cũ giữ nguyên.",
        file=sys.stderr,
    )
    return 1


def _cache_dir(args: argparse.Namespace, project: Project) -> Path | None:
    """--cache, or beside the output folder (`<parent>/.<out>.cache`, like its lock); --no-cache: none."""
    if args.no_cache:
        return None
    if args.cache:
        return Path(args.cache).resolve()
    return default_cache(project)


def default_cache(project: Project) -> Path:
    return project.out_dir.with_name(f".{project.out_dir.name}.cache")


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    # Where the site goes (build --host); `edit` builds with its own options, where --host is
    # the address it listens on: the environment's or the default there.
    site_host = getattr(args, "site_host", None) or os.environ.get("SITE_HOST") or "server"
    progress = Progress(None if args.quiet else sys.stderr)
    start = time.perf_counter()
    if not args.quiet:
        print(f"Xây dựng trang từ {project.data_dir} vào {project.out_dir}", file=sys.stderr)
    try:
        site_url = args.site_url or (_site_url(os.environ["SITE_URL"]) if os.environ.get("SITE_URL") else None)
        result = build(
            project,
            parse_now(args.now),
            strict=args.strict,
            progress=progress,
            base=args.base,
            site_url=site_url,
            cache_dir=_cache_dir(args, project),
            engine=args.engine,
            host=site_host,
            preview=getattr(args, "preview", None),
        )
    except DataError as exc:
        return _report(exc, args, project.data_dir)
    except BuildError as exc:
        print(f"Lỗi khi xây dựng trang: {exc}", file=sys.stderr)
        return 2
    except argparse.ArgumentTypeError as exc:
        print(f"SITE_URL: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(environment_line(exc, output=project.out_dir) + " Trang cũ giữ nguyên.", file=sys.stderr)
        return 2
    if args.timings:
        # For bench/run.py: seconds per stage name (load, render, write, mkdocs, post-build steps).
        # The peak of this process alone: Pagefind, run as a child, is measured by the caller.
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        parts = [{"pages": n, "seconds": round(t, 3), "reused": reused} for n, t, reused in progress.search_parts]
        report = {
            "stages": progress.timings,
            "peak_rss_mb": round(peak, 1),
            "peak_rss_mb_after": progress.peaks,
            "cpu_seconds": progress.cpu,
            "search_parts": parts,
            "published_bytes": result["bytes"],
            "published_files": result["files"],
        }
        Path(args.timings).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    warning = size_warning(site_host, result["bytes"], result["files"])
    if warning:
        print(warning, file=sys.stderr)
    if not args.quiet:
        published = f"{result['bytes'] / 1_000_000:,.1f} MB trong {result['files']:,} tệp".replace(",", "_")
        published = published.replace(".", ",").replace("_", ".")
        print(
            f"Xong: {result['pages']} trang trong {time.perf_counter() - start:.1f} s; "
            f"trang công bố {published} ({site_host}).",
            file=sys.stderr,
        )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    project = _project(args)
    now = parse_now(args.now)
    problems: list[Problem] = []
    try:
        # Read before checking, so that the summary has the baseline even when the data fails.
        history = read_history(project.data_dir, args.base, revisions=False)
        data, problems, _ = check(project.data_dir, now, args.strict, args.base, history=history)
        code = 0
    except DataError as exc:
        problems, code = exc.problems, 1
    except BuildError as exc:
        print(f"Không kiểm tra được: {exc}", file=sys.stderr)
        return 2
    baseline = history.baseline
    if args.summary:
        changes: list[tuple[str, str]] = []
        published = 0
        if baseline is not None:
            changes = changed_files(project.data_dir, baseline)
            published = sum(1 for item in baseline.lists.values() if now >= opens_at(item))
        summary = summary_markdown(
            project.data_dir,
            problems,
            args.strict,
            (args.base, baseline.commit) if baseline is not None else None,
            changes,
            published,
            public_changes(data, baseline, now) if code == 0 and baseline is not None else None,
            new_pages(data, changes) if code == 0 else (),
        )
        with open(args.summary, "a", encoding="utf-8") as stream:
            stream.write(summary)
    if code:
        return _report(DataError(problems), args, project.data_dir)
    _print_problems(problems, args, project.data_dir)
    print(
        f"Dữ liệu hợp lệ: {len(data.campaigns)} phong trào, {len(data.exemplars)} gương điển hình, "
        f"{len(data.nominations)} danh sách lấy ý kiến, {len(problems)} cảnh báo"
        + (f"; đã so với bản {args.base} ({baseline.commit[:10]})." if baseline is not None else "."),
        file=sys.stderr,
    )
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from ..inputs.load import load_dataset
    from . import cms_config, editor_schemas

    project = _project(args)
    out = Path(args.out or project.root / "schemas")
    data, _problems = load_dataset(project.data_dir)
    if args.check:
        # For the data gate: a stale values file costs editors only their completion, so say it, never fail.
        if data is not None and editor_schemas.stale_values(out, data):
            print(
                f"Lưu ý: {out.name}/{editor_schemas.VALUES} chưa theo kịp dữ liệu (tỉnh, hình thức khen thưởng, lĩnh "
                "vực, phong trào); chạy site-builder schema để VS Code gợi ý đúng các giá trị.",
                file=sys.stderr,
            )
        return 0
    for path in editor_schemas.write(out, data):
        print(path, file=sys.stderr)
    if data is None:
        print(
            f"Dữ liệu có lỗi nên chưa viết {editor_schemas.VALUES} và cấu hình trang biên tập; sửa lỗi rồi chạy lại.",
            file=sys.stderr,
        )
    else:
        print(cms_config.write(project.root, data), file=sys.stderr)
    for name, text in reference.reference_pages().items():
        page = project.root / "content" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
        print(page, file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import KINDS, ScaffoldError, new_record

    project = _project(args)
    try:
        written = new_record(project.data_dir, args.kind, args.id, parse_now(args.now).date())
    except ScaffoldError as exc:
        print(f"Không tạo được hồ sơ: {exc}.", file=sys.stderr)
        return 1
    folder = KINDS[args.kind][0]
    print(
        f"Đã tạo {project.data_dir.name}/{folder}/{written.path.name}: mở tệp, điền {written.placeholders} chỗ ghi "
        "'ĐIỀN:' theo ghi chú, rồi chạy site-builder validate.",
        file=sys.stderr,
    )
    print(written.path)
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from ..synthetic.generate import DEFAULT_NOMINEES_PER_LIST, REFERENCE_FILES, Options, generate

    reference = Path(args.reference) if args.reference else Path(args.root) / "data"
    missing = [name for name in REFERENCE_FILES if not (reference / name).is_file()]
    if missing:
        print(
            f"Không tìm thấy {', '.join(missing)} trong {reference}; chạy lệnh từ thư mục dự án hoặc dùng --root.",
            file=sys.stderr,
        )
        return 2
    options = Options(
        exemplars=args.exemplars,
        campaigns=args.campaigns,
        lists=args.lists,
        nominees_per_list=args.nominees_per_list or DEFAULT_NOMINEES_PER_LIST,
        seed=args.seed,
        now=parse_now(args.now).astimezone(TZ).date(),
    )
    try:
        summary = generate(Path(args.out), options, reference)
    except FileExistsError as exc:
        print(f"Thư mục {exc} đã có dữ liệu; chọn một thư mục trống (không ghi đè dữ liệu có sẵn).", file=sys.stderr)
        return 2
    print(
        f"Đã tạo {summary.campaigns} phong trào, {summary.exemplars} gương điển hình, {summary.lists} danh sách "
        f"lấy ý kiến ({summary.nominees} người, tập thể được đề nghị) trong {args.out} ({summary.seconds:.1f} s).",
        file=sys.stderr,
    )
    return 0


def _site_url(value: str) -> str:
    """--site-url: http(s), ending with '/' as site.yml's url does."""
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        raise argparse.ArgumentTypeError(f"'{value}' không phải địa chỉ trang; ví dụ https://xem-truoc.example.gov.vn/")
    return value if value.endswith("/") else value + "/"


def _preview_name(value: str) -> str:
    """--preview: a name that is one path segment (site/preview.py)."""
    from ..site.preview import check_name

    if wrong := check_name(value):
        raise argparse.ArgumentTypeError(wrong)
    return value


def _count(minimum: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise argparse.ArgumentTypeError(f"cần một số nguyên từ {minimum} trở lên, không phải '{value}'")
        return number

    return parse


def cmd_serve(args: argparse.Namespace) -> int:
    from . import preview

    project = _project(args)
    progress = Progress(sys.stderr)
    state = preview.State()
    try:
        # Take the port before building, so a port in use is said at once, not after a build.
        server = preview.server(args.host, args.port, project.out_dir, state)
    except OSError as exc:
        print(environment_line(exc, f"{args.host}:{args.port}") + " Chọn cổng khác với --port.", file=sys.stderr)
        return 2

    def rebuild() -> None:
        try:
            # Each save rebuilds only what it touched (the same cache a build into that folder uses).
            build(project, parse_now(args.now), strict=args.strict, progress=progress, cache_dir=default_cache(project))
        except DataError as exc:
            _report(exc, args, project.data_dir)
            state.finished(exc.problems, "Dữ liệu có lỗi")
        except BuildError as exc:
            print(f"Lỗi khi xây dựng trang: {exc}", file=sys.stderr)
            state.finished([], f"Lỗi khi xây dựng trang: {exc}")
        else:
            print(f"Đã dựng lại lúc {datetime.now(TZ):%H:%M:%S}.", file=sys.stderr)
            state.finished([], None)

    folders = [
        project.data_dir,
        project.content_dir,
        project.root / "overrides",
        Path(__file__).parent.parent / "templates",
    ]
    # The files as the first build reads them: a save during that build, or between the message
    # below and the first look, still rebuilds (the look used to come after the message).
    stamp = preview.signature(folders, [project.config_file])
    rebuild()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Xem trước tại http://{args.host}:{args.port}/ (Ctrl+C để dừng)", file=sys.stderr, flush=True)
    try:
        preview.watch(folders, [project.config_file], rebuild, time.sleep, stamp)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from . import edit

    project = _project(args)
    try:
        return edit.run(project, lambda: cmd_build(args), args.port, args.cms_port)
    except edit.EditError as exc:
        print(f"Lỗi môi trường (không phải lỗi dữ liệu): {exc}.", file=sys.stderr)
        return 2


def cmd_preview_server(args: argparse.Namespace) -> int:
    """Load the data folder, then answer the editor's preview pane until Ctrl+C or SIGTERM."""
    from ..site.draft import DraftError
    from ..urls import URLS
    from . import edit, preview_server

    project = _project(args)
    service = preview_server.Service(project.data_dir)
    try:
        service.drafts.dataset()  # loaded and checked before the first draft waits for it
        try:
            httpd = preview_server.service_server(args.port, service, args.host)
        except OSError:
            raise edit.busy(args.port, "dịch vụ xem trước", "--port") from None
    except (DraftError, edit.EditError) as exc:
        print(f"Lỗi môi trường (không phải lỗi dữ liệu): {exc}.", file=sys.stderr)
        return 2
    with edit.stop_signals() as stopping:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        print(
            f"Dịch vụ xem trước của trang biên tập: http://{args.host}:{args.port}/{URLS.editor_preview()} "
            f"(dữ liệu {project.data_dir}; máy chủ web chuyển yêu cầu xem trước đến đây). Ctrl+C để dừng.",
            file=sys.stderr,
            flush=True,
        )
        try:
            stopping.wait()
        finally:
            httpd.shutdown()
            httpd.server_close()
    print("Đã dừng dịch vụ xem trước.", file=sys.stderr, flush=True)
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description="Build the emulation and commendation site.")
    parser.add_argument("--root", default=".", help="project folder holding mkdocs.yml, content/ and data/")
    sub = parser.add_subparsers(dest="command", required=True)

    def data_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", help="data folder (default: ROOT/data)")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
        p.add_argument(
            "--format",
            choices=FORMATS,
            default="text",
            help="problems as 'path:line:column: field: message' (text), GitHub annotations on stdout (github), "
            "or also a GitLab Code Quality report (JSON) on stdout (gitlab)",
        )

    def base_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--base",
            metavar="REF",
            help="git revision holding what was published; lists open there may change only with a new amendment",
        )

    p = sub.add_parser("build", help="validate, render and build the site")
    data_options(p)
    p.add_argument("--out", help="output folder (default: ROOT/site)")
    p.add_argument("--now", help="build clock, ISO-8601 (default: now, Asia/Ho_Chi_Minh)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--timings", metavar="FILE", help="write the seconds each stage took as JSON (for benchmarks)")
    p.add_argument(
        "--site-url",
        type=_site_url,
        help="the site's address for this build (default: SITE_URL from the environment, else url of data/site.yml)",
    )
    p.add_argument(
        "--cache",
        metavar="DIR",
        help="keep what this build makes for the next one to reuse (default: .OUT.cache beside the output folder)",
    )
    p.add_argument("--no-cache", action="store_true", help="build everything afresh and keep nothing for later")
    p.add_argument(
        "--preview",
        metavar="NAME",
        type=_preview_name,
        help="build a preview of the change, marked as such on every page and kept out of search engines, for "
        "--site-url or by default <site url>xem-truoc/NAME/ (tools/deploy.sh --preview NAME puts it there)",
    )
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help="the site generator run over the pages: mkdocs (default) or zensical (docs/engines.md)",
    )
    p.add_argument(
        "--host",
        dest="site_host",
        help=f"where the site is published, one of {', '.join(HOSTS)} (default: SITE_HOST from the environment, "
        "else server): server (nginx) and gitlab-pages get .gz copies; github-pages none, and a warning past "
        "800 MB of its 1 GB",
    )
    base_option(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="check the data only")
    data_options(p)
    p.add_argument("--now", help="clock for checks that depend on the date, ISO-8601")
    base_option(p)
    p.add_argument("--summary", metavar="FILE", help="append a Markdown report to FILE (e.g. $GITHUB_STEP_SUMMARY)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("serve", help="live preview that rebuilds on change")
    data_options(p)
    p.add_argument("--out", help="preview output folder (default: ROOT/site)")
    p.add_argument("--now", help="build clock, ISO-8601")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "edit", help="build the site, start decap-server on the data's git repository and serve the web editor"
    )
    data_options(p)
    p.add_argument("--out", help="output folder (default: ROOT/site)")
    p.add_argument("--now", help="build clock, ISO-8601")
    p.add_argument("--port", type=int, default=8000, help="the site's port on 127.0.0.1 (default: 8000)")
    p.add_argument(
        "--cms-port",
        type=int,
        default=LOCAL_PORT,
        help=f"decap-server's port on 127.0.0.1; the built editor is pointed at it (default: {LOCAL_PORT})",
    )
    # What `build` reads that edit does not offer: a plain build with the default cache.
    p.set_defaults(
        func=cmd_edit,
        quiet=False,
        timings=None,
        site_url=None,
        cache=None,
        no_cache=False,
        engine="mkdocs",
        base=None,
        preview=None,
    )

    p = sub.add_parser(
        "preview-server",
        help="answer the web editor's preview pane: a draft's page rendered as the build renders it (behind nginx)",
    )
    p.add_argument("--data", help="data folder (default: ROOT/data): the published data, the drafts' background")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument(
        "--port", type=int, default=PREVIEW_PORT, help=f"port the site's nginx passes to (default: {PREVIEW_PORT})"
    )
    p.set_defaults(func=cmd_preview_server)

    p = sub.add_parser("new", help="write a new record to fill in, from a template commented in Vietnamese")
    p.add_argument("kind", choices=["exemplar", "campaign", "list"], help="what to create")
    p.add_argument("id", help="the record's id: its file name and URL (lower-case ASCII, digits, hyphens)")
    p.add_argument("--data", help="data folder (default: ROOT/data)")
    p.add_argument("--now", help="today's date for the template's dates, ISO-8601")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("generate", help="write a realistic synthetic data folder (for benchmarks and tests)")
    p.add_argument("--exemplars", type=_count(0), required=True, help="number of exemplars")
    p.add_argument("--out", required=True, help="data folder to create (must not hold records yet)")
    p.add_argument("--campaigns", type=_count(0), help="number of campaigns (default: 3 per 100 exemplars)")
    p.add_argument("--lists", type=_count(0), help="number of nominee lists (default: 5 per 100 exemplars)")
    p.add_argument(
        "--nominees-per-list",
        type=_count(1),
        default=None,
        help="average nominees per list; each list has 40%% to 160%% of it (default: 50, so 20 to 80)",
    )
    p.add_argument("--seed", type=int, default=1, help="random seed; the same seed writes the same files")
    p.add_argument("--reference", help="folder whose site.yml, awards.yml, ... and images to use (default: ROOT/data)")
    p.add_argument("--now", help="date the consultation windows are placed around (default: today)")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser(
        "schema",
        help="write the JSON Schemas of the record kinds, the web editor's cms/config.yml and the field reference's pages under content/",
    )
    p.add_argument("--out", help="output folder (default: ROOT/schemas)")
    p.add_argument("--data", help="data folder whose values the schemas offer (default: ROOT/data)")
    p.add_argument("--check", action="store_true", help="only say whether values.schema.json is stale")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if getattr(args, "now", None) is not None:
        try:
            parse_now(args.now)
        except argparse.ArgumentTypeError as exc:
            parser.error(str(exc))
    try:
        return int(args.func(args))
    except OSError as exc:
        print(environment_line(exc), file=sys.stderr)
        return 2
    except MemoryError:
        print("Lỗi môi trường (không phải lỗi dữ liệu): hết bộ nhớ.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
