"""Penn Treebank tokens back to ordinary text, for the data sets shipped tokenised
(specificity and hedging), so the labelers see prose."""

from __future__ import annotations

import re

_PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_NO_SPACE_BEFORE_RE = re.compile(r"^(?:[.,;:!?%)\]}]+|'(?:s|re|ve|ll|d|m)|n't)$", re.I)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#"})


def detokenise(text: str) -> str:
    """Penn Treebank tokens back to ordinary text, so the labelers see prose.

    ``-LRB-`` -> ``(``; ``` `` ``` and ``''`` -> ``"``; no space before ``, . ; : ! ? % ) 's n't``
    or a closing quote, none after ``( $`` or an opening quote. A lone ``'`` opens a quote,
    closes an open one, or after a word in -s is a plural possessive ("two hours' pay").
    """
    for token, bracket in _PTB_BRACKETS.items():
        text = text.replace(token, bracket)
    pieces: list[str] = []
    glue = True  # no space before the next token (start of text, after an opening mark)
    single_open = False
    previous = ""
    for token in text.split():
        space_before = not glue
        glue = False
        if token == "``":
            piece, glue = '"', True
        elif token == "''":
            piece, space_before = '"', False
        elif token in ("`", "'"):
            piece = "'"
            if token == "'" and single_open:
                single_open, space_before = False, False
            elif token == "'" and previous.isalpha() and previous.lower().endswith("s"):
                space_before = False
            else:
                single_open, glue = True, True
        else:
            piece = token
            space_before = space_before and not _NO_SPACE_BEFORE_RE.match(token)
            glue = token in _NO_SPACE_AFTER
        pieces.append((" " if space_before else "") + piece)
        previous = token
    return "".join(pieces)
