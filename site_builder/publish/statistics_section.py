"""The "Thống kê" section: one page of charts and tables, and the files beside it.

The figures are counted once, in the site model (statistics.py); this module lays them out on
the page, draws each chart (charts.py) and writes each table as CSV, with every figure in one
JSON file. The campaign and province pages show their own figures from the same model
(templates/_figures.html), with small bars instead of charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.site_model import SiteModel
from ..model.statistics import Figure, document, figure_csv
from . import charts, jsonld
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
    return Page(url, "Thống kê", body, description, {"kind": "statistics", "jsonld": dataset(model, description)})


def dataset(model: SiteModel, description: str) -> dict[str, Any]:
    """The figures as a schema.org Dataset (what dataset search reads), with every file to download."""
    settings, urls = model.data.settings, model.urls
    files = [
        {
            "@type": "DataDownload",
            "name": "Mọi bảng số liệu",
            "encodingFormat": "application/json",
            "contentUrl": settings.url + urls.statistics_json(),
        },
        *(
            {
                "@type": "DataDownload",
                "name": figure.title,
                "encodingFormat": "text/csv",
                "contentUrl": settings.url + chart_files(model, figure).csv,
            }
            for figure in model.statistics.figures
        ),
    ]
    data = {
        "@type": "Dataset",
        "name": "Số liệu thống kê thi đua, khen thưởng",
        "description": description,
        "url": settings.url + urls.statistics(),
        "inLanguage": "vi",
        "dateModified": model.today.isoformat(),
        "creator": jsonld.organisation(settings),
        "publisher": jsonld.organisation(settings),
        "license": settings.url + urls.press(),  # the press page says how to reuse and credit
        "isAccessibleForFree": True,
        "image": settings.url + urls.share_card(urls.statistics()),
        "distribution": files,
    }
    return jsonld.document(data)


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
