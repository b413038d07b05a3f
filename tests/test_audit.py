"""`timeline audit`: content against fact bases, on demand. Tested with fact bases written here, never ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli

FACTS = """# Facts

## 1. Timeline

| Date | Event | Places / actors | Figures (who claims them) | Src |
|---|---|---|---|---|
| 20 Sep 2018 | SDF takes al-Susah | SDF | – | N1 |
| 12–13 Oct 2018 | ISIS counter-attack | ISIS | – | N1 |

## 2. Places

| Place (variants) | Arabic | Lat, Lon | Notes | Src |
|---|---|---|---|---|
| al-Susah (Sousa, Souseh) | السوسة | 34.528889, 40.9675 (Airwars) | – | N1 |
| al-Bahrah | البحرة | **UNVERIFIED** | East bank | N2 |

## Sources
N1=https://example.org/report N2=https://example.org/other
"""


def audit(project: Path, facts: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Run `timeline audit` in-process against a fact-base folder."""
    code = cli.main(["--root", str(project), "audit", "--reference", str(facts)])
    return code, capsys.readouterr().out.splitlines()


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    """A folder with one fact base (the supplement may be missing: it is skipped)."""
    folder = tmp_path / "reference"
    folder.mkdir()
    (folder / "campaign-facts.md").write_text(FACTS, encoding="utf-8")
    return folder


def test_audit_reports_unknown_sources_and_missing_rows(
    project: Path, facts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fixture project cites one address the fact base lacks; one dated row has no event yet."""
    code, out = audit(project, facts, capsys)
    assert code == 1
    assert out == [
        f"fact bases: {facts / 'campaign-facts.md'}",
        "Source addresses found in neither fact base: 1",
        "  events/2018/2018-10-01-isis-retakes-al-susah.yaml: source 1 (Example News): https://example.org/b",
        "Coordinates that no fact base gives: 0",
        "Coordinates published although a fact base marks them UNVERIFIED: 0",
        "Dated fact-base rows that no event starts on (content still to add): 1",
        "  campaign-facts.md:8: 2018-10-12 ISIS counter-attack",
        "audited 2 source addresses of 2 events, 1 coordinates of 2 places and 2 dated fact-base rows",
    ]


def test_audit_flags_coordinates(project: Path, facts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A point no fact base gives, and a point for a place the fact base marks UNVERIFIED, are both reported."""
    places = project / "events/registry/places.yaml"
    text = places.read_text(encoding="utf-8").replace("lat: 34.528889", "lat: 34.6")
    text += "  coordinates: {lat: 34.6, lon: 40.8, precision: village, source: A blog}\n"
    places.write_text(text, encoding="utf-8")
    (facts / "campaign-facts.md").write_text(FACTS.replace("https://example.org/other", "https://example.org/b"))
    code, out = audit(project, facts, capsys)
    assert code == 1
    assert out[1:6] == [
        "Source addresses found in neither fact base: 0",
        "Coordinates that no fact base gives: 1",
        "  events/registry/places.yaml: al-susah (34.6, 40.9675, from Airwars): no fact base gives this point "
        "(campaign-facts.md:14 gives 34.52889, 40.96750)",
        "Coordinates published although a fact base marks them UNVERIFIED: 1",
        "  events/registry/places.yaml: al-bahrah (34.6, 40.8, from A blog): published, but the fact base marks it "
        "UNVERIFIED (campaign-facts.md:15)",
    ]


def test_audit_passes_when_everything_is_in_a_fact_base(
    project: Path, facts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Addresses may come from either fact base; a Wikipedia article a fact base cites through a copy counts."""
    (facts / "campaign-facts-2.md").write_text(
        "## Sources\n- X1=https://example.org/b\n- X2=https://wikisum.wiki/wiki/Al-Susah_(town)\n", encoding="utf-8"
    )
    event = project / "events/2018/2018-10-01-isis-retakes-al-susah.yaml"
    event.write_text(
        event.read_text(encoding="utf-8")
        + "  - publisher: Wikipedia\n    url: https://en.wikipedia.org/wiki/Al-Susah_(town)\n",
        encoding="utf-8",
    )
    code, out = audit(project, facts, capsys)
    assert code == 0, out
    assert out[1] == "Source addresses found in neither fact base: 0"


def test_audit_without_fact_bases_is_a_usage_error(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where ../shared is absent (CI), the audit says so and exits 2; the test suite never needs it."""
    code = cli.main(["--root", str(project), "audit", "--reference", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        f"timeline audit: no fact base (campaign-facts.md or campaign-facts-2.md) in {tmp_path / 'nowhere'}\n"
    )
