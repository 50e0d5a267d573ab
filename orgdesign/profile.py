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

from .errors import ProfileError, allowed_list, did_you_mean, shorten, shown
from .questions import UNKNOWN
from .text_safety import client_line, client_text
from .yaml_source import load_yaml, parse_yaml

PROFILE_VERSION = 1
TOP_LEVEL_KEYS = ("profile_version", "client", "answers", "notes")
CLIENT_KEYS = ("name", "interviewed_on", "consultant")
MAX_TEXT = 2000


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
        return data

    def with_answers(self, **changes):
        """A copy with some answers replaced (used by what-if analysis)."""
        answers = dict(self.answers)
        answers.update(changes)
        missing = tuple(q for q in self.missing if q not in changes)
        return Profile(self.client, answers, self.notes, self.interviewed_on, self.consultant, missing, self.path)


def load_profile(path, knowledge):
    document = load_yaml(path, what="profile", error_class=ProfileError)
    return profile_from_document(document, knowledge)


def parse_profile(text, knowledge, path="<profile>"):
    return profile_from_document(parse_yaml(text, path, ProfileError), knowledge)


def profile_from_document(document, knowledge):
    data = document.data

    def fail(message, *key_path, hint=None):
        return document.error(message, *key_path, hint=hint, error_class=ProfileError)

    if not isinstance(data, dict):
        raise fail("a profile must be a mapping with `profile_version`, `client` and `answers`",
                   hint="see examples/ for the format")
    _check_keys(data, TOP_LEVEL_KEYS, fail, ())
    _check_version(data, fail)
    name, interviewed_on, consultant = _read_client(data, fail)
    answers, missing = _read_answers(data, knowledge.questions, fail)
    notes = _read_notes(data, knowledge.questions, fail)
    return Profile(name, answers, notes, interviewed_on, consultant, missing, document.path, document.lines)


def _check_keys(mapping, allowed, fail, key_path):
    for key in mapping:
        if key not in allowed:
            hint = did_you_mean(key, allowed) or allowed_list(allowed)
            raise fail(f"unknown key `{shorten(key)}`", *key_path, key, hint=hint)


def _check_version(data, fail):
    if "profile_version" not in data:
        raise fail("missing `profile_version`", hint=f"add `profile_version: {PROFILE_VERSION}` at the top")
    version = data["profile_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise fail(f"`profile_version` must be a whole number, not {shown(version)}", "profile_version",
                   hint=f"write `profile_version: {PROFILE_VERSION}`")
    if version > PROFILE_VERSION:
        raise fail(f"profile_version {version} is from a newer orgdesign (this one reads up to {PROFILE_VERSION})",
                   "profile_version", hint="upgrade orgdesign, or save the profile in version 1 format")
    if version < 1:
        raise fail(f"profile_version {version} is not valid", "profile_version", hint=f"write `profile_version: {PROFILE_VERSION}`")


def _read_client(data, fail):
    client = data.get("client")
    if not isinstance(client, dict):
        raise fail("`client` must be a mapping with at least `name`", "client",
                   hint="write `client:` then an indented `name: Acme Ltd`")
    _check_keys(client, CLIENT_KEYS, fail, ("client",))
    name = client.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("`client.name` must be non-empty text", "client", "name", hint="write the client's name")
    interviewed_on = client.get("interviewed_on")
    if isinstance(interviewed_on, (datetime.date, datetime.datetime)):
        interviewed_on = interviewed_on.isoformat()[:10]
    elif interviewed_on is not None:
        try:
            interviewed_on = datetime.date.fromisoformat(str(interviewed_on)).isoformat()
        except ValueError:
            raise fail(f"`client.interviewed_on` is not a date: {shown(interviewed_on)}", "client", "interviewed_on",
                       hint="write it as YYYY-MM-DD") from None
    consultant = client.get("consultant")
    if consultant is not None and not isinstance(consultant, str):
        raise fail("`client.consultant` must be text", "client", "consultant")
    for key, text in (("name", name), ("consultant", consultant)):
        if text is not None and len(text) > MAX_TEXT:
            raise fail(f"`client.{key}` is longer than {MAX_TEXT} characters", "client", key, hint="shorten it")
    # Names are cleaned here, once, for every output and the terminal (see text_safety).
    return client_line(name), interviewed_on, consultant if consultant is None else client_line(consultant)


def _read_answers(data, bank, fail):
    raw_answers = data.get("answers")
    if raw_answers is None:
        raw_answers = {}
    if not isinstance(raw_answers, dict):
        raise fail("`answers` must be a mapping of question id to answer", "answers",
                   hint="write `answers:` then indented `employees: 120` lines")
    _check_keys(raw_answers, bank.ids, fail, ("answers",))
    answers, missing = {}, []
    for question in bank:
        if question.id not in raw_answers or raw_answers[question.id] is None:
            answers[question.id] = UNKNOWN
            missing.append(question.id)
            continue
        value, problem = question.normalise(raw_answers[question.id])
        if problem:
            message, hint = problem
            raise fail(message, "answers", question.id, hint=hint)
        answers[question.id] = value
    return answers, tuple(missing)


def _read_notes(data, bank, fail):
    notes = data.get("notes")
    if notes is None:   # absent, or `notes:` with nothing under it
        return {}
    if not isinstance(notes, dict):
        raise fail(f"`notes` must be a mapping of question id to text, not {shown(notes)}", "notes",
                   hint="write `notes:` then indented `ml_activity: text` lines, or remove `notes`")
    _check_keys(notes, bank.ids, fail, ("notes",))
    result = {}
    for question in bank:
        if question.id in notes:
            text = notes[question.id]
            if not isinstance(text, str):
                raise fail(f"the note on `{question.id}` must be text, not {shown(text)}", "notes", question.id,
                           hint="quote it")
            if len(text) > MAX_TEXT:
                raise fail(f"the note on `{question.id}` is longer than {MAX_TEXT} characters", "notes", question.id)
            result[question.id] = client_text(text)
    return result
