"""Client profiles: the YAML file a consultant fills in (see DESIGN.md).

``load_profile`` validates a file against the question bank and returns a
``Profile`` whose answers are in canonical form.  A core question missing
from the file counts as ``unknown`` and is listed in ``Profile.missing``, so a
half-finished interview can still be reasoned about.
"""
import datetime
import hashlib
import json
from dataclasses import dataclass, field

from .errors import ProfileError, ProfileErrors, allowed_list, did_you_mean, shorten, shown
from .questions import UNKNOWN
from .text_safety import client_line, client_text
from .yaml_source import load_yaml, parse_yaml

PROFILE_VERSION = 1
TOP_LEVEL_KEYS = ("profile_version", "client", "answers", "notes", "names")
NAME_KINDS = ("units", "roles")   # `names:` sections: generic unit or role id -> the client's own name
CLIENT_KEYS = ("name", "interviewed_on", "consultant")
MAX_TEXT = 2000
MAX_NAME = 120    # a unit's or role's own name: it must fit in a chart box


@dataclass(frozen=True)
class Profile:
    client: str
    answers: dict
    notes: dict = field(default_factory=dict)
    interviewed_on: str = None
    consultant: str = None
    missing: tuple = ()
    path: str = None
    lines: dict = field(default_factory=dict, compare=False, repr=False)
    names: dict = field(default_factory=dict)   # {"units": {id: name}, "roles": {id: name}}, the client's own names

    def name_of(self, kind, item_id, default):
        """The client's own name for unit or role ``item_id`` (``kind``: units, roles), else ``default``."""
        return self.names.get(kind, {}).get(item_id, default)

    def answer(self, question_id):
        return self.answers.get(question_id, UNKNOWN)

    def unknown_answers(self):
        return tuple(q for q, v in self.answers.items() if v == UNKNOWN)

    def digest(self):
        """``sha256:...`` of the profile's content, independent of layout and comments."""
        canonical = json.dumps(self.to_data(), sort_keys=True, ensure_ascii=False)
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def to_data(self):
        """The profile as plain data, in question order (the file format)."""
        client = {"name": self.client}
        if self.interviewed_on:
            client["interviewed_on"] = self.interviewed_on
        if self.consultant:
            client["consultant"] = self.consultant
        data = {
            "profile_version": PROFILE_VERSION,
            "client": client,
            "answers": {q: list(v) if isinstance(v, tuple) else v for q, v in self.answers.items()},
        }
        if self.notes:
            data["notes"] = dict(self.notes)
        if any(self.names.values()):
            data["names"] = {kind: dict(entries) for kind, entries in self.names.items() if entries}
        return data

    def with_answers(self, **changes):
        """A copy with some answers replaced (used by what-if analysis)."""
        answers = dict(self.answers)
        answers.update(changes)
        missing = tuple(q for q in self.missing if q not in changes)
        return Profile(self.client, answers, self.notes, self.interviewed_on, self.consultant, missing, self.path,
                       self.lines, self.names)


def load_profile(path, knowledge):
    document = load_yaml(path, what="profile", error_class=ProfileError)
    return profile_from_document(document, knowledge)


def parse_profile(text, knowledge, path="<profile>"):
    return profile_from_document(parse_yaml(text, path, ProfileError), knowledge)


def profile_from_document(document, knowledge):
    """The validated ``Profile`` of a parsed document.

    Every mistake is found in one pass, as a linter does: one mistake raises
    its ``ProfileError``; several raise ``ProfileErrors`` listing them all,
    in file order, each with its line.
    """
    data = document.data
    problems = _Problems(document)
    if not isinstance(data, dict):
        raise problems.error("a profile must be a mapping with `profile_version`, `client` and `answers`",
                             hint="see examples/ for the format")
    _check_keys(data, TOP_LEVEL_KEYS, problems, ())
    _check_version(data, problems)
    name, interviewed_on, consultant = _read_client(data, problems)
    answers, missing = _read_answers(data, knowledge.questions, problems)
    notes = _read_notes(data, knowledge.questions, problems)
    names = _read_names(data, knowledge, problems)
    problems.raise_any()
    return Profile(name, answers, notes, interviewed_on, consultant, missing, document.path, document.lines, names)


class _Problems:
    """The mistakes found in one profile, each located at its line."""

    def __init__(self, document):
        self.document = document
        self.found = []

    def error(self, message, *key_path, hint=None):
        return self.document.error(message, *key_path, hint=hint, error_class=ProfileError)

    def add(self, message, *key_path, hint=None):
        self.found.append(self.error(message, *key_path, hint=hint))

    def raise_any(self):
        if len(self.found) == 1:
            raise self.found[0]
        if self.found:
            raise ProfileErrors(sorted(self.found, key=lambda e: e.line or 0))


def _check_keys(mapping, allowed, problems, key_path):
    for key in mapping:
        if key not in allowed:
            hint = did_you_mean(key, allowed) or allowed_list(allowed)
            problems.add(f"unknown key `{shorten(key)}`", *key_path, key, hint=hint)


def _check_version(data, problems):
    if "profile_version" not in data:
        return problems.add("missing `profile_version`", hint=f"add `profile_version: {PROFILE_VERSION}` at the top")
    version = data["profile_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        return problems.add(f"`profile_version` must be a whole number, not {shown(version)}", "profile_version",
                            hint=f"write `profile_version: {PROFILE_VERSION}`")
    if version > PROFILE_VERSION:
        return problems.add(f"profile_version {version} is from a newer orgdesign (this one reads up to {PROFILE_VERSION})",
                            "profile_version", hint="upgrade orgdesign, or save the profile in version 1 format")
    if version < 1:
        problems.add(f"profile_version {version} is not valid", "profile_version",
                     hint=f"write `profile_version: {PROFILE_VERSION}`")


def _read_client(data, problems):
    client = data.get("client")
    if not isinstance(client, dict):
        problems.add("`client` must be a mapping with at least `name`", "client",
                     hint="write `client:` then an indented `name: Acme Ltd`")
        return None, None, None
    _check_keys(client, CLIENT_KEYS, problems, ("client",))
    name = client.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add("`client.name` must be non-empty text", "client", "name", hint="write the client's name")
        name = None
    interviewed_on = client.get("interviewed_on")
    if isinstance(interviewed_on, (datetime.date, datetime.datetime)):
        interviewed_on = interviewed_on.isoformat()[:10]
    elif interviewed_on is not None:
        try:
            interviewed_on = datetime.date.fromisoformat(str(interviewed_on)).isoformat()
        except ValueError:
            problems.add(f"`client.interviewed_on` is not a date: {shown(interviewed_on)}", "client", "interviewed_on",
                         hint="write it as YYYY-MM-DD")
            interviewed_on = None
    consultant = client.get("consultant")
    if consultant is not None and not isinstance(consultant, str):
        problems.add("`client.consultant` must be text", "client", "consultant")
        consultant = None
    for key, text in (("name", name), ("consultant", consultant)):
        if text is not None and len(text) > MAX_TEXT:
            problems.add(f"`client.{key}` is longer than {MAX_TEXT} characters", "client", key, hint="shorten it")
    # Names are cleaned here, once, for every output and the terminal (see text_safety).
    return (name if name is None else client_line(name)), interviewed_on, \
        (consultant if consultant is None else client_line(consultant))


def _read_answers(data, bank, problems):
    raw_answers = data.get("answers")
    if raw_answers is None:
        raw_answers = {}
    if not isinstance(raw_answers, dict):
        problems.add("`answers` must be a mapping of question id to answer", "answers",
                     hint="write `answers:` then indented `employees: 120` lines")
        raw_answers = {}
    _check_keys(raw_answers, bank.ids, problems, ("answers",))
    answers, missing = {}, []
    for question in bank:
        if question.id not in raw_answers or raw_answers[question.id] is None:
            answers[question.id] = UNKNOWN
            missing.append(question.id)
            continue
        value, problem = question.normalise(raw_answers[question.id])
        if problem:
            message, hint = problem
            problems.add(message, "answers", question.id, hint=hint)
            value = UNKNOWN
        answers[question.id] = value
    return answers, tuple(missing)


def _read_notes(data, bank, problems):
    notes = data.get("notes")
    if notes is None:   # absent, or `notes:` with nothing under it
        return {}
    if not isinstance(notes, dict):
        problems.add(f"`notes` must be a mapping of question id to text, not {shown(notes)}", "notes",
                     hint="write `notes:` then indented `ml_activity: text` lines, or remove `notes`")
        return {}
    _check_keys(notes, bank.ids, problems, ("notes",))
    result = {}
    for question in bank:
        if question.id in notes:
            text = notes[question.id]
            if not isinstance(text, str):
                problems.add(f"the note on `{question.id}` must be text, not {shown(text)}", "notes", question.id,
                             hint="quote it")
            elif len(text) > MAX_TEXT:
                problems.add(f"the note on `{question.id}` is longer than {MAX_TEXT} characters", "notes", question.id)
            else:
                result[question.id] = client_text(text)
    return result


def _read_names(data, knowledge, problems):
    """``names:``: the client's own names for the generic units and roles, by id (see DESIGN.md)."""
    names = data.get("names")
    if names is None:
        return {}
    if not isinstance(names, dict):
        problems.add(f"`names` must be a mapping with `units` and/or `roles`, not {shown(names)}", "names",
                     hint="write `names:` then indented `units:` and `roles:` mappings of id to the client's name")
        return {}
    _check_keys(names, NAME_KINDS, problems, ("names",))
    known = {"units": tuple(knowledge.org_units), "roles": tuple(knowledge.roles)}
    result = {}
    for kind in NAME_KINDS:
        entries = names.get(kind)
        if entries is None:
            continue
        if not isinstance(entries, dict):
            problems.add(f"`names.{kind}` must be a mapping of {kind[:-1]} id to name, not {shown(entries)}",
                         "names", kind, hint=f"write indented `{known[kind][1]}: Our own name` lines")
            continue
        result[kind] = {}
        for item_id, text in entries.items():
            if item_id not in known[kind]:
                hint = did_you_mean(item_id, known[kind]) or allowed_list(known[kind])
                problems.add(f"`{shorten(item_id)}` is not a {kind[:-1]} id", "names", kind, item_id, hint=hint)
            elif not isinstance(text, str) or not text.strip():
                problems.add(f"the name of {kind[:-1]} `{item_id}` must be non-empty text, not {shown(text)}",
                             "names", kind, item_id, hint="quote it")
            elif len(text) > MAX_NAME:
                problems.add(f"the name of {kind[:-1]} `{item_id}` is longer than {MAX_NAME} characters",
                             "names", kind, item_id, hint="a chart box holds a short name; put the rest in `notes`")
            else:
                result[kind][item_id] = client_line(text)
    return {kind: entries for kind, entries in result.items() if entries}
