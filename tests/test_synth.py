"""`python -m tools.synth`: a synthetic corpus that is valid, deterministic, realistic in spread, and buildable."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.input import dates, schema
from generator.input.load import load_file
from generator.output import sitelinks
from tools import synth

from .conftest import ROOT

N = 200


def digest(folder: Path) -> dict[str, str]:
    """Path -> sha256 of every file under a folder."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of N events, made once for the module."""
    out = tmp_path_factory.mktemp("synth") / "corpus"
    report = synth.synth(N, out, seed=7)
    assert (report.events, report.files) == (N, N + 3)
    return out


def event_docs(corpus: Path) -> list[dict[str, object]]:
    """Every synthetic event as loaded by the project's own strict loader."""
    docs = []
    for file in sorted((corpus / "events").glob("[0-9]*/*.yaml")):
        doc, problems = load_file(file, corpus)
        assert doc is not None and problems == []
        docs.append(doc.data)
    return docs


def test_corpus_is_valid(corpus: Path) -> None:
    """Zero problems, warnings included (advisory ones aside, as `timeline check` counts them)."""
    result = pipeline.check(corpus)
    assert [p.format_text() for p in result.problems] == []
    assert result.catalog is not None and len(result.catalog.events) == N


def test_same_seed_same_bytes_other_seed_other_bytes(corpus: Path, tmp_path: Path) -> None:
    """Deterministic: the same N and seed give byte-identical files; another seed gives other events."""
    synth.synth(N, tmp_path / "again", seed=7)
    assert digest(tmp_path / "again") == digest(corpus)
    synth.synth(N, tmp_path / "other", seed=8)
    assert digest(tmp_path / "other") != digest(corpus)


def test_ids_are_unique_and_name_their_files(corpus: Path) -> None:
    """File name = id, in events/<year of the id>/."""
    files = sorted((corpus / "events").glob("[0-9]*/*.yaml"))
    assert len(files) == N
    for file, data in zip(files, event_docs(corpus), strict=True):
        assert file.stem == data["id"]
        assert file.parent.name == str(data["id"])[:4]
    assert len({f.stem for f in files}) == N


def test_realistic_spread(corpus: Path) -> None:
    """Every date form, dates from Sep 2017 to Mar 2019, several phases, places, actors, claims and sources."""
    docs = event_docs(corpus)
    forms = Counter()
    for data in docs:
        text = str(data["date"])
        forms["interval" if "/" in text else "plain"] += 1
        for mark in "~?%":
            forms[mark] += mark in text
        first = text.split("/")[0].rstrip("~?%")
        forms[{4: "year", 7: "month", 10: "day"}[len(first)]] += 1
        parsed = dates.parse(text)
        assert parsed.start.isoformat() >= "2017-01-01" and parsed.start.isoformat() <= "2019-03-31"
    assert all(forms[f] > 0 for f in ("interval", "~", "?", "%", "year", "month", "day")), forms
    days = [str(d["date"]) for d in docs if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d["date"]))]
    starts = sorted(dates.parse(day).start for day in days)
    assert starts[0].isoformat() >= "2017-09-01" and starts[-1].isoformat() <= "2019-03-31"
    assert len({d["phase"] for d in docs}) >= 4
    assert len({p for d in docs for p in d["places"]}) >= 15  # type: ignore[attr-defined]
    assert len({a for d in docs for a in d["actors"]}) >= 6  # type: ignore[attr-defined]
    assert sum(1 for d in docs if d.get("claims")) > N // 3
    assert sum(1 for d in docs if len(d["sources"]) > 1) > N // 4  # type: ignore[arg-type]
    assert sum(1 for d in docs if d.get("related")) > N // 10


def test_registries_are_the_real_ones(corpus: Path) -> None:
    """The registries are copied byte for byte from events/registry/."""
    real = Path(synth.PROJECT_ROOT) / "events" / "registry"
    for name in ("places", "actors", "phases"):
        assert (corpus / "events" / "registry" / f"{name}.yaml").read_bytes() == (real / f"{name}.yaml").read_bytes()


def test_the_project_around_the_events_is_there(corpus: Path) -> None:
    """mkdocs.yml naming the installed plugin, content/ and the templates: what `mkdocs build` needs in the
    folder; no copy of the generator's code."""
    for part in ("mkdocs.yml", "content/about.md", "site_templates/event.md.j2"):
        assert (corpus / part).is_file(), part
    assert "timeline" in sitelinks.load_config(corpus)["plugins"]
    assert not (corpus / "generator").exists()
    assert not list(corpus.rglob("*.py"))


def test_yaml_is_also_plain_yaml(corpus: Path) -> None:
    """libyaml's safe loader (the benchmark's floor) reads every file too."""
    for file in sorted((corpus / "events").rglob("*.yaml")):
        assert isinstance(yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader), dict)


def test_refuses_a_folder_it_did_not_make(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pointing synth at a folder with other files must not delete them; a previous corpus is replaced."""
    (tmp_path / "precious.txt").write_text("keep me")
    assert synth.main(["5", "--out", str(tmp_path)]) == 2
    assert "not made by `python -m tools.synth`" in capsys.readouterr().err
    assert (tmp_path / "precious.txt").read_text() == "keep me"
    out = tmp_path / "corpus"
    assert synth.main(["5", "--out", str(out), "--seed", "3"]) == 0
    assert synth.main(["3", "--out", str(out)]) == 0
    assert len(list((out / "events").glob("[0-9]*/*.yaml"))) == 3
    assert capsys.readouterr().out.splitlines()[-1].startswith("wrote 3 events")


def test_runs_from_the_checkout_as_a_module(tmp_path: Path) -> None:
    """`python -m tools.synth` from the checkout (tools/ is not installed), a usage error for a negative N."""
    command = [sys.executable, "-m", "tools.synth"]
    made = subprocess.run(
        [*command, "4", "--out", str(tmp_path / "c")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("wrote 4 events (") and made.stdout.rstrip().endswith(str(tmp_path / "c"))
    assert (tmp_path / "c" / ".timeline-synth").read_text(encoding="utf-8") == "python -m tools.synth 4 --seed 0\n"
    refused = subprocess.run(
        [*command, "-1", "--out", str(tmp_path / "d")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (refused.returncode, refused.stderr) == (2, "python -m tools.synth: N must be 0 or more\n")
    assert not (tmp_path / "d").exists()


def test_real_shaped_copies_keep_the_real_files_shape(tmp_path: Path) -> None:
    """`--shape real`: the project's events copied with new ids and dates, valid, their related links inside each
    copy, and the duplicates that crowded real data has (W101), deterministic for one seed."""
    reals = sorted((synth.PROJECT_ROOT / "events").glob("[0-9]*/*.yaml"))
    n = len(reals) * 2 + 3  # two whole copies and a partial third
    assert synth.main([str(n), "--shape", "real", "--out", str(tmp_path / "a"), "--seed", "3"]) == 0
    synth.synth_real(n, tmp_path / "b", seed=3)
    assert digest(tmp_path / "a" / "events") == digest(tmp_path / "b" / "events")
    checked = pipeline.check(tmp_path / "a")
    assert checked.ok, [p for p in checked.problems if p.code.startswith("E")][:5]
    assert checked.catalog is not None and len(checked.catalog.events) == n
    ids = set(checked.catalog.by_id)
    assert all(e.id.rsplit("-k", 1)[1].isdigit() for e in checked.catalog.events)
    for event in checked.catalog.events:
        copy = event.id.rsplit("-k", 1)[1]
        assert all(r in ids for r in event.related)
        # A whole copy's links stay in that copy; the partial one's point into it or the copy before.
        assert all(r.rsplit("-k", 1)[1] in (copy, str(int(copy) - 1)) for r in event.related)
    # Every copy but the first moves the dates: the copies of one real event start on different days.
    first = reals[0].stem[11:]
    starts = {e.date.start for e in checked.catalog.events if e.id[11:].startswith(first + "-k")}
    assert len(starts) > 1
    assert any(p.code == "W101" for p in checked.problems)


def test_real_shaped_ids_fit_the_schema_in_every_copy() -> None:
    """From the tenth copy on the suffix grows (`-k10`): the longest real ids are cut to fit the id limit, and the
    copy ids stay unique, so a real-shaped corpus of 10,000 events still builds."""
    reals = sorted((synth.PROJECT_ROOT / "events").glob("[0-9]*/*.yaml"))
    limit = schema.schema()["properties"]["id"]["maxLength"]
    ids = [event_id for event_id, _ in synth.real_copy_texts(len(reals) * 12)]
    assert max(len(event_id) for event_id in ids) <= limit
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*-k\d+", event_id) for event_id in ids)
