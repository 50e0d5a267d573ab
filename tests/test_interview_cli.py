"""Scripted interviews through CliRunner: answers, prompt commands, invalid input, skip logic, files."""
import datetime
import re

import pytest
from click.testing import CliRunner

from orgdesign import load_profile, recommend
from orgdesign.cli import main

from .conftest import EXAMPLES, profile_text

TODAY = datetime.date.today().isoformat()

# The answers of examples/nascent-logistics.yaml, typed the way a consultant might.
# After the client's name: Enter for no consultant, Enter to keep today's date (the browser test
# in tests/web/ writes the same file from the browser, which asks neither).
NASCENT = ["Acme Logistics GmbH", "", "", "1,200", "logistics", "n", "no", "2", "Little", "1", "none", "none",
           "limited", "shared_with_engineering", "not_deployed", "balanced", "n", "n", "6", "2", "3", ""]
NO_ML = ["Quiet Freight", "", "", "80", "10", "n", "n", "1", "none", "1", "1", "unknown", "0", "0", ""]


def interview(lines, *args, out=None):
    args = ["interview", *(["--out", str(out)] if out else []), *args]
    return CliRunner().invoke(main, args, input="".join(line + "\n" for line in lines))


def saved(path, reasoner):
    return load_profile(path, reasoner)


def test_full_interview_gives_the_example_profile(tmp_path, reasoner):
    out = tmp_path / "acme.yaml"
    result = interview(NASCENT + [""], out=out)
    assert result.exit_code == 0, result.output
    profile = saved(out, reasoner)
    example = saved(EXAMPLES / "nascent-logistics.yaml", reasoner)
    assert profile.answers == example.answers
    assert profile.missing == ()
    assert (profile.client, profile.interviewed_on, profile.consultant) == ("Acme Logistics GmbH", TODAY, None)
    end = result.output[result.output.index("All questions are answered."):]
    assert "\n   2  industry  " in end and "  Logistics\n" in end          # the answers, as labels
    assert "Resembles today: Nascent / ad-hoc ML; confidence in this call: " in end
    assert "Recommended target: " in end and ("Provisional: confirm" in end or "Not provisional" in end)
    assert end.endswith(f"Write the report: orgdesign recommend {out} -o DIR\n")
    assert "Question 1 of 19 (employees)" in result.output
    assert "Question 18 of 19 (planned_ml_hires)" in result.output
    assert "Question 19 of 19 (ml_ambition)" in result.output


def test_saved_file_is_readable_yaml_in_question_order(tmp_path, reasoner):
    out = tmp_path / "quiet.yaml"
    result = interview(NO_ML[:8] + ["note Nobody has tried ML yet."] + NO_ML[8:] + [""], out=out)
    assert result.exit_code == 0, result.output
    because = "  # not asked, because ml_activity is exactly [none]"
    assert out.read_text() == f"""\
# Client profile written by `orgdesign interview`.
profile_version: 1
client:
  name: Quiet Freight
  interviewed_on: {TODAY}
answers:
  employees: 80
  industry: logistics
  ml_is_core_product: no
  tech_forward: no
  ml_activity: [none]
  ml_expertise: none
  ml_reports_to: nobody{because}
  executive_sponsor: none
  models_in_production: none{because}
  data_access: poor
  data_engineering: none{because}
  model_ownership_today: not_deployed{because}
  # engineering_vs_research_today: not asked, because ml_activity is exactly [none]
  publishes_research: no{because}
  long_term_ml_projects: no{because}
  roles_present: unknown
  ml_headcount: 0
  planned_ml_hires: 0
  ml_ambition: unknown
notes:
  ml_activity: Nobody has tried ML yet.
"""
    profile = saved(out, reasoner)
    assert profile.answers["publishes_research"] == "no"
    assert profile.missing == ("engineering_vs_research_today",)


def test_skip_logic_asks_fewer_questions(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(NO_ML + [""], out=out)
    assert result.exit_code == 0, result.output
    assert "Question 6 of 12 (ml_expertise)" in result.output
    for skipped in ("ml_reports_to", "models_in_production", "publishes_research", "long_term_ml_projects"):
        assert f"({skipped})" not in result.output
    # Skipped questions are answered by the bank's skipped_answer, so they are not unknowns that matter.
    unknown = recommend(saved(out, reasoner), reasoner)["unknown_answers"]
    assert [u["question"] for u in unknown] == ["engineering_vs_research_today", "roles_present", "ml_ambition"]


def test_revising_ml_activity_sets_answers_aside_and_offers_them_back(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    # After `none` the walk goes on from ml_expertise; `back`, `2` (ad_hoc) and Enter (keep `little`)
    # reach ml_reports_to again, which offers the answer set aside.
    lines = NASCENT[:7] + ["ad_hoc", "little", "ceo", "back", "back", "back", "none", "back", "2", "", ""]
    result = interview(lines, out=out)
    assert "(ml_reports_to is no longer asked, because ml_activity is exactly [none]; its answer is set aside" \
        in result.output
    assert "[ceo] > " in result.output      # offered again once ml_activity is ad_hoc again
    profile = saved(out, reasoner)
    assert profile.answers["ml_activity"] == ("ad_hoc",)
    assert profile.answers["ml_reports_to"] == "ceo"
    assert profile.answers["ml_expertise"] == "little"


@pytest.mark.parametrize("question, typed, explanation", [
    ("employees", "many", "Not an answer: `many` is not a whole number; type a whole number from 1 to 10,000,000."),
    ("employees", "0", "Not an answer: 0 is out of range; type a whole number from 1 to 10,000,000."),
    ("industry", "16", "Not an answer: there is no choice 16; type a number from 1 to 15 or a value such as `internet`."),
    ("industry", "logistic", "Not an answer: `logistic` is not one of the choices (did you mean `logistics`?); "),
    ("ml_is_core_product", "maybe", "Not an answer: `maybe` is not yes or no; type y or n."),
    ("ml_activity", "1,3", "Not an answer: `ml_activity` lists `none` together with other values; keep `none` alone"),
    ("ml_activity", "", None),
])
def test_invalid_answers_are_explained_and_asked_again(tmp_path, reasoner, question, typed, explanation):
    position = ["employees", "industry", "ml_is_core_product", "tech_forward", "ml_activity"].index(question) + 1
    out = tmp_path / "p.yaml"
    lines = NASCENT[:position + 2] + [typed] + NASCENT[position + 2:position + 3]
    result = interview(lines, out=out)
    profile = saved(out, reasoner)
    if explanation is None:   # an empty answer without a default records nothing and asks again
        assert "No answer recorded" in result.output
        assert profile.answers[question] == saved(EXAMPLES / "nascent-logistics.yaml", reasoner).answers[question]
        return
    assert explanation in result.output
    assert profile.answers[question] == saved(EXAMPLES / "nascent-logistics.yaml", reasoner).answers[question]


def test_multi_choice_by_numbers_values_and_labels(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    interview(NASCENT[:7] + ["3, product_teams; Central ML division"], out=out)
    assert saved(out, reasoner).answers["ml_activity"] == ("rnd_lab", "product_teams", "central_division")


def test_question_mark_explains(tmp_path, reasoner):
    result = interview(NASCENT[:8] + ["?"], out=tmp_path / "p.yaml")
    assert reasoner.knowledge.questions["ml_expertise"].help in result.output
    assert "Little (little): One or two people with basic ML knowledge." in result.output


def test_question_mark_at_client_name(tmp_path):
    result = interview(["?"], out=tmp_path / "p.yaml")
    assert "The client's name as it should appear on the report." in result.output


def test_why_says_in_plain_words_what_the_answer_feeds(tmp_path):
    result = interview(NASCENT[:13] + ["why"], out=tmp_path / "p.yaml")
    assert ("Your answer is evidence for which archetype the company resembles today "
            "(data access and data engineering), and decides: the data ownership design choice, the org chart, "
            "which roles to staff, the first actions.\n") in result.output
    assert re.search(r"Type `why rules` for the \d+ rules that read it\.", result.output)
    assert "    if " not in result.output      # no rule syntax unless asked for


def test_why_rules_names_the_rules_and_their_conclusions(tmp_path, reasoner):
    result = interview(NASCENT[:8] + ["why rules"], out=tmp_path / "p.yaml")
    users = [r for r in reasoner.rulebook.rules if "ml_expertise" in r.questions_used]
    assert f"The answer to `ml_expertise` is read by {len(users)} rules:" in result.output
    for rule in users:
        assert f"  {rule.id}: {rule.title}\n" in result.output
    assert ("    if ml_expertise is one of none, little\n"
            "    then evidence for Nascent / ad-hoc ML (+1.00), against ML-first (-0.30)\n") in result.output


def test_why_mentions_skip_logic(tmp_path):
    result = interview(NASCENT[:7] + ["why", "2", "why"], out=tmp_path / "p.yaml")
    assert ("It also decides whether these questions are asked: ml_reports_to, models_in_production, "
            "data_engineering, model_ownership_today, engineering_vs_research_today, publishes_research, "
            "long_term_ml_projects.") in result.output
    assert "This question is skipped when ml_activity is exactly [none]." not in result.output  # ml_expertise
    result = interview(NASCENT[:9] + ["why"], out=tmp_path / "q.yaml")
    assert "This question is skipped when ml_activity is exactly [none]." in result.output


def test_back_revises_the_previous_answer(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(["Acme", "", "", "1200", "back", "1300", "retail"], out=out)
    assert "[1200] > 1300" in result.output
    profile = saved(out, reasoner)
    assert (profile.answers["employees"], profile.answers["industry"]) == (1300, "retail")


def test_back_to_the_client_name_and_enter_keeps_it(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(["Acme", "", "", "back", "back", "back", "back", "", "", "", "7"], out=out)
    assert "This is the first question; there is nothing before it." in result.output
    assert "[Acme] > " in result.output
    assert (saved(out, reasoner).client, saved(out, reasoner).answers["employees"]) == ("Acme", 7)


def test_back_at_the_end_revises_the_last_answer(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(NASCENT[:-1] + ["back", "5", "", ""], out=out)
    assert result.exit_code == 0
    assert "[3] > 5" in result.output
    assert saved(out, reasoner).answers["planned_ml_hires"] == 5


def test_unknown_command_and_stray_enter(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(["Acme", "", "", "unknown", "", " "], out=out)
    assert result.output.count("No answer recorded: type an answer, `unknown` if nobody knows, or `?` for help.") == 2
    profile = saved(out, reasoner)
    assert profile.answers["employees"] == "unknown"
    assert profile.missing[0] == "industry"          # Enter recorded nothing
    assert "employees: unknown" in out.read_text()


def test_enter_records_unknown_only_on_an_optional_question(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(NASCENT[:-1] + [""], out=out)
    assert "Optional: Enter alone records unknown." in result.output
    assert result.output.count("Optional: Enter alone records unknown.") == 1     # ml_ambition only
    assert saved(out, reasoner).answers["ml_ambition"] == "unknown"
    assert "  ml_ambition: unknown\n" in out.read_text()


def test_client_name_cannot_be_empty_or_unknown(tmp_path):
    result = interview(["", "unknown", "Acme"], out=tmp_path / "p.yaml")
    assert "The client's name is needed to label the profile; please type it." in result.output
    assert "The client's name cannot be unknown" in result.output


def test_note_attaches_to_the_answer_just_given(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(["Acme", "", "", "1200", "note about 1,200 with contractors: see HR", "note", "logistics"], out=out)
    assert ("Note saved on the answer to employees (How many people does the company employ?)"
            in result.output)
    assert "Note on employees: about 1,200 with contractors: see HR" in result.output
    profile = saved(out, reasoner)
    assert profile.notes == {"employees": "about 1,200 with contractors: see HR"}
    assert (profile.answers["employees"], profile.answers["industry"]) == (1200, "logistics")


def test_note_before_any_answer_goes_to_the_question_on_screen(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    interview(["Acme", "", "", "note counts contractors", "1200"], out=out)
    assert saved(out, reasoner).notes == {"employees": "counts contractors"}


@pytest.mark.parametrize("word", ["help", "h", "HELP", "?"])
def test_help_at_the_client_name_is_never_saved_as_the_name(tmp_path, reasoner, word):
    out = tmp_path / "p.yaml"
    result = interview([word, "Acme"], out=out)
    assert "The client's name as it should appear on the report." in result.output
    assert saved(out, reasoner).client == "Acme"


def test_help_and_h_explain_a_question(tmp_path, reasoner):
    result = interview(NASCENT[:8] + ["help", "h"], out=tmp_path / "p.yaml")
    assert result.output.count(reasoner.knowledge.questions["ml_expertise"].help) == 2


def test_back_then_enter_keeps_the_answer_and_moves_on_one_question(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(["Acme", "", "", "1200", "logistics", "y", "back", "back", "", ""], out=out)
    shown = result.output[result.output.index("(y/n) [yes] > back"):]
    # back twice reaches industry; Enter keeps it and shows ml_is_core_product with its answer, not tech_forward.
    steps = [line for line in shown.splitlines() if line.startswith("Question ")]
    assert steps == ["Question 2 of 19 (industry)", "Question 3 of 19 (ml_is_core_product)",
                     "Question 4 of 19 (tech_forward)"]
    assert "[logistics] > \n" in shown and "(y/n) [yes] > \n" in shown
    profile = saved(out, reasoner)
    assert (profile.answers["industry"], profile.answers["ml_is_core_product"]) == ("logistics", "yes")
    assert profile.missing[0] == "tech_forward"      # the stray Enters answered nothing new


def test_review_lists_and_edit_changes_one_answer_then_returns(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(["Acme", "", "", "1200", "logistics", "n", "review", "edit 2", "retail", "edit employees", "1300",
                        "edit nonsense", "edit 40", "n"], out=out)
    review = result.output[result.output.index("Answers so far (Acme"):].splitlines()
    assert [" ".join(line.split()) for line in review[:5]] == [
        f"Answers so far (Acme; interviewed on {TODAY}):", "1 employees 1,200", "2 industry Logistics", "3 ml_is_core_product No",
        "4 tech_forward (not answered yet)"]
    assert "Cannot edit: `nonsense` is not a question" in result.output
    assert "Cannot edit: there is no question 40; the questions are numbered 1 to 19." in result.output
    # Each edit returns to tech_forward, which the last `n` answers.
    assert result.output.count("Question 4 of 19 (tech_forward)") == 3
    profile = saved(out, reasoner)
    assert [profile.answers[q] for q in ("employees", "industry", "ml_is_core_product", "tech_forward")] \
        == [1300, "retail", "no", "no"]
    assert profile.missing[0] == "ml_activity"


def test_edit_a_skipped_question_says_why_not(tmp_path):
    result = interview(NO_ML[:8] + ["edit ml_reports_to"], out=tmp_path / "p.yaml")
    assert "Cannot edit: `ml_reports_to` is not asked, because ml_activity is exactly [none]." in result.output


def test_other_reporting_line_asks_for_a_note(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(NASCENT[:8] + ["little", "other", "note The CFO, through the Chief Data Office"], out=out)
    assert "Say who or what it is with `note TEXT` now" in result.output
    profile = saved(out, reasoner)
    assert profile.answers["ml_reports_to"] == "other"
    assert profile.notes == {"ml_reports_to": "The CFO, through the Chief Data Office"}


def test_every_answer_is_saved_at_once(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(NASCENT[:6], out=out)     # input ends at the fourth question
    assert result.exit_code == 1
    assert f"Every answer given is saved in {out}; continue with: orgdesign interview --resume {out}" \
        in result.output
    profile = saved(out, reasoner)
    assert (profile.answers["employees"], profile.answers["industry"], profile.answers["ml_is_core_product"]) \
        == (1200, "logistics", "no")
    assert profile.missing[0] == "tech_forward"
    assert "# 3 of 19 questions answered; continue with `orgdesign interview --resume` and this file." \
        in out.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_nothing_saved_before_the_client_name(tmp_path):
    result = interview([], out=tmp_path / "p.yaml")
    assert "nothing was saved" in result.output
    assert not (tmp_path / "p.yaml").exists()


def test_resume_continues_at_the_first_unanswered_question(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    interview(NASCENT[:10], out=out)
    result = interview(NASCENT[10:] + [""], "--resume", str(out))
    assert result.exit_code == 0, result.output
    assert "Question 8 of 19 (executive_sponsor)" in result.output
    assert "(ml_expertise)" not in result.output
    assert saved(out, reasoner).answers == saved(EXAMPLES / "nascent-logistics.yaml", reasoner).answers


def test_resume_keeps_the_interview_date(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    out.write_text(profile_text({"employees": 10}).replace("name: Test Client", "name: T\n  interviewed_on: 2026-01-02"))
    interview(["retail"], "--resume", str(out))
    profile = saved(out, reasoner)
    assert (profile.interviewed_on, profile.answers["industry"]) == ("2026-01-02", "retail")


def test_answers_file_prefills_and_is_left_alone(tmp_path, reasoner):
    prepared = tmp_path / "prepared.yaml"
    prepared.write_text(profile_text({"employees": 1200, "industry": "logistics", "ml_activity": ["ad_hoc"],
                                      "roles_present": ["data_scientist"]}, client="Acme"))
    before = prepared.read_text()
    out = tmp_path / "acme.yaml"
    result = interview(["", "", "n", "n", "little"] + ["unknown"] * 9 + ["2", "3", "", ""],
                       "--answers", str(prepared), out=out)
    assert result.exit_code == 0, result.output
    assert prepared.read_text() == before
    assert "Client: what is the client's name?" not in result.output
    assert "(employees)" not in result.output and "(roles_present)" not in result.output
    assert "Question 3 of 19 (ml_is_core_product)" in result.output
    profile = saved(out, reasoner)
    assert (profile.client, profile.interviewed_on, profile.answers["industry"]) == ("Acme", TODAY, "logistics")
    assert profile.answers["ml_headcount"] == 2 and profile.answers["ml_reports_to"] == "unknown"


def test_existing_profile_is_never_overwritten(tmp_path):
    out = tmp_path / "p.yaml"
    out.write_text("keep me")
    result = interview(["Acme"], out=out)
    assert result.exit_code == 1
    assert result.output == (f"Error: {out}: already exists; continue it with `orgdesign interview --resume {out}`, "
                             "or start over with --force\n")
    assert out.read_text() == "keep me"
    assert interview(["Acme"], "--force", out=out).exit_code == 1     # input ends; the file is replaced
    assert "name: Acme" in out.read_text()


def test_answers_file_cannot_be_the_output(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(profile_text({}))
    result = interview([], "--answers", str(path), "--force", out=path)
    assert result.exit_code == 1
    assert "the --answers file is also the -o/--output file" in result.output


def test_missing_folder_is_reported_before_any_question(tmp_path):
    result = interview(["Acme"], out=tmp_path / "nope" / "p.yaml")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'nope' / 'p.yaml'}: the folder `{tmp_path / 'nope'}` does not exist")


def test_invalid_resume_file_is_reported_with_its_line(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(profile_text({"industry": "logistic"}))
    result = interview([], "--resume", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}:5: `logistic` is not a valid answer to `industry`")


@pytest.mark.parametrize("args", [[], ["--out", "a.yaml", "--resume", "b.yaml"], ["--resume", "b.yaml", "--force"]])
def test_usage_errors(args):
    assert CliRunner().invoke(main, ["interview", *args]).exit_code == 2


def test_prepared_answers_to_skipped_questions_are_left_out(tmp_path, reasoner):
    prepared = tmp_path / "prepared.yaml"
    prepared.write_text(profile_text({"ml_activity": ["none"], "ml_reports_to": "ceo"}, client="Acme"))
    out = tmp_path / "acme.yaml"
    result = interview([], "--answers", str(prepared), out=out)
    assert ("Note: the answer to `ml_reports_to` was left out: it is not asked, because ml_activity is exactly "
            "[none].") in result.output
    assert saved(out, reasoner).answers["ml_reports_to"] == "nobody"    # the answer skipping implies
    assert "  ml_reports_to: nobody  # not asked, because ml_activity is exactly [none]\n" in out.read_text()


def test_enter_accepts_the_default_the_bank_declares(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(NASCENT[:5] + [""], out=out)
    assert "Is machine learning the core of what the company sells?\nType y or n.\n(y/n) [no] > \n" in result.output
    assert saved(out, reasoner).answers["ml_is_core_product"] == "no"


def test_consultant_and_date_are_asked_after_the_name_and_the_date_is_checked(tmp_path, reasoner):
    out = tmp_path / "p.yaml"
    result = interview(["Acme", "?", "J. Doe", "yesterday", "2026-02-30", "2026-11-20", "1200",
                        "edit date", "2026-11-21", "review"], out=out)
    assert "Consultant: who is running this interview?" in result.output
    assert "as the report's header should print it" in result.output               # `?` at the consultant
    assert f"[{TODAY}] > " in result.output                                          # today, offered
    assert "Not a date: `yesterday`; write the date as YYYY-MM-DD" in result.output
    assert "Not a date: `2026-02-30`" in result.output
    assert "Answers so far (Acme; interviewed on 2026-11-21 by J. Doe):" in result.output
    assert result.output.count("Question 2 of 19 (industry)") == 2                   # `edit date` came back here
    profile = saved(out, reasoner)
    assert (profile.consultant, profile.interviewed_on, profile.answers["employees"]) == ("J. Doe", "2026-11-21", 1200)
    assert "  consultant: J. Doe\n" in out.read_text()


def test_answers_that_contradict_each_other_are_named_before_the_client_leaves(tmp_path):
    """A few models in production, yet models not deployed: the interview's last words say so, and how to fix it."""
    lines = list(NASCENT)
    lines[11] = "few"    # models_in_production; model_ownership_today stays `not_deployed`
    out = tmp_path / "acme.yaml"
    result = interview(lines + [""], out=out)
    assert result.exit_code == 0, result.output
    end = result.output[result.output.index("All questions are answered."):]
    assert ("Answers disagree (How many ML models run in production today? Who deploys and maintains ML models today?): "
            "Models are said to run in production, yet also not to be deployed.") in end
    assert f"Correct one with: orgdesign interview --resume {out}\n" in end
    # Before the end, the review of the answers says so too, with the command that settles it.
    review = result.output[result.output.index("All questions are answered."):result.output.index("(Enter to finish)")]
    assert ("These answers disagree; settle them now (`edit ID` changes an answer):\n"
            "  models_in_production / model_ownership_today: Models are said to run in production") in review
    # The example's own answers agree, and its ending says nothing of the kind.
    agreeing = interview(NASCENT + [""], out=tmp_path / "agreeing.yaml")
    assert "Answers disagree" not in agreeing.output and "These answers disagree" not in agreeing.output


def test_an_answer_edited_at_the_review_settles_the_disagreement(tmp_path, reasoner):
    lines = list(NASCENT)
    lines[11] = "few"
    out = tmp_path / "acme.yaml"
    result = interview(lines + ["edit models_in_production", "none", ""], out=out)
    assert result.exit_code == 0, result.output
    assert result.output.count("These answers disagree") == 1       # shown once, gone after the edit
    assert "Answers disagree" not in result.output[result.output.rindex("All questions are answered."):]
    assert saved(out, reasoner).answers["models_in_production"] == "none"
