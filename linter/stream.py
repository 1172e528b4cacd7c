"""Large files, window by window: memory stays bounded whatever the size of the file.

A file of ``STREAM_MIN_BYTES`` or more is read in windows of about ``WINDOW_CHARS`` characters,
each cut at a paragraph end (a blank line; failing that, a line end), and each window is linted —
and fixed — as a document of its own. A file that large is a collection of documents, not one, so
the judgements a rule makes over a whole document (is it spun, is it hard-wrapped) are made per
window; nothing a rule sees crosses a blank line. Diagnostics carry offsets and line numbers in the
whole file, and a fixed file is written through a temporary file that replaces it at the end.

Before the first window the file is read through once, unkept, to settle its encoding (UTF-8, else
GB18030, as for a small file) and to find NUL bytes, so that no report is half written when a
decoding error turns up late.
"""
from __future__ import annotations

import codecs
import os

from wenlint.document import BOMS, BINARY_SAMPLE, BinaryFileError, DecodeError, Document, _check_binary, controls
from wenlint.model import Diagnostic, Edit, Fix

STREAM_MIN_BYTES = 32 * 1024 * 1024
WINDOW_CHARS = 2_000_000
CHUNK = 1 << 20  # bytes read at a time


class Window(Document):
    """One window of a large file: its text, where it starts in the whole text (characters) and
    how many lines come before it, so reports name places in the whole file."""

    __slots__ = ("base", "line_base")

    def __init__(self, path: str, text: str, encoding: str, bom: bytes, base: int, line_base: int):
        super().__init__(path, text, encoding, bom)
        self.base, self.line_base = base, line_base

    def with_text(self, text: str) -> "Window":
        return Window(self.path, text, self.encoding, self.bom, self.base, self.line_base)

    def line_col(self, offset: int) -> tuple[int, int]:
        line, col = super().line_col(offset - self.base)
        return line + self.line_base, col

    def line_text(self, line: int) -> str:
        return super().line_text(line - self.line_base)


def wanted(path: str, size_limit: int = STREAM_MIN_BYTES) -> bool:
    try:
        return os.path.getsize(path) >= size_limit
    except OSError:
        return False


def _encoding(path: str) -> tuple[str, bytes]:
    """The encoding and byte order mark of the file, checked over all of it (nothing kept)."""
    with open(path, "rb") as f:
        head = f.read(BINARY_SAMPLE)
    for bom, encoding in BOMS:
        if head.startswith(bom):
            candidates = [(encoding, bom)]
            break
    else:
        _check_binary(path, b"\x00" in head, controls(head), len(head))
        candidates = [("utf-8", b""), ("gb18030", b"")]
    for encoding, bom in candidates:
        if _decodes(path, encoding, len(bom)):
            return encoding, bom
    if bom:
        raise DecodeError(f"{path}: invalid {encoding} after its byte order mark")
    raise DecodeError(f"{path}: cannot decode as UTF-8 or GB18030")


def _decodes(path: str, encoding: str, skip: int) -> bool:
    """Does the whole file decode (and, for GB18030, encode back to the same bytes)?"""
    decoder = codecs.getincrementaldecoder(encoding)()
    held = b""  # GB18030: bytes read whose decoded text has not yet been compared
    with open(path, "rb") as f:
        f.seek(skip)
        while True:
            chunk = f.read(CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                return False
            if "\x00" in text:
                raise BinaryFileError(f"{path}: binary file (NUL bytes)")
            if encoding == "gb18030":
                held += chunk
                back = text.encode("gb18030")
                if not held.startswith(back):
                    return False
                held = held[len(back):]
            if not chunk:
                return not held


def _cut(text: str, final: bool) -> int:
    """Where the window ends: after the last blank line, else after the last line end."""
    if final:
        return len(text)
    for mark in ("\n\n", "\n\r\n"):
        i = text.rfind(mark, len(text) // 2)
        if i >= 0:
            return i + len(mark)
    i = text.rfind("\n", len(text) // 2)
    if i >= 0:
        return i + 1
    return len(text) - 1 if text[-1] == "\r" else len(text)  # never between \r and \n


def windows(path: str, window: int = WINDOW_CHARS):
    """(encoding, bom) of the file, then its windows as :class:`Window` documents."""
    encoding, bom = _encoding(path)
    yield encoding, bom

    def pieces():
        decoder = codecs.getincrementaldecoder(encoding)()
        with open(path, "rb") as f:
            f.seek(len(bom))
            while True:
                chunk = f.read(CHUNK)
                yield decoder.decode(chunk, final=not chunk), not chunk
                if not chunk:
                    return

    base = lines = 0
    pending = ""
    for text, final in pieces():
        pending += text
        while len(pending) >= window or (final and pending):
            end = _cut(pending[:window] if len(pending) > window else pending, final and len(pending) <= window)
            piece, pending = pending[:end], pending[end:]
            yield Window(path, piece, encoding, bom, base, lines)
            base += len(piece)
            lines += piece.count("\n")


def shifted(d: Diagnostic, by: int) -> Diagnostic:
    """``d`` with its span and edits moved ``by`` characters."""
    fix = d.fix
    if fix is not None:
        fix = Fix(fix.applicability, tuple(Edit(e.start + by, e.end + by, e.replacement) for e in fix.edits))
    return d._replace(start=d.start + by, end=d.end + by, fix=fix)


class Rewrite:
    """The fixed file, written piece by piece to a temporary file beside it that replaces it on
    :meth:`commit` (keeping mode and owner, if the file is unchanged); :meth:`discard` removes what
    was not committed. A read-only file, or one with several hard links, is refused."""

    def __init__(self, path: str, bom: bytes):
        from wenlint.document import writable

        self.target = os.path.realpath(path)
        self.status = writable(path)  # read-only and special files are refused before any work
        if self.status.st_nlink > 1:
            from wenlint.document import WriteRefused

            raise WriteRefused(f"{path}: a file this large with several hard links is not rewritten")
        import tempfile  # only a fix of a large file needs it: kept out of every run's start-up

        fd, self.tmp = tempfile.mkstemp(dir=os.path.dirname(self.target),
                                        prefix=f".{os.path.basename(self.target)}.", suffix=".tmp")
        self.file = os.fdopen(fd, "wb")
        self.file.write(bom)

    def write(self, data: bytes) -> None:
        self.file.write(data)

    def commit(self) -> None:
        """Replace the file, keeping mode, owner and group, if it is unchanged since it was opened
        (:func:`wenlint.document.install`; else WriteRefused, and nothing is replaced)."""
        from wenlint.document import WriteRefused, install

        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        if not install(self.tmp, self.target, self.status):
            raise WriteRefused(f"{self.target}: its owner cannot be kept; not written")
        self.tmp = None

    def discard(self) -> None:
        if self.tmp is not None:
            self.file.close()
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass
            self.tmp = None
