"""Defence in depth: every page's content HTML passes an allow-list sanitizer before MkDocs wraps it in the theme.

Contributor text is already escaped or sanitized where it enters a template; this second pass guarantees that
whatever a template, a Markdown extension or a future change lets through, no event handler, script or unsafe
URL scheme reaches a reader. Only the content area is cleaned: the theme's own markup and scripts are trusted.
"""

from __future__ import annotations

import nh3

_SVG_TAGS = {"svg", "title", "desc", "g", "path", "rect", "circle", "line", "text"}
_HTML_TAGS = {
    "a", "abbr", "b", "bdi", "blockquote", "br", "button", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "label",
    "li", "mark", "ol", "option", "p", "pre", "q", "s", "select", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_GLOBAL_ATTRIBUTES = {
    "class", "id", "title", "lang", "dir", "role", "hidden",
    "aria-label", "aria-labelledby", "aria-describedby", "aria-live", "aria-hidden",
}  # fmt: skip
_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "label": {"for"},
    "select": {"name"},
    "option": {"value", "selected"},
    "button": {"type"},
    "details": {"open"},
    "svg": {"xmlns", "viewBox", "width", "height"},
    "g": {"transform"},
    "path": {"d"},
    "rect": {"x", "y", "width", "height"},
    "circle": {"cx", "cy", "r"},
    "line": {"x1", "y1", "x2", "y2"},
    "text": {"x", "y", "text-anchor", "transform"},
}
SAFE_URL_SCHEMES = {"http", "https", "mailto"}


def clean_content(html: str) -> str:
    """The content HTML with anything outside the allow-list removed (tags, attributes, URL schemes)."""
    return nh3.clean(
        html,
        tags=_HTML_TAGS | _SVG_TAGS,
        attributes=_ATTRIBUTES,
        generic_attribute_prefixes={"data-"},
        url_schemes=SAFE_URL_SCHEMES,
        # Our own links already carry the rel they need; nh3 must not add or drop any.
        link_rel=None,
        strip_comments=True,
    )
