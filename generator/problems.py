"""The one table of problem codes, and the Problem record every stage reports with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from generator.settings import CAMPAIGN_BOUNDS

# What a terminal would act on rather than show: C0 and C1 controls (ANSI escapes start with ESC, a carriage
# return rewrites the line) and the invisible marks that reorder text (bidi embeddings, overrides, isolates).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _shown(character: str) -> str:
    """One unshowable character as an escape a person can read: \\r, \\x1b, \\u202e."""
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def terminal_safe(text: str, keep: str = "") -> str:
    """Text with every control character and bidi mark escaped, so a contributor's file cannot drive the terminal."""
    return _UNSHOWABLE.sub(lambda m: m[0] if m[0] in keep else _shown(m[0]), text)


class Severity(StrEnum):
    """Errors stop the build; warnings only fail it under --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    """One stable problem code: what it means, an example that triggers it, and how to fix it."""

    code: str
    title: str
    explanation: str
    example: str
    fix: str
    severity: Severity = Severity.ERROR
    # Advisory warnings describe a known backlog (every source lacks an archive link, unverified places have no
    # point), not a mistake: a whole-project check counts them but lists them only under --strict, while a
    # check of named files (pre-commit, a contributor's new event) lists them all.
    advisory: bool = False


# Codes are stable: never renumber or reuse one, only add. The error catalogue page is generated from this.
_TABLE: tuple[Code, ...] = (
    # E00x: the file itself
    Code(
        "E001",
        "file cannot be read as UTF-8 text",
        "Event and registry files must be UTF-8 text without NUL bytes.",
        "a file saved as Windows-1256 or UTF-16",
        "Save the file as UTF-8 (without a byte-order mark) in your editor.",
    ),
    Code(
        "E002",
        "YAML syntax error",
        "The file is not well-formed YAML, so nothing in it could be checked.",
        "title: 'unclosed quote",
        "Fix the syntax at the position shown; quote text that contains ': ' or starts with a symbol.",
    ),
    Code(
        "E003",
        "YAML feature not allowed",
        "Tags (`!!python/...`), anchors (`&a`) and aliases (`*a`) are refused: what you write is what is checked.",
        "actors: &who [sdf]",
        "Write every value out in full, without `!`, `&` or `*` markers.",
    ),
    Code(
        "E004",
        "duplicate key",
        "A key appears twice in the same mapping; YAML would silently keep only the last one.",
        "title: A\ntitle: B",
        "Keep one of the two keys.",
    ),
    Code(
        "E005",
        "file is not a single mapping",
        "An event or registry file holds exactly one YAML document whose top level is a mapping of fields.",
        "- id: 2018-09-20-x\n  title: ...",
        "Remove the leading `- ` or extra `---` documents so the file is one mapping of `field: value` lines.",
    ),
    Code(
        "E006",
        "file too large or too deeply nested",
        "Files are limited to 256 KiB and 32 levels of nesting, far beyond any real event.",
        "a 5 MB file, or [[[[[[...]]]]]]",
        "Split the content, or remove what does not belong in an event file.",
    ),
    Code(
        "E007",
        "file in the wrong place",
        "Events live at `events/<year>/<id>.yaml` with the `.yaml` extension; the year folder is the year the "
        "event's date starts in.",
        "events/2019/2018-12-14-hajin-taken.yaml",
        "Move the file to the folder of the year in its id, with a `.yaml` extension.",
    ),
    # E01x: the JSON Schema
    Code(
        "E010",
        "required field missing",
        "A field the schema requires is absent.",
        "an event without `sources:`",
        "Add the field; CONTRIBUTING.md shows every field with an example.",
    ),
    Code(
        "E011",
        "wrong type",
        "The value has the wrong type: text where a list is expected, a number written as text, and so on.",
        "places: al-susah",
        "Write the value in the type the message names, e.g. a list `[al-susah]`.",
    ),
    Code(
        "E012",
        "unknown field",
        "The field is not part of the schema; often a typo.",
        "titel: SDF takes Hajin",
        "Rename the field (the message names the closest one when there is one), or remove it.",
    ),
    Code(
        "E013",
        "value not allowed",
        "The value is not one of the allowed values of this field.",
        "kind: battle",
        "Use one of the values the message lists.",
    ),
    Code(
        "E014",
        "value has the wrong form",
        "The value does not match the required form (ids, URLs, language codes, coordinates ...).",
        "id: 2018-09-20-Baghuz_Taken",
        "Follow the form the message gives: ids use only a-z, 0-9 and '-'; URLs start with http:// or https://.",
    ),
    Code(
        "E015",
        "empty or too long",
        "Text must not be empty and stays within its length limit; lists that need an entry must have one.",
        "sources: []",
        "Fill in the value, or shorten it to the limit given.",
    ),
    Code(
        "E016",
        "number out of range",
        "A number lies outside its allowed range (negative counts, latitudes beyond 90 ...).",
        "min: -5",
        "Use a number within the range given.",
    ),
    # E02x: dates
    Code(
        "E020",
        "invalid date",
        "Dates are EDTF strings: `2018-09-20`, `2018-09`, `2018`, approximate `2018-09~`, uncertain `2018-09?`, "
        "both `2018-09%`, or an interval `2018-12-30/2019-01-13`.",
        "date: 2018-02-30",
        "Write a real calendar date in one of the forms listed; quote it if your editor reformats it.",
    ),
    Code(
        "E021",
        "interval ends before it starts",
        "The second half of a date interval lies before the first.",
        "date: 2019-01-13/2018-12-30",
        "Swap the two dates.",
    ),
    Code(
        "E022",
        "date outside the campaign",
        f"Event dates must overlap the campaign and its aftermath ({CAMPAIGN_BOUNDS[0]} to {CAMPAIGN_BOUNDS[1]}).",
        "date: 2021-11-13",
        "Check the year; events after 2019 are out of scope for this timeline.",
    ),
    # E03x: cross-references
    Code(
        "E030",
        "id does not match the file name",
        "An event's `id` equals its file name without `.yaml`, and starts with the date it begins on.",
        "id: 2018-12-14-hajin in file 2018-12-14-hajin-taken.yaml",
        "Rename the file or change the id so they are the same.",
    ),
    Code(
        "E031",
        "duplicate id",
        "Two records share one id.",
        "two files with id 2019-03-23-end",
        "Give one of them a different slug.",
    ),
    Code(
        "E032",
        "unknown reference",
        "A place, actor, phase or related event id does not exist in its registry or in events/.",
        "places: [sousa]",
        "Use an id its registry file defines (the message names the one you most likely mean, when there is one), "
        "or add the place or actor to that file first.",
    ),
    Code(
        "E033",
        "claim minimum above maximum",
        "A claim's `min` is larger than its `max`.",
        "min: 100\nmax: 10",
        "Swap the numbers; for 'up to N' give only `max`, for one figure give the same `min` and `max`.",
    ),
    Code(
        "E034",
        "claim cites a source the event does not list",
        "A claim's `source` is the number (1, 2, ...) of one of the event's own `sources`.",
        "source: 3 on an event with two sources",
        "Add the source to the event's `sources`, or fix the number.",
    ),
    Code(
        "E035",
        "disputed without a note",
        "An event with `confidence: disputed` must say what is disputed in `confidence_note`.",
        "confidence: disputed",
        "Add `confidence_note:` explaining who says what.",
    ),
    Code(
        "E036",
        "id does not start with the event's date",
        "The id begins with the first day the date can mean (YYYY-MM-DD; use 01 for an unknown month or day).",
        "id: 2018-10-01-x for date 2018-09-20",
        "Rename the file and id to start with the event's start date.",
    ),
    Code(
        "E037",
        "phase or parent points at itself in a loop",
        "An actor's `parent` chain must end; it may not lead back to the actor.",
        "sdf: {parent: ypg}; ypg: {parent: sdf}",
        "Remove one of the `parent` links.",
    ),
    Code(
        "E038",
        "unsafe or unsupported text",
        "Text fields are plain text (summaries allow *emphasis* and [links](https://...)); raw HTML, "
        "Markdown attribute lists `{: ...}`, snippet includes `--8<--`, template syntax `{{ }}`, control "
        "characters, invisible bidirectional overrides and Unicode tag characters are refused. Every link, "
        "inline `[x](...)`, reference-style `[x][r]` with `[r]: ...`, or an image, leads to an absolute https:// "
        "or http:// address: protocol-relative `//host` and relative targets are refused.",
        "summary: <script>alert(1)</script>",
        "Remove the markup; write the words only.",
    ),
    Code(
        "E039",
        "reserved id",
        "A place, actor or phase id may not be `index`: that name belongs to the page listing them all.",
        "index:\n  name: Index",
        "Choose another id for the entry.",
    ),
    # E04x: sources
    Code(
        "E040",
        "source on a blocked site",
        "The address is on a site that copies other sites' articles (mostly Wikipedia's) or hides where a link "
        "goes (a link shortener); generator/data/blocklist.txt lists them. A copy can change or vanish without notice "
        "and is not the outlet that published the report.",
        "url: https://www.wikiwand.com/en/articles/Hajin",
        "Cite the original page instead: for a copy of Wikipedia, the Wikipedia article itself.",
    ),
    # E05x: left-overs of `timeline new`
    Code(
        "E050",
        "placeholder left in the file",
        "`timeline new` writes `TODO` wherever only you can supply the value; the event cannot be published "
        "until every one is replaced.",
        "kind: TODO",
        "Replace `TODO` with the real value (the message lists the allowed ones), or delete an optional field.",
    ),
    # E06x: files that are not what they claim, limits, collisions
    Code(
        "E060",
        "not a regular file inside the project",
        "The build reads only regular files that lie inside the project: a symbolic link, a device, a pipe or a "
        "folder that leads outside the checkout could publish any file of the build machine (its environment, "
        "the repository's credentials). This holds for events/, events/registry/, content/ and `site_templates/`.",
        "content/leak.md -> /proc/self/environ",
        "Commit the file itself instead of a link to it, and remove anything that is not a plain file.",
    ),
    Code(
        "E061",
        "file type not allowed in content/",
        "content/ holds Markdown pages (`.md`), the project's own stylesheet and script (named in mkdocs.yml), "
        "and raster images (`.png`, `.jpg`, `.jpeg`, `.webp`, `.gif`) whose bytes are really that image. "
        "HTML, SVG, scripts and other files are refused: they would be published as they are, script included.",
        "content/map.svg, content/page.html, content/extra.js",
        "Write the page in Markdown, or convert the picture to PNG or WebP.",
    ),
    Code(
        "E062",
        "invisible or control character in a URL",
        "A URL may not hold control characters, invisible formatting characters or bidirectional overrides: "
        "they disguise where a link leads and reach the CSV, JSON and feed as they are.",
        'url: "https://example.org/\\u202egpj.exe"',
        "Copy the address again from the browser's address bar, or type it.",
    ),
    Code(
        "E063",
        "text with nothing visible",
        "A title, name or other text field must hold at least one visible character; zero-width spaces, "
        "Unicode tag characters and other invisible characters alone are not text.",
        'title: "\\u200b\\u200b"',
        "Write the words.",
    ),
    Code(
        "E064",
        "number too long",
        "A number may have at most 15 digits: no count, coordinate or source number needs more, and longer ones "
        "cost the checker time or overflow.",
        "min: 1000000000000000000000",
        "Write the number the source gives; a figure that large is a typo.",
    ),
    Code(
        "E065",
        "two pages at one address",
        "Every page of the site (events, places, actors, phases, timeline parts, data files and the pages in "
        "content/) has its own address; two that would be written to the same file would silently lose one.",
        "a phase hajin-offensive-2018-10 beside the October page of the phase hajin-offensive",
        "Rename one of the two: the message names both.",
    ),
    # E09x: civilian harm
    Code(
        "E090",
        "blamed both unknown and named",
        "`civilian_harm.blamed` lists the suspected belligerents, or `unknown` alone when the sources name none; "
        "`unknown` beside a named actor says two contradicting things.",
        "civilian_harm:\n  blamed: [unknown, cjtf-oir]",
        "Keep the actors the sources blame and remove `unknown`, or keep only `unknown`.",
    ),
    # E12x: the Arabic edition's text
    Code(
        "E120",
        "Arabic text not in Arabic script",
        "The `ar` fields (and a registry's `name_ar`) hold the Arabic edition's text: it must be written in Arabic "
        "letters, with more Arabic letters than Latin ones. Latin names and figures inside Arabic text are fine; "
        "English or a transliteration in Latin letters is not (the Arabic edition shows the English itself, with "
        "a note, when an event has no `ar`).",
        'ar:\n  title: "SDF takes al-Susah"',
        "Write the text in Arabic, or leave the `ar` block out until it is translated.",
    ),
    Code(
        "E121",
        "Arabic confidence note without an English one",
        "`ar.confidence_note` translates the event's `confidence_note`; an event without one has nothing to "
        "translate, and the English edition would not show the caveat.",
        "ar:\n  confidence_note: تختلف المصادر في التاريخ.",
        "Add the English `confidence_note` as well, or remove the Arabic one.",
    ),
    # W1xx: warnings. Likely mistakes that do not stop the build; `timeline check --strict` fails on them.
    Code(
        "W101",
        "likely duplicate event",
        "Two events of the same kind at the same place have overlapping dates, so they may describe one event "
        "twice. It is reported on the file that sorts later, naming at most five such files; one more line says "
        "when there are others.",
        "2018-10-01-isis-retakes-al-susah (2018-10~) and 2018-10-02-isis-recaptures-al-susah, both territory-lost "
        "at al-susah",
        "Merge the two files if they are one event; if they are distinct, list each in the other's `related:`.",
        Severity.WARNING,
    ),
    Code(
        "W102",
        "source link without an archived copy",
        "A source with a `url` has no `archive_url`; news pages move and vanish, and the citation with them. "
        "Advisory: listed for the files you name and under --strict.",
        "url: https://example.org/report (and no archive_url)",
        "Save the page at https://web.archive.org/save and add the copy's address as `archive_url:`.",
        Severity.WARNING,
        advisory=True,
    ),
    Code(
        "W103",
        "claim range does not match its note",
        "The claim's note quotes the source's wording, and that wording gives a different range: 'up to 100' is "
        "`max: 100` only, 'at least 160' is `min: 160` only, '2,500 to 3,000' is `min: 2500` and `max: 3000`.",
        "min: 100\nmax: 100\nnote: Up to 100 killed.",
        "Write the range the source gives, as the message suggests.",
        Severity.WARNING,
    ),
    Code(
        "W104",
        "event at a place without coordinates",
        "The event names a place that has no verified coordinates, so the maps cannot show it there. Unverified "
        "coordinates are never guessed, so this is advisory: listed for the files you name and under --strict.",
        "places: [al-bahrah], where al-bahrah has no `coordinates:`",
        "If a source gives the place's coordinates, add them to events/registry/places.yaml; otherwise leave it.",
        Severity.WARNING,
        advisory=True,
    ),
)

CODES: dict[str, Code] = {entry.code: entry for entry in _TABLE}


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One problem found in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        """Refuse a code that is not in the table, so the catalogue can never miss one."""
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code}")

    @property
    def severity(self) -> Severity:
        """The severity the code table gives this problem."""
        return CODES[self.code].severity

    @property
    def advisory(self) -> bool:
        """True for an advisory warning, listed only for named files and under --strict."""
        return CODES[self.code].advisory

    def format_text(self) -> str:
        """The contributor-facing line: `path:line:col: CODE message — hint`, safe to print on a terminal."""
        hint = self.hint or CODES[self.code].fix
        return terminal_safe(f"{self.path}:{self.line}:{self.col}: {self.code} {self.message} — {hint}")


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity is Severity.ERROR]
