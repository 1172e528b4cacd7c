"""Run files through :func:`wenlint.runner.process`, in this process or in a pool of workers,
yielding the results in the order of the files."""
from __future__ import annotations

import os
import sys

from wenlint.config import ConfigError
from wenlint.packs import PackError
from wenlint.runner import MAX_BYTES_PER_CHAR, Options, expect, linter_for, process, settings_for

PARALLEL_MIN_BYTES = 256 * 1024  # less input than this is linted faster than worker processes start


def _process_star(args):
    path, opts, walked = args
    return process(path, opts, walked=walked)


def run_all(files: list[str], opts: Options, jobs: int, stdin_name: str | None, progress: bool,
            walked: set[str] = frozenset(), sink=None):
    """Yield each file's result, in the order of ``files``, as soon as it is ready. Files linted in
    this process write their text report to ``sink``; workers return theirs in the result."""
    disk = [f for f in files if f != "-"]
    shown = Progress(sys.stderr, disk if progress else [])  # silent without files
    if "-" in files:
        yield process("-", opts, sys.stdin.buffer.read(), stdin_name or "-", sink=sink)
    size = 0
    if len(disk) > 1:  # many files: what pays over many texts is built from the first
        from wenlint.checks import CheckData

        size = _total_size(disk, max(PARALLEL_MIN_BYTES, CheckData.BUILD_FROM * MAX_BYTES_PER_CHAR))
    expect(size)
    try:
        if jobs > 1 and size >= PARALLEL_MIN_BYTES:
            yield from _in_pool(disk, opts, jobs, walked, shown, sink)
        else:
            for f in disk:
                yield _here(f, opts, walked, shown, sink)
    finally:
        expect(0)
    shown.close()


def _here(f: str, opts: Options, walked, shown, sink):
    """One file linted in this process."""
    shown.start(f)
    r = process(f, opts, walked=f in walked, sink=sink, progress=shown.within)
    shown.done(f)
    return r


def _in_pool(disk: list[str], opts: Options, jobs: int, walked, shown, sink):
    """The files' results, linted by ``jobs`` forked workers (in order). The first file, if small, is
    linted here before forking: the workers inherit what it loaded and built (rules, context model,
    automata), which each of them would build again otherwise."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    first = disk[0]
    try:
        small = os.path.getsize(first) < PARALLEL_MIN_BYTES
    except OSError:
        small = True  # reported when the file is read
    if small:
        yield _here(first, opts, walked, shown, sink)
        disk = disk[1:]
    else:
        try:  # load the rules before forking, so workers inherit them
            linter_for(settings_for(first, opts))
        except (ConfigError, PackError, OSError):
            pass
    # what the workers inherit stays out of their cycle collections (which would walk all of it)
    gc.freeze()
    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
    try:
        chunk = max(1, min(16, len(disk) // (jobs * 8)))
        done = pool.map(_process_star, [(f, opts, f in walked) for f in disk], chunksize=chunk)
        for f, r in zip(disk, done):
            shown.done(f)
            yield r
    finally:  # if the run ends early (a closed pipe), what has not started is not linted
        pool.shutdown(cancel_futures=True)
        gc.unfreeze()


def _total_size(paths: list[str], enough: int) -> int:
    """The files' bytes in all, counted up to ``enough``."""
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass  # reported when the file is read
        if total >= enough:
            break
    return total


class Progress:
    """On a terminal: the bytes linted of the total, and the name of a large file while it is linted."""

    LARGE = 1 << 20  # a file that takes a noticeable time (about half a second a megabyte)

    def __init__(self, stream, files: list[str]):
        self.stream, self.files, self.count, self.bytes = stream, len(files), 0, 0
        self.sizes = {}
        for f in files:
            try:
                self.sizes[f] = os.path.getsize(f)
            except OSError:
                self.sizes[f] = 0  # reported when the file is read
        self.total = sum(self.sizes.values())

    def start(self, f: str) -> None:
        if self.sizes.get(f, 0) >= self.LARGE:
            self._show(f"{f}: {_mb(self.sizes[f])}, ", f"{_mb(self.bytes)} of {_mb(self.total)} done")

    def within(self, f: str, done: int) -> None:
        """Bytes read of a large file being linted window by window."""
        if self.files:
            self._show(f"{f}: {_mb(done)} of {_mb(self.sizes[f])}, ",
                       f"{_mb(self.bytes + done)} of {_mb(self.total)} in all")

    def done(self, f: str) -> None:
        if not self.files:
            return
        self.count += 1
        self.bytes += self.sizes[f]
        if self.count % 20 == 0 or self.count == self.files or self.sizes[f] >= self.LARGE:
            self._show("", f"{_mb(self.bytes)} of {_mb(self.total)}, {self.count}/{self.files} files")

    def _show(self, prefix: str, text: str) -> None:
        self.stream.write(f"\r\033[Kwenlint: {prefix}{text}")
        self.stream.flush()

    def close(self) -> None:
        if self.files:
            self.stream.write("\r\033[K")


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} KB"
