"""Atomic file writing: a temporary file in the same folder, then a rename.

A crash or Ctrl-C mid-write leaves either the old file or the new one, never
half of one, and never a stray temporary file. What people expect of a file
still holds:

- a new file gets the mode a plain ``open()`` gives under the user's umask
  (the temporary file's private 0600 must not survive the rename);
- a file replaced keeps its mode;
- a symbolic link is written through (the file it names changes, the link
  stays), and a target that is not a regular file (a device, a FIFO, a
  folder) is refused, never replaced;
- a failure (read-only folder, full disk, a path under /proc) is an
  ``OrgDesignError`` naming the path, not a traceback.
"""
import errno
import os
import stat
import tempfile
import threading
from pathlib import Path

from .errors import OrgDesignError
from .yaml_source import file_kind

TEMPORARY_SUFFIX = ".tmp"


def write_text_atomic(path, text):
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path, data, durable=True):
    """Write ``data`` to ``path`` atomically; ``durable`` also waits until it is on disk.

    Without ``durable`` a crash soon after may leave the old file or an
    empty one: good enough only for a file that is checked when read and
    can be made again (a cache entry).
    """
    path = Path(path)
    target = writable_target(path)
    mode = mode_for(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent)
    except OSError as err:
        raise write_error(err, path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as err:
        # BaseException: a KeyboardInterrupt must not leave the temporary behind either.
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        if isinstance(err, OSError):
            raise write_error(err, path) from None
        raise


def writable_target(path):
    """The file to write for ``path``: the file a link names; refuses what is not a regular file."""
    path = Path(path)
    try:
        if path.is_symlink():
            path = Path(os.path.realpath(path))
        status = path.stat()
    except FileNotFoundError:
        return path
    except OSError as err:
        raise write_error(err, path) from None
    if not stat.S_ISREG(status.st_mode):
        raise OrgDesignError(f"is {file_kind(status.st_mode)}, not a regular file; orgdesign never replaces one",
                             str(path), hint="give the path of a file to write")
    return path


def mode_for(path):
    """The mode to give ``path``: its own when it exists, else what ``open()`` would give."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


_UMASK_LOCK = threading.Lock()


def current_umask():
    # Reading the umask means setting it for a moment: two threads doing so at once
    # could each restore the other's placeholder and leave the process with the wrong one.
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


_HINTS = {
    errno.ENOSPC: "free some space, or choose a folder on another disk",
    errno.EDQUOT: "free some space, or choose a folder on another disk",
    errno.EROFS: "choose a folder you can write to",
    errno.EACCES: "choose a folder you can write to",
    errno.EPERM: "choose a folder you can write to",
    errno.ENOENT: "create the folder first, or choose another path",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another path",
    errno.EISDIR: "a folder stands where the file should go; choose another path",
    errno.ENAMETOOLONG: "choose a shorter name",
}


def write_error(err, path):
    """An ``OSError`` met while writing, as ``Error: PATH: cannot write (reason); hint``."""
    reason = err.strerror or str(err)
    return OrgDesignError(f"cannot write ({reason})", str(path), hint=_HINTS.get(err.errno, "check the path"))
