"""`orgdesign serve`: the browser workspace over a folder of profiles."""
import threading

import click

from .common import reports_errors, rules_options, say

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARDS = ("0.0.0.0", "::")


@click.command()
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs --allow-remote.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--allow-remote", is_flag=True,
              help="Allow --host to be an address other machines can reach (the pages have no login).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="With --allow-remote: a host name (or address) browsers use to reach this server; "
                   "repeatable. Requests naming any other host are refused (DNS rebinding).")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 32), hidden=True)
@rules_options
@reports_errors
def serve(workspace, host, port, allow_remote, allowed_hosts, threads, rules_dir, knowledge_dir):
    """Open a browser workspace: clients, interview, report, explanation, milestones.

    WORKSPACE is a folder of profile YAML files (default: the current
    folder); the files stay the record, in the format the other commands
    read.  Listens on 127.0.0.1 only, unless --allow-remote.

    \b
    Example:
      orgdesign serve examples/
      orgdesign serve clients/ --port 9000
      orgdesign serve clients/ --host 0.0.0.0 --allow-remote --allowed-host laptop.local
    """
    if host not in LOOPBACK and not allow_remote:
        raise click.UsageError(f"--host {host} lets other machines reach the workspace, which has no login; "
                               "add --allow-remote if that is what you want")
    from waitress import create_server

    from .. import get_reasoner
    from ..web import create_app
    from ..web.workspace import Workspace

    Workspace(workspace)   # a missing folder is an error before anything listens
    reasoner = get_reasoner(knowledge_dir, rules_dir)
    if allowed_hosts and not allow_remote:
        raise click.UsageError("--allowed-host applies with --allow-remote")
    remote = () if host in LOOPBACK else tuple(h for h in (host,) if h not in WILDCARDS) + allowed_hosts
    app = create_app(workspace, reasoner, allowed_hosts=remote)
    server = create_server(app, host=host, port=port, threads=threads, ident="orgdesign")
    if host not in LOOPBACK:
        say(f"Warning: listening on {host}, reachable from other machines; anyone who can reach it can read and "
            "change these profiles. Use only on a network you trust.", err=True)
        if host in WILDCARDS and not allowed_hosts:
            say("Note: only loopback names are accepted in the Host header; name the ones other machines use "
                "with --allowed-host.", err=True)
    shown = f"[{host}]" if ":" in host else host
    say(f"Serving {workspace} at http://{shown}:{server.effective_port}/  (Ctrl-C stops)", err=True)
    # First views of each profile are computed ahead, in the background, at the lowest priority.
    threading.Thread(target=app.extensions["orgdesign"].warm, name="warm", daemon=True).start()
    try:
        server.run()
    except KeyboardInterrupt:
        raise click.exceptions.Exit(130) from None
    finally:
        server.close()
