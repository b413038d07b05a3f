"""How `timeline check` prints its problems: text for people, GitHub workflow commands, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.problems import CODES, Problem, Severity, terminal_safe

FORMATS = ("text", "github", "json")


def plural(count: int, word: str) -> str:
    """'1 error', '2 errors'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def counts(problems: Sequence[Problem]) -> tuple[int, int]:
    """(errors, warnings) among the problems."""
    n_errors = sum(p.severity is Severity.ERROR for p in problems)
    return n_errors, len(problems) - n_errors


def summary(problems: Sequence[Problem], files_checked: int, hidden: int = 0) -> str:
    """'checked 54 files: 0 errors, 1 warning', saying how many advisory warnings were left out."""
    n_errors, n_warnings = counts(problems)
    line = f"checked {plural(files_checked, 'file')}: {plural(n_errors, 'error')}, {plural(n_warnings, 'warning')}"
    if hidden:
        line += f" (and {plural(hidden, 'advisory warning')}, listed with --strict)"
    return line


def hint(problem: Problem) -> str:
    """The problem's own hint, or its code's general fix."""
    return problem.hint or CODES[problem.code].fix


def _escape_data(text: str) -> str:
    """Escape a workflow command's message: %, CR and LF would end or corrupt the command; other controls are shown."""
    return terminal_safe(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command's property value: also ':' and ',', which separate properties."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """'::error file=PATH,line=L,col=C,title=CODE::message — hint', which GitHub shows as an annotation."""
    level = "error" if problem.severity is Severity.ERROR else "warning"
    properties = ",".join(
        f"{name}={_escape_property(str(value))}"
        for name, value in (
            ("file", problem.path),
            ("line", problem.line),
            ("col", problem.col),
            ("title", problem.code),
        )
    )
    return f"::{level} {properties}::{_escape_data(f'{problem.message} — {hint(problem)}')}"


def text_lines(problems: Sequence[Problem], not_checked: Sequence[tuple[str, str]] = ()) -> list[str]:
    """The problem lines, each unreadable registry's note right after its own problems (they come first)."""
    lines, pending = [], list(not_checked)
    for problem in problems:
        while pending and not problem.path.startswith("events/registry/"):
            lines.append(terminal_safe(pending.pop(0)[1]))
        lines.append(problem.format_text())
    return lines + [terminal_safe(sentence) for _, sentence in pending]


def github_notes(not_checked: Sequence[tuple[str, str]]) -> list[str]:
    """'::notice file=PATH::sentence' for each registry whose references were not checked."""
    return [f"::notice file={_escape_property(path)}::{_escape_data(sentence)}" for path, sentence in not_checked]


def json_report(
    problems: Sequence[Problem],
    files_checked: int,
    hidden: int = 0,
    not_checked: Sequence[tuple[str, str]] = (),
) -> str:
    """Every problem as an object with a fixed key order, then the counts."""
    n_errors, n_warnings = counts(problems)
    document = {
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "code": p.code,
                "severity": str(p.severity),
                "message": p.message,
                "hint": hint(p),
            }
            for p in problems
        ],
        "summary": {
            "files_checked": files_checked,
            "errors": n_errors,
            "warnings": n_warnings,
            "advisory_hidden": hidden,
        },
    }
    if not_checked:
        document["not_checked"] = [{"path": path, "message": sentence} for path, sentence in not_checked]
    # JSON escapes controls itself; the bidi marks it leaves raw are escaped too, so the text is safe to print.
    return terminal_safe(json.dumps(document, ensure_ascii=False, indent=2), keep="\n")
