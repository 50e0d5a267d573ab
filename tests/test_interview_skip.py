"""The ask_if vocabulary: evaluation in three-valued logic, and the checks lint runs."""
import shutil

import pytest

from orgdesign.errors import RuleBaseError
from orgdesign.interview import check_skip_conditions, load_skip_conditions
from orgdesign.interview.session import InterviewSession
from orgdesign.knowledge import KnowledgeBase

from .conftest import REPO

SHIPPED_ASK_IF = "    ask_if: {answer: ml_activity, not_only: [none]}\n"


def test_shipped_bank_is_sound(reasoner):
    from orgdesign.interview import check_interview_bank

    assert check_skip_conditions(reasoner.knowledge) == []
    assert check_interview_bank(reasoner.knowledge) == []


def test_shipped_conditions(reasoner):
    conditions = load_skip_conditions(reasoner.knowledge)
    assert sorted(conditions) == sorted(["ml_reports_to", "models_in_production", "data_engineering",
                                         "model_ownership_today", "engineering_vs_research_today",
                                         "publishes_research", "long_term_ml_projects"])
    reports = conditions["ml_reports_to"]
    assert reports.evaluate({"ml_activity": ("none",)}) is False
    assert reports.evaluate({"ml_activity": ("ad_hoc",)}) is True
    assert reports.evaluate({"ml_activity": "unknown"}) is None    # unknown asks the question
    assert reports.evaluate({}) is None


def bank_with(tmp_path, old, new):
    """A knowledge folder whose question bank has ``old`` replaced by ``new`` (once)."""
    folder = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", folder)
    path = folder / "questions.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return KnowledgeBase(folder), path, text[:text.index(old)].count("\n") + 1


def line_of_first_ask_if(text):
    return text[:text.index("ask_if")].count("\n") + 1


@pytest.mark.parametrize("condition, message", [
    ("{answer: ml_activty, not_only: [none]}",
     "`ask_if` of `ml_reports_to`: unknown question `ml_activty`; did you mean `ml_activity`?"),
    ("{answer: planned_ml_hires, between: [1, null]}",
     "`ask_if` of `ml_reports_to`: `planned_ml_hires` is not asked before `ml_reports_to`, so it cannot decide "
     "whether to ask it; test an earlier question, or move this question after it"),
    ("{answer: ml_activity, not_only: [nothing]}",
     "`ask_if` of `ml_reports_to`: `nothing` is not a valid answer to `ml_activity`; allowed: none, ad_hoc, "
     "rnd_lab, product_teams, central_division, company_wide"),
    ("{answer: ml_activity, except: [none]}",
     "`ask_if` of `ml_reports_to`: a condition needs exactly one operator, found ['except']; allowed: equals"),
    ("{answer: industry, contains: retail}",
     "`ask_if` of `ml_reports_to`: `contains` applies to multi-choice questions; `industry` is choice; "
     "use `equals` or `one_of`"),
    ("{answer: ml_activity, equals: none}",
     "`ask_if` of `ml_reports_to`: `equals` does not apply to the multi-choice question `ml_activity`"),
    ("{answer: industry, between: [1, 5]}", "`ask_if` of `ml_reports_to`: `between` applies to number questions; `industry` is choice"),
    ("{any: []}", "`ask_if` of `ml_reports_to`: `any:` takes a non-empty list of conditions"),
    ("ml_activity is not none", "`ask_if` of `ml_reports_to`: a condition is `{answer: QUESTION, OPERATOR: VALUE}`"),
])
def test_bad_conditions_are_reported_with_file_and_line(tmp_path, condition, message):
    knowledge, path, line = bank_with(tmp_path, SHIPPED_ASK_IF, f"    ask_if: {condition}\n")
    problems = check_skip_conditions(knowledge)
    assert len(problems) == 1
    assert isinstance(problems[0], RuleBaseError)
    assert (problems[0].path, problems[0].line) == (str(path), line)
    assert str(problems[0]).startswith(f"{path}:{line}: {message}")
    with pytest.raises(RuleBaseError):
        load_skip_conditions(knowledge)


def test_skipped_answer_needs_ask_if_and_a_valid_value(tmp_path):
    knowledge, path, line = bank_with(tmp_path, "    skipped_answer: nobody\n", "    skipped_answer: nobdy\n")
    [problem] = check_skip_conditions(knowledge)
    assert str(problem).startswith(f"{path}:{line}: `skipped_answer` of `ml_reports_to`: `nobdy` is not a valid answer")
    knowledge, path, line = bank_with(tmp_path / "2", "    type: integer\n", "    type: integer\n    skipped_answer: 1\n")
    [problem] = check_skip_conditions(knowledge)
    assert str(problem) == (f"{path}:{line + 1}: `skipped_answer` of `employees`: it needs an `ask_if` beside it; "
                            "add the condition under which the question is asked")


def test_all_and_any_in_three_valued_logic(tmp_path):
    condition = ("{all: [{answer: ml_activity, not_only: [none]}, "
                 "{any: [{answer: employees, between: [50, null]}, {answer: tech_forward, equals: yes}]}]}")
    knowledge, _, _ = bank_with(tmp_path, SHIPPED_ASK_IF, f"    ask_if: {condition}\n")
    assert check_skip_conditions(knowledge) == []
    reports = load_skip_conditions(knowledge)["ml_reports_to"]
    cases = [
        ({"ml_activity": ("none",), "employees": 500}, False),
        ({"ml_activity": ("ad_hoc",), "employees": 10, "tech_forward": "no"}, False),
        ({"ml_activity": ("ad_hoc",), "employees": 10, "tech_forward": "yes"}, True),
        ({"ml_activity": ("ad_hoc",), "employees": 500}, True),
        ({"ml_activity": ("ad_hoc",), "employees": 10}, None),          # tech_forward unknown: ask
        ({"ml_activity": "unknown", "employees": 500}, None),
        ({"ml_activity": "unknown", "employees": 10, "tech_forward": "no"}, False),
    ]
    for answers, expected in cases:
        assert reports.evaluate(answers) is expected, answers
    session = InterviewSession(knowledge, "2026-11-27", "Small Co", answers={
        "employees": 10, "ml_activity": ("ad_hoc",), "tech_forward": "no"})
    assert session.skip_reason("ml_reports_to") == ("not (employees is between 50 and inf) and "
                                                     "not (tech_forward is yes)")
    assert not session.is_asked("ml_reports_to")


def test_bank_defaults_are_checked_and_offered(tmp_path):
    from orgdesign.interview import check_interview_bank

    knowledge, path, line = bank_with(tmp_path, "    type: integer\n", "    type: integer\n    default: many\n")
    [problem] = check_interview_bank(knowledge)
    assert str(problem).startswith(f"{path}:{line + 1}: `default` of `employees`: `employees` must be a whole number")
    knowledge, _, _ = bank_with(tmp_path / "2", "    type: integer\n", "    type: integer\n    default: 250\n")
    assert check_interview_bank(knowledge) == []
    session = InterviewSession(knowledge, "2026-11-27", "Acme", details_given=True)
    assert (session.current, session.default()) == ("employees", 250)
