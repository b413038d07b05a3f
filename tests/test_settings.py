"""One place each: the site's identity, the campaign's bounds and the engines' environment live in
generator/settings.py, and what must repeat them elsewhere (mkdocs.yml, the Makefile) agrees with it."""

from __future__ import annotations

import re

from generator import problems, settings
from generator.output import sitelinks

from .conftest import ROOT

CODE_FOLDERS = ("generator", "tools", "tests")


def test_mkdocs_yml_names_the_site_as_settings_do() -> None:
    """MkDocs requires a site_name in mkdocs.yml; it is the title and description settings.py holds."""
    config = sitelinks.load_config(ROOT)
    assert (config["site_name"], config["site_description"]) == (settings.SITE_TITLE, settings.SITE_DESCRIPTION)


def test_engine_environment_is_set_in_settings_only() -> None:
    """No other module of the code or the tests names an engine variable; the Makefile exports the same values
    for `make serve`, which runs MkDocs directly."""
    others = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in CODE_FOLDERS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "settings.py"
        for name in settings.ENGINE_ENVIRONMENT
        if name in path.read_text(encoding="utf-8")
    ]
    assert others == []
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    exported = dict(re.findall(r"^export (\w+) := (.*)$", makefile, re.MULTILINE))
    assert {name: exported.get(name) for name in settings.ENGINE_ENVIRONMENT} == dict(settings.ENGINE_ENVIRONMENT)


def test_engine_environment_adds_to_the_callers() -> None:
    """A site engine's process keeps the caller's environment and gets the settings and the extras on top."""
    env = settings.engine_environment(SOURCE_DATE_EPOCH="1553299200")
    assert env["SOURCE_DATE_EPOCH"] == "1553299200" and env["PATH"]
    assert {name: env[name] for name in settings.ENGINE_ENVIRONMENT} == dict(settings.ENGINE_ENVIRONMENT)


def test_the_error_catalogue_states_the_campaign_bounds() -> None:
    """E022's explanation gives the very dates the validator enforces."""
    low, high = settings.CAMPAIGN_BOUNDS
    assert f"({low.isoformat()} to {high.isoformat()})" in problems.CODES["E022"].explanation
