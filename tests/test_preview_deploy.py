"""A change seen before it is published (issue 38): `site-builder build --preview NAME` and
`tools/deploy.sh --preview NAME` beside the public site, served by Debian's nginx with the
configuration the public build wrote.

The change under review amends an open list (a name corrected, with its amendment) and adds an
exemplar. The preview answers at /xem-truoc/NAME/ with the amendment as the public will see it,
every page says it is a preview and asks not to be indexed (nginx says so too), and nothing of it
reaches the public site's sitemap, search index or robots; --prune deletes it when it expires and
leaves the public release as it was.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from lxml import etree, html

from site_builder.commands.build import Progress, Project, build
from site_builder.site import preview
from site_builder.urls import URLS
from site_builder.utils import staging

from .browser import serve_nginx
from .conftest import ROOT, DataDir
from .records import EXEMPLAR, NOMINATION
from .test_history import AMENDMENT, NOW, commit, git
from .test_nginx import get
from .test_validation import valid

DEPLOY = ROOT / "tools" / "deploy.sh"
NAME = "pr-7"
NEW_EXEMPLAR = "tran-van-moi"
LIST = "hcld-2026"
BANNER = "Bản xem trước — chưa công bố"


def deploy(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(DEPLOY), *map(str, args)], capture_output=True, text=True, check=False)


def change(data: DataDir) -> None:
    """The change under review: an amendment of the open list and a new exemplar."""
    data.write(f"nominations/{LIST}.yml", NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính") + AMENDMENT)
    data.write(f"exemplars/{NEW_EXEMPLAR}.yml", EXEMPLAR.replace("Nguyễn Văn An", "Trần Văn Mới"))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, DataDir]:
    """The public site of the published data, and the preview of the change (gated against it)."""
    folder = tmp_path_factory.mktemp("preview")
    (folder / "data").mkdir()
    data = valid(DataDir(folder / "data"))
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.email", "bien-tap@example.gov.vn")
    git(folder, "config", "user.name", "Biên tập viên")
    commit(data, "công bố")
    build(Project(ROOT, data.root, folder / "public"), NOW, progress=Progress(None))
    change(data)
    build(Project(ROOT, data.root, folder / NAME), NOW, progress=Progress(None), base="HEAD", preview=NAME)
    return folder / "public", folder / NAME, data


@pytest.fixture(scope="module")
def target(sites: tuple[Path, Path, DataDir], tmp_path_factory: pytest.TempPathFactory) -> Path:
    public, draft, _ = sites
    folder = tmp_path_factory.mktemp("srv") / "thidua"
    first = deploy(public, folder)
    assert first.returncode == 0, first.stderr
    shown = deploy("--preview", NAME, draft, folder)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"Đã đưa bản xem trước {NAME} lên {folder}/previews/{NAME} (hết hạn ")
    assert shown.stdout.rstrip().endswith(f": https://thidua-khenthuong.github.io/xem-truoc/{NAME}/")
    return folder


@pytest.fixture(scope="module")
def origin(target: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx as docs/deploy.md sets it up: the root and the include through `current`."""
    scratch = tmp_path_factory.mktemp("nginx-preview")
    with serve_nginx(target / "current" / "site", target / "current" / "server" / "nginx.conf", scratch) as url:
        yield url


def search_urls(site: Path) -> set[str]:
    """The addresses of every page in a built site's Pagefind index (its fragments)."""
    urls = set()
    for fragment in (site / URLS.SEARCH_INDEX).rglob("*.pf_fragment"):
        document = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.add(json.loads(document)["url"])
    return urls


def test_the_preview_answers_at_its_path_marked_noindex_and_as_a_preview(origin: str) -> None:
    status, headers, body = get(origin, f"xem-truoc/{NAME}/")
    assert status == 200
    assert headers["x-robots-tag"] == "noindex, nofollow"
    assert headers["cache-control"] == "no-cache"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    page = html.fromstring(body)
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"]
    banner = page.xpath('//*[@data-md-component="announce"]//strong[@data-preview]')
    assert [(strong.get("data-preview"), strong.text_content().strip()) for strong in banner] == [(NAME, BANNER)]
    # Nobody is invited to subscribe to a draft: no feed or oEmbed link in its head.
    assert page.xpath('//link[@rel="alternate"]') == []
    # Its links stay inside the preview: the build was made for this address.
    assert page.xpath('//link[@rel="canonical"]/@href') == [f"https://thidua-khenthuong.github.io/xem-truoc/{NAME}/"]


def test_the_preview_shows_the_change_and_the_public_site_does_not(origin: str) -> None:
    status, _, body = get(origin, f"xem-truoc/{NAME}/{URLS.exemplar(NEW_EXEMPLAR)}")
    assert status == 200
    assert "Trần Văn Mới" in html.fromstring(body).text_content()
    assert get(origin, URLS.exemplar(NEW_EXEMPLAR))[0] == 404
    # The amendment as the public will see it on the list's page.
    _, _, body = get(origin, f"xem-truoc/{NAME}/{URLS.nomination(LIST)}")
    text = " ".join(html.fromstring(body).text_content().split())
    assert "Nguyễn Văn Bính" in text and "Sửa tên ông Nguyễn Văn Bính." in text and "Gõ sai dấu." in text
    _, _, public = get(origin, URLS.nomination(LIST))
    public_text = html.fromstring(public).text_content()
    assert "Nguyễn Văn Bình" in public_text and "Nguyễn Văn Bính" not in public_text


def test_the_public_pages_are_unchanged_by_a_preview(origin: str) -> None:
    status, headers, body = get(origin, "")
    assert status == 200 and "x-robots-tag" not in headers
    page = html.fromstring(body)
    assert page.xpath('//meta[@name="robots"]') == []
    assert BANNER not in page.text_content()


def test_no_preview_in_the_public_sitemap_robots_or_search(sites: tuple[Path, Path, DataDir], origin: str) -> None:
    public, draft, _ = sites
    status, _, body = get(origin, URLS.sitemap())
    assert status == 200
    locs = etree.fromstring(body).xpath("//*[local-name()='loc']/text()")
    assert locs and not [loc for loc in locs if URLS.PREVIEWS in loc or NEW_EXEMPLAR in loc]
    _, _, robots = get(origin, URLS.robots())
    assert "Disallow: /xem-truoc/\n" in robots.decode()
    # The preview's own sitemap lists nothing, and its robots.txt disallows everything.
    _, _, own = get(origin, f"xem-truoc/{NAME}/{URLS.sitemap()}")
    assert etree.fromstring(own).xpath("//*[local-name()='url']") == []
    assert get(origin, f"xem-truoc/{NAME}/{URLS.robots()}")[2] == preview.robots()
    # The public search index is the public build's: the new exemplar is only in the preview's.
    assert f"/{URLS.exemplar(NEW_EXEMPLAR)}" not in search_urls(public)
    assert f"/{URLS.exemplar(NEW_EXEMPLAR)}" in search_urls(draft)
    assert not [url for url in search_urls(public) if URLS.PREVIEWS in url]


def test_every_page_of_the_preview_says_so(sites: tuple[Path, Path, DataDir]) -> None:
    _, draft, _ = sites
    pages = sorted(draft.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = html.fromstring(path.read_bytes())
        assert BANNER in page.text_content(), path
        assert page.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"], path
    # No web editor in a preview (it saves to the repository, not to a draft).
    assert not (draft / URLS.editor()).exists()
    marker = (staging.server_folder(draft) / preview.MARKER).read_text(encoding="utf-8")
    assert marker == f"PREVIEW_NAME={NAME}\nPREVIEW_URL=https://thidua-khenthuong.github.io/xem-truoc/{NAME}/\n"


def test_what_deploy_keeps_beside_the_previews_is_not_served(target: Path, origin: str) -> None:
    expiry = target / "previews" / f".{NAME}.expires"
    assert expiry.read_text().splitlines()[0].isdigit()
    assert get(origin, f"xem-truoc/.{NAME}.expires")[0] == 404


def test_a_preview_and_the_public_site_are_never_deployed_as_each_other(
    sites: tuple[Path, Path, DataDir], target: Path
) -> None:
    public, draft, _ = sites
    refused = deploy(draft, target)
    assert refused.returncode == 2
    assert refused.stderr == (
        f"tools/deploy.sh: {draft} là bản xem trước, không đưa lên làm trang công khai (dùng --preview {NAME})\n"
    )
    refused = deploy("--preview", "pr-8", draft, target)
    assert refused.returncode == 2
    assert f"được dựng cho bản xem trước '{NAME}', không phải 'pr-8'" in refused.stderr
    refused = deploy("--preview", "pr-8", public, target)
    assert refused.returncode == 2
    assert f"{public} không phải bản xem trước" in refused.stderr
    refused = deploy("--preview", "PR 8", draft, target)
    assert refused.returncode == 2 and "chỉ được có chữ thường không dấu" in refused.stderr
    refused = deploy("--preview", NAME, "--expires", "0", draft, target)
    assert refused.stderr == "tools/deploy.sh: --expires cần số ngày từ 1 trở lên, không phải '0'\n"
    refused = deploy("--prune", "--rollback", target)
    assert refused.stderr == "tools/deploy.sh: chỉ dùng một trong --rollback, --preview, --prune mỗi lần\n"
    assert sorted(path.name for path in (target / "previews").iterdir()) == [f".{NAME}.expires", NAME]


def test_a_bad_preview_name_is_refused_in_vietnamese(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "build", "--out", str(tmp_path / "s")]
    done = subprocess.run([*command, "--preview", "Bản nháp"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "tên bản xem trước 'Bản nháp' chỉ được có chữ thường không dấu, số và gạch ngang" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "s").exists()


def test_prune_deletes_expired_previews_and_keeps_the_public_release(
    sites: tuple[Path, Path, DataDir], target: Path, origin: str
) -> None:
    _, draft, _ = sites
    # A second preview that has not expired stays.
    other = draft.with_name("pr-9")
    build(Project(ROOT, sites[2].root, other), NOW, progress=Progress(None), preview="pr-9")
    assert deploy("--preview", "pr-9", "--expires", "30", other, target).returncode == 0
    current = os.readlink(target / "current")
    home = get(origin, "")[2]
    assert get(origin, f"xem-truoc/{NAME}/")[0] == 200
    # Expired a second ago.
    expiry = target / "previews" / f".{NAME}.expires"
    expiry.write_text("1\n1970-01-01T00:00Z\n", encoding="utf-8")
    pruned = deploy("--prune", target)
    assert pruned.returncode == 0, pruned.stderr
    assert pruned.stdout == f"Đã xóa bản xem trước hết hạn previews/{NAME} (hạn 1970-01-01T00:00Z)\n"
    assert get(origin, f"xem-truoc/{NAME}/")[0] == 404
    assert get(origin, "xem-truoc/pr-9/")[0] == 200
    assert os.readlink(target / "current") == current and get(origin, "")[2] == home
    assert sorted(path.name for path in (target / "previews").iterdir()) == [".pr-9.expires", "pr-9"]


def workflow_step(job: str, step_id: str) -> str:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    [step] = [step for step in workflow["jobs"][job]["steps"] if step.get("id") == step_id]
    return str(step["run"])


def run_step(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=cwd,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_pull_requests_preview_goes_to_the_server_and_back_as_a_commit_status(
    sites: tuple[Path, Path, DataDir], tmp_path: Path
) -> None:
    """The workflow's preview job on a scratch checkout: the server step (a local folder as
    PREVIEW_TARGET) and the status step (a `gh` that records what it is asked)."""
    _, draft, _ = sites
    work = tmp_path / "checkout"
    work.mkdir()
    # What the job has: the checkout's tools/, and the data job's artifact (site/, site.server/).
    (work / "tools").symlink_to(ROOT / "tools")
    (work / "site").symlink_to(draft)
    (work / "site.server").symlink_to(staging.server_folder(draft))
    output, summary, log = tmp_path / "output", tmp_path / "summary.md", tmp_path / "gh.log"
    output.write_text("", encoding="utf-8")
    github = {"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary), "HOME": str(tmp_path / "home")}
    served = run_step(
        workflow_step("preview", "server"),
        work,
        PREVIEW_TARGET=str(tmp_path / "srv"),
        PREVIEW=NAME,
        SSH_KEY="",
        KNOWN_HOSTS="",
        **github,
    )
    assert served.returncode == 0, served.stderr
    url = f"https://thidua-khenthuong.github.io/xem-truoc/{NAME}/"
    assert output.read_text(encoding="utf-8") == f"url={url}\n"
    assert (tmp_path / "srv" / "previews" / NAME / "index.html").read_bytes() == (draft / "index.html").read_bytes()

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$GH_LOG"\nexit "${GH_EXIT:-0}"\n', encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    status = workflow_step("preview", "status")
    fake = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "GH_LOG": str(log), "REPO": "so/thidua", "SHA": "abc123"}
    artifact = "https://github.com/so/thidua/actions/runs/1/artifacts/2"
    posted = run_step(status, work, **github, **fake, SERVER_URL=url, ARTIFACT_URL=artifact)
    assert posted.returncode == 0, posted.stderr
    assert log.read_text(encoding="utf-8").splitlines() == [
        "api",
        "--method",
        "POST",
        "repos/so/thidua/statuses/abc123",
        "-f",
        "state=success",
        "-f",
        f"context={preview.CONTEXT}",
        "-f",
        f"target_url={url}",
        "-f",
        f"description={BANNER}",
    ]
    assert summary.read_text(encoding="utf-8") == f"### {BANNER}\n\n{url}\n"
    # Without the agency's server, the artifact's page; a fork's token that may not write
    # statuses leaves a warning, not a failed check.
    refused = run_step(status, work, **github, **fake, SERVER_URL="", ARTIFACT_URL=artifact, GH_EXIT="1")
    assert refused.returncode == 0
    assert f"target_url={artifact}" in log.read_text(encoding="utf-8").splitlines()
    assert refused.stdout == (
        f"::warning title=xem trước::không ghi được địa chỉ bản xem trước vào pull request; địa chỉ: {artifact}\n"
    )


def test_the_summary_names_what_the_public_will_see_change(sites: tuple[Path, Path, DataDir], tmp_path: Path) -> None:
    """The gate's summary (the pull request's, the merge request's note) says in Vietnamese what the
    amendment changes on the open list's page, the amendment the page will show, and the new page."""
    _, _, data = sites
    summary = tmp_path / "summary.md"
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "validate", "--data", str(data.root)]
    done = subprocess.run(
        [*command, "--now", NOW.isoformat(), "--base", "HEAD", "--summary", str(summary)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = summary.read_text(encoding="utf-8")
    section = report[report.index("### Người xem sẽ thấy thay đổi gì") :]
    assert section == (
        "### Người xem sẽ thấy thay đổi gì\n\n"
        f"- **Lấy ý kiến đề nghị tặng Huân chương Lao động** (`{URLS.nomination(LIST)}`): "
        "sửa họ tên của 'nguyen-van-binh' (Nguyễn Văn Bính).\n"
        "  - Trang sẽ ghi đính chính ngày 20/11/2026: Sửa tên ông Nguyễn Văn Bính. (lý do: Gõ sai dấu.)\n\n"
        "Trang mới:\n\n"
        f"- **Trần Văn Mới** (`{URLS.exemplar(NEW_EXEMPLAR)}`)\n"
    )


def test_zensical_builds_the_same_preview(sites: tuple[Path, Path, DataDir], tmp_path: Path) -> None:
    """The banner, the robots tag and the empty sitemap come from the theme's overrides and the
    adapters' shared code: Zensical's preview has them too."""
    _, _, data = sites
    out = tmp_path / "zensical"
    build(Project(ROOT, data.root, out), NOW, progress=Progress(None), engine="zensical", preview=NAME)
    for path in (out / "index.html", out / "404.html", out / URLS.exemplar(NEW_EXEMPLAR) / "index.html"):
        page = html.fromstring(path.read_bytes())
        assert BANNER in page.text_content(), path
        assert page.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"], path
        assert page.xpath('//link[@rel="alternate"]') == [], path
    assert etree.fromstring((out / URLS.sitemap()).read_bytes()).xpath("//*[local-name()='url']") == []
