"""Advisory locks: one writer at a time for a profile or a batch's output folder.

Two interviews saving one profile, or two batches writing one folder, each
overwrite the other's work. The first takes a lock; the second is told
"in use by process N" and stops before it changes anything.

The lock is ``flock`` on a small file beside what it protects (a profile is
replaced by rename at every save, so the profile itself cannot carry it).
The file holds the owner's process id and is removed on release; a lock
file left by a process that died holds no lock, so it never blocks anyone.
"""
import os
from pathlib import Path

from .errors import OrgDesignError

try:
    import fcntl
except ImportError:  # not on a POSIX system: no locking, as before
    fcntl = None


def lock_path_for(path):
    """``.acme.yaml.lock`` beside ``acme.yaml`` (links resolved, so a link and its file share one lock)."""
    real = Path(os.path.realpath(path))
    return real.parent / f".{real.name}.lock"


class FileLock:
    """``with FileLock(lock_file, protected, command):`` holds the lock, or raises ``OrgDesignError``."""

    def __init__(self, lock_file, protected, hint):
        self.lock_file = Path(lock_file)
        self.protected = str(protected)
        self.hint = hint
        self.descriptor = None

    def __enter__(self):
        if fcntl is None:
            return self
        while True:
            descriptor = self._open()
            if descriptor is None:
                return self
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = _read_owner(descriptor)
                os.close(descriptor)
                raise OrgDesignError(f"in use by process {owner}" if owner else "in use by another process",
                                     self.protected, hint=self.hint) from None
            if _same_file(descriptor, self.lock_file):
                break
            # The holder removed the file between our open and our lock: ours is stale, try again.
            os.close(descriptor)
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
        self.descriptor = descriptor
        return self

    def __exit__(self, *_exc):
        if self.descriptor is None:
            return False
        try:
            self.lock_file.unlink()
        except OSError:
            pass
        os.close(self.descriptor)  # closing releases the lock
        self.descriptor = None
        return False

    def _open(self):
        try:
            return os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o666)
        except (FileNotFoundError, NotADirectoryError):
            return None  # no folder to save into: the command reports that in its own words
        except OSError as err:
            raise OrgDesignError(f"cannot create the lock file {self.lock_file.name} ({err.strerror})",
                                 self.protected, hint="choose a folder you can write to") from None


def _read_owner(descriptor):
    try:
        text = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return text if text.isdigit() else None


def _same_file(descriptor, path):
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(descriptor)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def profile_lock(path):
    """The lock an interview holds on its profile for its whole run."""
    return FileLock(lock_path_for(path), path,
                    hint="another `orgdesign interview` is saving this profile; finish or stop it first")


def folder_lock(folder):
    """The lock a batch holds on its output folder (which must exist)."""
    return FileLock(Path(folder) / ".orgdesign.lock", folder,
                    hint="another `orgdesign batch` is writing into this folder; wait for it, or choose another --out")
