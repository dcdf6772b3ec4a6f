"""No live markup from the data: hostile text in every text field of every record kind, built,
then every HTML field of every feed (RSS, Atom, JSON Feed) and every page parsed with real HTML
parsers (html5lib, as browsers parse, and lxml.html).

Feed readers and newsroom importers render RSS `title`, `description` and `content:encoded`,
Atom text constructs of type html and JSON Feed `content_html` as HTML: those must hold
sanitised HTML or escaped text. Atom text of type text and JSON Feed `title` and `summary` are
plain text by their specifications; the test checks they are declared so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

import html5lib
import pytest
import yaml
from lxml import etree, html

from site_builder.commands.build import Progress, Project, build

from .conftest import ROOT, DataDir, is_site_page
from .hostile import HOSTILE, HOSTILE_EMAIL, HOSTILE_MARKDOWN, HOSTILE_URLS, MARKER
from .records import CAMPAIGN, EXEMPLAR, NOMINATION

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

# Elements that run code, load other documents, submit or restyle the page.
DANGEROUS_TAGS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "style",
        "link",
        "meta",
        "base",
        "svg",
        "math",
        "noscript",
        "template",
    }
)
# What the feeds' full text is made of (templates/feed_items.html and the story sanitiser).
FEED_TAGS = frozenset(
    {
        *("html", "head", "body"),  # added by the parsers around a fragment
        *("p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "a", "hr"),
        *("table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "code", "pre", "figure", "figcaption", "img"),
    }
)
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "poster",
        "background",
        "cite",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "srcset",
        "xlink:href",
        "{http://www.w3.org/1999/xlink}href",
    }
)
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ufeff]")


def url_scheme_problem(value: str) -> str | None:
    """A javascript:, data: or vbscript: URL however it is spelt, as a browser would read it."""
    normalised = _URL_NOISE.sub("", value).lower()
    return normalised if normalised.startswith(BAD_SCHEMES) else None


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""  # comments, processing instructions
    return tag.rpartition("}")[2].lower()


def problems(root: Any, *, allowed: frozenset[str] | None) -> list[str]:
    """Live markup in a parsed tree (lxml or html5lib's etree)."""
    found: list[str] = []
    for element in root.iter():
        tag = _local(element.tag)
        if not tag:
            continue
        if tag in DANGEROUS_TAGS:
            found.append(f"<{tag}>")
        elif allowed is not None and tag not in allowed:
            found.append(f"<{tag}> (not in the feeds' markup)")
        for name, value in element.attrib.items():
            attribute = _local(name) if name.startswith("{") else name.lower()
            if attribute.startswith("on"):
                found.append(f"<{tag} {attribute}=…>")
            if attribute == "style" and allowed is not None:
                found.append(f"<{tag} style=…>")
            if (attribute in URL_ATTRIBUTES or name in URL_ATTRIBUTES) and (bad := url_scheme_problem(value)):
                found.append(f"<{tag} {attribute}={bad[:30]}…>")
    return found


def fragment_problems(markup: str) -> list[str]:
    """An HTML fragment as a feed reader gets it, parsed by html5lib (a browser's algorithm) and lxml."""
    found = problems(html5lib.parse(markup, namespaceHTMLElements=False), allowed=FEED_TAGS)
    if markup.strip():
        for node in html.fragments_fromstring(markup):
            if isinstance(node, html.HtmlElement):
                found.extend(problems(node, allowed=FEED_TAGS))
    return found


def page_problems(document: bytes) -> list[str]:
    """Live markup in a whole page: injected elements carry the marker, the theme's do not."""
    root = html.fromstring(document)
    found: list[str] = []
    for element in root.iter():
        tag = _local(element.tag)
        if not tag:
            continue
        if tag == "script" and element.get("type") == "application/ld+json":
            # A data block (schema.org JSON-LD), never run: it must parse as JSON and hold no "<",
            # which could close the element early (Jinja's tojson writes it as \u003c).
            text = element.text or ""
            json.loads(text)
            if "<" in text:
                found.append("<script type=application/ld+json> holding '<'")
            continue
        if tag in DANGEROUS_TAGS:
            # The theme's own: its scripts, styles, search form, icons, head links and meta tags.
            # Injected ones carry the marker in their content or attribute names; escaped text in
            # an attribute value (a feed's title, a description) is text.
            inside_article = any(_local(a.tag) == "article" for a in element.iterancestors())
            content = "".join(element.itertext()) + " ".join(element.attrib.keys())
            if (inside_article and tag not in ("svg",)) or MARKER in content:
                found.append(f"<{tag}> {html.tostring(element, encoding='unicode')[:80]}")
            if tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
                found.append("<meta http-equiv=refresh>")
        for name, value in element.attrib.items():
            attribute = name.lower()
            if attribute.startswith("on"):
                found.append(f"<{tag} {attribute}=…>")
            if attribute in URL_ATTRIBUTES and (bad := url_scheme_problem(value)):
                found.append(f"<{tag} {attribute}={bad[:30]}…>")
            if attribute == "style" and MARKER in value:
                found.append(f"<{tag} style={value[:30]}…>")
    return found


# -- the records ---------------------------------------------------------------------

HOSTILE_FIELDS = (HOSTILE[0], HOSTILE[6], HOSTILE[40])  # exemplar fields come from site.yml (distinct slugs)


def document(text: str, url: str, kind: str = "Quyết định") -> dict[str, Any]:
    return {"kind": text, "number": "19/CT-TTg", "date": "2021-07-16", "issuer": text, "title": text, "url": url}


def exemplar(i: int, text: str, url: str, story: str) -> dict[str, Any]:
    record: dict[str, Any] = yaml.safe_load(EXEMPLAR)
    record.update(
        name=text,
        role=text,
        unit=text,
        locality={"name": text, "province": "dong-thap"},
        field=HOSTILE_FIELDS[i % len(HOSTILE_FIELDS)],
        campaigns=[f"c-{i}"],
        summary=text,
        story=story,
        images=[{"src": "images/ruong-lua.svg", "alt": text, "caption": text, "credit": text}],
        source={"outlet": text, "column": text, "author": text, "date": "2024-05-02", "url": url},
        awards=[{"award": "giay-khen", "year": 2023, "decision": document(text, url)}],
        published=f"2024-05-{1 + i % 28:02d}",
    )
    return record


def campaign(i: int, text: str, url: str, contents: str) -> dict[str, Any]:
    record: dict[str, Any] = yaml.safe_load(CAMPAIGN)
    record.update(
        title=text,
        summary=text,
        launched_by=text,
        theme=text,
        province="dong-thap",
        legal_basis=[document(text, url)],
        contents=contents,
        criteria=[text, text],
        published=f"2021-08-{1 + i % 28:02d}",
    )
    if i:
        record["parent"] = "c-0"
    return record


def nomination(i: int, text: str, url: str) -> dict[str, Any]:
    """Even lists closed with an outcome, odd ones closing soon at the build clock; all amended."""
    record: dict[str, Any] = yaml.safe_load(NOMINATION)
    closed = i % 2 == 0
    opens, closes, amended = (
        ("2026-10-01", "2026-10-20", "2026-10-05") if closed else ("2026-11-09", "2026-11-26", "2026-11-12")
    )
    nominees = [
        {
            "id": "ca-nhan",
            "recipient_kind": "cá nhân",
            "honorific": "Bà",
            "name": text,
            "position": text,
            "unit": text,
            "locality": text,
            "achievement": text,
        },
        {
            "id": "tap-the",
            "recipient_kind": "tập thể",
            "name": text,
            "unit": text,
            "locality": text,
            "achievement": text,
        },
    ]
    record.update(
        title=text,
        summary=text,
        proposing_body=text,
        proposing_document={**document(text, url), "kind": "Tờ trình", "date": "2026-09-25"},
        legal_basis=[document(text, url)],
        campaign=f"c-{i}",
        groups=[{"award": "bang-khen-thu-tuong", "nominees": nominees}],
        consultation={"opens": opens, "closes": closes, "short_window_reason": text},
        channels={"form_url": url, "email": HOSTILE_EMAIL, "postal_address": text, "phone": text},
        comment_requirements=text,
        after_deadline=text,
        amendments=[{"date": amended, "change": text, "reason": text}],
        published=opens,
        notice={
            "number": "12/TB-UBND",
            "place": text,
            "signer_title": text,
            "signer_name": text,
            "recipients": [text, text],
        },
    )
    if closed:
        record["outcome"] = {
            "decision": {**document(text, url), "date": "2026-10-30"},
            "results": [
                {"nominee": "ca-nhan", "result": "được khen thưởng", "note": text},
                {"nominee": "tap-the", "result": "chưa xét", "note": text},
            ],
            "summary": text,
        }
    return record


def write_hostile_data(data: DataDir) -> None:
    site = yaml.safe_load((data.root / "site.yml").read_text(encoding="utf-8"))
    site["fields"] = [*site["fields"], *HOSTILE_FIELDS]
    (data.root / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    for i, text in enumerate(HOSTILE):
        url = HOSTILE_URLS[i % len(HOSTILE_URLS)]
        markdown = f"{text}\n\n{HOSTILE_MARKDOWN[i % len(HOSTILE_MARKDOWN)]}\n\nCâu chuyện thật."
        for folder, record in (
            ("exemplars", exemplar(i, text, url, markdown)),
            ("campaigns", campaign(i, text, url, markdown)),
            ("nominations", nomination(i, text, url)),
        ):
            prefix = folder[0]
            dumped = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1000)
            (data.root / folder / f"{prefix}-{i}.yml").write_text(dumped, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, now: datetime) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "data").mkdir()
    data = DataDir(folder / "data")
    write_hostile_data(data)
    # Every item of every feed with its full text, all of which the feed tests read for markup.
    settings = data.root / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").rstrip("\n") + "\nfeed_full_text: 50\n", encoding="utf-8")
    out = folder / "site"
    build(Project(ROOT, data.root, out), now, progress=Progress(None))
    return out


# -- the corpus itself ---------------------------------------------------------------


def test_the_corpus_is_big_varied_and_marked() -> None:
    assert len(HOSTILE) >= 30 and len(set(HOSTILE)) == len(HOSTILE)
    for text in (*HOSTILE, *HOSTILE_MARKDOWN, *HOSTILE_URLS, HOSTILE_EMAIL):
        assert MARKER in text, text
        assert len(text) <= 200, text


# -- feeds ---------------------------------------------------------------------------


def _feeds(site: Path, suffix: str) -> Iterator[Path]:
    for path in sorted((site / "nguon-tin").rglob(f"*{suffix}")):
        if suffix == ".xml" and path.name.endswith(".atom.xml"):
            continue
        yield path


def _check(found: list[str], where: str, markup: str, failures: list[str]) -> None:
    if found:
        failures.append(f"{where}: {sorted(set(found))} in {markup[:160]!r}")


def test_rss_html_fields_hold_no_live_markup(hostile_site: Path) -> None:
    """RSS: title, description and content:encoded are read as HTML by readers and importers."""
    failures: list[str] = []
    checked = 0
    for path in _feeds(hostile_site, ".xml"):
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        for element in tree.iter("title", "description", CONTENT_ENCODED):
            markup = element.text or ""
            _check(fragment_problems(markup), f"{path.name} <{_local(element.tag)}>", markup, failures)
            checked += 1
    assert checked > 1000
    assert failures == []


def test_atom_html_fields_hold_no_live_markup(hostile_site: Path) -> None:
    failures: list[str] = []
    checked = 0
    for path in _feeds(hostile_site, ".atom.xml"):
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        for element in tree.iter(
            f"{ATOM}title", f"{ATOM}subtitle", f"{ATOM}summary", f"{ATOM}content", f"{ATOM}rights"
        ):
            kind = element.get("type", "text")
            assert kind in ("text", "html"), (path.name, element.tag, kind)
            if kind == "html":
                markup = element.text or ""
                _check(fragment_problems(markup), f"{path.name} <{_local(element.tag)}>", markup, failures)
                checked += 1
            else:
                assert len(element) == 0, (path.name, element.tag)  # text only, no child elements
    assert checked > 300
    assert failures == []


def test_json_feed_html_fields_hold_no_live_markup(hostile_site: Path) -> None:
    failures: list[str] = []
    checked = 0
    for path in _feeds(hostile_site, ".json"):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            for key in ("content_html",):
                _check(fragment_problems(item[key]), f"{path.name} {key}", item[key], failures)
                checked += 1
            assert "content_text" not in item
            for attachment in item.get("attachments", []):
                assert url_scheme_problem(attachment["url"]) is None
    assert checked > 300
    assert failures == []


def test_hostile_text_reaches_the_feeds_as_text(hostile_site: Path) -> None:
    """Not dropped on the way: a reader sees the hostile text, shown as text."""
    for i in (0, HOSTILE.index("\"><script>alert('XSS')</script>")):
        text, stem = HOSTILE[i], hostile_site / "nguon-tin" / "lay-y-kien" / f"n-{i}"
        item = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))["items"][-1]
        assert item["title"] == item["summary"].split(" Thời gian")[0] == text
        shown = html5lib.parse(item["content_html"], namespaceHTMLElements=False)
        assert text in "".join(shown.itertext())
        rss = etree.parse(str(stem.with_suffix(".xml")))
        assert escape(text, quote=False) in {title.text for title in rss.iter("title")}  # escaped for HTML
        atom = etree.parse(str(stem.with_suffix(".atom.xml")))
        assert text in {title.text for title in atom.iter(f"{ATOM}title")}  # type text: as it is


def test_radio_text_holds_hostile_text_as_text_on_its_own_lines(hostile_site: Path) -> None:
    """The announcement is plain text (served as text/plain; charset=utf-8 with nosniff): hostile
    text is read out as it is, and no field's content can add or break a line of it."""
    shapes = set()
    for i, text in enumerate(HOSTILE):
        radio = (hostile_site / "lay-y-kien" / f"n-{i}" / "doc-tren-loa.txt").read_bytes().decode("utf-8")
        assert " ".join(text.split()) in radio, text
        assert not any(ord(char) < 32 and char != "\n" for char in radio)
        shapes.add(len(radio.splitlines()))
    assert len(shapes) == 1  # every hostile list's text has the same lines, whatever its fields hold


def test_embeds_and_oembed_documents_hold_hostile_text_as_text(hostile_site: Path) -> None:
    """The embeddable views (checked with every page below) and their oEmbed documents: the
    title is text in the JSON, and the code it carries is one frame and one script of the site."""
    from site_builder.urls import URLS

    for i, text in enumerate(HOSTILE):
        for page_url in (f"lay-y-kien/n-{i}/", f"dien-hinh/e-{i}/"):
            raw = (hostile_site / URLS.oembed(page_url)).read_text(encoding="utf-8")
            assert "<" not in raw and ">" not in raw  # \u003c: inert even inside a page's script
            document = json.loads(raw)
            if page_url.startswith("lay-y-kien"):
                assert document["title"] == text and document["author_name"] == text
            root = html5lib.parse(document["html"], namespaceHTMLElements=False)
            tags = [_local(element.tag) for element in root.iter() if _local(element.tag)]
            assert tags == ["html", "head", "script", "body", "iframe"] or tags == [
                "html",
                "head",
                "body",
                "iframe",
                "script",
            ], (i, tags)
            frame = root.find(".//iframe")
            assert frame is not None and frame.get("src", "").endswith(URLS.embed(page_url))
            assert set(frame.attrib) == {"src", "title", "width", "height", "style", "loading", "data-tdkt-nhung"}
        view = html.fromstring((hostile_site / URLS.embed(f"lay-y-kien/n-{i}/") / "index.html").read_bytes())
        assert view.xpath("string(//h1)") == text
    views = sorted((hostile_site / URLS.EMBEDS).rglob("*.html"))
    assert len(views) == 2 * len(HOSTILE) + 2  # every list and story, the 404 and 410 pages
    assert [(path.name, found) for path in views if (found := page_problems(path.read_bytes()))] == []


# -- pages ---------------------------------------------------------------------------


def test_pages_hold_no_live_markup(hostile_site: Path) -> None:
    failures: list[str] = []
    pages = sorted(path for path in hostile_site.rglob("*.html") if is_site_page(hostile_site, path))
    assert len(pages) > 4 * len(HOSTILE)
    for path in pages:
        found = page_problems(path.read_bytes())
        if found:
            failures.append(f"{path.relative_to(hostile_site)}: {sorted(set(found))[:5]}")
    assert failures == []


def test_record_pages_hold_no_live_markup_for_a_browser_parser(hostile_site: Path) -> None:
    """The article of each record page, parsed with html5lib as a browser parses it."""
    failures: list[str] = []
    theme = {"<svg>", "<form>", "<button>", "<input>"}  # the theme's icons and buttons, checked below
    for folder in ("dien-hinh", "phong-trao", "lay-y-kien"):
        for path in sorted((hostile_site / folder).glob("?-*/index.html")):
            root = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
            article = root.find(".//article")
            assert article is not None, path
            found = [problem for problem in problems(article, allowed=None) if problem not in theme]
            for element in article.iter():
                tag = _local(element.tag)
                if f"<{tag}>" in theme and MARKER in "".join(element.itertext()) + " ".join(element.attrib):
                    found.append(f"<{tag}> with the marker")
            if found:
                failures.append(f"{path.relative_to(hostile_site)}: {sorted(set(found))}")
    assert failures == []
