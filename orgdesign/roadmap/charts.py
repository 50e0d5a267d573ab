"""The org chart at the end of each roadmap stage, from today's chart towards the recommended one.

Each chart has the format of the recommendation's ``org_chart``. The last
stage's chart is the recommended chart itself. An earlier stage whose goal
keeps today's structure (``structure: today`` in knowledge/roadmap.yaml)
shows today's chart with the stage's hires beside today's ML staff; where
ML has no home today, or once the lines move (``structure: recommended``),
the chart is the recommended one as far as it is staffed by then:

- a role is drawn when someone holds it today or a hire of this or an
  earlier stage joins it (``planned_hires`` counts only those hires);
- a unit is drawn when a drawn role sits in it or below it, when it holds
  no role at all in the recommended chart (a community, the business
  lines: created when the lines move), or when the previous stage drew it;
- then every manager above a drawn node, so each is reachable from the root.

So nobody on staff disappears, no hire shows before its stage, and every
node of the recommended chart, once drawn, stays drawn.
"""
import copy

from ..orgchart.today import ml_home

ROLE = "role"


def stage_charts(recommendation, stages, placement):
    """One chart per stage (``stages``: dicts with ``id``, ``name``, ``horizon_months``, ``structure``)."""
    recommended = recommendation["org_chart"]
    today = recommendation["org_chart_today"]
    plan = recommendation["hiring"]["plan"]
    charts, previous = [], set()
    for index, stage in enumerate(stages):
        hires = [h for h in plan if placement.hire_stages[h["number"]] <= index]
        if index == len(stages) - 1:
            chart = copy.deepcopy(recommended)
        elif stage["structure"] == "today" and ml_home(today, placement.knowledge) is not None:
            chart = _today_with_hires(today, hires, placement.knowledge)
        else:
            chart = _recommended_so_far(recommended, hires, previous)
        chart["title"] = f"Stage {index + 1}, {stage['name']} (months {stage['horizon_months'][0]}-{stage['horizon_months'][1]}): {stage['goal_name']}"
        previous = {n["id"] for n in chart["nodes"]}
        charts.append(chart)
    return charts


def _today_with_hires(today, hires, knowledge):
    chart = copy.deepcopy(today)
    home = ml_home(chart, knowledge)
    nodes = {n["id"]: n for n in chart["nodes"]}
    counts = {}
    for hire in hires:
        counts[hire["role"]] = counts.get(hire["role"], 0) + 1
    if hires:
        nodes[home]["ml_hires"] = len(hires)
    roles_order = list(knowledge.roles)
    for role_id in sorted(counts, key=roles_order.index):
        node_id = f"role.{home}.{role_id}"
        if node_id in nodes:
            nodes[node_id]["planned_hires"] = (nodes[node_id].get("planned_hires") or 0) + counts[role_id]
            continue
        node = {"id": node_id, "kind": ROLE, "label": knowledge.roles[role_id]["name"], "head": None, "container": False,
                "unit": home, "role": role_id, "status": "to_hire", "planned_hires": counts[role_id], "ml_staff": None,
                "ml_hires": None, "employees": None, "facts": [], "rules": []}
        chart["nodes"].append(node)
        nodes[node_id] = node
        chart["edges"].append({"from": home, "to": node_id, "line": "solid", "note": None, "facts": [], "rules": []})
    units = [n["id"] for n in chart["nodes"] if n["kind"] != ROLE]
    chart["nodes"].sort(key=lambda n: (n["kind"] == ROLE, units.index(n["unit"]) if n["kind"] == ROLE else units.index(n["id"]),
                                       roles_order.index(n["role"]) if n["kind"] == ROLE else 0))
    return chart


def _recommended_so_far(recommended, hires, previous):
    nodes = {n["id"]: n for n in recommended["nodes"]}
    counts = {}
    for hire in hires:
        key = f"role.{hire['reports_to']}.{hire['role']}"
        counts[key] = counts.get(key, 0) + 1
    drawn = {n for n, node in nodes.items()
             if n in previous or node["kind"] == ROLE and (node["status"] == "present" or counts.get(n))}
    holds_roles = _units_holding_roles(recommended)
    drawn |= {n for n, node in nodes.items() if node["kind"] == "unit" and n not in holds_roles}
    drawn.add(recommended["root"])
    managers = {}
    for edge in recommended["edges"]:
        if edge["line"] == "solid" or edge["to"] not in managers:
            managers[edge["to"]] = edge["from"]
    for node_id in list(drawn):
        while node_id in managers and managers[node_id] not in drawn:
            node_id = managers[node_id]
            drawn.add(node_id)
    chart = copy.deepcopy({k: v for k, v in recommended.items() if k not in ("nodes", "edges")})
    chart["nodes"] = []
    for node in recommended["nodes"]:
        if node["id"] in drawn:
            node = copy.deepcopy(node)
            if node["kind"] == ROLE:
                node["planned_hires"] = counts.get(node["id"], 0)
                if node["status"] != "present":
                    node["status"] = "to_hire" if node["planned_hires"] else node["status"]
            elif node.get("ml_hires") is not None:
                node["ml_hires"] = len(hires)
            chart["nodes"].append(node)
    chart["edges"] = [copy.deepcopy(e) for e in recommended["edges"] if e["from"] in drawn and e["to"] in drawn]
    return chart


def _units_holding_roles(chart):
    """Units with a role in them or anywhere below them (along solid lines)."""
    below = {}
    for edge in chart["edges"]:
        if edge["line"] == "solid":
            below.setdefault(edge["from"], []).append(edge["to"])
    kinds = {n["id"]: n["kind"] for n in chart["nodes"]}
    memo = {}

    def holds(node_id, seen=()):
        if node_id not in memo:
            memo[node_id] = any(kinds.get(c) == ROLE or (c not in seen and holds(c, seen + (node_id,)))
                                for c in below.get(node_id, []))
        return memo[node_id]

    return {n for n, kind in kinds.items() if kind != ROLE and holds(n)}
