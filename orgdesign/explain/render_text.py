"""The explanation as text a consultant can paste into an email.

Plain sentences first (verdict, strongest evidence, what follows, what
would change it), then the derivation trees, indented one level per rule
firing, then the digests that make the explanation reproducible.
"""
import textwrap

WIDTH = 100
STEP = "    "
# Variants listed per outcome: every value of a plain choice, but only the
# smallest edit of a multi-choice answer (the others are counted).
SHOWN = {"multi_choice": 1}
SHOWN_OTHERWISE = 3


# The conclusions the full text explanation derives in detail.
CORE_TYPES = ("archetype", "target", "design_choice")


def render_text(explanation):
    blocks = [_verdict(explanation)]
    if "sensitivity" in explanation:
        blocks += _summary(explanation)
    if "why_not" in explanation:
        blocks.append(_why_not(explanation["why_not"], explanation))
    if "conclusions" in explanation:
        blocks.append(_derivations(explanation["conclusions"], full="sensitivity" in explanation))
    blocks.append(_footer(explanation))
    return "\n\n".join(b.rstrip("\n") for b in blocks if b) + "\n"


# -- sentences ---------------------------------------------------------------
def _verdict(explanation):
    archetype, client = explanation["archetype"], explanation["client"]
    lines = [f"{client}: how we reached our recommendation", ""]
    text = (f"{client} most resembles the {archetype['name']} archetype: its answers fit it {archetype['fit']:.2f}"
            f" on a scale from 0 to 1, and our confidence in that call is {archetype['confidence']:.2f}."
            f" In that archetype, {_lower_first(archetype['summary'])}")
    if archetype["mixed_with"]:
        second = _ranked(archetype, archetype["mixed_with"])
        text += (f" {second['name']} comes a close second (fit {second['fit']:.2f}), so we read the"
                 f" organisation as a mixed one; the recommended target settles which way it should grow.")
    elif len(archetype["ranking"]) > 1 and archetype["confidence"] < 0.6:
        second = archetype["ranking"][1]
        text += f" The next closest is {second['name']} (fit {second['fit']:.2f})."
    if archetype.get("provisional"):
        text += " The call is provisional: confirm the answers below before acting on it."
    unknown = archetype["unknown_answers"]
    if unknown:
        text += (f" {_count(len(unknown), 'answer')} {'is' if len(unknown) == 1 else 'are'} still unknown"
                 f" ({', '.join(unknown)}), which lowers the confidence by {archetype['unknown_penalty']:.2f}.")
    lines.append(_wrap(text))
    return "\n".join(lines)


def _summary(explanation):
    archetype = explanation["archetype"]
    tree = next((t for t in explanation["conclusions"] if t["fact"] == archetype["fact"]), None)
    blocks = []
    if tree is not None:
        evidence = [c for c in tree.get("from", []) if c["type"] == "evidence"]
        ours = [e for e in evidence if e["fields"]["archetype"] == archetype["id"]]
        support = [e for e in ours if e["fields"]["cf"] > 0]
        if support:
            blocks.append(_evidence_list(f"The strongest evidence for {archetype['name']}, strongest first:", support))
        else:
            blocks.append(_wrap(f"No answer gives positive evidence for {archetype['name']}; it comes first only because"
                                " no archetype scored higher, and ties go to the archetype listed first in the"
                                " knowledge base."))
        against = sorted((e for e in ours if e["fields"]["cf"] < 0), key=lambda e: e["fields"]["cf"])
        if against:
            blocks.append(_evidence_list("What counts against it:", against))
        runner_up = archetype["ranking"][1] if len(archetype["ranking"]) > 1 else None
        if runner_up and runner_up["fit"] > 0:
            theirs = [e for e in evidence if e["fields"]["archetype"] == runner_up["id"] and e["fields"]["cf"] > 0]
            blocks.append(_evidence_list(
                f"The case for the runner-up, {runner_up['name']} (fit {runner_up['fit']:.2f}), rests on:",
                theirs, brief=True))
    follows = [t for t in explanation["conclusions"] if t["type"] in CORE_TYPES and t["fact"] != archetype["fact"]]
    if follows:
        blocks.append(_follows(follows))
    further = [t for t in explanation["conclusions"] if t["type"] not in CORE_TYPES]
    if further:
        blocks.append(_further(further))
    blocks.append(_sensitivity(explanation["sensitivity"], archetype))
    return blocks


def _evidence_list(heading, items, brief=False):
    lines = [heading]
    for number, item in enumerate(items, 1):
        by = item["by"]
        answers = "; ".join(leaf["text"] for leaf in _leaves(item))
        text = f"{number}. {by['title']} ({item['fields']['cf']:+.2f})."
        if not brief:
            text += f" {by['rationale']}{_cite(by)}"
        text += f" Interview: {answers}."
        lines.append(_wrap(text, indent="   ", first=""))
    return "\n".join(lines)


def _follows(trees):
    lines = ["What follows from it: the target to grow towards, and the design that target calls for:"]
    for tree in trees:
        by = tree["by"]
        text = f"- {tree['text']}. Why: {by['title']}; {_lower_first(by['rationale'])}{_cite(by)}"
        lines.append(_wrap(text, indent="  ", first=""))
    return "\n".join(lines)


def _further(trees):
    counts = {}
    for tree in trees:
        counts[tree["type"]] = counts.get(tree["type"], 0) + 1
    kinds = ", ".join(f"{n} {_plural(kind.replace('_', ' '), n)}" for kind, n in counts.items())
    text = (f"Built on these, the rules go on to the org chart, roles, hiring, interviews, practices, risks and"
            f" actions ({kinds}). Each has its own derivation down to the answers: ask for one with"
            f" --how NAME (for example --how {trees[0]['name']}), or for all of them with --format json.")
    return _wrap(text)


def _plural(noun, number):
    """
    >>> _plural("interview focus", 2), _plural("hire", 2), _plural("risk", 1)
    ('interview focuses', 'hires', 'risk')
    """
    if number == 1:
        return noun
    return noun + ("es" if noun.endswith("s") else "s")


def _sensitivity(result, archetype):
    lines = ["What would change this conclusion (each checked by re-running the engine):"]
    if not result["answers"]:
        lines.append(_wrap(f"- The verdict is robust: no single answer given so far, changed or set to unknown, would move the top archetype"
                           f" away from {archetype['name']}.", indent="  ", first=""))
    for entry in result["answers"]:
        lines.append(_wrap(f"- {entry['question_text']} Today: {entry['answer_text']}. {_flips(entry)}",
                           indent="  ", first=""))
    if result["unknown_answers"]:
        lines.append("Unknown answers worth asking about, because their value would change it:")
        for entry in result["unknown_answers"]:
            lines.append(_wrap(f"- {entry['question_text']} {_flips(entry)}", indent="  ", first=""))
    elif archetype["unknown_answers"]:
        lines.append(_wrap("None of the unknown answers could change the top archetype on its own.", indent="", first=""))
    return "\n".join(lines)


def _flips(entry):
    limit = SHOWN.get(entry["question_type"], SHOWN_OTHERWISE)
    by_result = {}
    for flip in entry["flips"]:
        by_result.setdefault(flip["top_name"], []).append(flip)
    sentences = []
    for name, group in by_result.items():
        known = [f for f in group if f["to"] != "unknown"]
        shown = [f["phrase"] for f in known[:limit]]
        more = len(known) - len(shown)
        if more:
            shown[-1] += f" (or {_count(more, 'similar answer')})"
        if len(known) < len(group):
            shown.append("\u201cunknown\u201d")
        listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
        best = max(f["confidence"] for f in group)
        sentences.append(f"With the answer {listed}, the best fit would become {name} (confidence up to {best:.2f}).")
    return " ".join(sentences)


def _why_not(result, explanation):
    lines = []
    if result["is_top"]:
        lines.append(_wrap(f"{result['name']} is already the top archetype (fit {result['belief']:.2f}, confidence {result['confidence']:.2f})."))
    else:
        top = _ranked(explanation["archetype"], result["top"])
        lines.append(_wrap(
            f"Why not {result['name']}? The answers fit it {result['belief']:.2f} against {result['top_belief']:.2f}"
            f" for {top['name']}, the top archetype."))
    lines += ["", "Rules that would give it positive evidence:"]
    for rule in result["supporting_rules"]:
        head = f"- {rule['title']} (+{rule['cf']:.2f}; {rule['rule']}, {rule['file']}:{rule['line']}): "
        if rule["fired"]:
            lines.append(_wrap(head + "fired.", indent="  ", first=""))
            continue
        failed = "; ".join(_failed_phrase(f) for f in rule["failed"])
        lines.append(_wrap(head + f"did not fire, because {failed}.", indent="  ", first=""))
    if result["evidence_against"]:
        lines += ["", "Evidence against it that did fire:"]
        for item in result["evidence_against"]:
            lines.append(_wrap(f"- {item['title']} ({item['cf']:+.2f}; {item['rule']}, {item['file']}:{item['line']})",
                               indent="  ", first=""))
    change = result["smallest_change"]
    if change is not None:
        lines += ["", _smallest_change(change, result)]
    return "\n".join(lines)


def _failed_phrase(failed):
    if "question" in failed:
        return f"it needs {failed['condition']} but the answer is \u201c{failed['answer_text']}\u201d"
    return f"it needs {failed['condition']}, which the engine did not conclude"


def _smallest_change(change, result):
    if not change["found"]:
        return _wrap(f"No change of up to {change['max_size']} core answers makes {result['name']} the top archetype"
                     f" ({change['searched']} combinations of the answer values the rules distinguish were examined).")
    best = change["best"]
    noun = "one answer" if change["size"] == 1 else f"{change['size']} answers"
    lines = [_wrap(f"The smallest change that makes it the top archetype ({noun}, confirmed by re-running the engine;"
                   f" confidence would be {best['confidence']:.2f}):")]
    lines += [_wrap(f"- {c['text']}", indent="  ", first="") for c in best["changes"]]
    for number, other in enumerate(change["alternatives"], 1):
        lines.append(_wrap(f"Alternative {number} (confidence {other['confidence']:.2f}): "
                           + "; ".join(c["text"] for c in other["changes"]), indent="  ", first=""))
    return "\n".join(lines)


# -- derivation trees -------------------------------------------------------------
def _derivations(trees, full):
    if all(t["type"] == "answer" for t in trees):
        heading = "How this answer was used:"
    elif full:
        heading = "How the verdict and the design choices were derived (one indent per rule firing):"
    else:
        heading = "How it was derived (one indent per rule firing):"
    lines = [heading]
    # The full explanation derives the verdict and the design choices step by
    # step; the later layers are one --how away (see _further).
    for tree in (t for t in trees if not full or t["type"] in CORE_TYPES):
        lines.append("")
        _tree_lines(tree, 0, lines)
    return "\n".join(lines)


def _tree_lines(node, depth, lines):
    pad = STEP * depth
    if node["type"] == "answer":
        lines.append(_wrap(f"- answer {node['question']}: {node['text']}", indent=pad + "  ", first=pad))
        for use in node.get("used_by", []):
            asserted = "; ".join(f"{a['type'].replace('_', ' ')} {a['text']} [{a['fact']}]" for a in use["asserted"])
            lines.append(_wrap(f"used by: {use['title']} ({use['rule']}, {use['file']}:{use['line']}, firing"
                               f" {use['firing']}), which concluded {asserted}", indent=pad + "      ", first=pad + "  "))
        if "used_by" in node and not node["used_by"]:
            lines.append(_wrap("used by: no rule fired on this answer", indent=pad + "      ", first=pad + "  "))
        return
    label = f"- {node['type'].replace('_', ' ').capitalize()}: {node['text']}  [{node['fact']}]"
    if node.get("shown_above"):
        lines.append(_wrap(label + " (derived above)", indent=pad + "  ", first=pad))
        return
    by = node["by"]
    lines.append(_wrap(label, indent=pad + "  ", first=pad))
    lines.append(_wrap(f"by: {by['title']} ({by['rule']}, {by['file']}:{by['line']}, firing {by['firing']}){_cite(by)}",
                       indent=pad + "      ", first=pad + "  "))
    if by["rationale"]:
        lines.append(_wrap(f"why: {by['rationale']}", indent=pad + "       ", first=pad + "  "))
    for child in node["from"]:
        _tree_lines(child, depth + 1, lines)


# -- shared bits ---------------------------------------------------------------
def _footer(explanation):
    rulebase = explanation["rulebase"]
    text = (f"Rule base {rulebase['version']} ({rulebase['digest']}); profile {explanation['profile_digest']}."
            " The same profile and rule base always give this same explanation.")
    if "sensitivity" in explanation:
        text += f" The what-if statements above come from {explanation['sensitivity']['engine_runs']} re-runs of the engine."
    return "-- \n" + _wrap(text)


def _cite(by):
    parts = []
    if by["source"]:
        parts.append("source: " + ", ".join(by["source"]))
    if by["inference"]:
        parts.append("our inference")
    return f" [{'; '.join(parts)}]" if parts else ""


def _leaves(node):
    if node["type"] == "answer":
        return [node]
    return [leaf for child in node.get("from", []) for leaf in _leaves(child)]


def _ranked(archetype, archetype_id):
    return next(r for r in archetype["ranking"] if r["id"] == archetype_id)


def _lower_first(text):
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _count(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _wrap(text, indent="", first=""):
    return textwrap.fill(text, width=WIDTH, initial_indent=first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)
