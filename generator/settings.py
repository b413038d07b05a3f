"""One place each for the site's identity, the campaign's bounds and the environment the site engines run in."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date

# The site's identity: the page title of every page, the exports' title and the citation line of an event page.
# The timeline plugin sets MkDocs' site_name and site_description from these; mkdocs.yml repeats them only because
# MkDocs requires a site_name (a test keeps the two equal).
SITE_TITLE = "Jazeera Storm: a sourced timeline"
SITE_DESCRIPTION = (
    "A sourced, searchable timeline of the SDF's Jazeera Storm campaign against ISIS in Deir ez-Zor, Syria "
    "(September 2017 – March 2019). Every figure is an attributed claim."
)

# What an event's date may overlap: the campaign and its run-up and aftermath (E022 outside).
CAMPAIGN_BOUNDS = (date(2017, 1, 1), date(2019, 12, 31))
# The campaign's months, September 2017 to March 2019: where synthetic events are dated.
CAMPAIGN_MONTHS = (date(2017, 9, 1), date(2019, 3, 31))

# Set for every run of a site engine. Material prints a banner about its end of life on every build of a
# project that pins 9.x knowingly; `make serve` (which runs MkDocs directly) exports the same variable.
ENGINE_ENVIRONMENT: Mapping[str, str] = {"NO_MKDOCS_2_WARNING": "1"}


def engine_environment(**extra: str) -> dict[str, str]:
    """The environment for a site engine's process: this one's, with ENGINE_ENVIRONMENT and `extra` set."""
    return {**os.environ, **ENGINE_ENVIRONMENT, **extra}


def source_date_epoch() -> str | None:
    """SOURCE_DATE_EPOCH when the caller set it (reproducible builds), else None."""
    return os.environ.get("SOURCE_DATE_EPOCH") or None
