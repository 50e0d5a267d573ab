"""orgdesign: a rule-based expert system for designing ML organisations.

The public API loads a profile (or takes a dict of answers), runs the rule
engine and returns a ``Recommendation`` (see ``orgdesign.api``); the command
line is a thin layer over these calls.
"""
__version__ = "0.1.0"

__all__ = ["__version__", "OrgDesignError", "ProfileError", "Recommendation", "get_reasoner", "load_profile",
           "recommend"]

from .api import Recommendation, recommend
from .errors import OrgDesignError, ProfileError


def get_reasoner(knowledge_dir=None, rules_dir=None):
    """The process-wide reasoner (knowledge, rules and compiled engine)."""
    from .engine.reasoner import get_reasoner as _get

    return _get(knowledge_dir, rules_dir)


def load_profile(path, reasoner=None):
    """Load and validate a client profile file."""
    from .profile import load_profile as _load

    return _load(path, (reasoner or get_reasoner()).knowledge)
