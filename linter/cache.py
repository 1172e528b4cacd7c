"""A user cache for data that is slow to build and quick to load.

Entries live in ``$XDG_CACHE_HOME/wenlint/<install>`` (``~/.cache/wenlint/…``): one folder per
installed copy of wenlint, so that two installs (a development venv and pre-commit's environment)
never evict each other's entries. Each entry is keyed by wenlint's version and the size and
modification time of the files it was built from and of the module that builds it, so a new version,
an edited pack or edited code invalidates it; writing an entry removes the stale ones of the same name.

The cache holds data only: :mod:`marshal` of plain values (str, bytes, numbers, containers of them),
never pickle (the look-alike automaton is rebuilt from its cached keys in each process). Every entry carries a
checksum and is validated as data when read; a bad entry is a miss. The folder is used only if it is
a real folder owned by the user and writable by nobody else; entries are written to a fresh file
(``O_EXCL | O_NOFOLLOW``) and renamed into place, and a failed write leaves nothing behind. Where the
cache cannot be used, data is simply built each time.
"""
from __future__ import annotations

import marshal
import os
import stat
import zlib
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from wenlint import __version__

MAGIC = b"WLC1"  # entry format: MAGIC, CRC-32 of the payload (4 bytes, big-endian), payload
MAX_DEPTH = 64  # plain data nested deeper than this is not data wenlint stores
PLAIN = (str, bytes, int, float, bool, type(None))
CONTAINERS = (tuple, list, dict, set, frozenset)

_checked: dict[str, Path | None] = {}


def folder() -> Path | None:
    """This install's cache folder, or None where there is none to use: no home directory, or a
    folder that is not the user's own (then data is built each time)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # a user without a home directory
            return None
        base = os.path.join(home, ".cache")
    if base not in _checked:
        install = f"{zlib.crc32(os.path.dirname(os.path.abspath(__file__)).encode('utf-8', 'surrogateescape')):08x}"
        top = Path(base) / "wenlint"
        _checked[base] = top / install if _own_folder(top) and _own_folder(top / install) else None
    return _checked[base]


def _own_folder(path: Path) -> bool:
    """Make ``path`` (mode 0700) if need be; is it a folder, not a symlink, owned by this user and
    writable by nobody else?"""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & 0o022


def is_plain(value: object) -> bool:
    """Is ``value`` plain data (str, bytes, numbers, None and containers of them, not too deep)?"""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, PLAIN):
            continue
        if type(item) not in CONTAINERS or depth >= MAX_DEPTH:
            return False
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return True


def read_entry(path: Path) -> bytes | None:
    """The payload of the entry at ``path``, or None if it is missing, not a regular file of this
    user's, or fails its checksum."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            return None
        # the header, then the payload read into a string of its own: not the whole file sliced,
        # a copy of megabytes (and the page faults of fresh memory for it)
        head = os.read(fd, 8)
        parts = [os.read(fd, max(st.st_size - 8, 0))]
        while parts[-1]:  # to the end (an empty read), if the file grew or a read came back short
            parts.append(os.read(fd, 1 << 20))
    except OSError:
        return None
    finally:
        os.close(fd)
    payload = parts[0] if len(parts) <= 2 else b"".join(parts)
    if head[:4] != MAGIC or len(head) < 8 or int.from_bytes(head[4:8], "big") != zlib.crc32(payload):
        return None
    return payload


def write_entry(path: Path, payload: bytes) -> bool:
    """Write an entry whole or not at all; False where the cache cannot be written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
        os.replace(tmp, path)  # a rename replaces a planted symlink itself, never its target
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def load_plain(payload: bytes):
    """The marshalled value of a payload, which must be plain data (raises ValueError otherwise)."""
    value = marshal.loads(payload)
    if not is_plain(value):
        raise ValueError("not plain data")
    return value


def cached(name: str, sources: list[Path], build: Callable[[], object],
           valid: Callable[[object], bool] | None = None):
    """``build()``, or its result from the cache if ``sources`` have not changed since. The value
    is plain data (marshal, never pickle): ``valid`` checks the shape of a value read back, as data
    (an entry it rejects is a miss); without it, the whole value is checked (:func:`is_plain`)."""
    base = folder()
    if base is None:
        return build()
    sources = [*sources, Path(build.__code__.co_filename)]
    stamp = [__version__] + [f"{p}:{st.st_size}:{st.st_mtime_ns}" for p in sources for st in [p.stat()]]
    key = f"{zlib.crc32(chr(10).join(stamp).encode('utf-8', 'surrogateescape')):08x}"
    path = base / f"{name}-{key}.entry"
    payload = read_entry(path)
    if payload is not None:
        try:
            value = marshal.loads(payload)
            if valid(value) if valid is not None else is_plain(value):
                return value
        except Exception:  # truncated, foreign or crafted: build afresh
            pass
    value = build()
    try:
        data = marshal.dumps(value)
    except (ValueError, OSError):  # marshal meets something it cannot store (a TOML date): not cached
        return value
    if write_entry(path, data):
        for stale in base.glob(f"{name}-*.entry"):
            if stale != path and stale.name[len(name) + 1:-len(".entry")].isalnum():
                stale.unlink(missing_ok=True)
    return value


SPAN_BITS = 32  # a group's span in the bytes, (start, end), kept as start << 32 | end: one int loads quicker


def pack_groups(groups: dict[str, list[str]], separator: str) -> tuple[bytes, dict[str, int]]:
    """Groups of strings as one UTF-8 string of bytes (quick to load: no object per string) and where
    each group lies in it (:data:`SPAN_BITS`); :func:`unpack_group` reads one back."""
    whole, spans, pos = [], {}, 0
    for head, items in groups.items():
        block = separator.join(items).encode("utf-8")
        whole.append(block)
        spans[head] = pos << SPAN_BITS | pos + len(block)
        pos += len(block) + 1
    if pos > 1 << SPAN_BITS:
        raise ValueError("groups of more than 4 GB")
    return b"\n".join(whole), spans


def are_groups(value: object) -> bool:
    """Is ``value`` shaped like :func:`pack_groups`'s result (for ``cached(valid=…)``)? Each span is
    checked when :func:`unpack_group` reads it (checking thousands here would cost a small file's
    run); one is looked at here, so that groups kept with their spans as pairs, as wenlint kept them
    before, are a miss."""
    return (type(value) is tuple and len(value) == 2 and type(value[0]) is bytes and type(value[1]) is dict
            and all(type(span) is int for span in islice(value[1].values(), 1)))


def unpack_group(packed: tuple[bytes, dict[str, int]], head: str) -> str | None:
    """The group ``head`` of :func:`pack_groups`'s result, joined by its separator, or None (also
    for a span that is not two offsets into the bytes, or bytes that are not UTF-8)."""
    whole, spans = packed
    span = spans.get(head)
    if type(span) is not int or span < 0:
        return None
    start, end = span >> SPAN_BITS, span & (1 << SPAN_BITS) - 1
    if not start <= end <= len(whole):
        return None
    try:
        return whole[start:end].decode("utf-8")
    except UnicodeDecodeError:
        return None


MAX_TOML_DEPTH = 32  # tables and arrays nested deeper than this are no configuration or pack


def _nesting(value: object) -> int:
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def read_toml(*paths: Path) -> list[dict]:
    """TOML files, parsed, or their parse from the cache (one entry for them all) while the files are
    unchanged, so that most runs never import the TOML parser. Raises OSError, UnicodeDecodeError, or
    ValueError for bad TOML (including tables or arrays nested more than 32 deep)."""
    def parse() -> list[dict]:
        try:
            import tomllib
        except ImportError:  # Python 3.10
            import tomli as tomllib
        out = []
        for path in paths:
            try:
                table = tomllib.loads(path.read_text(encoding="utf-8"))
            except RecursionError:
                raise ValueError(f"nested more than {MAX_TOML_DEPTH} deep") from None
            if _nesting(table) > MAX_TOML_DEPTH:
                raise ValueError(f"nested more than {MAX_TOML_DEPTH} deep")
            out.append(table)
        return out

    def shaped(value: object) -> bool:  # packs and configuration check every value they read
        return type(value) is list and len(value) == len(paths) and all(type(t) is dict for t in value)

    name = "\n".join(str(p.resolve()) for p in paths)
    return cached(f"toml-{zlib.crc32(name.encode('utf-8', 'surrogateescape')):08x}", list(paths), parse, shaped)
