"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the real ``pre-commit try-repo``.

pre-commit installs this checkout (with its uncommitted changes) into an environment of its own
under a temporary PRE_COMMIT_HOME, so the first run needs the package index.
"""
from __future__ import annotations

import fnmatch
import os
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


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """The repository to try: this checkout itself, or, when it holds new files git does not track
    yet (``try-repo`` takes uncommitted changes to tracked files only), a snapshot commit of every
    file on disk that git does not ignore."""
    untracked = _git("ls-files", "--others", "--exclude-standard", cwd=ROOT, text=True).stdout.split()
    if not untracked:
        return ROOT
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


def make_repo(folder: Path) -> Path:
    """A git repository holding a damaged document and a file that is no document."""
    folder.mkdir()
    for args in (["init", "-q"], ["config", "user.name", "wenlint test"],
                 ["config", "user.email", "test@example.invalid"], ["config", "commit.gpgsign", "false"]):
        _git(*args, cwd=folder)
    (folder / "讲话.txt").write_text(DAMAGED, encoding="utf-8")
    (folder / "notes.py").write_text(NOT_A_DOCUMENT, encoding="utf-8")
    _git("add", ".", cwd=folder)
    return folder


@pytest.fixture(scope="module")
def hooks(tmp_path_factory, hook_repo):
    """Run both hooks once, side by side (``try-repo`` builds a fresh environment on every call),
    each in a repository of its own: {hook id: (completed process, repository)}."""
    base = tmp_path_factory.mktemp("pre-commit")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(base / "home")
    running = {}
    for hook in ("wenlint", "wenlint-fix"):
        repo = make_repo(base / hook)
        running[hook] = (subprocess.Popen(
            [*PRE_COMMIT, "try-repo", str(hook_repo), hook, "--all-files", "--color", "never"],
            cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True), repo)
    done = {}
    for hook, (proc, repo) in running.items():
        output, _ = proc.communicate(timeout=900)
        done[hook] = (subprocess.CompletedProcess(proc.args, proc.returncode, output), repo)
    return done


def test_check_hook_fails_and_prints_the_diagnostic_codes(hooks):
    run, _ = hooks["wenlint"]
    assert run.returncode == 1, run.stdout
    assert "WL321" in run.stdout and "WL101" in run.stdout and "讲话.txt" in run.stdout


def test_check_hook_changes_nothing(hooks):
    _, repo = hooks["wenlint"]
    assert (repo / "讲话.txt").read_text(encoding="utf-8") == DAMAGED


def test_fix_hook_repairs_the_file(hooks):
    run, repo = hooks["wenlint-fix"]
    assert run.returncode == 1, run.stdout  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in run.stdout
    assert (repo / "讲话.txt").read_text(encoding="utf-8") == REPAIRED


def test_fix_hook_leaves_other_files_alone(hooks):
    _, repo = hooks["wenlint-fix"]
    assert (repo / "notes.py").read_text(encoding="utf-8") == NOT_A_DOCUMENT


def test_package_data_ships_every_rule_and_data_file():
    """A real install (the one pre-commit makes) must carry every pack, table and model file."""
    assert _unpackaged_data() == []
