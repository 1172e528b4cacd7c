"""Which files a run lints: files named on the command line, and documents found under folders."""
from __future__ import annotations

import os
from collections import namedtuple

from wenlint.config import ConfigError
from wenlint.runner import Options, settings_for

EXTENSIONS = {".txt", ".md", ".markdown", ".rst", ".html", ".htm", ".tex"}
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", ".tox"}


class Found(namedtuple("Found", "files errors walked")):
    """The files to lint, in order and each once; errors (missing paths, broken configuration); the
    files that were found by walking a folder rather than named."""

    __slots__ = ()


def discover(paths: list[str], opts: Options) -> Found:
    files, errors, walked = [], [], set()
    seen: set[str] = set()

    def add(f: str, found: bool) -> None:
        key = f if f == "-" else os.path.realpath(f)
        if key not in seen:  # the same file twice would be fixed twice, by racing workers
            seen.add(key)
            files.append(f)
            if found:
                walked.add(f)

    for p in paths:
        if p == "-":
            add(p, False)
        elif os.path.isfile(p):
            try:
                if not (opts.force_exclude and settings_for(p, opts).excluded(p)):
                    add(p, False)
            except ConfigError as e:
                errors.append(str(e))
        elif os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for name in sorted(names):
                    if os.path.splitext(name)[1].lower() in EXTENSIONS:
                        full = os.path.normpath(os.path.join(root, name))  # ./a.txt → a.txt
                        try:
                            if not settings_for(full, opts).excluded(full):
                                add(full, True)
                        except ConfigError as e:
                            errors.append(str(e))
        else:
            errors.append(f"{p}: no such file or directory")
    return Found(files, errors, walked)
