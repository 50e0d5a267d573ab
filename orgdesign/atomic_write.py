"""Atomic file writing: a temporary file in the same folder, then a rename.

A crash or Ctrl-C mid-write leaves either the old file or the new one, never
half of one, and never a stray temporary file.
"""
import os
import tempfile
from pathlib import Path


def write_text_atomic(path, text):
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path, data):
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        # BaseException: a KeyboardInterrupt must not leave the temporary behind either.
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
