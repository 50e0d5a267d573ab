"""A short readable summary of a recommendation, for the terminal."""


def summary_text(recommendation):
    archetype = recommendation["archetype"]
    lines = [
        f"Client: {recommendation['client']}",
        f"Archetype: {archetype['name']} ({archetype['id']}), confidence {archetype['confidence']:.2f}",
    ]
    if archetype["mixed_with"]:
        runner = next(r for r in archetype["ranking"] if r["id"] == archetype["mixed_with"])
        lines.append(f"Mixed organisation: also close to {runner['name']} (confidence {runner['confidence']:.2f})")
    lines.append("Ranking: " + ", ".join(f"{r['id']} {r['confidence']:.2f}" for r in archetype["ranking"]))
    lines.append("")
    lines.append("Design choices (recommended / today):")
    for choice in recommendation["design_choices"].values():
        gap = {True: "  <- gap", False: "", None: "  (today unknown)"}[choice["gap"]]
        marker = " [our inference]" if choice["inference"] else ""
        lines.append(f"  {choice['name']}: {choice['summary']}{marker} / today: {choice['current']}{gap}")
    unknown = recommendation["unknown_answers"]
    if unknown:
        lines.append("")
        lines.append("Unknown answers that would matter most: " + ", ".join(u["question"] for u in unknown[:5]))
    return "\n".join(lines) + "\n"
