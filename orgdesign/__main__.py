"""``python -m orgdesign`` and the ``orgdesign`` command.

Ctrl-C before click has taken over (while the program is still loading)
ends with exit status 130 and one line, like a Ctrl-C anywhere else, not
with a traceback.
"""
import sys


def run():
    try:
        from .cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted.\n")
        sys.exit(130)


if __name__ == "__main__":
    run()
