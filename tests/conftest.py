"""Shared helpers: run the command line in-process, with fresh caches for every test."""
from __future__ import annotations

import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# The suite never touches the user's cache: it starts from an empty one (the cold path is tested too).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="wenlint-test-cache-")

from wenlint import cli, config, runner  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DAMAGED = "同志们:根据区委的安排,坚持原那么。\n"
REPAIRED = "同志们：根据区委的安排，坚持原则。\n"


@dataclass
class Run:
    code: int
    out: str
    err: str
    out_bytes: bytes = b""


def pytest_unconfigure(config):
    import shutil

    shutil.rmtree(os.environ["XDG_CACHE_HOME"], ignore_errors=True)


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes about a minute; still part of the default run "
                                       "(deselect with -m 'not slow')")


@pytest.fixture(autouse=True)
def fresh_caches():
    """Settings and linters are cached per process; every test starts from a clean slate."""
    config.for_directory.cache_clear()
    runner._LINTERS.clear()
    yield
    config.for_directory.cache_clear()
    runner._LINTERS.clear()


@pytest.fixture
def wenlint(monkeypatch, capsysbinary):
    """``wenlint(*argv, stdin=b"")`` runs ``main`` in-process and returns a :class:`Run`."""
    def run(*argv: str, stdin: bytes = b"") -> Run:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = cli.main(list(argv))
        sys.stdout.flush()
        sys.stderr.flush()
        captured = capsysbinary.readouterr()
        return Run(code, captured.out.decode("utf-8", "replace"), captured.err.decode("utf-8", "replace"),
                   captured.out)
    return run
