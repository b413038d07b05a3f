"""Open-data exports, each read back by an independent reader: jsonschema, csv, geojson, feedparser and a schema
of TimelineJS's documented format. Also the wiring: pipeline, `timeline export`, the MkDocs hook and the site."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import uuid
from pathlib import Path
from typing import Any

import feedparser
import geojson
import pytest
from jsonschema import Draft202012Validator

from generator import cli, pipeline, settings
from generator.engines.plugin import last_good_pages
from generator.model.catalog import Catalog
from generator.output import exports, sitelinks

from .conftest import ROOT

DATA_PAGE = ROOT / "content" / "data.md"
EXPORT_NAMES = {
    "events.json",
    "events.schema.json",
    "events.csv",
    "claims.csv",
    "events.geojson",
    "timelinejs.json",
    "feed.xml",
}

# Text a contributor could write that must come out of every format exactly as written: XML and HTML
# specials, a CDATA end, quotes and a spreadsheet formula. (Control characters, which XML cannot hold, are
# refused by the checker with E038 before any export runs.)
HOSTILE_EVENT = """\
id: 2018-10-05-hostile-text
title: "=HYPERLINK(\\"x\\") & <3 ]]> done"
date: "2018-10-05/2018-10-07"
kind: statement
phase: hajin-offensive
places: [al-bahrah, al-susah]
actors: [sdf]
summary: Fish & chips <3 "quoted" ]]> [a link](https://example.org/?a=1&b=2).
claims:
  - {what: killed, about: isis, min: 5, max: 5, by: SOHR, source: 1}
  - {what: killed, about: civilians, max: 9, by: "A & B", source: 1}
confidence: reported
sources:
  - publisher: "A & B > x"
    url: https://example.org/?a=1&b=2
"""
HOSTILE_TITLE = '=HYPERLINK("x") & <3 ]]> done'

# TimelineJS 3's JSON format as its documentation describes it (timeline.knightlab.com/docs/json-format.html):
# the parts this export uses are closed to typos, the rest left open.
TIMELINEJS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["events"],
    "additionalProperties": False,
    "properties": {
        "events": {"type": "array", "items": {"$ref": "#/$defs/slide", "required": ["start_date"]}},
        "title": {"$ref": "#/$defs/slide"},
        "eras": {"type": "array"},
        "scale": {"enum": ["human", "cosmological"]},
    },
    "$defs": {
        "date": {
            "type": "object",
            "required": ["year"],
            "additionalProperties": False,
            "properties": {
                "year": {"type": "integer"},
                "month": {"type": "integer", "minimum": 1, "maximum": 12},
                "day": {"type": "integer", "minimum": 1, "maximum": 31},
                "hour": {"type": "integer", "minimum": 0, "maximum": 23},
                "minute": {"type": "integer", "minimum": 0, "maximum": 59},
                "second": {"type": "integer", "minimum": 0, "maximum": 59},
                "millisecond": {"type": "integer"},
                "display_date": {"type": "string"},
                "format": {"type": "string"},
            },
        },
        "slide": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "start_date": {"$ref": "#/$defs/date"},
                "end_date": {"$ref": "#/$defs/date"},
                "text": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
                },
                "media": {"type": "object", "required": ["url"]},
                "group": {"type": "string"},
                "display_date": {"type": "string"},
                "background": {"type": "object"},
                "autolink": {"type": "boolean"},
                "unique_id": {"type": "string"},
            },
        },
    },
}


def catalog_of(root: Path) -> Catalog:
    """The catalog of a project, failing with its problems when it has errors."""
    result = pipeline.check(root)
    assert result.catalog is not None, [p.format_text() for p in result.problems]
    return result.catalog


def event_stems(root: Path) -> set[str]:
    """The names of the event files, which are the event ids."""
    return {p.stem for p in (root / "events").rglob("*.yaml") if "registry" not in p.relative_to(root).parts}


def csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a CSV export, read by the csv module."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def parse_feed(text: str) -> Any:
    """The feed as feedparser reads it, from bytes as a reader downloads them."""
    return feedparser.parse(text.encode("utf-8"))


@pytest.fixture
def catalog(project: Path) -> Catalog:
    """The fixture project's catalog."""
    return catalog_of(project)


@pytest.fixture
def hostile(project: Path) -> Catalog:
    """The fixture project with an event whose text tries to break every format."""
    (project / "events" / "2018" / "2018-10-05-hostile-text.yaml").write_text(HOSTILE_EVENT, encoding="utf-8")
    return catalog_of(project)


@pytest.fixture(scope="module")
def real() -> Catalog:
    """The real project's catalog (fails with the content problems when events/ has errors)."""
    return catalog_of(ROOT)


def data(catalog: Catalog) -> dict[str, str]:
    """Every export of a catalog, by file name."""
    return exports.export(catalog, exports.FORMATS)


# --- events.json ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["fixture", "real", "hostile"])
def test_json_is_valid_against_its_published_schema(which: str, request: pytest.FixtureRequest) -> None:
    """events.json validates against events.schema.json, which is itself a valid Draft 2020-12 schema."""
    files = data(request.getfixturevalue({"fixture": "catalog", "real": "real", "hostile": "hostile"}[which]))
    schema = json.loads(files["events.schema.json"])
    Draft202012Validator.check_schema(schema)
    errors = [
        f"{list(e.path)}: {e.message}"
        for e in Draft202012Validator(schema).iter_errors(json.loads(files["events.json"]))
    ]
    assert errors == []


def test_published_schema_is_the_package_schema() -> None:
    """data/events.schema.json is generator/data/export.schema.json, byte for byte."""
    assert exports.events_schema() == (ROOT / "generator" / "data" / "export.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("root_kind", ["fixture", "real"])
def test_json_round_trip_holds_exactly_the_event_files(root_kind: str, project: Path) -> None:
    """The ids in events.json are the names of the yaml files under events/, each once, in date order."""
    root = project if root_kind == "fixture" else ROOT
    catalog = catalog_of(root)
    document = json.loads(data(catalog)["events.json"])
    ids = [e["id"] for e in document["events"]]
    assert sorted(ids) == sorted(event_stems(root))
    assert len(ids) == len(set(ids)) == document["event_count"]
    assert ids == [e.id for e in catalog.events]
    assert document["version"] == exports.EXPORT_VERSION == 1


def test_json_resolves_references_and_keeps_claims(catalog: Catalog) -> None:
    """Places, actors and phase come with their names; claims keep their range and claimant."""
    events = {e["id"]: e for e in json.loads(data(catalog)["events.json"])["events"]}
    taken = events["2018-09-20-sdf-takes-al-susah"]
    assert taken["places"][0]["aliases"] == ["Sousa", "Souseh"]
    assert taken["places"][0]["coordinates"] == {
        "lat": 34.528889,
        "lon": 40.9675,
        "precision": "village",
        "source": "Airwars",
    }
    assert [a["short_name"] for a in taken["actors"]] == ["SDF", "YPJ", "ISIS"]
    assert taken["phase"] == {"id": "hajin-offensive", "name": "Hajin offensive"}
    assert taken["claims"][0] == {
        "what": "killed",
        "what_label": "killed",
        "about": "isis",
        "about_name": "ISIS",
        "min": None,
        "max": 100,
        "unit": "people",
        "by": "SDF",
        "source": 1,
        "note": None,
    }
    retaken = events["2018-10-01-isis-retakes-al-susah"]
    assert retaken["date"] == {
        "edtf": "2018-10~",
        "start": "2018-10-01",
        "end": "2018-10-31",
        "precision": "month",
        "label": "c. October 2018",
        "approximate": True,
        "uncertain": False,
        "interval": False,
    }
    assert retaken["places"][1]["coordinates"] is None


def test_hostile_text_survives_json_as_written(hostile: Catalog) -> None:
    """JSON holds contributor text exactly as written."""
    events = {e["id"]: e for e in json.loads(data(hostile)["events.json"])["events"]}
    assert events["2018-10-05-hostile-text"]["title"] == HOSTILE_TITLE


# --- events.csv ----------------------------------------------------------------------------------------------


def documented_csv_columns() -> list[str]:
    """The column names of the table under '## events.csv' on the Data page."""
    section = DATA_PAGE.read_text(encoding="utf-8").split("## events.csv", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z0-9_]+)` \|", section, flags=re.MULTILINE)


def test_csv_columns_are_the_documented_ones() -> None:
    """The Data page documents exactly the columns the export writes, in the same order."""
    assert documented_csv_columns() == list(exports.CSV_COLUMNS)


def test_json_fields_are_documented() -> None:
    """Every field of an event in events.json is named on the Data page."""
    schema = json.loads(exports.events_schema())
    page = DATA_PAGE.read_text(encoding="utf-8")
    missing = [name for name in schema["$defs"]["event"]["properties"] if f"`{name}`" not in page]
    assert missing == []


@pytest.mark.parametrize("which", ["catalog", "real"])
def test_csv_has_the_documented_header_and_one_row_per_event(which: str, request: pytest.FixtureRequest) -> None:
    """Read by the csv module: the header is CSV_COLUMNS and each event has one row, in date order."""
    catalog: Catalog = request.getfixturevalue(which)
    text = data(catalog)["events.csv"]
    header, rows = csv_rows(text)
    assert header == list(exports.CSV_COLUMNS)
    assert [r["event_id"] for r in rows] == [e.id for e in catalog.events]
    assert all(len(r) == len(header) and None not in r for r in rows)
    assert text.endswith("\r\n")


def test_csv_maps_places_and_a_single_claim(catalog: Catalog) -> None:
    """First place in the row, every place id in place_ids; one killed claim fills the fatality columns."""
    rows = {r["event_id"]: r for r in csv_rows(data(catalog)["events.csv"])[1]}
    taken, retaken = rows["2018-09-20-sdf-takes-al-susah"], rows["2018-10-01-isis-retakes-al-susah"]
    assert (taken["fatalities_min"], taken["fatalities_max"], taken["fatalities_claimant"]) == ("", "100", "SDF")
    assert taken["fatalities_claims"] == "ISIS: up to 100 (SDF, source 1)"
    assert (taken["source_count"], taken["source_urls"]) == ("2", "https://example.org/report")
    assert (retaken["place"], retaken["place_ids"]) == ("al-Susah", "al-susah;al-bahrah")
    assert (float(retaken["latitude"]), float(retaken["longitude"])) == (34.528889, 40.9675)
    assert (retaken["event_date"], retaken["start_date"], retaken["end_date"]) == (
        "2018-10~",
        "2018-10-01",
        "2018-10-31",
    )
    assert retaken["fatalities_claims"] == retaken["fatalities_max"] == ""


def test_csv_never_sums_competing_claims_and_defuses_formulas(hostile: Catalog) -> None:
    """Several killed claims: no single figure, all listed; a first place without coordinates leaves them empty."""
    rows = {r["event_id"]: r for r in csv_rows(data(hostile)["events.csv"])[1]}
    row = rows["2018-10-05-hostile-text"]
    assert (row["fatalities_min"], row["fatalities_max"], row["fatalities_claimant"]) == ("", "", "")
    assert row["fatalities_claims"] == "ISIS: 5 (SOHR, source 1); civilians: up to 9 (A & B, source 1)"
    assert (row["place"], row["latitude"], row["longitude"]) == ("al-Bahrah", "", "")
    assert row["title"] == "'" + HOSTILE_TITLE
    assert row["notes"] == 'Fish & chips <3 "quoted" ]]> [a link](https://example.org/?a=1&b=2).'
    assert row["source_urls"] == "https://example.org/?a=1&b=2"


# --- events.geojson ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["catalog", "real", "hostile"])
def test_geojson_is_valid_with_a_point_per_located_event_place(which: str, request: pytest.FixtureRequest) -> None:
    """The geojson package finds the collection valid; each (event, located place) is one [lon, lat] point."""
    catalog: Catalog = request.getfixturevalue(which)
    collection = geojson.loads(data(catalog)["events.geojson"])
    assert collection.is_valid, collection.errors()
    assert collection.errors() == []
    expected = [
        (event.id, place_id)
        for event in catalog.events
        for place_id in event.places
        if catalog.places[place_id].coordinates is not None
    ]
    found = [(f["properties"]["event_id"], f["properties"]["place_id"]) for f in collection["features"]]
    assert found == expected
    # The geojson package rounds what it reads to 6 decimals; the file itself is compared exactly below.
    raw = json.loads(data(catalog)["events.geojson"])["features"]
    for feature, written in zip(collection["features"], raw, strict=True):
        coords = catalog.places[feature["properties"]["place_id"]].coordinates
        assert coords is not None
        assert feature["geometry"]["type"] == "Point"
        assert written["geometry"]["coordinates"] == [coords.lon, coords.lat]


def test_geojson_has_no_crs_member(catalog: Catalog) -> None:
    """RFC 7946 dropped `crs`: WGS 84 is implied."""
    assert "crs" not in json.loads(data(catalog)["events.geojson"])


# --- feed.xml ------------------------------------------------------------------------------------------------


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.mark.parametrize("which", ["catalog", "real", "hostile"])
def test_feed_is_well_formed_atom_with_one_entry_per_latest_event(which: str, request: pytest.FixtureRequest) -> None:
    """feedparser reads it without the bozo flag: newest first, relative links, RFC 3339 dates."""
    catalog: Catalog = request.getfixturevalue(which)
    text = data(catalog)["feed.xml"]
    feed = parse_feed(text)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    latest = list(reversed(catalog.events[-exports.FEED_SIZE :]))
    assert len(feed.entries) == min(exports.FEED_SIZE, len(catalog.events)) == len(latest)
    assert [e.link for e in feed.entries] == [f"../events/{e.id}/" for e in latest]
    assert [e.title for e in feed.entries] == [re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", e.title) for e in latest]
    assert [e.id for e in feed.entries] == [f"urn:uuid:{uuid.uuid5(exports.FEED_NAMESPACE, e.id)}" for e in latest]
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    stamps = re.findall(r"<(?:updated|published)>([^<]*)</", text)
    assert stamps and all(RFC3339.match(s) for s in stamps)
    assert feed.feed.updated == max(e.updated for e in feed.entries)


def test_feed_ids_and_bytes_are_stable_across_builds(project: Path) -> None:
    """Two builds of the same events give the same feed, so readers never see an entry twice."""
    first = pipeline.build(project).pages["data/feed.xml"]
    second = pipeline.build(project).pages["data/feed.xml"]
    assert first == second
    assert [e.id for e in parse_feed(first).entries] == [e.id for e in parse_feed(second).entries]


def test_feed_keeps_hostile_text_as_text(hostile: Catalog) -> None:
    """Title and content come back as written, escaped once: nothing became markup."""
    entry = next(e for e in parse_feed(data(hostile)["feed.xml"]).entries if "hostile" in e.link)
    assert entry.title == HOSTILE_TITLE
    assert "Fish &amp; chips &lt;3" in entry.content[0].value
    assert "<script" not in entry.content[0].value


def test_feed_dates_come_from_the_event_dates(catalog: Catalog) -> None:
    """published is the first day an event's date can mean, updated the last."""
    entry = next(e for e in parse_feed(data(catalog)["feed.xml"]).entries if "retakes" in e.link)
    assert (entry.published, entry.updated) == ("2018-10-01T00:00:00Z", "2018-10-31T00:00:00Z")


# --- timelinejs.json -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["catalog", "real", "hostile"])
def test_timelinejs_follows_the_documented_format(which: str, request: pytest.FixtureRequest) -> None:
    """Valid against the documented format; dates at the event's own precision; group and id as promised."""
    catalog: Catalog = request.getfixturevalue(which)
    document = json.loads(data(catalog)["timelinejs.json"])
    errors = [f"{list(e.path)}: {e.message}" for e in Draft202012Validator(TIMELINEJS_SCHEMA).iter_errors(document)]
    assert errors == []
    assert "start_date" not in document["title"] and document["title"]["text"]["headline"]
    slides = document["events"]
    assert [s["unique_id"] for s in slides] == [e.id for e in catalog.events]
    for slide, event in zip(slides, catalog.events, strict=True):
        first = event.date.first
        expected = {"year": first.year, "month": first.month, "day": first.day}
        assert slide["start_date"] == {k: v for k, v in expected.items() if v is not None}
        assert ("end_date" in slide) == event.date.is_interval
        if event.date.last is not None:
            assert slide["end_date"]["year"] == event.date.last.year
        assert slide["group"] == html.escape(catalog.phases[event.phase].name)
        assert slide["text"]["headline"] == html.escape(event.title)
        assert slide["display_date"] == html.escape(event.date.label)


def test_timelinejs_month_precision_has_no_day(catalog: Catalog) -> None:
    """A month-precise event is placed by year and month only."""
    slides = {s["unique_id"]: s for s in json.loads(data(catalog)["timelinejs.json"])["events"]}
    assert slides["2018-10-01-isis-retakes-al-susah"]["start_date"] == {"year": 2018, "month": 10}
    assert slides["2018-09-20-sdf-takes-al-susah"]["start_date"] == {"year": 2018, "month": 9, "day": 20}


# --- wiring ---------------------------------------------------------------------------------------------------


def test_site_title_is_mkdocs_site_name() -> None:
    """The title the exports carry is the site's name."""
    config = sitelinks.load_config(ROOT)
    assert config["site_name"] == settings.SITE_TITLE


def test_exports_are_deterministic(project: Path) -> None:
    """Two runs give byte-identical files."""
    assert exports.data_files(catalog_of(project)) == exports.data_files(catalog_of(project))


def test_build_writes_exports_beside_pages_and_removes_stale_ones(project: Path) -> None:
    """pipeline.build writes data/ into build/generated; a file no export makes any more is removed."""
    result = pipeline.build(project)
    generated = project / pipeline.GENERATED_DIR
    assert {p.name for p in (generated / "data").iterdir() if p.is_file()} == EXPORT_NAMES
    assert (generated / "data" / "events.csv").read_bytes() == result.pages["data/events.csv"].encode()
    (generated / "data" / "events.old.csv").write_text("stale\n")
    report = pipeline.build(project).written
    assert report is not None and report.removed == ["data/events.old.csv"]


def test_plugin_previews_last_good_data_files(project: Path) -> None:
    """The plugin's fallback for `mkdocs serve` lists the data files too, not only the Markdown pages."""
    result = pipeline.build(project)
    assert sorted(last_good_pages(project / pipeline.GENERATED_DIR)) == sorted(result.pages)


def run_cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in-process; exit code, stdout and stderr."""
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_writes_the_chosen_format(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline export --format csv` writes the two CSV files only, with a one-line summary."""
    out = tmp_path / "out"
    code, stdout, _ = run_cli("--root", str(project), "export", "--format", "csv", "--out", str(out), capsys=capsys)
    assert (code, stdout) == (0, f"exported 2 events as claims.csv, events.csv into {out}\n")
    assert sorted(p.name for p in out.iterdir()) == ["claims.csv", "events.csv"]
    assert (out / "events.csv").read_bytes() == data(catalog_of(project))["events.csv"].encode()


def test_export_all(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--format all` writes every file the site publishes under data/."""
    out = tmp_path / "all"
    assert run_cli("--root", str(project), "export", "--format", "all", "--out", str(out), capsys=capsys)[0] == 0
    assert {p.name for p in out.iterdir()} == EXPORT_NAMES


def test_export_refuses_a_project_with_errors(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With any error nothing is written and the exit code is 1."""
    (project / "events" / "2018" / "2018-10-01-isis-retakes-al-susah.yaml").write_text("title: broken\n")
    out = tmp_path / "out"
    code, stdout, _ = run_cli("--root", str(project), "export", "--format", "json", "--out", str(out), capsys=capsys)
    assert code == 1
    assert stdout.endswith(f"nothing was exported, {out} is unchanged\n") and " E0" in stdout
    assert not out.exists()


def test_export_usage_errors_exit_2(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown or missing format, or an output path that is a file: exit 2."""
    for args in (["export", "--format", "pdf"], ["export"]):
        with pytest.raises(SystemExit) as raised:
            cli.main(["--root", str(project), *args])
        assert raised.value.code == 2
    a_file = tmp_path / "file"
    a_file.write_text("")
    assert run_cli("--root", str(project), "export", "--format", "csv", "--out", str(a_file), capsys=capsys)[0] == 2


# --- the built site ------------------------------------------------------------------------------------------


def test_site_publishes_every_export_under_data(built: Path) -> None:
    """site/data/ holds each export, byte for byte as the pipeline makes it, and the Data page links to each."""
    expected = exports.data_files(catalog_of(built))
    site = built / "site"
    for relative, text in expected.items():
        assert (site / relative).read_bytes() == text.encode("utf-8"), relative
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="([a-z.]+\.(?:json|csv|geojson|xml))"', page))
    assert linked == EXPORT_NAMES
    assert all((site / "data" / name).is_file() for name in linked)
