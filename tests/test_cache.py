"""The build cache saves time and nothing else: cached, uncached, stale and corrupt runs give identical results."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import pipeline, synth
from generator.cache import CACHE_DIR, FILE_NAME, FORMAT, BuildCache, code_digest, machine_key
from generator.load import load_tree

from .conftest import FIXTURES, install_fixture


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic project, made once; tests work on copies."""
    out = tmp_path_factory.mktemp("cache") / "corpus"
    synth.synth(60, out, seed=5)
    return out


@pytest.fixture
def project(corpus: Path, tmp_path: Path) -> Path:
    """A writable copy of the corpus."""
    return Path(shutil.copytree(corpus, tmp_path / "project"))


def outcome(root: Path, out: Path, *, cache: bool) -> tuple[list[str], dict[str, str]]:
    """Every problem as text and every generated page, from one build."""
    result = pipeline.build(root, out, cache=cache)
    return [p.format_text() for p in result.check.problems], result.pages


def cache_file(root: Path) -> Path:
    """Where the project's cache lives."""
    return root / CACHE_DIR / FILE_NAME


def warm(project: Path, out: Path) -> None:
    """A build that fills the cache with every file of the project (which the tests then change)."""
    outcome(project, out, cache=True)
    store = BuildCache(project / CACHE_DIR)
    load_tree(project, store)
    assert store.misses == 0 and store.hits > 0


def test_cached_and_uncached_runs_are_identical(project: Path, tmp_path: Path) -> None:
    """No cache, a cold cache and a warm cache give the same problems and the same pages."""
    plain = outcome(project, tmp_path / "a", cache=False)
    assert not cache_file(project).exists()
    assert outcome(project, tmp_path / "b", cache=True) == plain
    assert cache_file(project).exists()
    store = BuildCache(project / CACHE_DIR)
    load_tree(project, store)
    assert (store.hits, store.misses) == (60, 0)
    assert outcome(project, tmp_path / "c", cache=True) == plain


def test_problems_found_through_the_cache_keep_their_positions(project: Path, tmp_path: Path) -> None:
    """A file cached while clean gets an error from another file's change: its line and column are exact."""
    warm(project, tmp_path / "warm")
    registry = project / "events" / "registry" / "places.yaml"
    text = registry.read_text(encoding="utf-8")
    start = text.index("\nabu-kamal:")
    end = text.index("\n\n", start + 1)
    registry.write_text(text[:start] + text[end:], encoding="utf-8")
    cached = outcome(project, tmp_path / "x", cache=True)
    plain = outcome(project, tmp_path / "y", cache=False)
    assert cached == plain
    assert any(" E032 unknown place 'abu-kamal'" in line for line in cached[0])


def test_stale_entries_miss(project: Path, tmp_path: Path) -> None:
    """An edited, broken or new file is loaded and checked afresh."""
    warm(project, tmp_path / "warm")
    event = sorted((project / "events").glob("[0-9]*/*.yaml"))[3]
    event.write_text(event.read_text(encoding="utf-8").replace("kind: ", "kind: battle-", 1), encoding="utf-8")
    install_fixture(project, FIXTURES / "problems" / "E004-duplicate-key.yaml")
    cached = outcome(project, tmp_path / "x", cache=True)
    plain = outcome(project, tmp_path / "y", cache=False)
    assert cached == plain
    assert any(" E013 " in line for line in cached[0]) and any(" E004 " in line for line in cached[0])
    # And once more, now that the broken files are in the cache too.
    assert outcome(project, tmp_path / "z", cache=True) == plain


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "edited-body", "other-code", "bad-entries", "empty"],
)
def test_a_corrupt_cache_changes_nothing(project: Path, tmp_path: Path, damage: str) -> None:
    """Whatever happened to the cache file, the results are those of a run without it."""
    plain = outcome(project, tmp_path / "plain", cache=False)
    warm(project, tmp_path / "warm")
    file = cache_file(project)
    blob = file.read_bytes()
    header, _, body = blob.partition(b"\n")
    entries = json.loads(body)
    first = sorted(entries)[0]
    if damage == "garbage":
        file.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        file.write_bytes(blob[: len(blob) // 2])
    elif damage == "edited-body":  # data changed behind the checksum's back
        file.write_bytes(header + b"\n" + body.replace(b'"confirmed"', b'"disputed"'))
    elif damage == "other-code":
        meta = json.loads(header)
        meta["code"] = "0" * 64
        file.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    elif damage == "bad-entries":  # well-formed and checksummed, but entries that cannot be right
        entries[first][2] = [["elsewhere.yaml", 1, 1, "E999", "x", ""]]
        for other in sorted(entries)[1:4]:
            entries[other] = ["not", "an", "entry"]
        new_body = json.dumps(entries).encode()
        meta = json.loads(header)
        meta["sha256"] = hashlib.sha256(new_body).hexdigest()
        file.write_bytes(json.dumps(meta).encode() + b"\n" + new_body)
    else:
        file.write_bytes(b"")
    assert outcome(project, tmp_path / "after", cache=True) == plain
    # The run replaced the damaged cache with a good one.
    assert json.loads(file.read_bytes().partition(b"\n")[0])["code"] == code_digest()
    assert outcome(project, tmp_path / "again", cache=True) == plain


def test_editing_one_event_rewrites_at_most_five_files(project: Path) -> None:
    """Change one event's summary: its page and the data exports that carry the summary, nothing else."""
    assert pipeline.build(project).written is not None
    event = sorted((project / "events").glob("[0-9]*/*.yaml"))[10]
    event.write_text(event.read_text(encoding="utf-8").replace("summary: >-\n  ", "summary: >-\n  Edited. "))
    report = pipeline.build(project).written
    assert report is not None
    assert 1 <= len(report.written) <= 5 and report.removed == []
    assert f"events/{event.stem}.md" in report.written


def test_the_cache_is_json_not_code(project: Path) -> None:
    """Reading a cache never runs code: it is JSON with a line holding its HMAC under this machine's key."""
    outcome(project, project / "build" / "x", cache=True)
    header, _, body = cache_file(project).read_bytes().partition(b"\n")
    key = machine_key()
    assert key is not None
    expected = hmac.new(key, code_digest().encode() + b"\n" + body, hashlib.sha256).hexdigest()
    assert json.loads(header)["hmac"] == expected
    assert isinstance(json.loads(body), dict)


# --- a cache is data an attacker may control ---------------------------------------------------------------------


def _spoof(project: Path, *, sign: Callable[[bytes], str], url: str = "https://evil.example/") -> tuple[Path, str]:
    """Write a cache whose entry for one event holds a spoofed title and source URL, signed by `sign` (the data is
    schema-valid unless `url` is not, so that only the signature can give a forgery away)."""
    event = sorted((project / "events").glob("[0-9]*/*.yaml"))[0]
    raw = event.read_bytes()
    path = event.relative_to(project).as_posix()
    data = load_tree(project)[0].events[0].data
    assert data["id"] == event.stem
    spoofed = {**data, "title": "SPOOFED", "sources": [{"publisher": "X", "url": url}]}
    body = json.dumps({path: [hashlib.sha256(raw).hexdigest(), spoofed, [], []]}).encode()
    header = json.dumps({"format": FORMAT, "code": code_digest(), "hmac": sign(body), "sha256": "x"})
    cache_file(project).parent.mkdir(parents=True, exist_ok=True)
    cache_file(project).write_bytes(header.encode() + b"\n" + body)
    return event, path


def _published_titles(project: Path, tmp_path: Path) -> set[str]:
    """The titles a build publishes (in the JSON export), with the cache."""
    result = pipeline.build(project, tmp_path / "out", cache=True)
    assert result.check.catalog is not None, [p.format_text() for p in result.check.problems]
    return {e.title for e in result.check.catalog.events}


def _this_machine(body: bytes) -> str:
    """How this machine signs a cache body."""
    key = machine_key()
    assert key is not None
    return hmac.new(key, code_digest().encode() + b"\n" + body, hashlib.sha256).hexdigest()


@pytest.mark.parametrize(
    "forger",
    [
        pytest.param(lambda body: hashlib.sha256(body).hexdigest(), id="checksum-only"),
        pytest.param(lambda body: hmac.new(b"\0" * 32, body, hashlib.sha256).hexdigest(), id="guessed-key"),
        pytest.param(lambda body: "", id="no-signature"),
    ],
)
def test_a_forged_cache_changes_nothing(project: Path, tmp_path: Path, forger: Callable[[bytes], str]) -> None:
    """A committed cache with the right code digest but not this machine's signature is ignored entirely."""
    _spoof(project, sign=forger)
    assert "SPOOFED" not in _published_titles(project, tmp_path)


def test_another_machines_cache_changes_nothing(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache signed with a real key, but another machine's (here: another cache home), is ignored."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    _spoof(project, sign=_this_machine)
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert "SPOOFED" not in _published_titles(project, tmp_path)


def test_a_cache_git_tracks_is_ignored(project: Path, tmp_path: Path) -> None:
    """Even correctly signed, a cache file in git's index came with the checkout: it is not read."""
    _spoof(project, sign=_this_machine)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "add", "-f", str(CACHE_DIR / FILE_NAME)], check=True)
    assert "SPOOFED" not in _published_titles(project, tmp_path)


def test_a_linked_cache_is_ignored(project: Path, tmp_path: Path) -> None:
    """A cache file that is a symbolic link (to a signed cache elsewhere) is not followed."""
    _spoof(project, sign=_this_machine)
    elsewhere = tmp_path / "files.json"
    cache_file(project).rename(elsewhere)
    cache_file(project).symlink_to(elsewhere)
    assert "SPOOFED" not in _published_titles(project, tmp_path)


def test_cached_data_is_verified_again(project: Path, tmp_path: Path) -> None:
    """Even a cache this machine signed is not trusted: data the fast schema check cannot confirm is parsed again.
    (Its title is valid text, so only the javascript: URL betrays it; the URL is what must not be published.)"""
    event, _ = _spoof(project, sign=_this_machine, url="javascript:alert(1)")
    result = pipeline.build(project, tmp_path / "out", cache=True)
    assert result.check.catalog is not None
    published = result.check.catalog.by_id[event.stem]
    assert published.title != "SPOOFED"
    assert all(s.url is None or s.url.startswith("https://") for s in published.sources)


def test_a_key_inside_the_checkout_means_no_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A key kept in the checkout could be committed beside the cache it signs: then there is no cache at all."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / "build" / "keys"))
    assert machine_key(project) is None
    store = BuildCache(project / CACHE_DIR, project)
    assert store.entries == {}
    store.save()
    assert not cache_file(project).exists()


def test_the_environment_can_turn_the_cache_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CI checks and builds pull requests with TIMELINE_NO_CACHE=1: nothing is read or written."""
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    pipeline.check(project)
    assert not cache_file(project).exists()


def test_a_cache_larger_than_an_event_file_is_read(tmp_path: Path) -> None:
    """The cache of a big project is far larger than the 256 KiB limit of one event file, and is still used."""
    project = tmp_path / "big"
    synth.synth(400, project, seed=7)
    pipeline.check(project)
    assert cache_file(project).stat().st_size > 256 * 1024
    store = BuildCache(project / CACHE_DIR, project)
    load_tree(project, store)
    assert (store.hits, store.misses) == (400, 0)
