"""The one module that imports experta.

experta 1.9.4 pins frozendict 1.2, whose class statement subclasses
``collections.Mapping``.  That alias was removed in Python 3.10, so importing
experta fails there.  Installing a newer frozendict would leave ``pip check``
complaining about experta's pin, so instead we lend ``collections`` the alias
for the duration of frozendict's import and take it away again: frozendict
binds the base class once, at class creation, and never looks it up later.

Everything else in orgdesign imports experta's names from here.
"""
import collections
import collections.abc
import sys


def _import_frozendict_with_mapping_alias():
    if "frozendict" in sys.modules:
        return
    lent = not hasattr(collections, "Mapping")
    if lent:
        collections.Mapping = collections.abc.Mapping
    try:
        import frozendict  # noqa: F401  (imported for its side effect on sys.modules)
    finally:
        if lent:
            del collections.Mapping


_import_frozendict_with_mapping_alias()

from experta import (  # noqa: E402  (must follow the frozendict import above)
    AS,
    NOT,
    Fact,
    KnowledgeEngine,
    P,
    Rule,
)
from experta.abstract import Strategy  # noqa: E402
from experta.fact import InitialFact  # noqa: E402
from experta.matchers import ReteMatcher  # noqa: E402
from experta.fieldconstraint import ANDFC, NOTFC, ORFC  # noqa: E402
from experta.matchers.rete.utils import extract_facts, prepare_rule  # noqa: E402

__all__ = ["ANDFC", "AS", "NOT", "NOTFC", "ORFC", "Fact", "InitialFact", "KnowledgeEngine", "P", "ReteMatcher", "Rule",
           "Strategy", "extract_facts", "prepare_rule"]
