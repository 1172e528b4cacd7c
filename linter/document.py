"""Bytes <-> text with byte-for-byte fidelity, plus offset -> line/column lookup."""
from __future__ import annotations

import codecs
import os
import re
import stat
import zlib
from bisect import bisect_right
from wenlint.patterns import CJK_PUNCT, HAN, rx

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls that never occur in text files (tab, newlines, form feed and ESC are allowed).
BINARY_CONTROLS = rx("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])  # the same, as bytes
# What a Chinese document is made of; binary bytes read as UTF-16 give mostly other characters.
UNLIKELY = rx(f"[^\t\n\r\x20-\x7e{HAN}{CJK_PUNCT}\u3000-\u303f\uff00-\uffef\u2000-\u206f]")
BINARY_SAMPLE = 8192
BINARY_RATIO = 0.1


class DecodeError(Exception):
    """The file is binary or in no supported encoding; str() is 'path: reason'."""


class BinaryFileError(DecodeError):
    """The file is binary (NUL bytes or many control characters), not text in an unknown encoding."""


def controls(sample: bytes) -> int:
    """How many BINARY_CONTROLS the bytes hold, read one character a byte (latin-1): counted by
    ``bytes.translate``, several times quicker than the pattern's search."""
    return len(sample) - len(sample.translate(None, CONTROL_BYTES))


def _check_binary(path: str, has_nul: bool, found: int, size: int) -> None:
    """Raise BinaryFileError for NUL bytes, or ``found`` control characters in a sample of ``size``."""
    if has_nul:
        raise BinaryFileError(f"{path}: binary file (NUL bytes)")
    if found > BINARY_RATIO * size:
        raise BinaryFileError(f"{path}: binary file (control characters)")


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" where bytes that look binary (NULs, control bytes) are UTF-16
    text without a byte order mark: the zero high bytes of ASCII characters mostly on one side, or
    else charset-normalizer's finding. The caller still checks the decoded text."""
    if len(data) < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > 4 * even:
        return "utf-16-le"
    if even > 4 * odd:
        return "utf-16-be"
    found = _detected(data)
    return found.replace("_", "-") if found in ("utf_16_le", "utf_16_be") else None


def _bad_utf8(data: bytes) -> tuple[int, int] | None:
    """(offset, count) of the undecodable bytes of a file that is UTF-8 but for a few of them (at
    most one for ten of its non-ASCII characters), else None."""
    text = data.decode("utf-8", "surrogateescape")
    bad = [i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff"]
    wide = sum(1 for ch in text if ch > "\x7f") - len(bad)
    if not bad or len(bad) * 10 > wide:
        return None
    return len(text[:bad[0]].encode("utf-8", "surrogateescape")), len(bad)


def _detected(data: bytes) -> str | None:
    """The encoding charset-normalizer finds for bytes that are not UTF-8, or None: it weighs every
    candidate encoding by how coherent a language the decoded text is (a Big5, Latin-1 or EUC-KR
    file also decodes as GB18030, into nonsense)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, threshold=0.5).best()  # damaged documents are messy: tolerate more mess
    return best.encoding if best is not None else None


GB = {"gb18030", "gbk", "gb2312"}


class Document:
    """A decoded file: its text, and the encoding ("utf-8", "gbk", "gb18030", "utf-16-le",
    "utf-16-be") and byte order mark that give the bytes back. ``problem``, when set, is why the
    file must not be written (bytes that did not decode: the text holds U+FFFD in their place);
    ``stamp`` (size, modification time, CRC-32 of the bytes) is how the file was when read."""

    __slots__ = ("path", "text", "encoding", "bom", "problem", "stamp", "_line_starts", "_line")

    def __init__(self, path: str, text: str, encoding: str, bom: bytes = b"", problem: str | None = None):
        self.path, self.text, self.encoding, self.bom, self.problem = path, text, encoding, bom, problem
        self.stamp: tuple[int, int, int] | None = None
        self._line_starts: list[int] | None = None
        self._line = (0, 0, 0, -1)  # the line line_col found last (see _find_line); none yet

    def with_text(self, text: str) -> Document:
        """The same file holding another text (a fixed one)."""
        doc = Document(self.path, text, self.encoding, self.bom, self.problem)
        doc.stamp = self.stamp
        return doc

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> Document:
        """Decode by byte order mark; else UTF-16 without one, where the bytes look binary otherwise;
        else UTF-8 (a few bad
        bytes are reported as the ``problem``); else GBK or GB18030 if charset-normalizer finds it
        (and the bytes round-trip). Anything else is a :class:`DecodeError`: a guess is never linted."""
        for bom, encoding in BOMS:
            if data.startswith(bom):
                try:
                    text = data[len(bom):].decode(encoding)
                except UnicodeDecodeError:
                    raise DecodeError(f"{path}: invalid {encoding} after its byte order mark") from None
                head = text[:BINARY_SAMPLE]
                _check_binary(path, "\x00" in text, len(BINARY_CONTROLS.findall(head)), len(head))
                return cls(path, text, encoding, bom)
        sample = data[:BINARY_SAMPLE]
        found = controls(sample)
        if b"\x00" in data or found > BINARY_RATIO * len(sample):
            utf16 = _utf16_without_bom(data)
            try:
                text = data.decode(utf16) if utf16 else None
            except UnicodeDecodeError:
                text = None
            head = text[:BINARY_SAMPLE] if text is not None else ""
            if head and len(UNLIKELY.findall(head)) <= BINARY_RATIO * len(head):
                return cls(path, text, utf16)
        _check_binary(path, b"\x00" in data, found, len(sample))
        try:
            return cls(path, data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
        bad = _bad_utf8(data)
        if bad:
            offset, count = bad
            more = f" (and {count - 1} more)" if count > 1 else ""
            return cls(path, data.decode("utf-8", "replace"), "utf-8",
                       problem=f"invalid UTF-8 byte 0x{data[offset]:02x} at byte offset {offset}{more}")
        found = _detected(data)
        if found in GB:
            for encoding in ("gbk", "gb18030"):  # GBK where the bytes allow: fixes must stay in it
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                if text.encode(encoding) == data:
                    return cls(path, text, encoding)
        guess = f" (it reads best as {found})" if found and found not in GB else ""
        raise DecodeError(f"{path}: cannot decode as UTF-8, and it is not recognisably GB18030 "
                          f"or GBK{guess}; not linted")

    def can_encode(self, text: str) -> bool:
        """Can ``text`` be written in this file's encoding (GBK lacks what GB18030 adds)?"""
        try:
            text.encode(self.encoding)
            return True
        except UnicodeEncodeError:
            return False

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    @property
    def line_starts(self) -> list[int]:
        """Offsets where each line begins, computed once."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        r"""(line, column), both from 1; the "\r" and "\n" of a "\r\n" share a column. The line found
        last is kept: diagnostics come in order, several to a line, and most need no search."""
        start, stop, line, crlf = self._line
        if not start <= offset < stop:
            start, stop, line, crlf = self._line = self._find_line(offset)
        column = offset - start + 1
        if offset == crlf:
            column -= 1
        return line, column

    def _find_line(self, offset: int) -> tuple[int, int, int, int]:
        r"""(start, stop, number, crlf) of the line holding ``offset``: it spans offsets start to stop - 1
        (its "\n" included; the last line ends at the end of the text), and crlf is the offset of its
        "\n" if a "\r" precedes it within the line (the one offset whose column is one less), else -1."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside text of length {len(self.text)}")
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        start = starts[index]
        if index + 1 == len(starts):
            return start, len(self.text) + 1, index + 1, -1
        stop = starts[index + 1]
        crlf = stop - 1 if stop - 1 > start and self.text[stop - 2] == "\r" else -1
        return start, stop, index + 1, crlf

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            raise ValueError(f"line {line} outside 1..{len(starts)}")
        if line == len(starts):
            return self.text[starts[-1]:]
        return self.text[starts[line - 1]:starts[line] - 1].removesuffix("\r")


class NotRegularFile(OSError):
    """A FIFO, device, socket or folder where a text file was expected."""


def read_document(path: str) -> Document:
    """Read and decode a regular file (a FIFO or device is refused before it is read), with its
    :attr:`~Document.stamp`."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the open
    with open(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(f"{path}: not a regular file")
        data = f.read()
    doc = Document.from_bytes(data, path)
    doc.stamp = (len(data), st.st_mtime_ns, zlib.crc32(data))
    return doc


class WriteRefused(OSError):
    """The file is not written: it changed since it was read, is read-only, or is no regular file."""


def _current(target: str) -> tuple[os.stat_result, bytes]:
    """The file's status and bytes as they are now."""
    fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise WriteRefused(f"{target}: not a regular file; not written")
        return st, f.read()


def write_back(path: str, data: bytes, stamp: tuple[int, int, int] | None = None) -> None:
    """Replace the file at ``path`` (through symlinks) with ``data``, if it is still as it was read
    (``stamp``, unless None): size, modification time and content are checked just before the replace. The
    replace is atomic and keeps mode and, where permitted, owner and group; a file with several
    hard links (or whose owner cannot be kept) is rewritten in place, after its new size has been
    reserved on disk. Read-only files are refused. Raises :class:`WriteRefused` or OSError."""
    target = os.path.realpath(path)
    try:
        st, old = _current(target)
    except FileNotFoundError:
        raise WriteRefused(f"{path}: deleted since it was read; not written") from None
    if stamp is not None and (st.st_size, st.st_mtime_ns, zlib.crc32(old)) != stamp:
        raise WriteRefused(f"{path}: changed since it was read; not written")
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteRefused(f"{path}: read-only file; not written")
    if st.st_nlink > 1 or not _write_atomic(target, data, st):
        _write_in_place(target, data, old, st)


def _unchanged(target: str, st: os.stat_result) -> bool:
    try:
        now = os.stat(target)
    except FileNotFoundError:
        return False
    return (now.st_ino, now.st_size, now.st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns)


def _write_atomic(target: str, data: bytes, st: os.stat_result) -> bool:
    """Write a temporary file beside ``target`` and rename it over it; False (nothing done) where
    the owner or group could not be kept."""
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if not install(tmp, target, st):
            os.unlink(tmp)
            return False
        return True
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def writable(path: str) -> os.stat_result:
    """The status of the regular file at ``path`` (through symlinks), which wenlint may replace;
    raises :class:`WriteRefused` for a read-only or special file, OSError if it cannot be read."""
    st = os.stat(os.path.realpath(path))
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused(f"{path}: not a regular file; not written")
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise WriteRefused(f"{path}: read-only file; not written")
    return st


def install(tmp: str, target: str, st: os.stat_result) -> bool:
    """Rename the written temporary file ``tmp`` over ``target``, giving it the mode, owner and group
    of ``st`` (how ``target`` was when read), if ``target`` is still as it was; False (nothing done)
    where the owner or group cannot be kept. Raises :class:`WriteRefused` if ``target`` changed."""
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
            os.chmod(tmp, stat.S_IMODE(st.st_mode))  # chown clears set-id bits
        except OSError:
            return False
    if not _unchanged(target, st):
        raise WriteRefused(f"{target}: changed while being written; not written")
    os.replace(tmp, target)
    return True


def _write_in_place(target: str, data: bytes, old: bytes, st: os.stat_result) -> None:
    """Overwrite the file itself (keeping its inode: hard links, owner), space reserved first; if
    writing fails midway, the old bytes are put back."""
    fd = os.open(target, os.O_RDWR | os.O_NOFOLLOW)
    try:
        now = os.fstat(fd)
        if (now.st_ino, now.st_size, now.st_mtime_ns) != (st.st_ino, st.st_size, st.st_mtime_ns):
            raise WriteRefused(f"{target}: changed while being written; not written")
        if len(data) > len(old) and hasattr(os, "posix_fallocate"):
            os.posix_fallocate(fd, 0, len(data))  # no space: fails here, before any byte changes
        try:
            os.pwrite(fd, data, 0)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        except BaseException:
            os.pwrite(fd, old, 0)
            os.ftruncate(fd, len(old))
            raise
    finally:
        os.close(fd)
