"""The report's view of the roadmap: stages with their charts, actions and hires, and the 3x3 risk map.

Read by the templates roadmap.html.j2 and roadmap.md.j2 (orgdesign/report/
templates/), which the report includes. Only selects and labels what the
recommendation holds; the stage charts are inlined small in the HTML and
each links to its full-size SVG file written beside the report.
"""
from . import RISK_MAP_LEVELS

OWNER_NOTES = {"present": "on staff", "lead": ""}


def roadmap_view(recommendation, stage_svgs=None, profile_path=None):
    """What the roadmap section prints; ``stage_svgs`` maps a stage chart's file name to its SVG text."""
    from ..outputs import stage_chart_names

    stage_svgs = stage_svgs or {}
    actions = {a["id"]: a["name"] for a in recommendation["actions"]}
    units = {n["id"]: n["label"] for n in recommendation["org_chart"]["nodes"]}
    plan = {h["number"]: h for h in recommendation["hiring"]["plan"]}
    stages = []
    for stage in recommendation.get("roadmap") or []:
        _, svg_file = stage_chart_names(stage["number"])
        stages.append({
            "number": stage["number"],
            "id": stage["id"],
            "name": stage["name"],
            "horizon": f"months {stage['horizon_months'][0]}–{stage['horizon_months'][1]}",
            "goal": stage["goal"],
            "goal_name": stage["goal_name"],
            "rule": stage["rule"],
            "inference": stage["inference"],
            "moves_lines": stage["structure"] == "recommended",
            "actions": [_action(a, actions) for a in stage["actions"]],
            "hires": [{"number": n, "name": plan[n]["name"], "reports_to": units.get(plan[n]["reports_to"], plan[n]["reports_to"] or "")}
                      for n in stage["hires"]],
            "svg_file": svg_file,
            "chart_markup": _small_chart(stage_svgs.get(svg_file), stage, profile_path),
        })
    stage_numbers = {s["id"]: s["number"] for s in stages}
    risks = [{"number": r["number"], "text": r["text"], "likelihood": r["likelihood"], "impact": r["impact"],
              "level": r["level"], "mitigation": r["mitigation"], "mitigation_inference": r["mitigation_inference"],
              "stage_name": r["stage_name"], "stage_number": stage_numbers.get(r["stage"]),
              "rules": list(dict.fromkeys([r["likelihood_rule"], r["impact_rule"]]))}
             for r in recommendation["risks"] if "number" in r]
    return {"stages": stages, "note": recommendation.get("roadmap_note"), "risks": risks,
            "owners": recommendation.get("roadmap_owners") or [],
            "risk_map": risk_map(risks), "levels": RISK_MAP_LEVELS}


def risk_map(risks):
    """Rows of the 3x3 map: likelihood high to low, each with cells for impact low to high holding risk numbers.

    A cell's ``score`` (0-4) adds the two levels (low 0, medium 1, high 2), for its shading.

    >>> risk_map([{"number": 1, "likelihood": "high", "impact": "low"}])[0]["cells"][0]
    {'impact': 'low', 'score': 2, 'numbers': [1]}
    """
    score = {level: index for index, level in enumerate(reversed(RISK_MAP_LEVELS))}
    return [{"likelihood": likelihood,
             "cells": [{"impact": impact, "score": score[likelihood] + score[impact],
                        "numbers": [r["number"] for r in risks if r["likelihood"] == likelihood and r["impact"] == impact]}
                       for impact in reversed(RISK_MAP_LEVELS)]}
            for likelihood in RISK_MAP_LEVELS]


def _action(action, names):
    note = OWNER_NOTES.get(action["owner_status"])
    if note is None:
        note = f"hire {action['owner_hire']} of the plan"
    return {"name": action["name"], "owner": action["owner_name"], "owner_note": note, "effort": action["effort"],
            "depends_on": [names.get(d, d) for d in action["depends_on"]], "why": action["stage_why"]}


def _small_chart(svg_text, stage, profile_path):
    if not svg_text:
        return None
    import markupsafe

    from ..report.chart import inline_svg

    return markupsafe.Markup(inline_svg(svg_text, profile_path, f"Organisation chart at the end of stage {stage['number']}"))
