"""Formatting used by the templates: escaping contributor text for Markdown, figures, claims and links.

Contributor text is untrusted. Plain-text fields are escaped so that no character can start Markdown or HTML
syntax; the summary's small Markdown subset is rendered here and passed through an allow-list sanitizer, and
the templates place it in a raw HTML block that Markdown does not parse again.

The templates escape every value for HTML unless it is `Markup` (render.environment turns autoescaping on):
each filter here that makes Markdown or HTML on purpose returns `Markup`, escaped inside, so that its result
is never escaped a second time and anything else is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import quote

import markdown
import nh3
from markupsafe import Markup, escape

from generator.output import urls

# Every ASCII character that starts syntax in Markdown, its extensions (attr_list `{:`, snippets `--8<--`,
# tables `|`, emphasis, links, HTML, mark/tilde/caret) or Jinja becomes a numeric character reference, which
# Markdown leaves alone and the browser shows as the character itself. Parentheses, quotes and colons stay:
# without `[`, `<` and `{` they cannot open a link, a tag or an attribute list.
_MARKDOWN_SPECIAL = set("\\`*_{}[]#+!|<>&~^=")
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in _MARKDOWN_SPECIAL}
_WHITESPACE = re.compile(r"\s+")

_ALLOWED_TAGS = {"p", "em", "strong", "a", "code", "br"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_SUMMARY_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")
_ABSOLUTE_WEB = re.compile(r"https?://[^/\s]", re.IGNORECASE)


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: a link keeps its href only when it is an absolute http(s) address.

    The same rule as validate's for every way Markdown makes a link (inline, reference-style, autolink): a
    protocol-relative `//evil.example` or a relative target never reaches a page, whatever the check missed."""
    if attribute == "href" and not _ABSOLUTE_WEB.match(value):
        return None
    return value


def md(text: str | int | None) -> Markup:
    """Escape plain text for use anywhere inline in Markdown: it will read exactly as written."""
    if text is None:
        return Markup("")
    collapsed = _WHITESPACE.sub(" ", str(text)).strip()
    return Markup(collapsed.translate(_ESCAPES))


_CODE_SPAN = re.compile(r"(`[^`\n]+`)")


def md_code(text: str) -> Markup:
    """Escape text like `md`, but keep its `code spans` as code (for the project's own prose, e.g. the codes)."""
    parts = _CODE_SPAN.split(_WHITESPACE.sub(" ", text).strip())
    return Markup("".join(part if _CODE_SPAN.fullmatch(part) else part.translate(_ESCAPES) for part in parts))


def code_span(text: str) -> Markup:
    """Text as an inline Markdown code span, shown exactly as written: inside code Markdown resolves no escape
    and no entity (so `md` there would show `&#126;`), and a fence longer than any run of backticks in the text
    keeps it closed. Markdown itself escapes `<` and `&` in code."""
    collapsed = _WHITESPACE.sub(" ", text).strip()
    longest = max((len(run) for run in re.findall(r"`+", collapsed)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if collapsed.startswith("`") or collapsed.endswith("`") else ""
    return Markup(f"{fence}{padding}{collapsed}{padding}{fence}")


def code_block(text: str) -> Markup:
    """Text as an indented Markdown code block (four spaces before each line but blank ones), shown exactly as
    written: Markdown escapes `<` and `&` in code, and resolves no escape or entity there."""
    return Markup("\n".join(f"    {line}" if line else line for line in text.splitlines()))


def md_url(url: str) -> Markup:
    """Make a validated http(s) URL safe as a Markdown link destination (`"`, `<`, `>`, spaces and controls
    percent-encoded; `&` stays as written, as the link's address needs it)."""
    return Markup(quote(url, safe="/:?#[]@!$&'*+,;=%-._~"))


# Each summary is rendered for its event page, the TimelineJS export and the feed: once is enough. The bound only
# keeps a long `mkdocs serve` session from growing without end.
@lru_cache(maxsize=1 << 16)
def paragraph_html(text: str) -> Markup:
    """Render the summary subset (emphasis, links) to sanitized single-line HTML."""
    # Raw HTML is escaped before Markdown sees it, so only Markdown's own emphasis and links produce tags;
    # nh3 then keeps only the allow-listed tags and http(s) links, whatever Markdown made of the text.
    _SUMMARY_MARKDOWN.reset()
    rendered = _SUMMARY_MARKDOWN.convert(html.escape(text, quote=False))
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener nofollow",
        attribute_filter=_absolute_links_only,
    )
    # Kept on one line: a blank line would end the raw HTML block and hand the rest back to Markdown.
    return Markup(_WHITESPACE.sub(" ", clean).strip())


def series(items: Sequence[str], comma: str = ", ", conjunction: str = " and ") -> Markup:
    """Items as a list reads, each escaped unless it is markup: 'A', 'A and B', 'A, B and C' (`comma` and
    `conjunction` are the edition's words, the project's own text)."""
    escaped = [escape(item) for item in items]
    if len(escaped) < 2:
        return Markup("").join(escaped)
    return Markup(comma).join(escaped[:-1]) + Markup(conjunction) + escaped[-1]


def number(value: int) -> str:
    """A count with thousands separators: 2500 -> '2,500'."""
    return f"{value:,}"


def figure(low: int | None, high: int | None, unit: str = "") -> str:
    """A claimed figure as a range, never more precise than claimed: 'up to 100', '2,500–3,000', '65'."""
    suffix = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{number(low)}{suffix}" if low == high else f"{number(low)}–{number(high)}{suffix}"
    if high is not None:
        return f"up to {number(high)}{suffix}"
    if low is not None:
        return f"at least {number(low)}{suffix}"
    raise ValueError("a claim needs min or max")


# The link helpers live with every other output path in generator/output/urls.py; the names here are the templates'.
relpath = urls.relpath
relative = urls.relative
relative_url = urls.relative_url
relative_source_url = urls.relative_source_url


def also_known_as(aliases: tuple[str, ...], name_ar: str | None) -> Markup:
    """' Also written: A, B. Arabic: <span…>.' for a place or actor, or '' when it has neither."""
    text = ""
    if aliases:
        text += " Also written: " + ", ".join(md(alias) for alias in aliases) + "."
    if name_ar:
        text += f" Arabic: {arabic(name_ar)}."
    return Markup(text)


_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")


def isolate_latin(escaped: str) -> str:
    """Escaped Latin text (a name, a publication) isolated for direction inside right-to-left text: `<bdi>` keeps
    its letters, figures and punctuation in order. Text with Arabic letters gets its Latin runs isolated ("Arabic
    Wikipedia, حقل كونيكو"); text without letters stays as it is."""
    if not _LATIN.search(escaped):
        return escaped
    if _ARABIC.search(escaped):
        return isolate_latin_runs(escaped)
    return f'<bdi dir="ltr">{escaped}</bdi>'


# A run of Latin words (names, publications, figures between them) inside Arabic text, also right after a letter
# like the conjunction و; never an entity's letters (&amp;).
_LATIN_RUN = re.compile(
    r"(?<![&#A-Za-z0-9])[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'\u2019.\-]*"
    r"(?:[ ,]+(?:[0-9]+[ ,]+)*[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'\u2019.\-]*)*"
)
_HTML_TAG = re.compile(r"(<[^>]*>)")


def isolate_latin_runs(markup: str) -> str:
    """Escaped text or sanitized HTML of an Arabic translation with each run of Latin words isolated for direction
    (`<bdi dir="ltr">`), so that names like "EA WorldView" keep their order in right-to-left text; tags and
    attributes are left alone, and text without Arabic letters is returned as it is."""
    if not _ARABIC.search(markup):
        return markup
    parts = _HTML_TAG.split(markup)
    return "".join(
        part if index % 2 else _LATIN_RUN.sub(lambda run: f'<bdi dir="ltr">{run[0]}</bdi>', part)
        for index, part in enumerate(parts)
    )


def arabic(text: str | None) -> Markup:
    """Arabic text marked as such, so that it is shaped and read right to left."""
    if not text:
        return Markup("")
    from generator.output.i18n import unvocalized

    return Markup(f'<span lang="ar" dir="rtl">{md(unvocalized(text))}</span>')


# How each kind of figure reads in a sentence; {n} is the figure, {who} whom it is about.
_CLAIM_PHRASES = {
    "area-taken": "{n} taken by {who}",
    "area-held": "{n} still held by {who}",
    "distance-advanced": "{who} advanced {n}",
    "distance-from": "{who} {n} away",
    "fighters-present": "{n} {who} fighters present",
    "fighters-redeployed": "{n} {who} fighters redeployed",
    "fighters-involved": "{n} {who} fighters involved",
}


# A group counted as exactly one reads in the singular: "1 child killed", not "1 children killed".
_SINGULAR = {"civilians": "civilian", "children": "child", "women": "woman", "people": "person"}


def claim_sentence(what: str, what_label: str, who: str, low: int | None, high: int | None, unit_label: str) -> str:
    """A claim in words without its claimant: 'up to 100 ISIS killed', '100–130 families (civilians) abducted'."""
    amount = figure(low, high, unit_label)
    if low == high == 1 and not unit_label:
        who = _SINGULAR.get(who, who)
    phrase = _CLAIM_PHRASES.get(what)
    if phrase:
        return phrase.format(n=amount, who=who)
    if unit_label:  # counted in families or another unit: say whose
        return f"{amount} ({who}) {what_label}"
    return f"{amount} {who} {what_label}"


def arabic_figure(low: int | None, high: int | None, unit: str = "") -> str:
    """A claimed figure in Arabic, never more precise than claimed: 'حتى 100', '2,500–3,000', 'ما لا يقل عن 65'."""
    suffix = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{number(low)}{suffix}" if low == high else f"{number(low)}–{number(high)}{suffix}"
    if high is not None:
        return f"حتى {number(high)}{suffix}"
    if low is not None:
        return f"ما لا يقل عن {number(low)}{suffix}"
    raise ValueError("a claim needs min or max")


def arabic_claim_sentence(what: str, what_label: str, who: str, low: int | None, high: int | None, unit: str) -> str:
    """A claim in Arabic words without its claimant: 'قتلى داعش: حتى 100', 'مخطوفون (مدنيون): 100–130 عائلة'."""
    from generator.output.i18n import ARABIC_CLAIM_PHRASES

    amount = arabic_figure(low, high, unit)
    phrase = ARABIC_CLAIM_PHRASES.get(what)
    if phrase:
        return phrase.format(n=amount, who=who)
    return f"{what_label} ({who}): {amount}"
