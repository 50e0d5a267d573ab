"""What the hostile tests share: the real command line, real files."""
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from orgdesign.cli import main

from .cases import GOOD

REPO = Path(__file__).resolve().parent.parent.parent


def run(*args, input=None):
    """The command line in this process (CliRunner): fast, and sees monkeypatches."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def run_process(*args, cwd=None, input=None, timeout=120, umask=None):
    """The command line as a separate process, as a user runs it."""
    def prepare():
        if umask is not None:
            os.umask(umask)

    return subprocess.run([sys.executable, "-m", "orgdesign", *[str(a) for a in args]], cwd=cwd, input=input,
                          capture_output=True, text=True, timeout=timeout, preexec_fn=prepare,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))


def write_profile(folder, name="profile.yaml", text=GOOD):
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder):
    """``{relative path: (kind, bytes or link target, mode)}`` of everything below ``folder``."""
    result = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            status = path.lstat()
            if path.is_symlink():
                content = ("link", os.readlink(path))
            elif path.is_file():
                content = ("file", path.read_bytes())
            else:
                content = ("other", None)
            result[str(path.relative_to(folder))] = (*content, status.st_mode)
    return result


def one_error_line(result_or_text):
    """The message printed for an error: exactly one `Error:` line, no traceback."""
    text = result_or_text if isinstance(result_or_text, str) else result_or_text.output
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, text
    return lines[0]
