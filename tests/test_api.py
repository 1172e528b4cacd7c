"""The Python API (``wenlint.lint``, ``wenlint.fix``, ``wenlint.Linter``), its README examples, and
running wenlint as a module, from a checkout and beside another ``linter`` package."""
from __future__ import annotations

import doctest
import os
import pickle
import re
import subprocess
import sys

import pytest

from conftest import DAMAGED, REPAIRED, ROOT

import wenlint
from wenlint.config import ConfigError


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else len(text)]


def test_the_readme_api_examples_run_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the examples write a configuration file
    section = re.sub(r"(?m)^```.*$", "", readme_section("Python API"))  # a fence ends an example's output
    test = doctest.DocTestParser().get_doctest(section, {}, "README.md: Python API", "README.md", 0)
    assert len(test.examples) >= 8
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0


def test_lint_returns_diagnostics_with_offsets_into_the_text():
    found = wenlint.lint(DAMAGED)
    assert [d.code for d in found] == ["WL321", "WL321", "WL101"]
    assert DAMAGED[found[2].start:found[2].end] == "原那么"


def test_fix_returns_the_text_and_what_was_applied():
    fixed = wenlint.fix(DAMAGED)
    assert fixed.text == REPAIRED and fixed.converged and fixed.remaining == []
    assert sorted(d.code for d in fixed.applied) == ["WL101", "WL321", "WL321"]


def test_fix_says_what_was_found_in_the_input():
    fixed = wenlint.fix(DAMAGED)
    assert fixed.found == wenlint.lint(DAMAGED)


def test_fix_applies_unsafe_fixes_only_when_asked():
    text = "推动经济社会开展。"
    assert wenlint.fix(text).text == text
    assert wenlint.fix(text, unsafe=True).text == "推动经济社会发展。"


def test_the_path_picks_the_format():
    text = "见 `坚持原那么` 一文。"
    assert wenlint.lint(text, path="a.md") == []
    assert [d.code for d in wenlint.lint(text, path="a.txt")] == ["WL101"]


def test_config_as_a_table_or_a_file(tmp_path):
    assert wenlint.lint(DAMAGED, config={"ignore": ["WL321"]})[0].code == "WL101"
    path = tmp_path / "wenlint.toml"
    path.write_text('select = ["WL3"]\n', encoding="utf-8")
    assert {d.code for d in wenlint.lint(DAMAGED, config=path)} == {"WL321"}


def test_an_unknown_code_is_an_error():
    with pytest.raises(ConfigError, match="WL999"):
        wenlint.Linter(select=["WL999"])
    with pytest.raises(ConfigError, match="E501"):
        wenlint.Linter(ignore=["E501"])


def test_a_linter_pickles_small_and_lints_the_same_after():
    linter = wenlint.Linter(ignore=["WL321"])
    data = pickle.dumps(linter)
    assert len(data) < 1000  # its configuration, not its rules and automata
    assert pickle.loads(data).lint(DAMAGED) == linter.lint(DAMAGED)


def test_linters_of_one_configuration_share_their_rules():
    assert wenlint.Linter()._engine is wenlint.Linter()._engine


def run_python(*args: str, cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_import_beside_a_linter_package_of_ones_own(tmp_path):
    (tmp_path / "linter").mkdir()
    (tmp_path / "linter" / "__init__.py").write_text("raise ImportError('the project’s own linter')\n")
    code = "import wenlint; print(wenlint.lint('坚持原那么。')[0].code)"
    run = run_python("-c", code, cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)})
    assert run.stdout == "WL101\n", run.stderr


def test_a_checkout_runs_without_an_install(tmp_path):
    """``python -m linter`` in a checkout, with wenlint not importable: the folders stand in for it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "wenlint.py").write_text("raise ModuleNotFoundError('hidden', name='wenlint')\n")
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    run = run_python("-m", "linter", "check", "--output-format", "concise", str(tmp_path / "a.txt"), cwd=ROOT,
                     env={"PYTHONPATH": str(site)})
    assert run.returncode == 1 and "WL101" in run.stdout, run.stderr


def test_a_checkout_without_the_dependencies_says_what_to_install(tmp_path):
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    python = bare / "bin" / "python"
    if not python.exists():
        pytest.skip("no POSIX virtual environment layout")
    run = subprocess.run([str(python), "-m", "linter", "check", "seeds"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "is missing" in run.stderr and "pip install -e ." in run.stderr
