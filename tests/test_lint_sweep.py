"""W101 as a sweep: the same warnings as comparing every pair on small inputs, and linear work on crowded groups."""

from __future__ import annotations

import time
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checks.lint import DUPLICATE_LIMIT, duplicate_problems, duplicate_problems_pairwise
from generator.input.load import Document, parse_text

KINDS = ("clash", "strike")
PLACES = ("hajin", "susat", "baghuz-fawqani")
FIRST = date(2018, 1, 1)


def _event(
    number: int, kind: str, places: list[str], start: int, length: int, month: bool, related: list[int]
) -> Document:
    """One event file's Document (path, id and date as a contributor writes them)."""
    day = FIRST + timedelta(days=start)
    text = day.strftime("%Y-%m") if month else day.isoformat()
    if length and not month:
        text += "/" + (day + timedelta(days=length)).isoformat()
    event_id = f"{day.isoformat()}-event-{number}"
    lines = [f"id: {event_id}", f"date: '{text}'", f"kind: {kind}", f"places: [{', '.join(places)}]"]
    if related:
        lines.append(f"related: [{', '.join(f'r-{r}' for r in related)}]")
    doc, problems = parse_text("\n".join(lines) + "\n", f"events/{day.year}/{event_id}.yaml")
    assert doc is not None and not problems
    return doc


_EVENTS = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.lists(st.sampled_from(PLACES), min_size=1, max_size=3),
        st.integers(0, 60),
        st.integers(0, 10),
        st.booleans(),
        st.lists(st.integers(0, 9), max_size=2),
    ),
    max_size=9,
)


def _documents(rows: list[tuple[str, list[str], int, int, bool, list[int]]]) -> tuple[Document, ...]:
    """Documents for the drawn rows; a related entry r-N names event N's id once ids are known."""
    docs = [_event(n, *row[:5], []) for n, row in enumerate(rows)]
    ids = [d.data["id"] for d in docs]
    for doc, row in zip(docs, rows, strict=True):
        doc.data["related"] = [ids[r] for r in row[5] if r < len(ids)]
    return tuple(docs)


@settings(max_examples=300, deadline=None)
@given(_EVENTS)
def test_the_sweep_gives_the_pairwise_warnings(rows: list[tuple[str, list[str], int, int, bool, list[int]]]) -> None:
    """Every overlapping, unrelated pair of one kind at one place, once, on the later file, as before."""
    docs = _documents(rows)
    assert sorted(duplicate_problems(docs, limit=None)) == sorted(duplicate_problems_pairwise(docs))
    # Under the limit (at most 8 partners here, the limit is 5), the default call differs only where a file had more.
    full = {p.path for p in duplicate_problems_pairwise(docs)}
    capped = duplicate_problems(docs)
    for path in full:
        mine = [p for p in capped if p.path == path]
        everything = [p for p in duplicate_problems_pairwise(docs) if p.path == path]
        if len(everything) <= DUPLICATE_LIMIT:
            assert sorted(mine) == sorted(everything)
        else:
            assert len(mine) == DUPLICATE_LIMIT + 1
            assert (
                f"more than {DUPLICATE_LIMIT} other files" in max(mine, key=lambda p: "more than" in p.message).message
            )


def test_a_crowded_group_names_at_most_the_limit_per_file() -> None:
    """Forty strikes on Hajin in one month: each file gets the limit and one line saying there are more."""
    docs = tuple(_event(n, "strike", ["hajin"], n % 20, 30, False, []) for n in range(40))
    problems = duplicate_problems(docs)
    by_file: dict[str, list[str]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem.message)
    assert max(len(m) for m in by_file.values()) == DUPLICATE_LIMIT + 1
    assert all(p.code == "W101" and p.line == 2 for p in problems)


def _work(n: int) -> float:
    """Seconds to sweep n strikes at one place, each overlapping all the others (the worst group)."""
    docs = tuple(_event(k, "strike", ["hajin"], k % 30, 400, False, []) for k in range(n))
    start = time.process_time()
    duplicate_problems(docs)
    return time.process_time() - start


def test_the_sweep_grows_linearly_on_a_crowded_group() -> None:
    """A growth check, not a time limit: 8x the events costs well under the 64x a pairwise check needs."""
    small, big = min(_work(500) for _ in range(3)), min(_work(4000) for _ in range(3))
    assert big / max(small, 1e-3) < 24, (small, big)


def test_the_error_codes_page_states_the_limit() -> None:
    """The W101 explanation contributors read names the limit the sweep applies."""
    from generator.problems import CODES

    words = {5: "five"}
    assert f"naming at most {words[DUPLICATE_LIMIT]} such files" in CODES["W101"].explanation
