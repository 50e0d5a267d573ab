"""Who the roadmap's non-role owners are for this client ("The ML lead", "Senior leadership").

An owner that is a role is on staff or in the hiring plan, and the report
says which. A lead is a person the client has to recognise: the knowledge
(``leads`` in knowledge/roadmap.yaml) words each for what the answers show,
so the report never hands an action to an ML lead the client cannot point
to. With the answers silent, the lead's general wording stands.
"""
from ..questions import UNKNOWN


def client_situations(profile):
    """The ``client_text`` keys the answers support: ml_staff or no_ml_staff, sponsor or no_sponsor.

    >>> class P:
    ...     def __init__(self, **answers): self.answers = answers
    ...     def answer(self, question): return self.answers.get(question, UNKNOWN)
    >>> sorted(client_situations(P(ml_headcount=0, executive_sponsor="ceo")))
    ['no_ml_staff', 'sponsor']
    >>> sorted(client_situations(P(roles_present=["data_scientist"], executive_sponsor="none")))
    ['ml_staff', 'no_sponsor']
    >>> sorted(client_situations(P()))
    []
    """
    situations = set()
    headcount = profile.answer("ml_headcount")
    roles = profile.answer("roles_present")
    has_roles = None if roles == UNKNOWN else bool(set(roles) - {"none"})
    if headcount != UNKNOWN and headcount > 0 or has_roles:
        situations.add("ml_staff")
    elif headcount == 0 or has_roles is False:
        situations.add("no_ml_staff")
    sponsor = profile.answer("executive_sponsor")
    if sponsor == "none":
        situations.add("no_sponsor")
    elif sponsor != UNKNOWN:
        situations.add("sponsor")
    return situations


def roadmap_owners(actions, profile, knowledge):
    """``[{"id", "name", "text"}]`` for each lead that owns an action, in the knowledge's order."""
    owning = {a["owner"] for a in actions if a.get("owner_status") == "lead"}
    situations = client_situations(profile)
    owners = []
    for lead_id, lead in knowledge.roadmap_leads.items():
        if lead_id not in owning:
            continue
        wording = lead.get("client_text", {})
        text = next((wording[s] for s in sorted(situations) if s in wording), lead["text"])
        owners.append({"id": lead_id, "name": lead["name"], "text": text})
    return owners
