"""Where the project lives: the repository and the published site, as configuration, never as code.

Both come from `mkdocs.yml` (`repo_url`, `site_url`), which reads them from the environment when it names a
variable (`repo_url: !ENV [TIMELINE_REPO_URL, null]`): the Pages workflow sets them from the CI context
(GITHUB_SERVER_URL/GITHUB_REPOSITORY and the Pages address). When the repository is known, every page links to
the file it is built from and to a prefilled "Report an error" form; when the site's address is known, pages carry
a canonical URL and citations a permalink. A local build knows neither and links to nothing it cannot reach.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import yaml

from generator.output import urls

CONFIG_FILE = "mkdocs.yml"
ISSUE_FORM = "report-an-error.yml"
# Hand-written pages write `[the project's repository][repository]` (the Arabic ones `[مستودع المشروع][repository]`):
# a link when the repository is known, else words.
REPOSITORY_MENTION = "[the project's repository][repository]"
_MENTION = re.compile(r"\[([^\[\]\n]+)\]\[repository\]")
_HTTP = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")


def _address(value: Any) -> str | None:
    """An http(s) address without a trailing '/', or None when the value is not one (or empty)."""
    if not isinstance(value, str) or not _HTTP.match(value.strip()):
        return None
    return value.strip().rstrip("/")


@dataclass(frozen=True, slots=True)
class SiteLinks:
    """The repository's and the site's addresses when known, and the links built from them."""

    repo_url: str | None = None
    site_url: str | None = None
    branch: str = "main"

    @classmethod
    def of(cls, repo_url: Any = None, site_url: Any = None, branch: Any = None) -> SiteLinks:
        """Links from configured values; anything that is not an http(s) address counts as unknown."""
        return cls(_address(repo_url), _address(site_url), branch if isinstance(branch, str) and branch else "main")

    def edit(self, path: str) -> str | None:
        """The repository's edit page of a file (GitHub's /edit/<branch>/<path>), when the repository is known."""
        if self.repo_url is None:
            return None
        return f"{self.repo_url}/edit/{quote(self.branch)}/{quote(path)}"

    def file(self, path: str) -> str | None:
        """The repository's page showing a project file, when the repository is known."""
        if self.repo_url is None:
            return None
        return f"{self.repo_url}/blob/{quote(self.branch)}/{quote(path)}"

    def report(self, subject: str, title: str) -> str | None:
        """The "Report an error" issue form, prefilled with the event (or place, actor, phase) id and its title."""
        if self.repo_url is None:
            return None
        query = urlencode({"template": ISSUE_FORM, "title": f"Error: {title} ({subject})", "event": subject})
        return f"{self.repo_url}/issues/new?{query}"

    def page(self, docs_path: str) -> str | None:
        """The published address of a page ('events/x.md' -> '<site>/events/x/'), when the site's address is known."""
        if self.site_url is None:
            return None
        return urls.page_address(self.site_url, docs_path)


def link_repository(markdown: str, links: SiteLinks) -> str:
    """A hand-written page's repository mentions as a link to it, or as plain words when it is not known (the
    same for every engine: the MkDocs plugin applies it to each page, the Zensical build to the copies it builds)."""
    if not _MENTION.search(markdown):
        return markdown
    if links.repo_url is None:
        return _MENTION.sub(lambda mention: mention[1], markdown)
    return f"{markdown.rstrip()}\n\n[repository]: <{links.repo_url}>\n"


class PythonName(str):
    """A `!!python/name:module.attr` value of mkdocs.yml (toc's slugify: generator.output.urls.heading_id), read as its
    dotted name without importing anything; config_yaml writes it back as the same tag for an engine to import."""


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader plus MkDocs's `!ENV` tag and `!!python/name:` as a PythonName; other tags of
    mkdocs.yml read as empty."""


class _ConfigDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing a PythonName back as the `!!python/name:` tag it was read from."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default (as MkDocs reads it)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[str(name)] for name in names if os.environ.get(str(name))), default)


_ConfigLoader.add_constructor("!ENV", _env)
# The first prefix that matches a tag wins (in this order): `!!python/name:` is kept, any other tag reads as empty.
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: PythonName(suffix))
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigDumper.add_representer(
    PythonName, lambda dumper, name: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{name}", "")
)


def config_yaml(config: dict[str, Any]) -> str:
    """A config as YAML that MkDocs or Zensical reads back to the same settings (`!!python/name:` tags kept)."""
    return yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False)


def parse_config(text: str) -> Any:
    """The text of an mkdocs.yml as MkDocs reads it (`!ENV` resolved); raises yaml.YAMLError when it is not YAML."""
    return yaml.load(text, Loader=_ConfigLoader)


def load_config(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as MkDocs reads it (`!ENV` resolved), or {} when it is missing or unreadable."""
    try:
        config = parse_config((root / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def read(root: Path) -> SiteLinks:
    """The links configured in the project's mkdocs.yml (none when it is missing or sets nothing)."""
    config = load_config(root)
    extra = config.get("extra")
    branch = extra.get("repo_branch") if isinstance(extra, dict) else None
    return SiteLinks.of(config.get("repo_url"), config.get("site_url"), branch)
