"""schema.org JSON-LD for pages: what search engines and link previews read about a page.

Each record kind describes its own records (kinds/); this module holds what they share: the
organisation that publishes the site, and the document around a page's entities.
"""

from __future__ import annotations

from typing import Any

from ..inputs.records import DocumentRef, SiteSettings

CONTEXT = "https://schema.org"


def organisation(settings: SiteSettings) -> dict[str, Any]:
    """The body that owns the site (GovernmentOrganization)."""
    return {"@type": "GovernmentOrganization", "name": settings.organisation, "url": settings.url}


def document(*entities: dict[str, Any]) -> dict[str, Any]:
    """A JSON-LD document holding one entity, or a graph of several."""
    if len(entities) == 1:
        return {"@context": CONTEXT, **entities[0]}
    return {"@context": CONTEXT, "@graph": list(entities)}


def government(name: str) -> dict[str, Any]:
    """A public body named in the data (a proposing body, who launched a campaign)."""
    return {"@type": "GovernmentOrganization", "name": name}


def legislation(ref: DocumentRef) -> dict[str, Any]:
    """An official document (a directive, a plan, a decision) as schema.org Legislation."""
    out: dict[str, Any] = {
        "@type": "Legislation",
        "name": f"{ref.label()} ngày {ref.date:%d/%m/%Y}",
        "legislationIdentifier": ref.number,
        "legislationType": ref.kind,
        "legislationDate": ref.date.isoformat(),
        "inLanguage": "vi",
    }
    if ref.title:
        out["description"] = ref.title
    if ref.issuer:
        out["legislationPassedBy"] = government(ref.issuer)
    if ref.url:
        out["url"] = ref.url
    return out
