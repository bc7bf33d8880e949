"""Read the files a run depends on besides drafts: configuration, baselines, fact files,
sources and cache entries. Regular files only, never more than a limit.

A path is opened without blocking and checked on the open descriptor: a FIFO is
refused instead of waited on for ever, a device (a link to /dev/zero) or a folder is
refused instead of read without end, and a file swapped between a check and the
read cannot slip through. The size is checked before anything is read, and reading
stops one byte past the limit in case the file grows meanwhile.

(Drafts are read by `read.read_draft`, which takes a FIFO on purpose: `factcheck <(cmd)`.)
"""

from __future__ import annotations

import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
CHUNK = 1 << 24


class ReadError(Exception):
    """A file that cannot be read; `str()` is the reason, without the file's name."""


def read_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; ReadError otherwise."""
    try:
        descriptor = os.open(path, _FLAGS)
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("Is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file (a FIFO, device or socket)")
        if info.st_size > limit:
            raise ReadError(f"larger than {limit} bytes")
        return _read_at_most(descriptor, limit, info.st_size)
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    finally:
        os.close(descriptor)


def _read_at_most(descriptor: int, limit: int, expected: int) -> bytes:
    """Up to limit + 1 bytes; the first read asks for the size fstat gave and one more byte,
    so a file that has not changed is read in one call."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = os.read(descriptor, min(CHUNK, limit + 1 - size, (expected + 1) if not chunks else CHUNK))
        if not chunk:
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise ReadError(f"larger than {limit} bytes")
