"""What the interview prints when it ends: the headline, and how to write the report.

The full summary is for `orgdesign recommend`; at the end of a meeting the
consultant needs the call itself (target, archetype, confidence, whether it
is provisional), any answers that contradict each other, and the one
command that writes the report.
"""


def headline_text(recommendation, profile_path, questions=None):
    from ..advice.summary import question_words

    archetype, target = recommendation["archetype"], recommendation.get("target")
    # Answers that cannot both be true are best settled while the client is still in the room.
    lines = [f"Answers disagree ({question_words(c['questions'], questions)}): {c['text']}"
             for c in recommendation.get("answer_conflicts") or []]
    if lines:
        lines += [f"Correct one with: orgdesign interview --resume {profile_path}", ""]
    if target:
        move = "keep today's structure and strengthen it" if target["same_as_today"] else "grow towards it"
        lines.append(f"Recommended target: {target['name']} ({move})")
    lines.append(f"Resembles today: {archetype['name']}; confidence in this call: "
                 f"{archetype['confidence_words']} ({archetype['confidence']:.2f})")
    if archetype.get("provisional"):
        confirm = question_words(archetype.get("confirm_first") or [], questions) or "the unknown answers"
        lines.append(f"Provisional: confirm these answers first: {confirm}")
    else:
        lines.append("Not provisional: the answers given settle the call.")
    lines.append("")
    lines.append(f"Profile saved in {profile_path}.")
    lines.append(f"Write the report: orgdesign recommend {profile_path} -o DIR")
    return "\n".join(lines) + "\n"
