"""A user cache for data that is slow to build and quick to load.

Entries live in ``$XDG_CACHE_HOME/wenlint`` (``~/.cache/wenlint``), stored with :mod:`pickle` and
keyed by wenlint's version and the size and modification time of the files they were built from, so
a new version or an edited pack invalidates them. Where the cache cannot be written, data is simply
built each time.
"""
from __future__ import annotations

import pickle
import zlib
import os
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except OSError:
        pass
    return value
