"""Cue lexicons: small YAML files in ``analysis/lexicons/``, one per measure.

Each file has a ``source`` (where its phrases come from) and ``entries``; every entry carries at
least the phrase, its label and an example sentence, so adding a cue is a data change that a
reader can check against its example. This module only reads and validates them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from analysis import paths

_WORD_RE = re.compile(r"[\w'’]+")
LEXICON_DIR = paths.LEXICONS
SCHEMA_PATH = paths.LEXICON_SCHEMA


class LexiconError(ValueError):
    """A lexicon file is missing, malformed, or has an entry without phrase, label or example."""


_TYPES: dict[str, type | tuple[type, ...]] = {"str": str, "int": int, "bool": bool, "list": list}


@cache
def lexicon_schema() -> dict[str, Any]:
    """The keys each lexicon's entries may carry (``analysis/data/lexicon_schema.yaml``)."""
    return yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))


def _check_value(where: str, key: str, value: Any, rule: dict[str, Any]) -> None:
    if value is None or value == "":
        if rule.get("nullable"):
            return
        raise LexiconError(f"{where}: key {key!r} is empty")
    expected = _TYPES[rule["type"]]
    # bool is an int in Python; a level of True is still wrong.
    if not isinstance(value, expected) or (rule["type"] == "int" and isinstance(value, bool)):
        raise LexiconError(f"{where}: key {key!r} must be {rule['type']}, not {value!r}")
    if "values" in rule and value not in rule["values"]:
        allowed = ", ".join(str(v) for v in rule["values"])
        raise LexiconError(f"{where}: key {key!r} has {value!r}; allowed: {allowed}")


def validate_entries(name: str, path: Path, entries: list[Any]) -> None:
    """Check every entry against the schema; raise :class:`LexiconError` naming the file, the
    entry (its index and phrase) and the key at the first problem."""
    schema = lexicon_schema()
    if name not in schema["lexicons"]:
        raise LexiconError(f"{path}: lexicon {name!r} has no schema in {SCHEMA_PATH.name}")
    own = schema["lexicons"][name] or {}
    rules = {**schema["common"], **own.get("keys", {})}
    required = [*schema["common"], *own.get("required", [])]
    if own.get("label_values"):
        rules["label"] = {**rules["label"], "values": own["label_values"]}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise LexiconError(f"{path} entry {index}: not a mapping of keys to values")
        where = f"{path} entry {index} ({str(entry.get('phrase', ''))[:40]!r})"
        for key in required:
            if key not in entry:
                raise LexiconError(f"{where}: missing key {key!r}")
        for key, value in entry.items():
            if key not in rules:
                raise LexiconError(
                    f"{where}: unknown key {key!r} (an unquoted comma or colon in a value "
                    "splits it into keys; quote the value)"
                )
            _check_value(where, key, value, rules[key])
    ids = [entry["id"] for entry in entries]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise LexiconError(f"{path}: entry id(s) used twice: {', '.join(repeated)}")


@cache
def load_lexicon(name: str) -> tuple[dict[str, Any], ...]:
    """The entries of ``analysis/lexicons/<name>.yaml``, validated against the schema
    (:func:`validate_entries`), in file order."""
    path = LEXICON_DIR / f"{name}.yaml"
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise LexiconError(f"lexicon {name!r} not found at {path}") from error
    except yaml.YAMLError as error:
        raise LexiconError(f"{path}: not valid YAML ({' '.join(str(error).split())})") from None
    if not isinstance(document, dict) or not document.get("source"):
        raise LexiconError(f"{path}: needs a 'source' saying where its phrases come from")
    unknown = sorted(set(document) - {"source", "entries"})
    if unknown:
        raise LexiconError(f"{path}: unknown top-level key(s) {', '.join(unknown)}")
    entries = document.get("entries")
    if not isinstance(entries, list) or not entries:
        raise LexiconError(f"{path}: needs a non-empty 'entries' list")
    validate_entries(name, path, entries)
    return tuple(entries)


@cache
def _ids(name: str) -> frozenset[str]:
    return frozenset(entry["id"] for entry in load_lexicon(name))


def require_ids(name: str, ids: Iterable[str]) -> None:
    """Fail loudly when code asks about an entry id lexicon ``name`` no longer has (a renamed or
    removed entry would otherwise silently stop a rule from firing)."""
    missing = sorted(set(ids) - _ids(name))
    if missing:
        raise LexiconError(f"lexicon {name!r} has no entry with id {', '.join(missing)}")


@cache
def word_set(name: str, kind: str, skip_flag: str | None = None) -> frozenset[str]:
    """The words of the entries of ``kind`` in lexicon ``name``: their ``phrase`` split on
    ``|``, stripped and lower-cased (a word list, not a pattern). ``skip_flag``: leave out the
    entries where that key is true. An unknown kind is an error, never an empty set."""
    entries = [entry for entry in load_lexicon(name) if entry["kind"] == kind]
    if not entries:
        raise LexiconError(f"lexicon {name!r} has no entry of kind {kind!r}")
    return frozenset(
        word.strip().lower()
        for entry in entries
        if not (skip_flag and entry.get(skip_flag))
        for word in entry["phrase"].split("|")
    )


# --------------------------------------------------------------------------------------------
# Phrase patterns
#
# A lexicon phrase is plain words with a few small conveniences, so entries stay readable:
#   "a|b"    either word              "word?"  the word may be missing
#   "..."    up to eight other words   "{be}" / "{have}" / "{do}"  any form of the verb
#   " | "    (with spaces) whole-phrase alternatives: "armed forces | royal navy"
# Between any two words an adverb may stand ("will also seek to", "are currently working").
# Matching ignores case and curly apostrophes, and always starts and ends on word boundaries.

_SLOTS = {
    "{be}": r"(?:is|are|was|were|be|been|being|am|'s|'re)",
    "{have}": r"(?:has|have|had|having|'ve)",
    "{do}": r"(?:do|does|did)",
    "{number}": r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)",
}


def _alternatives(word: str) -> str:
    """'{be}|remain|remains' -> one group matching any form of 'be', 'remain' or 'remains'."""
    options = [_SLOTS.get(w) or re.escape(w).replace("'", "['’]") for w in word.split("|")]
    return "(?:" + "|".join(options) + ")"


def _word_pattern(word: str) -> str:
    optional = word.endswith("?") and len(word) > 1
    word = word[:-1] if optional else word
    body = _alternatives(word)
    filler = (
        r"(?:(?:also|still|now|then|currently|further|already|actively|continually|\w{3,}ly)\s+)?"
    )
    return f"(?:{body}\\s+{filler})?" if optional else f"{body}\\s+{filler}"


@lru_cache(maxsize=4096)
def compile_phrase(phrase: str) -> re.Pattern[str]:
    """A lexicon phrase as a case-insensitive regular expression (see the syntax above)."""
    if " | " in phrase:
        options = [compile_phrase(option.strip()).pattern for option in phrase.split(" | ")]
        return re.compile("|".join(f"(?:{o})" for o in options), re.IGNORECASE)
    parts = []
    for word in phrase.split():
        if word == "...":
            parts.append(r"(?:[\w'’£$%.,()\-]+\s+){0,8}?")
        else:
            parts.append(_word_pattern(word))
    # Each word pattern ends by consuming the space (and any adverb) after it; the last word
    # must instead end the match, so it is compiled without that tail.
    words = phrase.split()
    last = words[-1]
    last_optional = last.endswith("?") and len(last) > 1
    core = last[:-1] if last_optional else last
    tail = _alternatives(core)
    body = "".join(parts[:-1]) + (f"(?:{tail})?" if last_optional else tail)
    # A match may end before a possessive ("Government’s") but not inside a word.
    return re.compile(r"(?<![\w'’])" + body + r"(?:(?=['’]s\b)|(?![\w'’]))", re.IGNORECASE)


def _literal_groups(option: str) -> list[tuple[str, ...]]:
    """The words an option of a phrase cannot match without, each as its alternatives in lower
    case with straight apostrophes: every word that is not "...", optional ("word?") or a slot
    ("{be}", or an alternative that is one)."""
    groups = []
    for word in option.split():
        if word == "..." or word.endswith("?") or word.startswith("{"):
            continue
        alternatives = word.split("|")
        if any(a.startswith("{") for a in alternatives):
            continue
        groups.append(tuple(a.lower().replace("’", "'") for a in alternatives))
    return groups


@lru_cache(maxsize=4096)
def phrase_requirements(phrase: str) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """Per whole-phrase alternative, the literal words it needs, each as its alternatives: a
    text can match the phrase only if, for some alternative, one of each word's forms occurs in
    it (as a substring of the text in lower case). None when an alternative has no literal word
    ("{be}"), so nothing can be ruled out without the regular expression."""
    options = [tuple(_literal_groups(option)) for option in phrase.split(" | ")]
    return None if any(not groups for groups in options) else tuple(options)


@lru_cache(maxsize=4096)
def phrase_anchors(phrase: str) -> tuple[str, ...] | None:
    """Literal words one of which must occur in a text for ``phrase`` to match, or None.

    Per whole-phrase alternative, its most telling required word (the one whose shortest form
    is longest: "course" in "in due course", not "in"). Used to skip most phrases of a lexicon
    on most sentences with one scan of the text (:func:`possible_entries`).
    """
    requirements = phrase_requirements(phrase)
    if requirements is None:
        return None
    anchors: list[str] = []
    for groups in requirements:
        # max keeps the first of equally long words: the same phrase gives the same anchors.
        anchors.extend(max(groups, key=lambda forms: min(map(len, forms))))
    return tuple(anchors)


def could_match(phrase: str, lowered: str) -> bool:
    """False when ``lowered`` (a text in lower case, straight apostrophes) lacks a word every
    match of ``phrase`` needs (:func:`phrase_requirements`): the regular expression would find
    nothing. A plain loop: it runs for every candidate entry on every sentence."""
    requirements = phrase_requirements(phrase)
    if requirements is None:
        return True
    for groups in requirements:
        for forms in groups:
            for form in forms:
                if form in lowered:
                    break
            else:
                break  # this word is missing: the alternative cannot match
        else:
            return True
    return False


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for a set of literal words, as a trie: at any position it matches
    the longest of the words that starts there ("plans" before "plan")."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        children = sorted(node.items())
        branches = [re.escape(char) + pattern(child) for char, child in children if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


@cache
def _anchor_index(name: str) -> tuple[re.Pattern[str], dict[str, frozenset[str]], frozenset[str]]:
    """For lexicon ``name``: a pattern finding, at every start of a word of a lower-cased text,
    the longest anchor starting there; for each anchor, the ids of the entries it lets through
    together with those of every anchor it begins with; the ids of entries with no anchor."""
    by_anchor: dict[str, set[str]] = {}
    always: set[str] = set()
    for entry in load_lexicon(name):
        anchors = phrase_anchors(entry["phrase"])
        if anchors is None:
            always.add(entry["id"])
            continue
        for anchor in anchors:
            by_anchor.setdefault(anchor, set()).add(entry["id"])
    # Two anchors found at one position are a word and its beginning: finding the longer one
    # finds the shorter one too.
    through = {
        anchor: frozenset().union(*(by_anchor[a] for a in by_anchor if anchor.startswith(a)))
        for anchor in by_anchor
    }
    # A phrase's word starts a word of the text: its first after the phrase pattern's look-behind
    # (no letter, digit or apostrophe before it), the others after a space. So anchors are looked
    # for only there (twice as fast as at every position, and fewer entries let through).
    finder = (
        re.compile(f"(?<![\\w'])(?=({_trie_pattern(by_anchor)}))")
        if by_anchor
        else re.compile("(?!)")
    )
    return finder, through, frozenset(always)


def possible_entries(name: str, lowered: str) -> frozenset[str]:
    """Ids of the entries of lexicon ``name`` whose phrase may occur in ``lowered`` (a text in
    lower case with straight apostrophes): entries with an anchor word (see
    :func:`phrase_anchors`) at the start of a word of it, and entries with none. One scan of the
    text instead of one test per entry; :func:`phrase_search` on the others, in the text
    ``lowered`` was made from, would find nothing."""
    finder, through, always = _anchor_index(name)
    found = set(finder.findall(lowered))
    found.discard("")
    return always.union(*(through[anchor] for anchor in found))


@cache
def _positions(name: str) -> dict[str, int]:
    return {entry["id"]: position for position, entry in enumerate(load_lexicon(name))}


def entries_in_order(name: str, ids: Iterable[str]) -> list[dict[str, Any]]:
    """The entries of lexicon ``name`` with these ids, in file order (the order rules read
    them in): a sentence's few possible entries without walking the whole lexicon."""
    entries, positions = load_lexicon(name), _positions(name)
    return [entries[position] for position in sorted(positions[i] for i in ids)]


def phrase_search(
    entry: dict[str, Any], text: str, lowered: str | None = None
) -> re.Match[str] | None:
    """The first match of an entry's phrase in ``text``.

    An entry may list ``not_after`` words: a match straight after one of them does not count
    ("our plan to" is a noun, "we plan to" a verb); an entry with ``lowercase: true`` does not
    match a capitalised word inside a sentence (a name: "the Improvement Plan to ...").
    ``lowered`` (``text`` in lower case with straight apostrophes) lets a caller that tries many
    phrases on one text compute it once.
    """
    if lowered is None:
        lowered = text.lower().replace("’", "'")
    if not could_match(entry["phrase"], lowered):
        return None
    pattern = compile_phrase(entry["phrase"])
    blocked = {w.lower() for w in entry.get("not_after", ())}
    for match in pattern.finditer(text):
        before = _WORD_RE.findall(text, 0, match.start()) if blocked else []
        if blocked and before and before[-1].lower() in blocked:
            continue
        if (
            entry.get("lowercase")
            and match.group(0)[:1].isupper()
            and text[: match.start()].strip()
        ):
            continue  # "Environmental Improvement Plan to revise": a name, not a verb
        return match
    return None


def matched_words(text: str, match: re.Match[str]) -> str:
    """The words a phrase matched in ``text``, spaces collapsed: how a cue is shown."""
    return " ".join(text[match.start() : match.end()].split())


def find_phrases(
    text: str, entries: tuple[dict[str, Any], ...]
) -> list[tuple[dict[str, Any], re.Match[str]]]:
    """Every lexicon entry whose phrase occurs in ``text``, with its first match, in entry order."""
    found = []
    lowered = text.lower().replace("’", "'")
    for entry in entries:
        match = phrase_search(entry, text, lowered)
        if match:
            found.append((entry, match))
    return found
