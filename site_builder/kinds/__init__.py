"""The record kinds of the site, one module each, registered in KINDS.

Imports the core, `utils/`, `inputs/`, `model/`, `validation/` and `publish/`.
"""

from __future__ import annotations

from .base import Kind
from .campaigns import Campaigns
from .exemplars import Exemplars
from .nominations import Nominations

# Every record kind, in the order the feed catalogue, the open data and the press page list them.
KINDS: tuple[Kind, ...] = (Exemplars(), Campaigns(), Nominations())

__all__ = ["KINDS", "Kind"]
