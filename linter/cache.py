"""A user cache for data that is slow to build and quick to load.

Entries live in ``$XDG_CACHE_HOME/wenlint`` (``~/.cache/wenlint``), keyed by wenlint's version and the
size and modification time of the files they were built from and of the module that builds them, so
a new version, an edited pack or edited code invalidates them; writing an entry removes the stale ones of the same name. Plain data is stored with
:mod:`marshal` (built in, the fastest to load); other objects with :mod:`pickle`. Where the cache
cannot be written, data is simply built each time.
"""
from __future__ import annotations

import marshal
import os
import zlib
from collections.abc import Callable
from pathlib import Path

from wenlint import __version__


def folder() -> Path | None:
    """The cache folder, or None where there is no home to keep one in (data is then built each time)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # a user without a home directory
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "wenlint"


def cached(name: str, sources: list[Path], build: Callable[[], object], pickled: bool = False):
    """``build()``, or its result from the cache if ``sources`` have not changed since. ``pickled``:
    the value is not plain data (str, numbers, containers of them) and goes through pickle."""
    base = folder()
    if base is None:
        return build()
    sources = [*sources, Path(build.__code__.co_filename)]
    stamp = [__version__] + [f"{p}:{st.st_size}:{st.st_mtime_ns}" for p in sources for st in [p.stat()]]
    key = f"{zlib.crc32(chr(10).join(stamp).encode()):08x}"
    suffix = ".pickle" if pickled else ".marshal"
    path = base / f"{name}-{key}{suffix}"
    if pickled:
        import pickle

        load, dump = pickle.loads, lambda v: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)
    else:
        load, dump = marshal.loads, marshal.dumps
    try:
        return load(path.read_bytes())
    except Exception:  # missing, truncated or foreign: build afresh
        pass
    value = build()
    try:
        data = dump(value)
    except ValueError:  # marshal meets something it cannot store (a TOML date): not cached
        return value
    if write_atomic(path, data):
        for stale in path.parent.glob(f"{name}-*"):
            if stale != path and stale.suffix in (".marshal", ".pickle") and stale.stem[len(name) + 1:].isalnum():
                stale.unlink(missing_ok=True)
    return value


def pack_groups(groups: dict[str, list[str]], separator: str) -> tuple[bytes, dict[str, tuple[int, int]]]:
    """Groups of strings as one UTF-8 string of bytes (quick to load: no object per string) and where
    each group lies in it; :func:`unpack_group` reads one back."""
    whole, spans, pos = [], {}, 0
    for head, items in groups.items():
        block = separator.join(items).encode("utf-8")
        whole.append(block)
        spans[head] = (pos, pos + len(block))
        pos += len(block) + 1
    return b"\n".join(whole), spans


def unpack_group(packed: tuple[bytes, dict[str, tuple[int, int]]], head: str) -> str | None:
    """The group ``head`` of :func:`pack_groups`'s result, joined by its separator, or None."""
    whole, spans = packed
    span = spans.get(head)
    return whole[span[0]:span[1]].decode("utf-8") if span else None


def read_toml(*paths: Path) -> list[dict]:
    """TOML files, parsed, or their parse from the cache (one entry for them all) while the files are
    unchanged, so that most runs never import the TOML parser. Raises OSError, UnicodeDecodeError, or
    ValueError for bad TOML."""
    def parse() -> list[dict]:
        try:
            import tomllib
        except ImportError:  # Python 3.10
            import tomli as tomllib
        return [tomllib.loads(path.read_text(encoding="utf-8")) for path in paths]

    name = "\n".join(str(p.resolve()) for p in paths)
    return cached(f"toml-{zlib.crc32(name.encode()):08x}", list(paths), parse)


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
