"""The code another site pastes to embed a list or a story, and its size (site/embeds.py).

Here, below the record kinds, because the full pages show it ("Nhúng vào trang khác") and link
the oEmbed document in their head, and the views' oEmbed documents carry the same code.
"""

from __future__ import annotations

from typing import Final

from markupsafe import escape

from ..urls import URLS

# The frame the code gives: wide enough for a newspaper's column, as high as a phone's screen;
# with the resizing script the frame then takes its content's height.
WIDTH: Final = 640
HEIGHTS: Final[dict[str, int]] = {"nomination": 720, "exemplar": 520}


def frame_code(site_url: str, page_url: str, title: str, kind: str) -> str:
    """The HTML another site pastes: the frame, then the optional script that fits its height."""
    src = site_url + URLS.embed(page_url)
    script = site_url + URLS.EMBED_FRAME_SCRIPT
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="{WIDTH}" height="{HEIGHTS[kind]}" '
        f'style="width:100%;max-width:{WIDTH}px;border:1px solid #ccc" loading="lazy" data-tdkt-nhung></iframe>\n'
        f'<script async src="{escape(script)}"></script>'
    )


def code_box(site_url: str, page_url: str, title: str, kind: str) -> dict[str, str]:
    """What the full page shows under "Nhúng vào trang khác", and the oEmbed link of its head."""
    return {
        "code": frame_code(site_url, page_url, title, kind),
        "oembed": site_url + URLS.oembed(page_url),
        "view": site_url + URLS.embed(page_url),
    }
