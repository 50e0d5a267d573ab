"""Writing a set of files into a folder so that the set is complete or absent.

``recommend --out`` writes five files that refer to each other; a full disk
after the fourth must not leave a folder that looks finished. Every file is
first written into a staging folder (inside the target folder when it
exists, beside it when it does not: the same file system either way, so the
moves below are renames), and only once all are written are they moved into
place: a new folder is renamed into place whole, an existing one receives
each file by rename. Whatever goes wrong, the staging folder is removed.
"""
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .atomic_write import TEMPORARY_SUFFIX, current_umask, mode_for, writable_target, write_error
from .errors import OrgDesignError

STAGING_PREFIX = ".orgdesign-"


def write_file_set(folder, files):
    """Write ``files`` (name -> text or bytes) into ``folder``; return the paths written, in order."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OrgDesignError("is not a folder", str(folder), hint="give -o a folder path")
    targets = {name: writable_target(folder / name) for name in files}
    fresh = not folder.exists()
    staging = _make_staging(folder, fresh)
    try:
        # Written (and fsync'd) side by side: the file system then commits them together, where
        # one after another each fsync waits for its own commit (a set took a third of the time).
        with ThreadPoolExecutor(max_workers=max(1, min(8, len(files)))) as pool:
            list(pool.map(lambda item: _write_new(staging / item[0], _as_bytes(item[1]), mode_for(targets[item[0]])),
                          files.items()))
        if fresh:
            os.chmod(staging, 0o777 & ~current_umask())
            os.rename(staging, folder)
        else:
            for name in files:
                os.replace(staging / name, targets[name])
            os.rmdir(staging)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, OSError):
            raise write_error(err, folder) from None
        raise
    return [folder / name for name in files]


def _as_bytes(content):
    return content.encode("utf-8") if isinstance(content, str) else content


def _make_staging(folder, fresh):
    parent = folder.parent if fresh else folder
    try:
        if fresh:
            parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, suffix=TEMPORARY_SUFFIX, dir=parent))
    except OSError as err:
        raise write_error(err, folder) from None


def _write_new(path, data, mode):
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fchmod(stream.fileno(), mode)
        os.fsync(stream.fileno())


def remove_leftovers(folder):
    """Remove staging folders and temporary files an abandoned writer left below ``folder``."""
    for leftover in Path(folder).rglob(f".*{TEMPORARY_SUFFIX}"):
        if leftover.is_dir() and leftover.name.startswith(STAGING_PREFIX):
            shutil.rmtree(leftover, ignore_errors=True)
        elif leftover.is_file():
            leftover.unlink(missing_ok=True)
