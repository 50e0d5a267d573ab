"""experta's Rete matcher, minus work that cannot produce an activation.

Two things experta does on every cycle cost time and never change the
outcome, so this matcher skips them:

- After each firing experta asks every rule's conflict-set node for new
  activations, although a firing touches only a few of them; with some
  seventy rules and twenty firings per profile that polling was about a
  fifth of the inference time, and it grows with rules times firings.  Here
  each node notes when it is activated, and only noted nodes are asked, in
  the network's order.
- A fact of a type that no rule's pattern mentions (evidence, today) cannot
  match anything, yet experta sends it through the network.  Such facts
  still enter the fact list, get their ids and appear in the trace; they
  just skip the network.  A rule that starts testing that type puts it back
  in the network, because the set is read from the compiled rules.
- Before building the network experta rewrites every rule into disjunctive
  normal form, rebuilding each pattern four or five times until nothing
  changes (a third of the network's build, paid by every cold command).
  Our compiler writes rules that are in that form already: patterns and
  negated patterns, no alternatives (``|``, ``&``, ``~`` on a field).  Such a
  rule is passed on as it is, with the ``InitialFact`` experta puts first
  when a rule starts with a negation; any other rule goes through experta's
  rewriting (a test holds the two to the same result for every shipped rule).

The network, the matching and the activations are experta's own, unchanged
(experta is pinned to 1.9.4: its conflict-set nodes change their pending
``added``/``removed`` sets only in ``_activate``, and its type tests compare
exact classes).
"""
from .experta_compat import ANDFC, NOT, NOTFC, ORFC, Fact, InitialFact, ReteMatcher, extract_facts, prepare_rule


class PollingReteMatcher(ReteMatcher):
    @staticmethod
    def prepare_ruleset(engine):
        return {prepared_for_network(rule) for rule in engine.get_rules()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._noted = {}
        for position, node in enumerate(self._get_conflict_set_nodes()):
            node._activate = self._noting(node, position, node._activate)
        patterns = {type(f) for rule in self.engine.get_rules() for f in extract_facts(rule)}
        # A pattern on the base class would match any fact: then every fact must go through.
        self._matched_types = None if Fact in patterns else patterns | {InitialFact}

    def _noting(self, node, position, activate):
        noted = self._noted

        def noting_activate(token):
            noted[id(node)] = (position, node)
            return activate(token)

        return noting_activate

    def changes(self, adding=None, deleting=None):
        root = self.root_node
        for fact in deleting or ():
            if self._reaches_network(fact):
                root.remove(fact)
        for fact in adding or ():
            if self._reaches_network(fact):
                root.add(fact)
        added, removed = [], []
        if self._noted:
            for _, node in sorted(self._noted.values(), key=lambda entry: entry[0]):
                node_added, node_removed = node.get_activations()
                added.extend(node_added)
                removed.extend(node_removed)
            self._noted.clear()
        return added, removed

    def _reaches_network(self, fact):
        return self._matched_types is None or type(fact) in self._matched_types


def prepared_for_network(rule):
    """``rule`` as experta's network builder takes it (what ``prepare_rule`` gives), without rewriting one in DNF already."""
    if not _in_normal_form(rule):
        return prepare_rule(rule)
    if not rule:
        return rule.new_conditions(InitialFact())
    if isinstance(rule[0], NOT) or not extract_facts(rule):
        return rule.new_conditions(InitialFact(), *rule)
    return rule.new_conditions(*rule)


_ALTERNATIVES = (ORFC, ANDFC, NOTFC)


def _in_normal_form(rule):
    """True when every condition is a pattern or a negated pattern whose fields offer no alternatives."""
    for condition in rule:
        pattern = condition[0] if type(condition) is NOT and len(condition) == 1 else condition
        if not isinstance(pattern, Fact) or any(isinstance(v, _ALTERNATIVES) for v in pattern.values()):
            return False
    return True
