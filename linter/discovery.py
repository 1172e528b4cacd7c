"""Which files a run lints: files named on the command line, and documents found under folders.

Walking a folder skips hidden folders, the usual build and environment folders, what the
``.gitignore`` files of the folder and of its parents (up to the repository's top) ignore, unless
``respect-gitignore = false``, and what ``exclude``/``extend-exclude`` and ``--exclude``/``--extend-exclude``
match (gitignore-style patterns). A file or folder named on the command line is linted even if a
parent's .gitignore ignores it; a file, unless ``--force-exclude`` applies the excludes to it too.
"""
from __future__ import annotations

import os
from collections import namedtuple

from wenlint.config import ConfigError, ignore_spec
from wenlint.runner import Options, settings_for

EXTENSIONS = {".txt", ".md", ".markdown", ".rst", ".html", ".htm", ".tex"}
SKIP_DIRS = {"__pycache__", "node_modules", "venv", "build", "dist", "_build"}  # and every hidden folder


class Found(namedtuple("Found", "files errors walked")):
    """The files to lint, in order and each once; errors (missing paths, broken configuration); the
    files that were found by walking a folder rather than named."""

    __slots__ = ()


def discover(paths: list[str], opts: Options) -> Found:
    files, errors, walked = [], [], set()
    seen: set[str] = set()

    def add(f: str, found: bool, real: str | None = None) -> None:
        key = f if f == "-" else real or os.path.realpath(f)
        if key not in seen:  # the same file twice would be fixed twice, by racing workers
            seen.add(key)
            files.append(f)
            if found:
                walked.add(f)

    for p in paths:
        try:
            if p == "-":
                add(p, False)
            elif os.path.isfile(p):
                if not (opts.force_exclude and _excluded(p, opts)):
                    add(p, False)
            elif os.path.isdir(p):
                for f, real in _walk(p, opts):
                    add(f, True, real)
            else:
                errors.append(f"{p}: {_not_found(p)}")
        except ConfigError as e:
            errors.append(str(e))
    return Found(files, errors, walked)


def _excluded(path: str, opts: Options) -> bool:
    """Is ``path`` excluded by the configuration or by ``--exclude``/``--extend-exclude`` (patterns
    relative to the current folder)?"""
    cli = (opts.exclude or ()) + opts.extend_exclude
    if cli and ignore_spec(cli).match_file(os.path.relpath(path).replace(os.sep, "/")):
        return True
    return settings_for(path, opts).excluded(path)


def _walk(top: str, opts: Options):
    """The documents under ``top``, in sorted order, each with its real path (``os.path.realpath``)."""
    respect = settings_for(os.path.join(top, "-"), opts).respect_gitignore
    ignores = {}  # folder -> the (folder, spec) pairs of the .gitignore files that apply in it
    for root, dirs, files in _folders(top):
        parent = ignores.get(os.path.dirname(root)) if root != top else (_outer_ignores(top) if respect else [])
        here = ignores[root] = parent + _gitignore(root) if respect else []
        dirs[:] = sorted(d for d in dirs if not (d.startswith(".") or d in SKIP_DIRS)
                         and not _ignored(os.path.join(root, d), True, here))
        real = None  # the folder's real path, once one of its files needs it
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() not in EXTENSIONS:
                continue
            full = os.path.normpath(os.path.join(root, name))  # ./a.txt → a.txt
            # a FIFO would hang the run, a link to /dev/zero fill memory: regular files only
            # (DirEntry.is_file follows a symbolic link, as os.path.isfile does)
            if _is_file(files[name]) and not _ignored(full, False, here) and not _excluded(full, opts):
                if _is_link(files[name]):
                    yield full, os.path.realpath(full)
                    continue
                # the real path of a file that is no link: its folder's, and its name
                real = real or os.path.realpath(os.path.dirname(full) or ".")
                yield full, os.path.join(real, name)


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:  # as os.path.isfile
        return False


def _is_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:  # then its real path is looked up in full
        return True


def _folders(top: str):
    """``os.walk(top)``, top-down, without recursion (a folder 1,000 levels deep is no error); the
    caller prunes ``dirs`` in place; the rest as name -> DirEntry. Symbolic links to folders are
    listed, not followed."""
    stack = [top]
    while stack:
        root = stack.pop()
        dirs, files = [], {}
        try:
            with os.scandir(root) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        dirs.append(entry.name)
                    else:
                        files[entry.name] = entry
        except OSError:  # unreadable, or gone meanwhile: as os.walk, skip it
            continue
        yield root, dirs, files
        stack.extend(os.path.join(root, d) for d in reversed(dirs)
                     if not os.path.islink(os.path.join(root, d)))


def _not_found(path: str) -> str:
    """Why a path named on the command line is neither a file nor a folder to lint."""
    if os.path.islink(path) and not os.path.exists(path):
        return "a broken symbolic link or a symbolic link loop"
    if os.path.exists(path):
        return "not a regular file (a FIFO, device or socket): not linted"
    return "no such file or directory"


def _gitignore(folder: str) -> list:
    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = tuple(f.read().splitlines())
    except OSError:  # none (or unreadable: then git cannot read it either)
        return []
    return [(folder, ignore_spec(lines))] if lines else []


def _outer_ignores(top: str) -> list:
    """The .gitignore files of the folders above ``top``, up to the repository's top, outermost first;
    none if they ignore ``top`` itself: a folder named on the command line is linted, as asked."""
    found = []
    folder = os.path.abspath(top)
    while not os.path.exists(os.path.join(folder, ".git")):
        up = os.path.dirname(folder)
        if up == folder:  # not in a repository: only the walked folders' own .gitignore files count
            return []
        folder = up
        found = _gitignore(folder) + found
    return [] if _ignored(top, True, found) else found


def _ignored(path: str, is_dir: bool, specs: list) -> bool:
    """Does the last .gitignore pattern that matches ``path`` ignore it? (A deeper file's ``!pattern``
    re-includes what an outer one ignored.)"""
    ignored = False
    for folder, spec in specs:
        rel = os.path.relpath(path, folder).replace(os.sep, "/")
        verdict = spec.check_file(rel + "/" if is_dir else rel).include
        if verdict is not None:
            ignored = verdict
    return ignored
