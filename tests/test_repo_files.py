"""The contributor plumbing around the code: GitHub workflows and forms, pre-commit, editor settings.

The workflow and issue-form files are validated against copies of SchemaStore's schemas in tests/schemas/
(see its README), so no test needs the network.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from referencing import Registry, Resource

from generator.input.content import SHIPPED_ASSETS
from generator.input.load import parse_text
from generator.input.schema import PUBLISHED_PATH, SCHEMA_PATH, schema
from generator.output.urls import SCHEMA_FILE

from .conftest import ROOT, mkdocs_config

SCHEMAS = Path(__file__).resolve().parent / "schemas"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load_yaml(path: Path) -> Any:
    """A YAML file read the way the project reads events: YAML 1.2, so `on:` stays the text 'on'."""
    doc, problems = parse_text(path.read_text(encoding="utf-8"), path.name)
    assert doc is not None, problems
    return doc.data


def schema_errors(schema_file: str, data: Any) -> list[str]:
    """Every error of `data` against a vendored Draft 7 schema, as 'path: message'."""
    validator = Draft7Validator(json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8")))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_the_vendored_schemas_are_valid_schemas() -> None:
    """Both copies are complete, valid Draft 7 schemas."""
    for name in ("github-workflow.json", "github-issue-forms.json"):
        Draft7Validator.check_schema(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid(workflow: Path) -> None:
    """Each workflow validates against GitHub's workflow schema."""
    assert schema_errors("github-workflow.json", load_yaml(workflow)) == []


def test_the_workflow_schema_catches_mistakes() -> None:
    """The validation is not vacuous: a misspelt key and a missing runner are refused."""
    data = load_yaml(ROOT / ".github" / "workflows" / "ci.yml")
    job = next(iter(data["jobs"].values()))
    job["step"] = job.pop("steps")
    del job["runs-on"]
    assert schema_errors("github-workflow.json", data) != []


def test_ci_checks_tests_builds_and_keeps_a_preview() -> None:
    """CI sets up Python 3.11, checks with annotations, tests, builds strictly, uploads site-preview, then builds
    the same project with Zensical and fails if its page list differs from MkDocs'."""
    ci = load_yaml(ROOT / ".github" / "workflows" / "ci.yml")
    assert set(ci["on"]) == {"push", "pull_request", "workflow_dispatch"}
    (job,) = ci["jobs"].values()
    steps = job["steps"]
    assert [s.get("uses", s.get("run")) for s in steps] == [
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "make check CHECK_FORMAT=github",
        'command -v chromium || command -v chromium-browser || echo "::warning::no Chromium on PATH"',
        "make test",
        "make site",
        "actions/upload-artifact@v4",
        "mv site site-mkdocs\n.venv/bin/timeline build --engine zensical\n"
        "diff <(cd site-mkdocs && find . -name '*.html' | sort) <(cd site && find . -name '*.html' | sort)\n",
    ]
    assert steps[1]["with"]["python-version"] == "3.11"
    assert steps[-2]["with"]["name"] == "site-preview"
    assert steps[-2]["with"]["path"] == "site/"
    assert ci["permissions"] == {"contents": "read"}


def test_make_check_passes_the_format_to_timeline_check() -> None:
    """`make check CHECK_FORMAT=github` reaches `timeline check --format`, defaulting to text."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "CHECK_FORMAT ?= text\n" in makefile
    assert "\t$(BIN)/timeline check --format $(CHECK_FORMAT)\n" in makefile


def test_pages_builds_then_deploys_with_least_privilege() -> None:
    """Pages: build from main, upload the artifact, deploy in a job that alone may write Pages."""
    pages = load_yaml(ROOT / ".github" / "workflows" / "pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read"}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert [s.get("uses", s.get("run")) for s in build["steps"]][-3:] == [
        "actions/configure-pages@v5",
        "make site",
        "actions/upload-pages-artifact@v3",
    ]
    assert build["steps"][-1]["with"] == {"path": "site/"}
    # The published site knows where it lives and where its files are: mkdocs.yml reads these (repo_url, site_url).
    assert build["steps"][-2]["env"] == {
        "TIMELINE_REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
        "TIMELINE_SITE_URL": "${{ steps.pages.outputs.base_url }}/",
        "TIMELINE_REPO_BRANCH": "${{ github.ref_name }}",
    }
    assert build["steps"][-3]["id"] == "pages"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"] == "actions/deploy-pages@v4"


def test_issue_form_is_valid_and_asks_what_a_correction_needs() -> None:
    """The 'Report an error' form validates and requires the event, what is wrong, and the source."""
    form = load_yaml(ROOT / ".github" / "ISSUE_TEMPLATE" / "report-an-error.yml")
    assert schema_errors("github-issue-forms.json", form) == []
    required = [
        item["attributes"]["label"] for item in form["body"] if item.get("validations", {}).get("required") is True
    ]
    assert required == ["Event id or page address", "What is wrong", "The source that shows it"]


def test_pull_request_template_is_a_checklist() -> None:
    """The template's checklist covers sources, claims, dates, TODOs, the check and the preview."""
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(boxes) == 7
    for needed in ("source", "max: 100", "2018-09~", "TODO", "timeline check", "make serve", "make docs"):
        assert any(needed in box for box in boxes), needed


def test_pre_commit_checks_changed_events_and_lints_python() -> None:
    """Local hooks: timeline check on changed event files, the whole check on registry changes, ruff."""
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert sorted(hooks) == ["ruff-check", "ruff-format", "timeline-check", "timeline-check-registries"]
    events = hooks["timeline-check"]
    assert (events["entry"], events["language"], events["pass_filenames"]) == (
        ".venv/bin/timeline check",
        "system",
        True,
    )
    matches = re.compile(events["files"]).search
    excluded = re.compile(events["exclude"]).search
    assert matches("events/2018/2018-09-20-x.yaml") and not excluded("events/2018/2018-09-20-x.yaml")
    assert excluded("events/registry/places.yaml")
    assert hooks["timeline-check-registries"]["pass_filenames"] is False
    for hook in hooks.values():
        assert (ROOT / hook["entry"].split()[0]).name in {"timeline", "ruff"}


def _wrapper_validator(name: str) -> Draft202012Validator:
    """A validator for an editor wrapper schema, resolving its relative $ref to the one schema file."""
    wrapper_path = ROOT / "generator" / "data" / "editor" / f"{name}.schema.json"
    wrapper_uri, main_uri = wrapper_path.as_uri(), SCHEMA_PATH.resolve().as_uri()
    registry: Registry[Any] = Registry().with_resources(
        [
            (wrapper_uri, Resource.from_contents(json.loads(wrapper_path.read_text(encoding="utf-8")))),
            (main_uri, Resource.from_contents(schema())),
        ]
    )
    return Draft202012Validator({"$ref": wrapper_uri}, registry=registry)


@pytest.mark.parametrize("name", ["places", "actors", "phases"])
def test_editor_wrapper_schemas_point_at_the_one_schema(name: str) -> None:
    """Each wrapper holds no rules of its own and validates the real registry exactly like the validator."""
    wrapper = json.loads((ROOT / "generator" / "data" / "editor" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert set(wrapper) == {"$schema", "$comment", "title", "$ref"}
    assert wrapper["$ref"] == f"../timeline.schema.json#/$defs/{name}_file"
    validator = _wrapper_validator(name)
    assert list(validator.iter_errors(load_yaml(ROOT / "events" / "registry" / f"{name}.yaml"))) == []
    assert list(validator.iter_errors({"x": {"unknown": 1}})) != []


def test_vscode_maps_every_data_file_to_its_schema() -> None:
    """Events and the three registries are mapped, and every mapped schema file exists."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping["./generator/data/timeline.schema.json"] == ["events/[0-9]*/*.yaml"]
    for name in ("places", "actors", "phases"):
        assert mapping[f"./generator/data/editor/{name}.schema.json"] == [f"events/registry/{name}.yaml"]
    for schema_file in mapping:
        assert (ROOT / schema_file).is_file(), schema_file


def make_dry_run(*args: str) -> list[str]:
    """The commands `make` would run (without setting up .venv), one per line."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", ".venv/.installed", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return result.stdout.splitlines()


def test_make_serve_takes_a_port() -> None:
    """`make serve PORT=8001` previews on that port; the default stays 8000, on this machine only."""
    assert make_dry_run("serve", "PORT=8001") == [".venv/bin/mkdocs serve --dev-addr 127.0.0.1:8001"]
    assert make_dry_run("serve") == [".venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000"]


def test_make_audit_reads_the_fact_bases_on_demand() -> None:
    """`make audit` runs the audit against ../shared/reference; `make test` does not."""
    assert make_dry_run("audit") == [".venv/bin/timeline audit --reference ../shared/reference"]
    assert not any("audit" in line for line in make_dry_run("test"))


@pytest.mark.parametrize(
    "path",
    ["site/index.html", ".site.new-abc123/index.html", ".site.previous/index.html", "build/.generated.new-x1/a.md"],
)  # fmt: skip
def test_build_leftovers_are_ignored_by_git(path: str) -> None:
    """What a build or an interrupted build leaves in the checkout never shows up as a change to commit."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("no git checkout here")
    result = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "--no-index", path], check=False)
    assert result.returncode == 0, f"{path} is not git-ignored"


def test_content_allows_exactly_the_shipped_assets() -> None:
    """content/'s allow-list names the stylesheets and scripts mkdocs.yml loads, no more and no fewer."""
    config = mkdocs_config()
    assert set(config["extra_css"]) | set(config["extra_javascript"]) == SHIPPED_ASSETS


def test_the_published_schema_path_is_the_one_urls_gives() -> None:
    """generator/output/urls.py names every output path; the schema module's constant agrees with it."""
    assert PUBLISHED_PATH == SCHEMA_FILE
