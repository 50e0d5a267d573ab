"""Shared fixtures: the real reasoner, real YAML, real files."""
from pathlib import Path

import pytest
import yaml

from orgdesign import get_reasoner
from orgdesign.profile import parse_profile

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def reasoner():
    return get_reasoner()


def profile_text(answers, client="Test Client"):
    """A profile file's text with these answers (the others left out, so unknown)."""
    return yaml.safe_dump({"profile_version": 1, "client": {"name": client}, "answers": answers}, sort_keys=False)


@pytest.fixture
def make_profile(reasoner):
    def make(answers, client="Test Client"):
        return parse_profile(profile_text(answers, client), reasoner.knowledge)

    return make


def example_paths():
    return sorted(EXAMPLES.glob("*.yaml"))
