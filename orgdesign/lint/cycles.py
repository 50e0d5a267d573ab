"""Check: rules that keep re-asserting each other's premises.

Rule A feeds rule B when a fact A asserts can satisfy one of B's positive
fact conditions.  A cycle in that graph (or a rule feeding itself) means a
conclusion is used to re-derive itself: at best it is circular reasoning, at
worst the engine never settles.
"""
import networkx

from .findings import Finding
from .rule_logic import assertion_can_match


def check_cycles(context):
    graph = networkx.DiGraph()
    rules = list(context.rules)
    graph.add_nodes_from(r.id for r in rules)
    for fed in rules:
        for test in fed.fact_tests:
            if test.negated:
                continue
            # Only the rules asserting the condition's fact type can feed it (an index, not a scan).
            for feeder in context.book.asserting(test.fact_type):
                if any(assertion_can_match(a, test) for a in feeder.then):
                    graph.add_edge(feeder.id, fed.id)
    findings = []
    order = {r.id: i for i, r in enumerate(rules)}
    for component in networkx.strongly_connected_components(graph):
        members = sorted(component, key=order.get)
        if len(members) == 1 and not graph.has_edge(members[0], members[0]):
            continue
        first = context.book.rule(members[0])
        loop = " -> ".join(members + [members[0]])
        findings.append(Finding("cycle", first.path, first.line, f"rules feed each other's premises in a cycle: {loop}",
                                "a conclusion must not be used to derive its own premise; break the loop"))
    return findings
