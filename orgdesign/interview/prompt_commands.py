"""The commands a consultant may type at any prompt instead of an answer.

>>> read_command("note  Two analysts, spreadsheets ")
('note', 'Two analysts, spreadsheets')
>>> read_command("WHY"), read_command("why rules"), read_command("h")
(('why', ''), ('why', 'rules'), ('?', ''))
>>> read_command("edit 4"), read_command("review")
(('edit', '4'), ('review', ''))
>>> read_command("logistics") is None
True
"""
# Words that mean the same command: `help` and `h` do what `?` does.
ALIASES = {"help": "?", "h": "?"}
WORD_COMMANDS = ("?", "why", "back", "unknown", "review")       # typed alone
ARGUMENT_COMMANDS = ("note", "edit")                              # followed by text
COMMANDS_HELP = ("At any prompt: `?` (or `help`) explains the question, `why` says what the answer feeds, "
                 "`back` revises the previous answer, `review` lists the answers so far, `edit ID` changes one, "
                 "`unknown` records that nobody knows, `note TEXT` attaches a note to the answer just given.")

COMMANDS_TABLE = """\
At any prompt, instead of an answer:
  ? or help   explain the question
  why         say which conclusions the answer feeds (`why rules` lists the rules)
  back        revise the previous answer
  review      list the answers so far
  edit ID     change one answer (by question id or number), then come back
  unknown     record that nobody knows
  note TEXT   attach a note to the answer just given"""


def read_command(text):
    """``(command, argument)`` when ``text`` is a prompt command, else None (an answer)."""
    word, _, rest = text.strip().partition(" ")
    word, rest = ALIASES.get(word.lower(), word.lower()), rest.strip()
    if word in ARGUMENT_COMMANDS:
        return word, rest
    if word == "why" and rest.lower() == "rules":
        return "why", "rules"
    if word in WORD_COMMANDS and not rest:
        return word, ""
    return None
