"""The reasoning trace: every fact with its origin, every firing in order.

Answers appear as facts ``answer:<question id>`` whose origin is the
interview; each derived fact is ``f-<n>`` and names the firing that asserted
it.  A firing lists the facts it matched and the facts it asserted, so any
conclusion can be walked back to the answers that caused it.
"""
from dataclasses import dataclass, field


@dataclass
class FactRecord:
    id: str
    type: str
    fields: dict
    origin: dict

    def to_json(self):
        return {"id": self.id, "type": self.type, "fields": _jsonable(self.fields), "origin": dict(self.origin)}


@dataclass
class Firing:
    seq: int
    rule: str
    file: str
    line: int
    matched: list
    asserted: list = field(default_factory=list)

    def to_json(self):
        return {"seq": self.seq, "rule": self.rule, "file": self.file, "line": self.line,
                "matched": list(self.matched), "asserted": list(self.asserted)}


class TraceRecorder:
    """Collects facts and firings while the engine runs one profile."""

    def __init__(self, answers, locate_rule):
        self.locate_rule = locate_rule
        self.facts = {}
        self.firings = []
        self.verdict = None
        self._by_engine_fact = {}
        self._by_content = {}
        for question_id, value in answers.items():
            fact_id = f"answer:{question_id}"
            self.facts[fact_id] = FactRecord(fact_id, "answer", {"question": question_id, "value": value},
                                             {"answer": question_id})

    def trace_id(self, engine_fact):
        return self._by_engine_fact[engine_fact["__factid__"]]

    def begin_firing(self, rule_id, matched):
        file, line = self.locate_rule(rule_id)
        firing = Firing(len(self.firings) + 1, rule_id, file, line, list(matched))
        self.firings.append(firing)
        return firing

    def end_firing(self, firing, asserted):
        firing.asserted = list(dict.fromkeys(asserted))

    def note_fact(self, fact_type, fields, declared, firing, rule_id):
        content = (fact_type, rule_id, _freeze(fields))
        if declared is None:
            # experta refused a duplicate: the same rule concluded the same thing again.
            return self._by_content[content]
        fact_id = f"f-{declared['__factid__']}"
        self._by_engine_fact[declared["__factid__"]] = fact_id
        self._by_content[content] = fact_id
        self.facts[fact_id] = FactRecord(fact_id, fact_type, dict(fields), {"firing": firing.seq, "rule": rule_id})
        return fact_id

    def facts_of_type(self, fact_type):
        return [f for f in self.facts.values() if f.type == fact_type]

    def to_json(self):
        return {"facts": [f.to_json() for f in self.facts.values()], "firings": [f.to_json() for f in self.firings]}


def _freeze(fields):
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in fields.items()))


def _jsonable(fields):
    return {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}
