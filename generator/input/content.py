"""What content/ and site_templates/ may hold: regular files of an allowed type, nothing else (E060, E061).

MkDocs publishes every file of its docs folder as it is, so a file in content/ is published unless this check
refuses it first. The allow-list:

- Markdown pages (`.md`): MkDocs renders them, and every page's HTML passes the sanitizer
  (generator/engines/sanitize.py);
- the project's own stylesheet and script, exactly those named in mkdocs.yml (`extra_css`, `extra_javascript`;
  a test keeps the two lists equal): any other `.css` or `.js` would be served from the site's origin;
- raster images (`.png`, `.jpg`, `.jpeg`, `.webp`, `.gif`) whose first bytes are really that format, so that no
  HTML page or script hides behind an image's name.

HTML and SVG are refused rather than sanitized: an SVG is a document that can hold script, event handlers and
links, the pages need none (the maps and charts are generated inline and pass the sanitizer), and a refusal is
simpler to trust than a second sanitizer for a second format. Everything else (`.txt`, `.json`, ...) is refused
too: an allow-list, not a deny-list.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.input.load import read_regular, walk_regular
from generator.problems import Problem

CONTENT_DIR = "content"
TEMPLATES_DIR = "site_templates"
# Published as the contributors' guide (generator/output/fielddocs.py reads it).
GUIDE_FILE = "CONTRIBUTING.md"
# mkdocs.yml's extra_css and extra_javascript, relative to content/.
SHIPPED_ASSETS = frozenset({"stylesheets/timeline.css", "javascripts/timeline.js"})
# Each raster type and the bytes its files start with.
IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}


def type_problem(file: Path, root: Path, folder: str = CONTENT_DIR) -> Problem | None:
    """E061 when a regular file in content/ (or the docs folder `folder`) is not of an allowed type."""
    relative = file.relative_to(root / folder).as_posix()
    path = file.relative_to(root).as_posix()
    suffix = file.suffix.lower()
    if file.suffix == ".md":
        return None
    if suffix in (".css", ".js"):
        if relative in SHIPPED_ASSETS:
            return None
        return Problem(path, 1, 1, "E061", f"a {suffix} file that mkdocs.yml does not name: it would be published")
    if suffix in IMAGE_SIGNATURES:
        raw, _ = read_regular(file, root)
        head = (raw or b"")[:12]
        valid = any(head.startswith(magic) for magic in IMAGE_SIGNATURES[suffix])
        if suffix == ".webp":
            valid = valid and head[8:12] == b"WEBP"
        if valid:
            return None
        return Problem(path, 1, 1, "E061", f"named {suffix} but its bytes are not that image format")
    kind = f"'{file.suffix}'" if file.suffix else "without an extension"
    allowed = "Markdown, the site's CSS/JS, images"
    return Problem(path, 1, 1, "E061", f"a file {kind} is not allowed in content/ ({allowed})")


def content_problems(root: Path) -> list[Problem]:
    """Everything in content/ that is not a regular file (E060) or not of an allowed type (E061)."""
    files, problems = walk_regular(root, CONTENT_DIR)
    for file in files:
        found = type_problem(file, root)
        if found is not None:
            problems.append(found)
    return sorted(problems)


def content_pages(root: Path) -> list[str]:
    """The paths of content/'s files relative to content/, as MkDocs will publish them."""
    files, _ = walk_regular(root, CONTENT_DIR)
    return [file.relative_to(root / CONTENT_DIR).as_posix() for file in files]


def guide_problems(root: Path) -> list[Problem]:
    """The contributors' guide CONTRIBUTING.md, published as a page, must be a regular file too (E060)."""
    guide = root / GUIDE_FILE
    if not os.path.lexists(guide):
        return []
    raw, problems = read_regular(guide, root)
    if raw is not None:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return [Problem(GUIDE_FILE, 1, 1, "E001", f"cannot read the file: not UTF-8 ({error.reason})")]
    return problems


def template_problems(root: Path) -> list[Problem]:
    """Anything in site_templates/ that is not a regular file (E060): Jinja would follow a link anywhere."""
    return walk_regular(root, TEMPLATES_DIR)[1]
