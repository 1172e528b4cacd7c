"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit: the README's
snippet as written (with a local repository for its URL and that repository's commit for ``rev``),
and ``pre-commit try-repo``.

pre-commit installs a snapshot of this checkout (with its uncommitted changes) into an environment
of its own under a temporary PRE_COMMIT_HOME, so it needs the package index: without it the tests
are skipped, saying so.
"""
from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DAMAGED, REPAIRED

ROOT = Path(__file__).resolve().parents[1]
NOT_A_DOCUMENT = "x = 1  # 原那么,不是文档\n"


def _pre_commit() -> list[str] | None:
    exe = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
    if exe:
        return [exe]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


def _unpackaged_data() -> list[str]:
    """Files under rules/ and linter/data/ that pyproject's package-data leaves out of a real
    (non-editable) install, such as the one pre-commit makes."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = data.get("tool", {}).get("setuptools", {}).get("package-data", {})
    folders = {"wenlint": ROOT / "linter", "wenlint.rules": ROOT / "rules"}
    missing = []
    for package, folder in folders.items():
        patterns = package_data.get(package, [])
        sub = [folder / "data"] if package == "wenlint" else [folder]
        for base in sub:
            for f in sorted(base.glob("*")):
                rel = f.relative_to(folder).as_posix()
                if f.is_file() and f.suffix not in (".py", ".md") and not any(fnmatch.fnmatch(rel, p) for p in patterns):
                    missing.append(f.relative_to(ROOT).as_posix())
    return missing


PRE_COMMIT = _pre_commit()
pytestmark = [
    pytest.mark.skipif(PRE_COMMIT is None or shutil.which("git") is None,
                       reason="needs pre-commit (pip install -e '.[test]') and git"),
    pytest.mark.slow,  # two fresh hook environments, built side by side: 40-65 s
]


def _git(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, **kwargs)


def _index_reachable(folder: Path) -> bool:
    """Can pip fetch a package (from the index, or from what it is configured to find offline)?"""
    try:
        run = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--dest", str(folder), "pathspec"],
                             capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return False
    return run.returncode == 0


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A snapshot commit of every file of this checkout that git does not ignore (pre-commit takes
    committed files, and try-repo uncommitted changes to tracked files only)."""
    if not _index_reachable(tmp_path_factory.mktemp("pip")):
        pytest.skip("the package index cannot be reached: pre-commit could not build the hook environment")
    snapshot = tmp_path_factory.mktemp("wenlint-snapshot")
    files = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _git("init", "-q", cwd=snapshot)
    _git("add", "-A", cwd=snapshot)
    _git("-c", "user.name=wenlint test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
         "commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot


def readme_snippet(repo: Path) -> str:
    """The README's pre-commit configuration, pointed at ``repo`` and its commit."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"<!-- pre-commit snippet -->\n```yaml\n(.*?)```", text, re.S).group(1)
    commit = _git("rev-parse", "HEAD", cwd=repo, text=True).stdout.strip()
    url = re.search(r"repo: (\S+)", snippet).group(1)
    rev = re.search(r"rev: (\S+)", snippet).group(1)
    assert re.fullmatch(r"[0-9a-f]{40}", rev), "the snippet pins a full commit"
    return snippet.replace(url, str(repo)).replace(rev, commit)


def make_repo(folder: Path) -> Path:
    """A git repository holding a damaged document (its extension in capitals: the hooks match it
    whatever its case) and a file that is no document."""
    folder.mkdir()
    for args in (["init", "-q"], ["config", "user.name", "wenlint test"],
                 ["config", "user.email", "test@example.invalid"], ["config", "commit.gpgsign", "false"]):
        _git(*args, cwd=folder)
    (folder / "讲话.TXT").write_text(DAMAGED, encoding="utf-8")
    (folder / "notes.py").write_text(NOT_A_DOCUMENT, encoding="utf-8")
    _git("add", ".", cwd=folder)
    return folder


@pytest.fixture(scope="module")
def hooks(tmp_path_factory, hook_repo):
    """Run both hooks once, side by side, each in a repository of its own: ``wenlint`` as the README's
    snippet configures it, ``wenlint-fix`` with ``try-repo`` (each builds a fresh environment):
    {hook id: (completed process, repository)}."""
    base = tmp_path_factory.mktemp("pre-commit")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(base / "home")
    running = {}
    for hook in ("wenlint", "wenlint-fix"):
        repo = make_repo(base / hook)
        if hook == "wenlint":
            (repo / ".pre-commit-config.yaml").write_text(readme_snippet(hook_repo), encoding="utf-8")
            command = [*PRE_COMMIT, "run", "--all-files", "--color", "never"]
        else:
            command = [*PRE_COMMIT, "try-repo", str(hook_repo), hook, "--all-files", "--color", "never"]
        running[hook] = (subprocess.Popen(command, cwd=repo, env=env, stdout=subprocess.PIPE,
                                          stderr=subprocess.STDOUT, text=True), repo)
    done = {}
    for hook, (proc, repo) in running.items():
        output, _ = proc.communicate(timeout=900)
        done[hook] = (subprocess.CompletedProcess(proc.args, proc.returncode, output), repo)
    return done


def test_the_readme_snippet_runs_the_check_hook_which_fails_and_prints_the_codes(hooks):
    run, _ = hooks["wenlint"]
    assert run.returncode == 1, run.stdout
    assert "WL321" in run.stdout and "WL101" in run.stdout and "讲话.TXT" in run.stdout


def test_check_hook_changes_nothing(hooks):
    _, repo = hooks["wenlint"]
    assert (repo / "讲话.TXT").read_text(encoding="utf-8") == DAMAGED


def test_fix_hook_repairs_the_file(hooks):
    run, repo = hooks["wenlint-fix"]
    assert run.returncode == 1, run.stdout  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in run.stdout
    assert (repo / "讲话.TXT").read_text(encoding="utf-8") == REPAIRED


def test_fix_hook_leaves_other_files_alone(hooks):
    _, repo = hooks["wenlint-fix"]
    assert (repo / "notes.py").read_text(encoding="utf-8") == NOT_A_DOCUMENT


def test_package_data_ships_every_rule_and_data_file():
    """A real install (the one pre-commit makes) must carry every pack, table and model file."""
    assert _unpackaged_data() == []
