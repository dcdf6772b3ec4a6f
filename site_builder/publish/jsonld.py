"""schema.org JSON-LD for pages: what search engines and link previews read about a page.

Each record kind describes its own records (kinds/); this module holds what they share: the
organisation that publishes the site, and the document around a page's entities.
"""

from __future__ import annotations

from typing import Any

from ..inputs.records import SiteSettings

CONTEXT = "https://schema.org"


def organisation(settings: SiteSettings) -> dict[str, Any]:
    """The body that owns the site (GovernmentOrganization)."""
    return {"@type": "GovernmentOrganization", "name": settings.organisation, "url": settings.url}


def document(*entities: dict[str, Any]) -> dict[str, Any]:
    """A JSON-LD document holding one entity, or a graph of several."""
    if len(entities) == 1:
        return {"@context": CONTEXT, **entities[0]}
    return {"@context": CONTEXT, "@graph": list(entities)}
