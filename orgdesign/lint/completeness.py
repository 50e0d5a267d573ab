"""Check: every combination of answers yields a complete recommendation.

Complete means: a top archetype, a position on every design dimension of the
knowledge base, and, when the recommendation has an org chart, one root from
which every node can be reached.

rulebase.yaml's ``completeness:`` names, per recommendation section, the
fact types it is built from; only rules that lead to those facts are
explored (all rules when it is absent).

The raw answer space is far too large to try (around 10^14 combinations),
so the proof works on a smaller space that provably covers it:

1. Answer values no rule tells apart form one class (``answer_space``).
2. Rules that read only answers ("answer rules") split the questions into
   independent groups: two questions are in one group when a rule reads
   both and concludes something later layers test or the checked sections
   hold (a rule concluding nothing of the kind cannot tell situations apart,
   and grouping its questions would only multiply the work: the answer
   conflict rules read two questions each).  Each group's class
   combinations are enumerated on their own, and
   kept only for what later layers can see: the results of the answer tests
   that rules with fact conditions make, and the facts those rules test.
3. Everything the evidence layer does reaches later layers through the
   verdict fact (``asserted_by: engine``): its top archetype and mixed
   runner-up.  Instead of asking which verdicts are reachable, every verdict
   is tried, which covers the reachable ones.
4. Each combination of (verdict, one situation per group) is run through the
   direct evaluator with that verdict imposed, and the recommendation JSON is
   built from it exactly as ``orgdesign recommend`` builds it.

A situation whose recommendation is incomplete is then searched for a real
profile: groups' answer combinations are tried until the engine, with no
verdict imposed, reaches that verdict.  When one is found it is re-checked
with the experta engine and written as a profile file.
"""
import itertools
import random
import time
from dataclasses import dataclass, field

import yaml

from ..advice.recommendation import build_recommendation
from ..atomic_write import write_text_atomic
from ..engine.compiler import Verdict
from ..engine.direct_evaluator import DirectEvaluator
from ..engine.rulebook import AnswerValue
from ..profile import Profile
from ..questions import UNKNOWN
from .exclusions import exclusion_gaps
from .findings import Finding

# Above this many situations the check gives up with a finding rather than
# running for minutes: the rule base has grown a group that needs splitting.
MAX_SITUATIONS = 50000
# Searching for a real profile behind a gap stops after this many engine runs
# (per gap): a count, not a time, so lint finds the same profiles on a loaded
# machine as on a quiet one and its output diffs cleanly.
SEARCH_TRIES = 150


@dataclass
class Group:
    """Questions that answer rules read together, and what later layers can see of them."""

    questions: tuple
    rules: tuple
    situations: dict = field(default_factory=dict)   # visible signature -> [answer dicts giving it]


def check_completeness(context, evaluator, space, out_dir=None):
    """Prove the declared sections complete; a ``single`` fact type splits the proof in two.

    A fact type declared ``single`` (the target) is concluded once per
    profile from the verdict and a few answers.  Proving everything at once
    would multiply those answers into every situation, so the proof runs in
    two steps: first, the sections built from single facts (every situation
    gets a target); then the other sections with every value of the single
    facts imposed, as the verdict is imposed, which covers the values the
    first step can reach.
    """
    started = time.perf_counter()
    sections = declared_sections(context)
    single = {t for t, d in context.book.fact_types.items() if d.get("single")}
    if sections and single:
        first = {name: types for name, types in sections.items() if set(types) & single}
        rest = {name: types for name, types in sections.items() if name not in first}
        # Each other section is proved on its own: sections built from disjoint
        # rules need not multiply each other's situations.
        provers = [_Prover(context, evaluator, space, first)]
        provers += [_Prover(context, evaluator, space, {name: types}, forced_types=single) for name, types in rest.items()]
    else:
        provers = [_Prover(context, evaluator, space, sections)]
    findings, figures = [], {}
    for prover in provers:
        if not prover.sections and prover.sections is not None:
            continue
        more, numbers = prover.prove(out_dir, first_number=len(findings))
        findings += more
        for key, value in numbers.items():
            figures[key] = figures.get(key, 0) + value if key in _ADDED_FIGURES else value
    figures["seconds"] = round(time.perf_counter() - started, 2)
    explored = set().union(*(p.explored for p in provers))
    figures["explored_rules"] = len(explored)
    return findings, figures, set().union(*(p.fired for p in provers)), explored


# Figures that add up over the proof's steps; the others describe the answer space once.
_ADDED_FIGURES = ("situations", "incomplete_situations", "verdict_classes")


class _Prover:
    def __init__(self, context, evaluator, space, sections, forced_types=()):
        self.context = context
        self.book = context.book
        self.knowledge = context.knowledge
        self.evaluator = evaluator
        self.space = space
        self.fired = set()
        self.sections = sections
        # Single fact types imposed with every value, like the verdict (see check_completeness).
        self.forced_types = set(forced_types)
        # Findings about the whole rule base point at its `completeness:` declaration.
        self.line = (context.rulebase_document.line_of("completeness") if context.rulebase_document else None) or 1
        self.gap_cache = {}
        cone = self._cone(self._relevant_types())
        self.answer_rules = [r for r in context.rules if not r.fact_tests]
        self.chained_rules = [r for r in context.rules if r.fact_tests and r.id in cone]
        self.explored = {r.id for r in self.chained_rules}
        # Facts later layers test, and facts the checked sections are built from.
        self.visible_types = {t.fact_type for r in self.chained_rules for t in r.fact_tests} | set(self.sections_types)
        self.visible_types -= {t for t, d in self.book.fact_types.items() if d.get("asserted_by") == "engine"}
        self.visible_types -= self.forced_types
        self.visible_questions = self._visible_questions()
        # With the verdict imposed, answer rules matter only for the facts later layers test or the
        # sections hold: only those can tell situations apart, so only their questions are grouped.
        self.telling_rules = [r for r in self.answer_rules if any(a.fact_type in self.visible_types for a in r.then)]
        self.later_layers = DirectEvaluator(evaluator.reasoner, only={r.id for r in self.chained_rules} | {
            r.id for r in self.telling_rules})

    # -- which rules matter --------------------------------------------------------
    @property
    def sections_types(self):
        return {t for types in (self.sections or {}).values() for t in types}

    def _relevant_types(self):
        """Without a ``completeness:`` declaration every rule is explored."""
        return self.sections_types if self.sections is not None else set(self.book.fact_types)

    def _cone(self, types):
        """Rules whose conclusions (directly or through other rules) build the checked sections."""
        types, cone, changed = set(types), set(), True
        while changed:
            changed = False
            for rule in self.context.rules:
                if any(a.fact_type in self.forced_types for a in rule.then):
                    continue  # its facts are imposed instead
                if rule.id not in cone and any(a.fact_type in types for a in rule.then):
                    cone.add(rule.id)
                    types.update(t.fact_type for t in rule.fact_tests if t.fact_type not in self.forced_types)
                    changed = True
        return cone

    # -- the proof ---------------------------------------------------------------
    def prove(self, out_dir, first_number=0):
        groups = self._groups()
        verdicts = [(key, forced) for key in self._verdicts() for forced in self._forced_values()]
        situation_count = len(verdicts)
        for group in groups:
            situation_count *= len(group.situations)
        raw, classes = self.space.combinations()
        figures = {"questions": len(self.space.domains), "answer_combinations": raw, "class_combinations": classes,
                   "groups": len(groups), "group_combinations": sum(_product_size(self.space, g.questions) for g in groups),
                   "verdicts": self.expressible_verdicts, "verdict_classes": len(verdicts), "situations": situation_count}
        if situation_count > MAX_SITUATIONS:
            return [Finding("completeness", self.book.path, self.line,
                            f"the answer space splits into {situation_count} situations, more than the {MAX_SITUATIONS} lint can check",
                            "declare in rulebase.yaml's `completeness:` which fact types each checked section is built from, "
                            "so only the rules leading to them are explored")], figures
        incomplete = {}     # (verdict, gaps) -> the situations showing them
        for (verdict_key, forced), choice in itertools.product(verdicts, itertools.product(*[sorted(g.situations, key=repr) for g in groups])):
            answers = {}
            for group, signature in zip(groups, choice):
                answers.update(group.situations[signature][0])
            gaps = self._gaps(answers, self._forced_verdict(*verdict_key), forced)
            if gaps:
                incomplete.setdefault((verdict_key, forced, tuple(gaps)), []).append(choice)
        figures["incomplete_situations"] = sum(len(c) for c in incomplete.values())
        findings = [self._counter_example(groups, choices, verdict_key, forced, list(gaps), out_dir, first_number + number)
                    for number, ((verdict_key, forced, gaps), choices) in enumerate(incomplete.items())]
        return findings, figures

    def _forced_values(self):
        """Every combination of values the imposed single facts can take: one tuple of facts each.

        Fields that name a knowledge collection take each of its ids; other
        fields (text) hold a placeholder, since no rule tests them.
        """
        from .collections import reference_collections

        if not self.forced_types:
            return [()]
        collections = reference_collections(self.knowledge, self.context.rulebase_document)
        options = []
        # Only the single facts the explored rules test need their values tried.
        tested = {t.fact_type for r in self.chained_rules for t in r.fact_tests}
        for fact_type in sorted(self.forced_types & tested):
            fields = self.book.fact_types[fact_type].get("fields", {})
            choices = [[(name, value) for value in sorted(collections.get(spec["ref"], ()))] if "ref" in spec
                       else [(name, "(imposed by lint)")] for name, spec in fields.items()]
            options.append([(fact_type, tuple(combo)) for combo in itertools.product(*choices)])
        return [tuple(combo) for combo in itertools.product(*options)]

    def _gaps(self, answers, verdict, forced=()):
        """What the recommendation lacks with this verdict (and these single facts) imposed."""
        full = {q: answers.get(q, UNKNOWN) for q in self.space.domains}
        profile = Profile("lint completeness check", full)
        inference = self.later_layers.infer_profile(profile, verdict=verdict,
                                                    forced=[(fact_type, dict(fields)) for fact_type, fields in forced])
        self.fired.update(f.rule for f in inference.trace.firings)
        # The checked sections are built from these facts alone, so equal facts give equal gaps.
        key = (_verdict_key(verdict), repr(forced), frozenset((f.type, _frozen(f.fields)) for f in inference.trace.facts.values()
                                                              if f.type in self.visible_types or f.type == "answer" and self.sections is None))
        if key not in self.gap_cache:
            recommendation = build_recommendation(inference, self.evaluator.reasoner, confirm=False)
            self.gap_cache[key] = recommendation_gaps(recommendation, self.knowledge, self.sections)
        return self.gap_cache[key]

    # -- step 2: groups --------------------------------------------------------------
    def _visible_questions(self):
        """Question id -> the tests later layers apply to it (None: its value is copied into a fact)."""
        visible = {}
        for rule in self.chained_rules:
            for test in rule.answer_tests:
                visible.setdefault(test.question, set()).add(test)
        for rule in self.context.rules:
            for assertion in rule.then:
                if rule.id in self.explored or assertion.fact_type in self.visible_types:
                    visible.update((v.question, None) for _, v in assertion.fields if isinstance(v, AnswerValue))
        return {q: None if tests is None else sorted(tests, key=repr) for q, tests in visible.items()}

    def _groups(self):
        parent = {q: q for q in self.space.domains}

        def root(q):
            while parent[q] != q:
                q = parent[q]
            return q

        for rule in self.telling_rules:
            questions = [t.question for t in rule.answer_tests]
            for other in questions[1:]:
                parent[root(other)] = root(questions[0])
        members = {}
        for question in self.space.domains:
            members.setdefault(root(question), []).append(question)
        groups = []
        for questions in members.values():
            rules = tuple(r for r in self.telling_rules if r.answer_tests and r.answer_tests[0].question in questions)
            group = Group(tuple(questions), rules)
            self._enumerate(group)
            groups.append(group)
        return groups

    def _enumerate(self, group):
        # Only rules asserting facts later layers test can tell situations apart.
        telling = []
        for rule in group.rules:
            facts = frozenset((a.fact_type, a.fields, rule.id) for a in rule.then if a.fact_type in self.visible_types)
            if facts:
                telling.append((rule.answer_tests, facts))
        visible = [q for q in group.questions if q in self.visible_questions]
        for combo in itertools.product(*[self.space.classes[q] for q in group.questions]):
            answers = dict(zip(group.questions, combo))
            seen_answers = tuple(answers[q] if self.visible_questions[q] is None
                                 else tuple(t.holds(answers[q]) for t in self.visible_questions[q]) for q in visible)
            facts = frozenset().union(*[f for tests, f in telling if all(t.holds(answers[t.question]) for t in tests)])
            group.situations.setdefault((seen_answers, facts), []).append(answers)

    # -- step 3: verdicts -----------------------------------------------------------
    def _verdicts(self):
        """One (top, mixed_with) pair per way the explored rules can tell verdicts apart.

        Every pair a ``Verdict`` can express under the knowledge's margin is
        considered; pairs on which every condition on the verdict fact gives
        the same result are one class.
        """
        archetypes = self.knowledge.archetype_ids()
        pairs = [(top, mixed) for top in archetypes for mixed in (None,) + tuple(a for a in archetypes if a != top)]
        engine_types = {t for t, d in self.book.fact_types.items() if d.get("asserted_by") == "engine"}
        self.verdict_tests = [t for r in self.chained_rules for t in r.fact_tests if t.fact_type in engine_types]
        classes = {}
        for pair in pairs:
            verdict = self._forced_verdict(*pair)
            if _verdict_key(verdict) == pair:
                classes.setdefault(self._verdict_class(verdict), pair)
        self.verdict_classes = len(classes)
        self.expressible_verdicts = sum(1 for p in pairs if _verdict_key(self._forced_verdict(*p)) == p)
        return list(classes.values())

    def _verdict_class(self, verdict):
        """What the explored rules can see of a verdict: one result per condition on it."""
        return tuple(t.matches(verdict.fact_fields()) for t in self.verdict_tests)

    def _forced_verdict(self, top, mixed):
        margin = self.knowledge.inference.get("mixed_margin", 0)
        fits = {a: 0.0 for a in self.knowledge.archetype_ids()}
        fits[top] = 0.9
        if mixed is not None:
            fits[mixed] = round(0.9 - margin / 2, 4)
        return Verdict(fits, list(fits), 0.0, self.knowledge.inference, self.knowledge.refinements())

    # -- counter-examples ------------------------------------------------------------
    def _counter_example(self, groups, choices, verdict_key, forced, gaps, out_dir, number):
        """One finding per gap and verdict, with a real profile showing it when one is found."""
        top, mixed = verdict_key
        # When the explored rules cannot tell verdicts apart, the imposed facts alone name the situation.
        named = [f"verdict {top}" + (f" mixed with {mixed}" if mixed else "")] if self.verdict_classes > 1 or not forced else []
        named += [f"{t} {dict(f).get('id', f)}" for t, f in forced]
        situation = ", ".join(named)
        if len(choices) > 1:
            situation += f" ({len(choices)} situations)"
        budget = [SEARCH_TRIES]
        answers = None
        for choice in choices:
            answers = self._search(groups, choice, verdict_key, forced, budget)
            if answers is not None or budget[0] <= 0:
                break
        if answers is None:
            return Finding("completeness", self.book.path, self.line,
                           f"for {situation}, the recommendation {'; '.join(gaps)}; no profile was found that reaches this verdict, "
                           "so it may be unreachable", "add rules so every archetype gets a position on every dimension")
        confirmed = experta_gaps(self.evaluator.reasoner, answers, self.sections)
        path = write_profile(answers, out_dir, f"counter-example-{number + 1}.yaml", f"lint counter-example {number + 1}") if out_dir else None
        where = f"; profile written to {path}" if path else ""
        return Finding("completeness", self.book.path, self.line,
                       f"for {situation}, the recommendation {'; '.join(confirmed or gaps)}{where}",
                       "add rules so every situation gets a complete recommendation")

    def _search(self, groups, choice, verdict_key, forced, budget):
        """Answers in this situation that really reach the verdict (no verdict imposed), or None.

        ``budget`` is a one-item list of the engine runs left for this gap; each try spends one.
        """
        options = [group.situations[signature] for group, signature in zip(groups, choice)]
        rng = random.Random(0)
        for _ in range(SEARCH_TRIES if any(len(o) > 1 for o in options) else 1):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            answers = {}
            for option in options:
                answers.update(rng.choice(option))
            result = self.evaluator.infer(answers)
            if self._verdict_class(result.verdict) == self._verdict_class(self._forced_verdict(*verdict_key)) and all(
                    any(fields.get("id") == dict(f).get("id") for fields in result.facts_of_type(t)) for t, f in forced):
                return {q: answers.get(q, UNKNOWN) for q in self.space.domains}
        return None


def declared_sections(context):
    """rulebase.yaml's ``completeness:`` (section -> fact types it is built from), or None."""
    document = context.rulebase_document
    sections = document.data.get("completeness") if document is not None and isinstance(document.data, dict) else None
    return sections if isinstance(sections, dict) else None


def _frozen(fields):
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in fields.items()))


def _verdict_key(verdict):
    return verdict.top, verdict.mixed_with


def recommendation_gaps(recommendation, knowledge, sections=None):
    """What a recommendation lacks: a top archetype, a target, design positions, a connected org chart.

    ``sections`` (rulebase.yaml's ``completeness:``) limits the check to the
    sections the proof explored; None checks them all.
    """
    def checked(name):
        return sections is None or name in sections

    gaps = []
    if not (recommendation.get("archetype") or {}).get("id"):
        gaps.append("has no top archetype")
    if checked("target") and not (recommendation.get("target") or {}).get("id"):
        gaps.append("has no target archetype")
    missing = [d for d in knowledge.design_dimensions if d not in (recommendation.get("design_choices") or {})]
    if checked("design_choices") and missing:
        gaps.append(f"has no position on {', '.join(missing)}")
    if checked("org_chart"):
        gaps += org_chart_gaps(recommendation.get("org_chart") or {})
    if checked("roadmap"):
        gaps += roadmap_gaps(recommendation)
    gaps += exclusion_gaps(recommendation, knowledge)
    return gaps


def org_chart_gaps(chart):
    nodes = [n.get("id") if isinstance(n, dict) else n for n in chart.get("nodes") or []]
    if not nodes:
        return []
    edges = [(e.get("from"), e.get("to")) for e in chart.get("edges") or [] if isinstance(e, dict)]
    targets = {to for _, to in edges}
    roots = [n for n in nodes if n not in targets]
    if len(roots) != 1:
        return [f"has an org chart with {len(roots)} roots ({', '.join(map(str, roots)) or 'every node has a parent'}), not one"]
    reached, todo = {roots[0]}, [roots[0]]
    while todo:
        node = todo.pop()
        for source, target in edges:
            if source == node and target not in reached:
                reached.add(target)
                todo.append(target)
    unreached = [n for n in nodes if n not in reached]
    return [f"has org-chart nodes not reachable from `{roots[0]}`: {', '.join(map(str, unreached))}"] if unreached else []


def roadmap_gaps(recommendation):
    """What the roadmap lacks: a first stage that starts now and a final stage after it.

    >>> roadmap_gaps({"roadmap": [{"id": "now"}], "roadmap_note": None})
    ['has a roadmap of one stage, with no stage that reaches the target']
    """
    stages = recommendation.get("roadmap") or []
    if not stages:
        return [f"has no roadmap ({recommendation.get('roadmap_note') or 'and no reason for none'})"]
    gaps = []
    if stages[0].get("id") != "now":
        gaps.append(f"has a roadmap that starts at stage `{stages[0].get('id')}`, not `now`")
    if len(stages) < 2:
        gaps.append("has a roadmap of one stage, with no stage that reaches the target")
    return gaps


def experta_gaps(reasoner, answers, sections=None):
    """The gaps the real experta engine shows for these answers (confirms a counter-example)."""
    profile = Profile("lint counter-example", dict(answers))
    return recommendation_gaps(build_recommendation(reasoner.infer(profile), reasoner, confirm=False), reasoner.knowledge, sections)


def write_profile(answers, out_dir, name, client):
    """Write answers as a profile file that ``orgdesign recommend`` reads."""
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = {"profile_version": 1, "client": {"name": client},
            "answers": {q: list(v) if isinstance(v, tuple) else v for q, v in answers.items()}}
    path = out / name
    write_text_atomic(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def _product_size(space, questions):
    size = 1
    for question in questions:
        size *= len(space.classes[question])
    return size
