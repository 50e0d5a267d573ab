"""`orgdesign serve`: the interview, the report, the explanation and milestones in a browser.

The workspace is a folder of profile files; they stay the single record
(``workspace``).  ``store`` reads and changes them with the command line's
own code; ``app`` holds the safety checks every request passes; ``views``
the pages.  Flask renders, waitress serves; no script but ``static/web.js``,
and nothing fetched from the network.
"""


def create_app(workspace, reasoner=None, allowed_hosts=(), today=None):
    from .app import create_app as make

    return make(workspace, reasoner, allowed_hosts, today)


__all__ = ["create_app"]
