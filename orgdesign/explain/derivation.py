"""HOW: the derivation tree of each conclusion, read from the engine's trace.

Works on the trace alone, so it explains any fact type a layer asserts
(archetype, design choices, and whatever later layers add).  A node is a
fact; its ``by`` names the firing that asserted it (rule title, rationale,
source, file and line) and its ``from`` lists the facts that firing matched,
down to the interview answers.  A fact derived earlier in the same
explanation is not expanded twice: it carries ``shown_above: true``.

Conclusion names: ``<fact type>.<first field>``, e.g. ``archetype.product_embedded``
or ``design_choice.data_ownership``.  ``--how`` also takes a fact id (``f-23``),
an answer (``answer:ml_activity``), a fact type (``archetype``, all its facts),
or the JSON spelling ``design_choices.data_ownership``.
"""
from ..errors import OrgDesignError
from .describe import jsonable


class UnknownConclusion(OrgDesignError):
    """``--how`` names nothing in this profile's trace."""


class Derivations:
    def __init__(self, inference, describer):
        self.trace = inference.trace
        self.ranking = list(inference.verdict.ranking)
        self.profile = inference.profile
        self.describer = describer
        self.firings = {f.seq: f for f in self.trace.firings}
        self.engine_steps = {f.seq for f in self.trace.firings if describer.rulebook.rule(f.rule) is None}

    # -- which facts are conclusions ---------------------------------------
    def conclusions(self):
        """Derived facts, in firing order, except those only an engine step consumes.

        Evidence facts feed the combination step and are explained under the
        archetype they support; every other derived fact is a conclusion.
        """
        consumed_by_engine = {m for seq in self.engine_steps for m in self.firings[seq].matched}
        derived = [f for f in self.trace.facts.values() if "firing" in f.origin]
        return [f for f in derived if f.id not in consumed_by_engine]

    def name(self, fact):
        first = next(iter(fact.fields.values()), None)
        return f"{fact.type}.{first}" if isinstance(first, str) else fact.type

    def resolve(self, wanted):
        """The facts ``--how`` asks for (see the module docstring for the forms)."""
        facts = self.trace.facts
        if wanted in facts:
            return [facts[wanted]]
        conclusions = self.conclusions()
        for candidate in _spellings(wanted):
            chosen = [f for f in conclusions if self.name(f) == candidate or self.name(f).split(".")[0] == candidate]
            if chosen:
                return chosen
        known = tuple(dict.fromkeys(self.name(f) for f in conclusions))
        error = UnknownConclusion(f"`{wanted}` names no conclusion of this profile", self.profile.path,
                                  hint=f"use a fact id such as f-12, answer:<question>, or one of: {', '.join(known)}")
        error.known = known  # for the command line's "did you mean"
        raise error

    # -- trees -------------------------------------------------------------
    def trees(self, facts):
        shown = set()
        trees = [self.tree(fact.id, shown) for fact in facts]
        for tree in trees:
            if tree["type"] == "answer":
                tree["used_by"] = self.uses(tree["fact"])
        return trees

    def uses(self, fact_id):
        """The firings that read a fact, and what each asserted (for ``--how answer:<question>``)."""
        return [{"firing": f.seq, **self.describer.rule_info(f.rule),
                 "asserted": [{"fact": a, "type": self.trace.facts[a].type,
                               "text": self.describer.fact_text(self.trace.facts[a].type, self.trace.facts[a].fields)}
                              for a in f.asserted]}
                for f in self.trace.firings if fact_id in f.matched]

    def tree(self, fact_id, shown):
        fact = self.trace.facts[fact_id]
        if fact.type == "answer":
            question, value = fact.fields["question"], fact.fields["value"]
            return {"fact": fact_id, "type": "answer", "question": question, "value": jsonable(value),
                    "text": self.describer.answer_text(question, value)}
        node = {"fact": fact_id, "type": fact.type, "name": self.name(fact), "fields": _jsonable_fields(fact.fields),
                "text": self.describer.fact_text(fact.type, fact.fields)}
        if fact_id in shown:
            node["shown_above"] = True
            return node
        shown.add(fact_id)
        firing = self.firings[fact.origin["firing"]]
        node["by"] = {"firing": firing.seq, **self.describer.rule_info(firing.rule)}
        node["from"] = [self.tree(m, shown) for m in self._premise_order(firing)]
        return node

    def _premise_order(self, firing):
        """Answers first; evidence strongest first, for the archetype it supports first."""
        if firing.seq not in self.engine_steps:
            return firing.matched
        def strength(fact_id):
            fields = self.trace.facts[fact_id].fields
            archetype, cf = fields.get("archetype"), fields.get("cf", 0)
            rank = self.ranking.index(archetype) if archetype in self.ranking else len(self.ranking)
            return (rank, cf <= 0, -abs(cf), _fact_number(fact_id))

        return sorted(firing.matched, key=strength)

    def leaves(self, tree):
        """Every answer a tree bottoms out in."""
        if tree["type"] == "answer":
            return [tree]
        return [leaf for child in tree.get("from", []) for leaf in self.leaves(child)]


def _spellings(wanted):
    yield wanted
    head, dot, rest = wanted.partition(".")
    if head.endswith("s"):
        yield head[:-1] + dot + rest


def _fact_number(fact_id):
    number = fact_id.rpartition("-")[2]
    return int(number) if number.isdigit() else 0



def _jsonable_fields(fields):
    return {k: jsonable(v) for k, v in fields.items()}
