"""The pages: Clients, Interview, Report, Explain, Milestones.

Each view reads the profile file as it is now (``Store.snapshot``), asks the
same library code as the command line for what it shows, and renders a
template.  Forms post back to the same page and, once saved, redirect to the
step that follows (so a reload never posts twice); every page works with
JavaScript off.
"""
import datetime
import re

import flask
import markupsafe

from ..interview.explain import question_help, why_rules_text, why_text
from ..interview.session import CLIENT_NAME, FINISHED, InterviewSession
from .app import store
from .store import answer_key
from .workspace import NotInWorkspace

# Files of a client's output folder (``recommend --out out/NAME``) the report page links to when present.
OUTPUT_FILES = {"report.pdf": ("The report as PDF", "application/pdf"),
                "audit.html": ("The audit trail", "text/html")}
CHARTS = {"orgchart": "Recommended organisation chart", "orgchart-today": "Organisation chart today"}
DERIVATIONS_HEADING = "How the verdict and the design choices were derived"


def register(app):
    app.add_url_rule("/", "home", view_func=lambda: flask.redirect(flask.url_for("clients")))
    app.add_url_rule("/clients", view_func=clients)
    app.add_url_rule("/clients/new", view_func=new_client, methods=["POST"])
    app.add_url_rule("/clients/<name>/", "client", view_func=lambda name: flask.redirect(flask.url_for("interview", name=name)))
    app.add_url_rule("/clients/<name>/interview", view_func=interview, methods=["GET", "POST"])
    app.add_url_rule("/clients.json", view_func=clients_json)
    app.add_url_rule("/clients/<name>/recommendation.json", view_func=recommendation_json)
    app.add_url_rule("/clients/<name>/report", view_func=report)
    # The chart files as `recommend --out` names them, so the report's own links to them work here too.
    app.add_url_rule("/clients/<name>/<stem>.svg", view_func=chart)
    app.add_url_rule("/clients/<name>/files/<file_name>", view_func=output_file)
    app.add_url_rule("/clients/<name>/explain", view_func=explain)
    app.add_url_rule("/clients/<name>/milestones", view_func=milestones)
    app.register_error_handler(NotInWorkspace, _not_found)
    app.register_error_handler(404, _not_found)


def _not_found(_error):
    return flask.render_template("message.html", title="Not found",
                                 text="There is no such page or client in this workspace."), 404


# -- Clients -----------------------------------------------------------------
def clients(errors=(), status=200):
    rows = []
    for name in store().workspace.names():
        snap = store().snapshot(name)
        row = {"name": name, "file": snap.path.name, "error": snap.error,
               "changed": datetime.datetime.fromtimestamp(snap.mtime).strftime("%Y-%m-%d %H:%M") if snap.mtime else ""}
        if not snap.error:
            rec = store().recommendation(snap)
            row.update(client=snap.profile.client, archetype=rec["archetype"], target=rec.get("target"),
                       answered=sum(1 for q in snap.profile.answers if q not in snap.profile.missing),
                       questions=len(snap.profile.answers))
        rows.append(row)
    return flask.render_template("clients.html", rows=rows, errors=errors,
                                 workspace=str(store().workspace.folder)), status


def clients_json():
    """The Clients page as data: per file, its client and headline (or its error)."""
    rows = []
    for name in store().workspace.names():
        snap = store().snapshot(name)
        row = {"name": name, "file": snap.path.name, "digest": snap.digest, "error": snap.error}
        if not snap.error:
            rec = store().recommendation(snap)
            row.update(client=snap.profile.client, target=(rec.get("target") or {}).get("id"),
                       archetype={k: rec["archetype"][k] for k in ("id", "confidence", "confidence_words",
                                                                    "provisional", "confirm_first")})
        rows.append(row)
    return _json({"workspace": str(store().workspace.folder), "clients": rows})


def recommendation_json(name):
    """What `orgdesign recommend NAME.yaml --json` prints, byte for byte."""
    snap = store().snapshot(name)
    if snap.error:
        return _json({"error": snap.error}, 409)
    return _json(store().recommendation(snap))


def _json(data, status=200):
    from ..outputs import to_json

    return flask.Response(to_json(data), status=status, mimetype="application/json")


def new_client():
    outcome = store().create_client(flask.request.form.get("client", ""))
    if not outcome.saved:
        return clients(errors=outcome.errors or ["Nothing was saved."], status=422)
    _flash(outcome)
    return flask.redirect(flask.url_for("interview", name=outcome.name, step=outcome.next_step), 303)


# -- Interview ---------------------------------------------------------------
def interview(name):
    if flask.request.method == "POST":
        return _post_answer(name)
    return _interview_page(name, flask.request.args.get("step"))


def _post_answer(name):
    form = flask.request.form
    step = form.get("step", "")
    values = form.getlist("value")
    text = ", ".join(v for v in values if v.strip()) if len(values) > 1 else (values[0] if values else None)
    action = form.get("action", "save")
    outcome = store().change(name, step, form.get("base", ""), form.get("shown_answer", ""),
                             form.get("shown_note", ""), action, text, form.get("note"))
    if outcome.errors and not outcome.saved and action != "skip":
        # Shown on the page itself, with what was typed kept; nothing was saved.
        return _interview_page(name, outcome.next_step or step, errors=outcome.errors, messages=outcome.messages,
                               typed=text, note=form.get("note"), status=422)
    _flash(outcome)
    return flask.redirect(flask.url_for("interview", name=name, step=outcome.next_step), 303)


def _flash(outcome):
    for text in outcome.messages:
        flask.flash(text, "message")
    for text in outcome.errors:
        flask.flash(text, "error")


def _interview_page(name, step, errors=(), messages=(), typed=None, note=None, status=200):
    snap = store().snapshot(name)
    if snap.error:
        return flask.render_template("broken.html", name=name, error=snap.error, page="interview"), 409
    knowledge = store().reasoner.knowledge
    session = InterviewSession.from_profile(snap.profile, knowledge, snap.profile.interviewed_on or store().today())
    asked = [q.id for q in session.asked_questions()]
    if step not in asked and step not in (CLIENT_NAME, FINISHED):
        step = session.first_unanswered()
    session.current = step
    # As the terminal says when it resumes: answers to questions that are no longer asked leave the file.
    messages = list(messages) + [f"Note: the answer to `{q}` will be left out at the next save: it is not asked, "
                                 f"because {session.skip_reason(q)}." for q in session.dropped]
    question = session.question()
    number, total = session.progress()
    answered = sum(1 for q in asked if q in session.answers)
    shown = session.client if step == CLIENT_NAME else session.answers.get(step)
    context = {
        "name": name, "page": "interview", "snap": snap, "session": session, "step": step, "question": question,
        "number": number, "total": total, "answered": answered, "finished": step == FINISHED,
        "previous": _previous_step(asked, step), "next": _next_step(asked, step),
        "base": snap.digest, "shown_answer": answer_key(shown), "shown_note": answer_key(session.notes.get(step)),
        "note": session.notes.get(step, "") if note is None else note,
        "errors": errors, "messages": messages, "typed": typed,
        "headline": _headline(snap), "review": _review(session, asked),
        "client_step": CLIENT_NAME, "client": session.client,
    }
    if question is not None:
        chosen = shown if shown is not None else session.default()
        context.update(choices=_choices(question, knowledge, chosen, typed), value_text=_value_text(question, chosen, typed),
                       help=_help_text(question, knowledge), why=_why_text(question, session),
                       why_rules=why_rules_text(question, store().reasoner.rulebook, knowledge, session.conditions))
    return flask.render_template("interview.html", **context), status


def _previous_step(asked, step):
    if step == CLIENT_NAME:
        return None
    if step == FINISHED:
        return asked[-1] if asked else CLIENT_NAME
    position = asked.index(step)
    return asked[position - 1] if position > 0 else CLIENT_NAME


def _next_step(asked, step):
    if step == CLIENT_NAME:
        return asked[0] if asked else FINISHED
    if step == FINISHED:
        return None
    position = asked.index(step)
    return asked[position + 1] if position + 1 < len(asked) else FINISHED


def _choices(question, knowledge, chosen, typed):
    if question.type == "yes_no":
        values, labels, helps = ("yes", "no"), ("Yes", "No"), {}
    elif question.type in ("choice", "multi_choice"):
        values, labels = question.values, question.labels
        helps = {v["id"]: v.get("help", "") for v in _bank_entry(knowledge, question.id).get("values") or []}
    else:
        return []
    if typed is not None:
        picked = {part.strip() for part in typed.split(",")}
    elif isinstance(chosen, tuple):
        picked = set(chosen)
    else:
        picked = {chosen}
    return [{"value": v, "label": label, "help": helps.get(v, ""), "checked": v in picked}
            for v, label in zip(values, labels)]


def _value_text(question, chosen, typed):
    if typed is not None:
        return typed
    if chosen is None or chosen == "unknown":
        return ""
    return str(chosen)


def _bank_entry(knowledge, question_id):
    entries = knowledge.documents["questions"].data["questions"]
    return next((e for e in entries if e.get("id") == question_id), {})


def _help_text(question, knowledge):
    # The terminal's closing line lists prompt commands; the page has buttons instead.
    lines = question_help(question, knowledge).split("\n")
    return "\n".join(line for line in lines if not line.startswith("Commands:")).strip()


def _why_text(question, session):
    text = why_text(question, store().reasoner.rulebook, store().reasoner.knowledge, session.conditions)
    return "\n".join(line for line in text.split("\n") if not line.startswith("Type `why rules`"))


def _review(session, asked):
    rows = [{"step": CLIENT_NAME, "number": "", "id": "client", "text": "Client's name",
             "answer": session.client, "current": session.current == CLIENT_NAME}]
    for number, question_id in enumerate(asked, 1):
        question = session.bank[question_id]
        value = session.answers.get(question_id)
        rows.append({"step": question_id, "number": number, "id": question_id, "text": question.text,
                     "answer": None if value is None else question.answer_label(value),
                     "note": session.notes.get(question_id), "current": session.current == question_id})
    return rows


def _headline(snap):
    rec = store().recommendation(snap)
    return {"target": rec.get("target"), "archetype": rec["archetype"], "conflicts": rec.get("answer_conflicts", [])}


# -- Report ------------------------------------------------------------------
def report(name):
    snap = store().snapshot(name)
    if snap.error:
        return flask.render_template("broken.html", name=name, error=snap.error, page="report"), 409
    html = store().report_html(snap)
    links = [(flask.url_for("output_file", name=name, file_name=f), label)
             for f, (label, _) in OUTPUT_FILES.items() if store().workspace.output_file(name, f)]
    bar = flask.render_template("report_bar.html", name=name, page="report", links=links,
                                client=snap.profile.client, out=f"out/{name}", file=snap.path.name)
    head = '<link rel="stylesheet" href="' + flask.url_for("static", filename="bar.css") + '">\n'
    # Only the stylesheet and the bar are added; whatever attributes the report's <body> has are kept.
    html = html.replace("</head>", head + "</head>", 1)
    html = re.sub(r"<body\b([^>]*)>", lambda m: f"<body{m.group(1)} data-workspace>\n{bar}", html, count=1)
    return flask.Response(html, mimetype="text/html")


def chart(name, stem):
    from ..report.chart import inline_svg

    snap = store().snapshot(name)
    charts = {} if snap.error else store().charts(snap)
    if stem + ".svg" not in charts:
        flask.abort(404)
    svg = inline_svg(charts[stem + ".svg"], str(snap.path), CHARTS.get(stem, "Organisation chart"))
    response = flask.Response(svg, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def output_file(name, file_name):
    store().workspace.path_for(name)
    if file_name not in OUTPUT_FILES:
        flask.abort(404)
    path = store().workspace.output_file(name, file_name)
    if path is None:
        flask.abort(404)
    return flask.send_file(path, mimetype=OUTPUT_FILES[file_name][1])


# -- Explain -----------------------------------------------------------------
def explain(name):
    from ..explain import render_text
    from ..explain.derivation import UnknownConclusion
    from ..explain.render_text import _why_not   # the text `explain --why-not` prints, without its heading

    snap = store().snapshot(name)
    if snap.error:
        return flask.render_template("broken.html", name=name, error=snap.error, page="explain"), 409
    full = store().explanation(snap)
    archetype = full["archetype"]
    how, how_text, how_error = flask.request.args.get("how", "").strip(), None, None
    if how:
        try:
            how_text = render_text(store().explanation(snap, how=how))
        except UnknownConclusion as err:
            how_error = f"`{how}` names no conclusion of this profile; try one of: " + ", ".join(err.known[:12])
    # Why-not is asked for one archetype at a time, as `explain --why-not` is: its search for the
    # smallest change can take seconds for an archetype far from the answers.
    asked = flask.request.args.get("why_not")
    why_nots = []
    for other in archetype["ranking"]:
        if other["id"] != archetype["id"]:
            text = None
            if other["id"] == asked:
                text = _why_not(store().explanation(snap, why_not=asked)["why_not"], full)
            why_nots.append({"id": other["id"], "name": other["name"], "fit": other["fit"], "text": text})
    graph = store().derivation_svg(snap)
    # The derivation trees are long: the page folds them under the plain sentences.
    text, marker, derivations = render_text(full).partition(DERIVATIONS_HEADING)
    return flask.render_template("explain.html", name=name, page="explain", client=snap.profile.client,
                                 archetype=archetype, text=text, derivations=marker + derivations, how=how, how_text=how_text,
                                 how_error=how_error, why_nots=why_nots, graph=markupsafe.Markup(graph))


# -- Milestones --------------------------------------------------------------
def milestones(name):
    from ..advice.diff_text import diff_text
    from ..diff import compare_recommendations

    this = store().snapshot(name)
    if this.error:
        return flask.render_template("broken.html", name=name, error=this.error, page="milestones"), 409
    others = []
    for other in store().workspace.names():
        snap = store().snapshot(other)
        if not snap.error:
            others.append({"name": other, "client": snap.profile.client, "mtime": snap.mtime,
                           "same_client": snap.profile.client == this.profile.client})
    same = sorted((o for o in others if o["same_client"] and o["name"] != name), key=lambda o: -o["mtime"])
    a_name = flask.request.args.get("a") or name
    b_name = flask.request.args.get("b") or (same[0]["name"] if same else None)
    context = {"name": name, "page": "milestones", "client": this.profile.client, "others": others,
               "a_name": a_name, "b_name": b_name, "rows": None, "note": None}
    if b_name:
        a, b = store().snapshot(a_name), store().snapshot(b_name)
        problems = [s.error for s in (a, b) if s.error]
        if problems:
            context["errors"] = problems
        else:
            rec_a, rec_b = store().recommendation(a), store().recommendation(b)
            comparison = compare_recommendations(a.profile, rec_a, b.profile, rec_b, store().reasoner.knowledge)
            context.update(a=a, b=b, rec_a=rec_a, rec_b=rec_b, note=diff_text(comparison),
                           rows=_side_by_side(a.profile, b.profile))
    return flask.render_template("milestones.html", **context)


def _side_by_side(a, b):
    rows = []
    for question in store().reasoner.knowledge.questions:
        left, right = a.answers.get(question.id), b.answers.get(question.id)
        rows.append({"id": question.id, "text": question.text,
                     "a": question.answer_label(left) if left is not None else "",
                     "b": question.answer_label(right) if right is not None else "",
                     "a_note": a.notes.get(question.id), "b_note": b.notes.get(question.id),
                     "changed": left != right})
    return rows
