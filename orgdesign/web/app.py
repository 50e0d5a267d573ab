"""The Flask application: security checks that every request passes, then the pages (``views``).

Safe by default:
- the Host header must name this server (loopback names, or the hosts the
  command was told to allow), so a page on another site cannot reach it
  through DNS rebinding;
- every POST carries the CSRF token of the browser's session cookie (a
  random secret per server run, ``SameSite=Strict``), or nothing happens;
- every template value is escaped (Jinja2 autoescape on every template, and
  bidirectional controls shown as U+FFFD as in the report);
- pages load nothing from elsewhere and run only our own script
  (``Content-Security-Policy``), and cannot be framed.
"""
import datetime
import hmac
import secrets

import flask
import markupsafe

from ..text_safety import without_bidi_controls
from .store import Store
from .workspace import Workspace

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
CSRF_FIELD = "csrf_token"
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def create_app(workspace, reasoner=None, allowed_hosts=(), today=None):
    """The web workspace over the folder ``workspace``.

    ``allowed_hosts``: host names besides the loopback ones that the Host
    header may name (``serve --allow-remote`` passes the host it binds to).
    """
    from .. import get_reasoner
    from . import views

    app = flask.Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(SECRET_KEY=secrets.token_bytes(32), SESSION_COOKIE_SAMESITE="Strict",
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_NAME="orgdesign_session",
                      MAX_CONTENT_LENGTH=256 * 1024)
    # Every template autoescaped, whatever its name; set before the environment is made.
    app.jinja_options = dict(app.jinja_options, autoescape=True, finalize=_html_text,
                             trim_blocks=True, lstrip_blocks=True)
    reasoner = reasoner or get_reasoner()
    app.extensions["orgdesign"] = Store(Workspace(workspace), reasoner,
                                        today or (lambda: datetime.date.today().isoformat()))
    app.extensions["orgdesign_hosts"] = {_bare_host(h) for h in (*LOOPBACK_HOSTS, *allowed_hosts)}
    app.before_request(_check_host)
    app.before_request(_check_csrf)
    app.after_request(_security_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token
    views.register(app)
    return app


def store():
    return flask.current_app.extensions["orgdesign"]


def _html_text(value):
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return without_bidi_controls(value)
    return value


def _bare_host(host):
    """``example.org`` for ``example.org:8765``; ``::1`` for ``[::1]:8765``; lower case."""
    host = (host or "").strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _check_host():
    host = _bare_host(flask.request.headers.get("Host", ""))
    if host not in flask.current_app.extensions["orgdesign_hosts"]:
        return _refuse(400, "Unknown host",
                       "This server answers only to the host names it was started for; open it as "
                       "http://127.0.0.1:PORT/ (or start it with --allow-remote and this host).")
    return None


def csrf_token():
    token = flask.session.get(CSRF_FIELD)
    if not token:
        token = flask.session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return token


def _check_csrf():
    if flask.request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    sent = flask.request.form.get(CSRF_FIELD, "")
    expected = flask.session.get(CSRF_FIELD, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        return _refuse(403, "Form expired",
                       "This form was not made by this server's pages (or the server was restarted since it was "
                       "shown). Nothing was saved; go back, reload the page and submit again.")
    return None


def _refuse(status, title, text):
    return flask.render_template("message.html", title=title, text=text), status


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", _CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "no-store")
    return response
