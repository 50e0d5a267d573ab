"""The commands a consultant may type at any prompt instead of an answer.

>>> read_command("note  Two analysts, spreadsheets ")
('note', 'Two analysts, spreadsheets')
>>> read_command("WHY")
('why', '')
>>> read_command("logistics") is None
True
"""
COMMANDS = ("?", "why", "back", "unknown", "note")
COMMANDS_HELP = ("At any prompt: `?` explains the question, `why` shows which rules use the answer, "
                 "`back` revises the previous answer, `unknown` records that nobody knows, "
                 "`note TEXT` attaches a note to the answer.")

COMMANDS_TABLE = """\
At any prompt, instead of an answer:
  ?          explain the question
  why        show which rules use the answer
  back       revise the previous answer
  unknown    record that nobody knows
  note TEXT  attach a note to the answer"""


def read_command(text):
    """``(command, argument)`` when ``text`` is a prompt command, else None (an answer)."""
    stripped = text.strip()
    word, _, rest = stripped.partition(" ")
    word = word.lower()
    if word == "note":
        return "note", rest.strip()
    if word in COMMANDS and not rest.strip():
        return word, ""
    return None
