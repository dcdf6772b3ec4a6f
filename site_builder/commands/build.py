"""load -> validate -> render -> MkDocs -> post-build, then swap the finished site in."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..inputs.load import Dataset, load_dataset
from ..problems import BuildError, DataError, Problem
from ..utils import cache, parallel, staging
from ..utils.cache import BuildCache, code_version, stage_versions
from ..utils.precompress import precompress
from ..utils.writer import Writer
from ..validation.continuity import compare_addresses
from ..validation.history import History, compare, read_history
from ..validation.validate import validate

if TYPE_CHECKING:
    from ..publish.render import Page
    from ..site.site import Site


@dataclass
class Project:
    """Where things are: the data, the hand-written pages, the site config."""

    root: Path
    data_dir: Path
    out_dir: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"


@dataclass
class Progress:
    stream: TextIO | None = sys.stderr
    timings: dict[str, float] = field(default_factory=dict)
    # The parts of the search index: (pages, seconds, whether reused from the build cache).
    search_parts: list[tuple[int, float, bool]] = field(default_factory=list)
    # This process's peak memory (MB) at the end of each stage: where a large build's memory goes.
    peaks: dict[str, float] = field(default_factory=dict)
    # CPU seconds of this process and the children it waited for during each stage: unlike wall
    # time, hardly changed by what else a shared machine runs. A child counts when it is waited
    # for: Pagefind's parts in the stage during which each ends, the MkDocs and render processes
    # in their own stage.
    cpu: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, label: str) -> Iterator[list[str]]:
        notes: list[str] = []
        start, cpu = time.perf_counter(), _cpu_seconds()
        yield notes
        elapsed = time.perf_counter() - start
        self.timings[name] = elapsed
        self.cpu[name] = round(_cpu_seconds() - cpu, 2)
        self.peaks[name] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        if self.stream is not None:
            detail = f": {', '.join(notes)}" if notes else ""
            print(f"  {label}{detail} ({elapsed:.2f} s)", file=self.stream, flush=True)


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class BuildContext:
    """What post-build steps (files beside the pages, feeds, open data) receive."""

    site: Site
    writer: Writer


PostBuild = Callable[[BuildContext], str]


def write_files(context: BuildContext) -> str:
    """Post-build step: the files each record kind publishes beside its pages (CSV, JSON, ICS)."""
    count = 0
    for path, content in context.site.files():
        context.writer.bytes(path, content)
        count += 1
    return f"{count} tệp: CSV, JSON, lịch ICS và chỉ mục"


# Sites with at least this many share cards have them drawn by two processes (5 ms a card).
MIN_CARDS_TO_SPLIT = 500


def write_images(context: BuildContext) -> str:
    """Post-build step: the records' images at web size (before the feeds, which give their lengths)
    and the share cards of the pages, on both cores for large sites."""
    count = size = 0
    for path, content in context.site.media_files():
        context.writer.bytes(path, content)
        count, size = count + 1, size + len(content)
    site, writer = context.site, context.writer
    if len(site.card_titles()) < parallel.threshold("MIN_CARDS_TO_SPLIT", MIN_CARDS_TO_SPLIT):
        cards, card_bytes = site.write_cards(writer)
    else:
        # The child writes into the same folder through its copy of the writer (which knows every
        # path written so far) and sends back what it wrote, so that this writer knows it too.
        def theirs() -> tuple[int, int, set[str]]:
            before = set(writer.written)
            return (*site.write_cards(writer, 1), writer.written - before)

        (mine, mine_bytes), (their_count, their_bytes, paths) = parallel.beside(
            theirs, lambda: site.write_cards(writer, 0), "vẽ ảnh chia sẻ"
        )
        writer.written |= paths
        cards, card_bytes = mine + their_count, mine_bytes + their_bytes
    count, size = count + cards, size + card_bytes
    return f"{count} tệp ảnh ({cards} ảnh chia sẻ), {size / 1_000_000:.1f} MB".replace(".", ",")


def write_feeds(context: BuildContext) -> str:
    """Post-build step: every feed and open data file."""
    from ..vietnamese import megabytes

    site = context.site
    total = 0
    for path, content in site.iter_feed_documents():
        context.writer.bytes(path, content)
        total += len(content)
    return f"{len(site.topics)} nguồn tin, {len(site.kinds) * 2} tệp dữ liệu mở, {megabytes(total)}"


def write_editor(root: Path, data: Dataset, writer: Writer) -> str:
    """The web editor (/quan-tri/): its page, its configuration from this data, the pinned Decap bundle.

    Written before Pagefind starts, which indexes only the pages it is given: the editor is not
    among them, nor in the sitemap (MkDocs never sees it) or the feeds. Without the bundle
    (node_modules missing) the site is published without its editor and the build says so: a
    consultation's deadline must not wait for a JavaScript package.
    """
    from .cms_config import DECAP_DIST, editor_files

    home = writer.root / "index.html"
    files = editor_files(root, data, home.read_bytes() if home.is_file() else None)
    if files is None:
        print(
            f"Cảnh báo: chưa có {DECAP_DIST} nên trang chưa có trang biên tập /quan-tri/; chạy 'bash tools/setup.sh' "
            "(tải gói Decap CMS đã ghim trong tools/decap-cms.json) rồi dựng lại.",
            file=sys.stderr,
        )
        return "bỏ qua: chưa cài Decap CMS"
    for path, content in files.items():
        writer.bytes(path, content)
    return f"{len(files)} tệp, {sum(len(content) for content in files.values()) / 1_000_000:.1f} MB".replace(".", ",")


# Steps that add files beside the generator's output, in order: (timing name, Vietnamese label,
# step). Pagefind indexes the HTML pages meanwhile, so these steps must not write HTML.
POST_BUILD_STEPS: list[tuple[str, str, PostBuild]] = [
    ("images", "Ảnh cỡ web và ảnh chia sẻ", write_images),
    ("consultation", "Tệp lấy ý kiến", write_files),
    ("feeds", "Nguồn tin và dữ liệu mở", write_feeds),
]


def check(
    data_dir: Path,
    now: datetime,
    strict: bool = False,
    base: str | None = None,
    revisions: bool = False,
    history: History | None = None,
) -> tuple[Dataset, list[Problem], History]:
    """Load and validate; raise DataError if anything must stop publication.

    With base (a git revision), every list published there is compared with data_dir; a
    BuildError says the revision cannot be read. Git history is read once here (with
    revisions, every committed content of the lists' files too) and returned for the build,
    unless the caller has read it already (history).
    """
    data, problems = load_dataset(data_dir)
    history = history or read_history(data_dir, base, revisions)
    baseline = history.baseline
    if data is not None:
        problems.extend(validate(data, now))
        if baseline is not None:
            problems.extend(compare(data, baseline, now))
            problems.extend(compare_addresses(data, baseline, now))
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors or data is None:
        raise DataError(problems)
    return data, problems, history


def list_histories(data: Dataset, history: History) -> dict[str, list[bytes]]:
    """The committed contents of every amended list's file, from which its earlier versions come.

    Empty outside a git repository: the earlier versions are then not published, and the
    build says so.
    """
    names = {
        lid: data.source("nominations", lid).path.removeprefix(f"{data.data_dir.name}/")
        for lid, item in data.nominations.items()
        if item.amendments
    }
    if history.revisions is None:
        if names:
            print(
                f"Thư mục {data.data_dir} không nằm trong kho git: chỉ đăng phiên bản hiện hành của "
                f"{len(names)} danh sách đã đính chính, không đăng được các phiên bản trước.",
                file=sys.stderr,
            )
        return {}
    return {lid: history.contents(name) for lid, name in names.items()}


# Sites with at least this many pages have their old copy deleted by a process of its own once
# the new one is in place: removing 30,000 files took 3.5 s, a tenth of a build with the cache.
MIN_PAGES_TO_DELETE_AFTER = 2000


def _swap(new_site: Path, out_dir: Path, background: bool = False, new_server: Path | None = None) -> None:
    """Put the new site in place with renames only, so readers never see half a site.

    new_server: the web server's configuration, put in place just before the site (a server
    reads it only when reloaded, after the build).
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    if new_server is not None:
        server, old_server = staging.server_folder(out_dir), staging.old_server(out_dir)
        if server.exists():
            server.rename(old_server)
        new_server.rename(server)
        shutil.rmtree(old_server, ignore_errors=True)
    old = staging.old_site(out_dir)
    if out_dir.exists():
        out_dir.rename(old)
    new_site.rename(out_dir)
    if not old.exists():
        return
    if background:
        trash = staging.trash_folder(out_dir)
        old.rename(trash)
        # Its own session: the deletion goes on after this build ends; the next build removes
        # whatever a killed deletion left (staging.clean_up).
        subprocess.Popen(
            ["rm", "-rf", "--", str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    else:
        shutil.rmtree(old)


def _separate(project: Project) -> None:
    """The output folder must not hold the data or the project, nor lie inside the data.

    The swap renames the output folder away and deletes it: `--out .` would delete data/.
    """
    out, data, root = (path.resolve() for path in (project.out_dir, project.data_dir, project.root))
    if out in (data, root) or out in data.parents or data in out.parents or out in root.parents:
        raise BuildError(
            f"thư mục xuất trang {out} không được chứa hay nằm trong thư mục dữ liệu {data} hoặc thư mục "
            f"dự án {root}: mỗi lần dựng, thư mục xuất được thay toàn bộ; chọn một thư mục riêng, ví dụ {root / 'site'}"
        )


# Page metadata only the theme reads (from the docs folder's front matter): a tenth of a large
# site's memory when kept for every page.
THEME_ONLY = frozenset({"jsonld", "feeds", "share_image_alt"})

# The site generators a build can run (--engine); MkDocs is the default. docs/engines.md.
ENGINES = ("mkdocs", "zensical")

# Where the site is published (--host). A server the agency runs (nginx) sends the .gz copies the
# build writes beside each file; GitLab Pages does too. GitHub Pages serves only the files, so a
# build for it writes none (they were 144 MB of the 1 GB it takes at 10,000 exemplars), and warns
# when the site nears that limit (docs/deploy.md says which host fits a larger site).
HOSTS = ("server", "gitlab-pages", "github-pages")
GZIPPED_HOSTS = frozenset({"server", "gitlab-pages"})
PAGES_LIMIT_BYTES = 1_000_000_000
PAGES_WARNING_BYTES = 800_000_000


def published_size(site_dir: Path) -> tuple[int, int]:
    """Bytes and files of the folder as a host receives it."""
    size = files = 0
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            size += os.lstat(os.path.join(folder, name)).st_size
            files += 1
    return size, files


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB".replace(",", ".")


def size_warning(host: str, size: int, files: int) -> str | None:
    """The Vietnamese warning for a site that nears its host's limit, or None."""
    if host != "github-pages" or size <= PAGES_WARNING_BYTES:
        return None
    return (
        f"Cảnh báo: trang nặng {_megabytes(size)} trong {files:,} tệp".replace(",", ".")
        + f", gần giới hạn {_megabytes(PAGES_LIMIT_BYTES)} của GitHub Pages (quá giới hạn thì không đăng được). "
        "Nên chuyển sang máy chủ nginx của cơ quan hoặc kho lưu trữ đối tượng có CDN (docs/deploy.md)."
    )


def build(
    project: Project,
    now: datetime,
    strict: bool = False,
    progress: Progress | None = None,
    base: str | None = None,
    site_url: str | None = None,
    engine: str = "mkdocs",
    cache_dir: Path | None = None,
    host: str = "server",
    preview: str | None = None,
) -> dict[str, int]:
    """Build the whole site. Nothing in out_dir changes unless every step succeeds.

    cache_dir: where outputs of earlier builds are kept for reuse (see cache.py); None builds
    everything afresh. Either way the site is byte for byte the same.

    With base, lists published at that git revision must not have changed without an amendment.
    engine: the site generator, "mkdocs" or "zensical"; the pages, feeds and files are the same.
    host: where it is published (HOSTS): which copies it needs and which size limit applies.
    preview: build a preview of the change under this name (site/preview.py), for site_url or by
    default <site url>xem-truoc/NAME/; None builds the public site.
    One build at a time writes into out_dir: another one waits, from before it reads the data,
    so that the build started last publishes the data as it was last. What builds killed before
    left beside out_dir is removed first.
    """
    progress = progress or Progress()
    _separate(project)

    def waiting(holder: int | None) -> None:
        who = f"tiến trình {holder}" if holder else "một tiến trình khác"
        print(f"Đang chờ lần dựng khác ({who}) ghi xong vào {project.out_dir}…", file=sys.stderr, flush=True)

    with staging.exclusive(project.out_dir, waiting=waiting):
        for left in staging.clean_up(project.out_dir):
            if progress.stream is None:
                continue
            if left.restored:
                note = f"Đã đặt lại trang cũ từ {left.path.name} (một lần dựng bị dừng giữa lúc thay trang)."
            else:
                note = f"Đã xóa {left.path.name}, thư mục dở dang của một lần dựng đã dừng ({left.size / 1e6:.0f} MB)."
            print(note, file=progress.stream)
        store = (
            BuildCache(cache_dir, code_version(project.root), stage_versions(project.root))
            if cache_dir
            else BuildCache(None)
        )
        cache.use(store)
        try:
            result = _build(project, now, strict, progress, base, site_url, engine, host, preview)
        finally:
            cache.use(BuildCache(None))
        # Only a build that published sweeps: a failed one may have read a fraction of the store.
        store.sweep()
        return result


def _build(
    project: Project,
    now: datetime,
    strict: bool,
    progress: Progress,
    base: str | None,
    site_url: str | None,
    engine: str,
    host: str = "server",
    preview_name: str | None = None,
) -> dict[str, int]:
    from ..engines import assets as own_assets
    from ..engines import mkdocs_adapter, search, zensical_adapter
    from ..model.site_model import SiteModel
    from ..site.preview import Preview, check_name, default_url
    from ..site.site import Site

    adapters = {"mkdocs": (mkdocs_adapter, "MkDocs"), "zensical": (zensical_adapter, "Zensical")}
    if engine not in adapters:
        raise BuildError(f"không có công cụ dựng trang '{engine}'; chọn một trong: {', '.join(ENGINES)}")
    if host not in HOSTS:
        raise BuildError(f"không có nơi đăng '{host}'; chọn một trong: {', '.join(HOSTS)}")
    adapter, engine_name = adapters[engine]
    if preview_name is not None and (wrong := check_name(preview_name)):
        raise BuildError(wrong)

    with progress.stage("load", "Đọc và kiểm tra dữ liệu") as notes:
        data, warnings, history = check(project.data_dir, now, strict, base, revisions=True)
        if preview_name is not None and not site_url:
            site_url = default_url(data.settings.url, preview_name)
        if site_url:
            # A preview or a fork's build puts its own host in every absolute URL (pages, feeds,
            # OPML, calendars, sitemap, JSON-LD): all of them read settings.url.
            data.settings = data.settings.model_copy(update={"url": site_url})
        preview = Preview(preview_name, data.settings.url) if preview_name is not None else None
        notes.append(
            f"{len(data.campaigns)} phong trào, {len(data.exemplars)} gương điển hình, "
            f"{len(data.nominations)} danh sách lấy ý kiến, {len(warnings)} cảnh báo"
        )
    for warning in warnings:
        print(warning, file=sys.stderr)
    project.out_dir.parent.mkdir(parents=True, exist_ok=True)
    folder = staging.new_folder(project.out_dir)
    try:
        docs_dir, site_dir = folder / "docs", folder / "site"
        docs = Writer(docs_dir)

        with progress.stage("assets", "JS, CSS riêng của trang (esbuild)") as notes:
            assets = own_assets.build(project.root)
            notes.append(assets.note())
        source = adapter.source_writer(
            project.config_file, project.content_dir, data.settings, docs, assets.names, preview=preview
        )

        def keep(page: Page) -> Page:
            # Each page goes to the docs folder as soon as it is rendered (unless the generator
            # can take its HTML from the build cache), and only its title and the metadata later
            # steps read stay in memory: the generator reads bodies and front matter from the
            # docs folder.
            page = source(page)
            meta = {key: value for key, value in page.meta.items() if key not in THEME_ONLY}
            return replace(page, body="", description="", meta=meta)

        with progress.stage("render", "Dựng trang") as notes:
            site = Site(SiteModel(data, now, list_histories(data, history)), preview=preview)
            pages = site.render(keep)
            notes.append(f"{len(pages)} trang")
        with progress.stage("write", "Ghi trang nguồn") as notes:
            copied = docs.copy_tree(project.content_dir)
            notes.append(f"{len(pages)} trang dựng, {copied} tệp viết tay")
        with progress.stage(engine, engine_name) as notes:
            adapter.build(
                project.config_file, docs_dir, site_dir, data.settings, pages, now, assets.names, preview=preview
            )
            assets.place(site_dir)
        with progress.stage("editor", "Trang biên tập") as notes:
            editor = Writer(site_dir, keep_existing=True, by_content=True)
            # A preview is read, not edited: the editor saves to the repository, not to a preview.
            notes.append("bỏ qua: bản xem trước" if preview else write_editor(project.root, data, editor))
        with progress.stage("embeds", "Trang nhúng") as notes:
            embedded = Writer(site_dir, keep_existing=True, by_content=True)
            size = 0
            embedded_entries: dict[str, str] = {}
            for path, content in site.embed_files():
                if isinstance(content, bytes):
                    embedded.bytes(path, content)
                    size += len(content)
                else:
                    placed, entry = content(embedded.place(path))
                    size += placed
                    if entry:
                        embedded_entries[path] = entry
            notes.append(f"{len(embedded.written)} tệp, {size / 1_000_000:.1f} MB".replace(".", ","))
        context = BuildContext(site, Writer(site_dir, keep_existing=True, by_content=True))
        searchable = search.searchable_urls(pages, adapter.content_urls(project.content_dir))
        indexing = search.start_indexing(site_dir, folder / "search", searchable)
        try:
            for name, label, step in POST_BUILD_STEPS:
                with progress.stage(name, label) as notes:
                    notes.append(step(context))
            html = sorted(path for path in context.writer.written if path.endswith((".html", ".htm")))
            if html:
                raise BuildError(
                    f"các bước sau {engine_name} đã ghi trang HTML mà Pagefind không thấy: {', '.join(html[:5])}"
                )
            with progress.stage("search", "Chỉ mục tìm kiếm (Pagefind)") as notes:
                parts, size, seconds = indexing.finish()
                reused = sum(1 for part in parts if part.reused)
                indexed = sum(part.pages for part in parts)
                notes.append(
                    f"{indexed} trang trong chỉ mục, {len(parts)} phần ({reused} dùng lại), {size / 1024:.0f} KB, "
                    f"Pagefind chạy {seconds:.2f} s"
                )
                quick = indexing.quick
                if quick is not None:
                    notes.append(
                        f"chỉ mục nhanh {quick.pages} trang ({'dùng lại' if quick.reused else f'{quick.seconds:.2f} s'})"
                    )
            # The stage measured only what was left to wait for; timings keep Pagefind's own time
            # (from its start to the last part) and each part's.
            progress.timings["search"] = seconds
            progress.search_parts = [(part.pages, part.seconds, part.reused) for part in parts]
        finally:
            indexing.cancel()
        with progress.stage("server", "Bản nén gzip và cấu hình máy chủ web") as notes:
            digests = editor.digests | embedded.digests | context.writer.digests
            compressed = 0
            if host in GZIPPED_HOSTS:
                known = {**adapter.output_entries(pages), **embedded_entries}
                compressed = precompress(site_dir, known, digests)
            server_dir = Writer(folder / "server")
            for path, content in site.server_files().items():
                server_dir.bytes(path, content)
            notes.append(
                f"{compressed} tệp .gz, {len(site.moves)} địa chỉ cũ chuyển (301), {len(site.gone)} địa chỉ đã gỡ (410)"
            )
        size, files = published_size(site_dir)
        with progress.stage("swap", "Thay trang cũ bằng trang mới"):
            _swap(
                site_dir,
                project.out_dir,
                background=len(pages) >= MIN_PAGES_TO_DELETE_AFTER,
                new_server=folder / "server",
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"pages": len(pages), "bytes": size, "files": files}
