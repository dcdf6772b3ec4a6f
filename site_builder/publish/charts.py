"""Figures -> SVG bar charts, drawn at build time with pygal; no JavaScript, nothing fetched.

pygal was chosen because it draws SVG in pure Python (its only dependency is importlib-metadata)
and needs nothing at run time: no browser, no network, no font files. By default its SVG
carries a script (its configuration for the tooltips) and a link to a tooltips script on
kozea.github.io; both are removed here, with the comments that date each file, so a chart is
the same bytes for the same figures and works under a Content Security Policy without inline
scripts. Pages show a chart with <img>: scripts never run in an image, and its styles stay
inside it. The numbers are in a table under each chart, so the chart needs no tooltips.
"""

from __future__ import annotations

from typing import Any, Final

import pygal
from pygal.style import Style

from ..model.statistics import Figure

# The site's red, and two more for stacked bars: each has at least 4.5:1 contrast on white (WCAG
# asks 3:1 of graphics), and stacked segments are separated by a white line.
COLOURS: Final = ("#c62828", "#1f4e96", "#2e6b30")
TEXT: Final = "#1f1f1f"
# The system fonts the theme uses (theme.font is off: nothing is fetched from Google Fonts).
FONTS: Final = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'
# Drawn 400 units wide: on a 360 px phone the text keeps four fifths of its size.
WIDTH: Final = 400
BAR: Final = 30  # height of one row of a horizontal chart
LABEL_CHARS: Final = 30  # longer labels are shortened (the table under the chart has them whole)

# A white line between the segments of a stacked bar, so that neighbouring colours stay apart.
SEPARATE: Final = ".series rect.reactive{stroke:#fff;stroke-width:1.5}"

STYLE: Final = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground=TEXT,
    foreground_strong=TEXT,
    foreground_subtle="#595959",
    opacity="1",
    opacity_hover="1",
    stroke_opacity="1",
    stroke_opacity_hover="1",
    transition="0s",
    font_family=FONTS,
    label_font_size=15,
    major_label_font_size=15,
    value_font_size=15,
    value_label_font_size=15,
    legend_font_size=15,
    no_data_font_size=18,
    guide_stroke_color="#d0d0d0",
    major_guide_stroke_color="#d0d0d0",
    colors=COLOURS,
)


def number(value: float | None) -> str:
    """Counts the Vietnamese way: 1.234."""
    return "" if value is None else f"{int(value):,}".replace(",", ".")


def size(figure: Figure) -> tuple[int, int]:
    """The chart's width and height (the page's <img> needs them before the file is drawn)."""
    if figure.key_column == "year":
        return WIDTH, 300
    legend = 24 * len(figure.columns) + 8 if figure.stacked else 0
    return WIDTH, 40 + legend + BAR * max(1, len(figure.rows))


def scale(top: int) -> list[int]:
    """Whole-number ticks for the value axis, 1, 2 or 5 times a power of ten apart, one step past the top."""
    step = 1
    while top / step > 4:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2  # 1, 2, 5, 10, 20, 50...
    last = (top // step + 1) * step
    return list(range(0, last + 1, step))


def _clean(root: Any) -> Any:
    """Remove pygal's scripts and comments (one holds the date of drawing); name the chart."""
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.endswith("}script") or tag == "script" or not isinstance(element.tag, str):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    return root


def svg(figure: Figure) -> bytes:
    """The figure as a bar chart: horizontal bars (years: vertical), stacked when it has several counts."""
    width, height = size(figure)
    vertical = figure.key_column == "year"
    kind = pygal.StackedBar if vertical and figure.stacked else pygal.Bar
    if not vertical:
        kind = pygal.HorizontalStackedBar if figure.stacked else pygal.HorizontalBar
    top = max((figure.total(row) if figure.stacked else max(row.values, default=0) for row in figure.rows), default=0)
    ticks = scale(top)
    chart = kind(
        style=STYLE,
        width=width,
        height=height,
        js=[],
        show_legend=figure.stacked,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        print_values=not figure.stacked,
        print_values_position="top",
        print_zeroes=False,
        value_formatter=number,
        show_y_guides=vertical,
        show_x_guides=not vertical,
        truncate_legend=-1,
        no_data_text="Chưa có số liệu",
        margin=10,
        spacing=6,
        range=(0, ticks[-1]),
        y_labels=ticks,
        title=None,
        disable_xml_declaration=False,
        css=["file://style.css", "file://graph.css", f"inline:{SEPARATE}"],
    )
    chart.uuid = figure.id  # the SVG's own ids: the same every build
    # Rows top to bottom in the table's order: horizontal charts draw the first row at the bottom.
    rows = list(figure.rows) if vertical else list(reversed(figure.rows))
    chart.x_labels = [shorten(row.label) for row in rows]
    for index, (_, header) in enumerate(figure.columns):
        chart.add(header, [row.values[index] for row in rows])
    chart.xml_filters.append(_clean)
    out: bytes = chart.render()
    # The file's title, for those who open the chart on its own.
    return out.replace(b"<title>Pygal</title>", f"<title>{_escape(figure.title)}</title>".encode(), 1)


def shorten(label: str) -> str:
    """A label of at most about LABEL_CHARS characters: its first words … its last words.

    pygal does not cut the labels of horizontal charts, which then squeeze the bars to nothing;
    cutting only the end would make "Huân chương Lao động hạng Nhì" and "... hạng Ba" one label.
    """
    if len(label) <= LABEL_CHARS:
        return label
    words = label.split()
    head: list[str] = []
    while words and len(" ".join([*head, words[0]])) <= LABEL_CHARS * 3 // 5:
        head.append(words.pop(0))
    tail: list[str] = []
    while words and len(" ".join([words[-1], *tail])) <= LABEL_CHARS * 2 // 5:
        tail.insert(0, words.pop())
    if not head:  # one long word
        return label[: LABEL_CHARS - 1] + "…"
    return " ".join([*head, "…", *tail])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
