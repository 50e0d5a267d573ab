"""The reasoner: knowledge + rule book + compiled engine, ready for profiles.

Build one ``Reasoner`` per process (``get_reasoner`` caches it) and call
``infer`` for each profile; per profile the engine is only reset, given the
answers fact, and run.
"""
import functools
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..knowledge import KnowledgeBase
from ..paths import default_knowledge_dir, default_rules_dir, digest_folders
from .compiler import CompiledRuleBase
from .rulebook import load_rulebook
from .trace import TraceRecorder

_CACHE = {}
# What a headline (batch --summary-only) is built from.
HEADLINE_FACT_TYPES = ("design_choice",)
# What the verdict (the archetype ranking and confidence) is built from.
VERDICT_FACT_TYPES = ("evidence",)


@dataclass
class Inference:
    """What the engine concluded for one profile."""

    profile: object
    verdict: object
    trace: TraceRecorder

    def facts_of_type(self, fact_type):
        return self.trace.facts_of_type(fact_type)


class Reasoner:
    def __init__(self, knowledge_dir=None, rules_dir=None):
        self.knowledge_dir = Path(knowledge_dir or default_knowledge_dir())
        self.rules_dir = Path(rules_dir or default_rules_dir())
        self.knowledge = KnowledgeBase(self.knowledge_dir)
        self.rulebook = load_rulebook(self.rules_dir, self.knowledge)
        self.compiled = CompiledRuleBase(self.rulebook, self.knowledge)
        self._headline_engine = None
        self._verdict_engine = None
        self.digest = digest_folders(self.rules_dir, self.knowledge_dir)
        self._locations = {r.id: (self._relative(r.path), r.line) for r in self.rulebook.rules}
        combine_path, combine_line = self.knowledge.location("inference", "combination")
        self._locations["engine.combine_evidence"] = (self._relative(combine_path), combine_line)

    @functools.cached_property
    def engine(self):
        # Built on first use: lint reasons with the direct evaluator and never needs experta's network,
        # which takes most of the time for a large rule base.
        with collector_paused():
            return self.compiled.new_engine()

    @property
    def version(self):
        return self.rulebook.version

    def infer(self, profile):
        return self._run(self.engine, profile)

    def _run(self, engine, profile):
        # A question the profile leaves out is unknown (``Profile.answer`` says so) to the rules as well:
        # a profile built in code with some answers gets what its file, with the rest `unknown`, gets.
        answers = {q: profile.answer(q) for q in self.knowledge.questions.ids}
        recorder = TraceRecorder(answers, self._locations.__getitem__)
        engine.infer(answers, recorder)
        return Inference(profile, recorder.verdict, recorder)

    def infer_headline(self, profile):
        """Infer only the verdict and the design choices (and the evidence behind them).

        ``batch --summary-only`` needs nothing more; an engine compiled from
        just the rules leading there (built on first use, once per process)
        skips the org-chart and advice layers. Those fire after the design
        layer and feed nothing back, so the verdict, the design choices and
        their fact ids are the same as in a full run.
        """
        if self._headline_engine is None:
            with collector_paused():
                book = self.rulebook.restricted_to(HEADLINE_FACT_TYPES)
                self._headline_engine = CompiledRuleBase(book, self.knowledge).new_engine()
        return self._run(self._headline_engine, profile)

    def infer_verdict(self, profile):
        """Infer only the verdict: the evidence rules and the step that combines them.

        ``explain``'s what-if search confirms each answer change that would
        turn the verdict with this engine (compiled on first use from a
        quarter of the rules): the verdict comes from the evidence layer
        alone, which nothing later feeds, so it is the full run's verdict.
        """
        if self._verdict_engine is None:
            with collector_paused():
                book = self.rulebook.restricted_to(VERDICT_FACT_TYPES)
                self._verdict_engine = CompiledRuleBase(book, self.knowledge).new_engine()
        return self._run(self._verdict_engine, profile)

    def location(self, rule_id):
        return self._locations[rule_id]

    def _relative(self, path):
        """Paths in outputs are relative to the rule base, so they do not depend on the install."""
        path = Path(path)
        for folder, label in ((self.rules_dir, "rules"), (self.knowledge_dir, "knowledge")):
            try:
                return f"{label}/{path.relative_to(folder).as_posix()}"
            except ValueError:
                continue
        return path.as_posix()


def get_reasoner(knowledge_dir=None, rules_dir=None):
    """The process-wide reasoner for these folders (built on first use)."""
    folders = (str(knowledge_dir or default_knowledge_dir()), str(rules_dir or default_rules_dir()))
    # Relative folders are named as given (messages show them so) but cached by where they are:
    # `rules` after a change of working folder is another rule base.
    key = folders + tuple(str(Path(folder).resolve()) for folder in folders)
    if key not in _CACHE:
        with collector_paused():
            _CACHE[key] = Reasoner(*folders)
    return _CACHE[key]


@contextmanager
def collector_paused():
    """Python's cycle collector held off while a reasoner or an engine is built.

    Building one makes some hundred thousand objects that live as long as the
    process and form no garbage; the collector, set off every few hundred new
    objects, would walk them again and again (a tenth of a cold command's
    time). It runs again afterwards, so nothing is kept that it would free.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
