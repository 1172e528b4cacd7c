"""A user cache for data that is slow to build and quick to load.

Entries live in ``$XDG_CACHE_HOME/wenlint`` (``~/.cache/wenlint``), stored with :mod:`pickle` and
keyed by wenlint's version and the size and modification time of the files they were built from, so
a new version or an edited pack invalidates them; writing an entry removes the stale ones of the same
name. Where the cache cannot be written, data is simply built each time.
"""
from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path
from typing import Callable, TypeVar

from linter import __version__

T = TypeVar("T")


def folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wenlint"


def cached(name: str, sources: list[Path], build: Callable[[], T]) -> T:
    """``build()``, or its result from the cache if ``sources`` have not changed since."""
    stamp = [__version__] + [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sources]
    key = f"{zlib.crc32(chr(10).join(stamp).encode()):08x}"
    path = folder() / f"{name}-{key}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        pass
    value = build()
    if write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)):
        for stale in path.parent.glob(f"{name}-*.pickle"):
            if stale != path and stale.stem[len(name) + 1:].isalnum():
                stale.unlink(missing_ok=True)
    return value


def read_toml(path: Path) -> dict:
    """A TOML file, parsed, or its parse from the cache while the file is unchanged (so that most
    runs never import the TOML parser). Raises OSError, UnicodeDecodeError, or ValueError for bad TOML."""
    def parse() -> dict:
        try:
            import tomllib
        except ImportError:  # Python 3.10
            import tomli as tomllib
        return tomllib.loads(path.read_text(encoding="utf-8"))

    return cached(f"toml-{zlib.crc32(str(path.resolve()).encode()):08x}", [path], parse)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write a cache file whole or not at all; False where the cache cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return True
    except OSError:
        return False
