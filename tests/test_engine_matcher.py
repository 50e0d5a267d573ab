"""The tuned matcher changes speed only: traces equal those of experta's own matcher."""
import pytest

from benchmarks.profiles import write_profiles
from orgdesign import load_profile
from orgdesign.engine.experta_compat import KnowledgeEngine, ReteMatcher
from orgdesign.engine.trace import TraceRecorder

from .conftest import example_paths


def run(engine, profile, reasoner):
    recorder = TraceRecorder(profile.answers, reasoner.location)
    engine.infer(dict(profile.answers), recorder)
    return recorder.to_json(), vars(recorder.verdict)


@pytest.mark.parametrize("random_profiles", [20, pytest.param(200, marks=pytest.mark.sweep)])
def test_same_trace_as_experta_matcher(tmp_path, reasoner, random_profiles):
    untuned_class = type("UntunedEngine", (reasoner.compiled.engine_class,),
                         {"__matcher__": ReteMatcher, "get_deffacts": KnowledgeEngine.get_deffacts})
    untuned = untuned_class(reasoner.compiled)
    assert type(reasoner.engine.matcher) is not ReteMatcher
    paths = example_paths() + write_profiles(tmp_path, random_profiles, reasoner.knowledge, seed=5)
    for path in paths:
        profile = load_profile(path, reasoner)
        tuned_result = run(reasoner.engine, profile, reasoner)
        assert tuned_result == run(untuned, profile, reasoner), path
        assert tuned_result[0]["firings"], path
