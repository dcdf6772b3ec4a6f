"""The "Thống kê" section: one page of charts and tables, and the files beside it.

The figures are counted once, in the site model (statistics.py); this module lays them out on
the page, draws each chart (charts.py) and writes each table as CSV, with every figure in one
JSON file. The campaign and province pages show their own figures from the same model
(templates/_figures.html), with small bars instead of charts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.site_model import SiteModel
from ..model.statistics import Figure, document, figure_csv
from . import charts
from .open_data import schema_link
from .render import Page, Renderer

# The page's sections: a heading, and the prefix of the ids of its figures.
SECTIONS = (
    ("Gương điển hình", "guong-dien-hinh-"),
    ("Phong trào thi đua", "phong-trao-"),
    ("Người, tập thể được đề nghị khen thưởng", "de-nghi-"),
)


@dataclass(frozen=True)
class Chart:
    """Where a figure's chart and CSV file are, and the chart's size for its <img>."""

    src: str
    csv: str
    width: int
    height: int


def chart_files(model: SiteModel, figure: Figure) -> Chart:
    width, height = charts.size(figure)
    urls = model.urls
    return Chart(urls.statistics_file(figure.id, ".svg"), urls.statistics_file(figure.id, ".csv"), width, height)


def page(renderer: Renderer) -> Page:
    model = renderer.model
    figures = model.statistics.figures
    sections = [(heading, [f for f in figures if f.id.startswith(prefix)]) for heading, prefix in SECTIONS]
    url = model.urls.statistics()
    body = renderer.render(
        "statistics.html",
        url,
        sections=sections,
        charts={figure.id: chart_files(model, figure) for figure in figures},
        totals=model.statistics.totals,
        today=model.today,
        json=model.urls.statistics_json(),
    )
    description = "Số liệu thống kê gương điển hình, phong trào thi đua và người, tập thể được đề nghị khen thưởng"
    return Page(url, "Thống kê", body, description, {"kind": "statistics"})


def files(model: SiteModel) -> dict[str, bytes]:
    """Each figure's chart (SVG) and table (CSV), and every figure in one JSON file."""
    out: dict[str, bytes] = {}
    where: dict[str, tuple[str, str]] = {}
    for figure in model.statistics.figures:
        chart = chart_files(model, figure)
        out[chart.src] = charts.svg(figure)
        out[chart.csv] = figure_csv(figure)
        where[figure.id] = (chart.src, chart.csv)
    site_url = model.data.settings.url
    head = schema_link(site_url, model.urls.STATISTICS)
    out[model.urls.statistics_json()] = document(model.statistics, site_url, model.today.isoformat(), where, head)
    return out
