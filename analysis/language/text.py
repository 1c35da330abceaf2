"""Answer HTML -> plain text -> paragraphs -> sentences: the only place text is split.

Written answers arrive as HTML (``<p>``, ``<br>``, lists, tables, links). The plain text this
module makes keeps what a reader sees and the breaks between blocks:

* paragraphs (``<p>``, ``<div>``, headings) are separated by a blank line;
* a ``<br>`` becomes a line break, and a line break is always a sentence boundary;
* list items become lines starting ``- `` (bulleted) or ``1. `` (numbered);
* table rows become lines of pipe-separated cells, ``| cell | cell |``. Table cells are not
  sentences: :func:`split_text` keeps them apart, so they never reach readability or labels;
* a link keeps its text; where that text does not show the address (``here``, a title) the
  address follows in brackets, so a reader can still check the source;
* entities are decoded and non-breaking or zero-width spaces normalised.

Sentences are found by pySBD (Golden Rules segmenter) with three additions for what ministers
write: honorifics ("Rt Hon.", "Hon.") are abbreviations; list enumerators inside a sentence
("(a) ... (b) ...") and web addresses are masked so they cannot end a sentence; and two
sentences glued without a space ("data.However") are parted.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Literal
from urllib.parse import parse_qs, urlparse

import pysbd
from bs4 import BeautifulSoup, NavigableString, Tag
from pysbd.lang.english import English

BlockKind = Literal["paragraph", "list_item", "table_row"]
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_PLACEHOLDER_RE = re.compile(r"\ue000(\d+)\ue001")


@dataclass(frozen=True)
class Block:
    """One line of an answer: a paragraph (or a line of one), a list item or a table row."""

    kind: BlockKind
    text: str
    paragraph: int
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """One sentence of prose, with the paragraph it stands in (0-based)."""

    text: str
    paragraph: int
    is_list_item: bool


@dataclass(frozen=True)
class SplitText:
    """The prose sentences of a text, and the table rows kept apart from them."""

    sentences: list[Sentence]
    table_rows: list[tuple[str, ...]]

    @property
    def table_cell_count(self) -> int:
        return sum(len(row) for row in self.table_rows)


# --------------------------------------------------------------------------------------------
# HTML -> blocks -> plain text

_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "pre",
    "address",
    "header",
    "footer",
}
_SPACE_RE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_HTML_HINT_RE = re.compile(
    r"<\s*/?\s*(p|br|div|ul|ol|li|table|tr|td|th|a|strong|em|b|i|span|h[1-6])\b[^<>]*>", re.I
)
_URL_IN_TEXT_RE = re.compile(
    r"(https?://|www\.)\S+|\b[\w-]+(\.[\w-]+)*\.(uk|com|org|net|int|eu)\b", re.I
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries HTML markup (a known tag), rather than plain text."""
    return bool(_HTML_HINT_RE.search(text or ""))


def _clean_inline(text: str) -> str:
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    return text


def _unwrap_safelink(href: str) -> str:
    """Outlook 'safelinks' wrap the real address in a ``url=`` parameter: show the real one."""
    parsed = urlparse(href)
    if parsed.netloc.endswith("safelinks.protection.outlook.com"):
        target = parse_qs(parsed.query).get("url")
        if target:
            return target[0]
    return href


def _link_text(tag: Tag, inner: str) -> str:
    href = (tag.get("href") or "").strip()
    shown = inner.strip()
    if not href.lower().startswith(("http://", "https://")):
        return inner
    href = _unwrap_safelink(href)
    if not shown:
        return f" {href} "
    if _URL_IN_TEXT_RE.search(shown):
        # The text already shows an address (often the same one): keep it as the reader saw it.
        return inner
    return f"{inner} ({href})"


class _BlockBuilder:
    """Walks the parsed HTML once, collecting lines of text as blocks."""

    def __init__(self) -> None:
        self.blocks: list[tuple[BlockKind, str, tuple[str, ...]]] = []
        self.paragraph_breaks: list[int] = []  # index in blocks where a new paragraph starts
        self._line: list[str] = []
        self._new_paragraph = True

    # Lines -----------------------------------------------------------------------------------
    def flush(self, kind: BlockKind = "paragraph") -> None:
        text = _clean_inline("".join(self._line)).strip()
        self._line = []
        if text:
            self._add(kind, text)

    def _add(self, kind: BlockKind, text: str, cells: tuple[str, ...] = ()) -> None:
        if self._new_paragraph:
            self.paragraph_breaks.append(len(self.blocks))
            self._new_paragraph = False
        self.blocks.append((kind, text, cells))

    def end_paragraph(self) -> None:
        self.flush()
        self._new_paragraph = True

    # Walking ---------------------------------------------------------------------------------
    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.__class__.__name__ in ("Comment", "Doctype", "Declaration"):
                    continue
                self._line.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in ("script", "style", "head", "title"):
                continue
            if name == "br":
                self.flush()
            elif name == "a":
                self._line.append(_link_text(child, _inline_text(child)))
            elif name in ("ul", "ol"):
                self.end_paragraph()
                self._walk_list(child, numbered=name == "ol")
                self.end_paragraph()
            elif name == "table":
                self.end_paragraph()
                self._walk_table(child)
                self.end_paragraph()
            elif name == "li":
                # A stray <li> outside a list still reads as an item.
                self.end_paragraph()
                self._walk_item(child, "- ")
                self.end_paragraph()
            elif name in _BLOCK_TAGS:
                self.end_paragraph()
                self.walk(child)
                self.end_paragraph()
            else:
                self.walk(child)

    def _walk_list(self, node: Tag, numbered: bool) -> None:
        for number, item in enumerate(node.find_all("li", recursive=False), start=1):
            self._walk_item(item, f"{number}. " if numbered else "- ")
        # Text directly in the list but outside items (malformed HTML) is kept, not lost.
        loose = "".join(str(c) for c in node.children if isinstance(c, NavigableString)).strip()
        if loose:
            self._add("paragraph", _clean_inline(loose))

    def _walk_item(self, item: Tag, marker: str) -> None:
        sub = _BlockBuilder()
        sub.walk(item)
        sub.flush()
        first = True
        for kind, text, cells in sub.blocks:
            if kind == "paragraph" and first:
                self._add("list_item", marker + text)
            else:
                self._add(kind, text, cells)
            first = False

    def _walk_table(self, table: Tag) -> None:
        for row in table.find_all("tr"):
            # Nested tables: their rows are visited by find_all already.
            if row.find_parent("table") is not table:
                continue
            cells = tuple(
                _clean_inline(_inline_text(cell, separator=" ")).strip()
                for cell in row.find_all(["td", "th"], recursive=False)
            )
            if any(cells):
                self._add("table_row", "| " + " | ".join(cells) + " |", cells)


def _inline_text(node: Tag, separator: str = "") -> str:
    """Text of an element with links shown as :func:`_link_text` shows them."""
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.__class__.__name__ not in ("Comment", "Doctype", "Declaration"):
                parts.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "a":
                parts.append(_link_text(child, _inline_text(child)))
            elif child.name == "br" or child.name in _BLOCK_TAGS or child.name == "li":
                parts.append(" " + _inline_text(child, separator) + " ")
            else:
                parts.append(_inline_text(child, separator))
        if separator:
            parts.append(separator)
    return "".join(parts)


def html_to_blocks(html: str) -> list[Block]:
    """Parse answer HTML into lines of text, each a paragraph line, list item or table row."""
    if not html or not html.strip():
        return []
    soup = BeautifulSoup(html, "html.parser")
    builder = _BlockBuilder()
    builder.walk(soup)
    builder.flush()
    starts = set(builder.paragraph_breaks)
    blocks: list[Block] = []
    paragraph = -1
    for index, (kind, text, cells) in enumerate(builder.blocks):
        if index in starts or paragraph < 0:
            paragraph += 1
        blocks.append(Block(kind, text, paragraph, cells))
    return blocks


def blocks_to_text(blocks: list[Block]) -> str:
    """Plain text: blocks of one paragraph on their own lines, paragraphs split by a blank line."""
    out: list[str] = []
    current = None
    for block in blocks:
        if current is not None and block.paragraph != current:
            out.append("")
        out.append(block.text)
        current = block.paragraph
    return "\n".join(out)


def html_to_text(html: str) -> str:
    """Answer HTML as plain text (see the module docstring for what is kept and how)."""
    if not looks_like_html(html):
        # Plain text (or text with stray entities): decode entities and tidy spaces only.
        return normalise_plain_text(html_lib.unescape(html or ""))
    return blocks_to_text(html_to_blocks(html))


def normalise_plain_text(text: str) -> str:
    """Tidy plain text: one space between words, at most one blank line between paragraphs."""
    text = _ZERO_WIDTH_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACE_RE.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANK_LINES_RE.sub("\n\n", text).strip()


# --------------------------------------------------------------------------------------------
# plain text -> blocks

_BULLET_RE = re.compile(r"^(?:[-•*–▪◦●]\s+)")
_NUMBERED_ITEM_RE = re.compile(
    r"^(?:\d{1,2}[.)]|\(?[a-z]\)|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))\s+"
)
_TABLE_ROW_RE = re.compile(r"^\|.*\|$")


def text_to_blocks(text: str) -> list[Block]:
    """Plain text (as :func:`html_to_text` writes it) back into blocks.

    A blank line ends a paragraph; each line is its own block; a line ``| a | b |`` is a table
    row, a line starting with a bullet or an enumerator (``- ``, ``1. ``, ``(a) ``) a list item.
    """
    if looks_like_html(text):
        return html_to_blocks(text)
    blocks: list[Block] = []
    paragraph = 0
    seen_line = False
    for raw in normalise_plain_text(text or "").split("\n"):
        line = raw.strip()
        if not line:
            if seen_line:
                paragraph += 1
                seen_line = False
            continue
        seen_line = True
        if _TABLE_ROW_RE.match(line) and line.count("|") >= 2:
            cells = tuple(c.strip() for c in line.strip("|").split("|"))
            blocks.append(Block("table_row", line, paragraph, cells))
        elif _BULLET_RE.match(line) or _NUMBERED_ITEM_RE.match(line):
            blocks.append(Block("list_item", line, paragraph))
        else:
            blocks.append(Block("paragraph", line, paragraph))
    return blocks


# --------------------------------------------------------------------------------------------
# blocks -> sentences


class _MinisterialEnglish(English):
    """pySBD's English rules with the abbreviations of parliamentary answers added."""

    class Abbreviation(English.Abbreviation):
        # "Hon." and "Rt." are followed by a capital ("Hon. Friend", "Rt. Hon. Member") and
        # must not end a sentence, so they are prepositive like "Mr.".
        ABBREVIATIONS: ClassVar[list[str]] = [
            *English.Abbreviation.ABBREVIATIONS,
            "approx",
            "cllr",
            "para",
            "paras",
            "sch",
            "cf",
            "nb",
            "govt",
            "dept",
        ]
        PREPOSITIVE_ABBREVIATIONS: ClassVar[list[str]] = [
            *English.Abbreviation.PREPOSITIVE_ABBREVIATIONS,
            "hon",
            "rt",
            "cllr",
            "sch",
            "para",
            "paras",
            "no",
            "nos",
        ]


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.language_module = _MinisterialEnglish
    return segmenter


# Spans that must never be cut: web addresses, e-mail addresses and enumerators inside a sentence.
_PROTECT_RE = re.compile(
    r"""
    (?:https?://|www\.)[^\s<>"]+[^\s<>".,;:!?)\]]   # a web address, without closing punctuation
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                  # an e-mail address
    | \b[\w-]+(?:\.[\w-]+)*\.(?:gov|nhs|org|ac|co|police|parliament|mod)\.uk\b
      (?:/[^\s<>"]*[^\s<>".,;:!?)\]])?                # a domain without https://
    | (?i:\bgov\.uk\b)
    | \((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)         # (a) (b) (ii) (3)
    """,
    re.VERBOSE,
)
# Two sentences glued together with no space: "did not collect this data.However, ministers".
_GLUED_RE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+\b)")
_ONLY_PUNCTUATION_RE = re.compile(r"^[\W_]*$")
_URL_ONLY_RE = re.compile(r"^\(?(?:https?://|www\.)\S+\)?\.?$")
# A line that carries on the sentence of the line before: "(a) new arguments," then "b) new
# evidence, and". The line before ends mid-sentence; this one starts in lower case or with an
# enumerator.
_UNFINISHED_END_RE = re.compile(r"(?:[,;]|\b(?:and|or|but|including))$", re.I)
_CONTINUATION_START_RE = re.compile(r"^(?:[a-z]|\(?(?:[a-z]|[ivx]{1,4})\)\s)")


def _protect(text: str) -> tuple[str, list[str]]:
    saved: list[str] = []

    def keep(match: re.Match[str]) -> str:
        saved.append(match.group(0))
        return f"\ue000{len(saved) - 1}\ue001"

    return _PROTECT_RE.sub(keep, text), saved


def _restore(text: str, saved: list[str]) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: saved[int(m.group(1))], text)


# Characters after which pySBD may end a sentence or start a list item ("a) part time").
_MAY_END_SENTENCE_RE = re.compile(r"[.!?…;:)\n\r\u2026\u2029]")


# pySBD re-scans the whole line for every abbreviation it meets, so its time grows with the
# square of a line's length: a 40,000-word paragraph took 37 s. Lines longer than this are cut
# first at a sentence end ("... plan. The ...") near each LONG_LINE_CHARS, else at a space. No
# line of the shared corpus is this long (the longest is 1,468 characters), so no corpus result
# changes.
LONG_LINE_CHARS = 5000
_CUT_AT_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"‘'(])")


def _long_line_parts(line: str) -> list[str]:
    parts = []
    start = 0
    while len(line) - start > LONG_LINE_CHARS:
        window = line[start + LONG_LINE_CHARS // 2 : start + LONG_LINE_CHARS]
        ends = list(_CUT_AT_SENTENCE_END_RE.finditer(window))
        if ends:
            cut = start + LONG_LINE_CHARS // 2 + ends[-1].end()
        else:
            space = window.rfind(" ")
            cut = (
                start + LONG_LINE_CHARS // 2 + space + 1 if space >= 0 else start + LONG_LINE_CHARS
            )
        parts.append(line[start:cut])
        start = cut
    parts.append(line[start:])
    return parts


def _with_dropped_text(line: str, segments: list[str]) -> list[str]:
    """pySBD's segments, plus any text of ``line`` it left out (it drops a trailing "!!" after
    a full stop, found by the property tests): nothing of an answer may go missing."""
    pieces: list[str] = []
    position = 0
    for segment in segments:
        core = segment.strip()
        found = line.find(core, position) if core else -1
        if found < 0:
            pieces.append(segment)
            continue
        if line[position:found].strip():
            pieces.append(line[position:found])
        pieces.append(segment)
        position = found + len(core)
    if line[position:].strip():
        pieces.append(line[position:])
    return pieces


def split_sentences(line: str) -> list[str]:
    """Split one line of prose into sentences (pySBD plus the rules in the module docstring)."""
    line = line.strip()
    if not line:
        return []
    if len(line) > LONG_LINE_CHARS:
        return [sentence for part in _long_line_parts(line) for sentence in split_sentences(part)]
    if not _MAY_END_SENTENCE_RE.search(line[:-1]):
        # Nothing before the last character could end a sentence: pySBD would return the line
        # whole (checked on every line of the shared corpus), and costs a few ms to say so.
        return [line]
    masked, saved = _protect(line)
    pieces: list[str] = []
    for piece in _with_dropped_text(masked, _segmenter().segment(masked)):
        for part in _GLUED_RE.split(piece):
            part = part.strip()
            if part:
                pieces.append(part)
    sentences: list[str] = []
    for piece in pieces:
        text = _restore(piece, saved).strip()
        if sentences and _ONLY_PUNCTUATION_RE.match(text):
            # A lone "." or ")" left after a link or a bracket belongs to the sentence before.
            sentences[-1] = sentences[-1] + text
        elif text:
            sentences.append(text)
    return sentences


def _strip_marker(text: str) -> str:
    text = _BULLET_RE.sub("", text, count=1)
    return _NUMBERED_ITEM_RE.sub("", text, count=1).strip()


def _continues(previous: str, first: str) -> bool:
    """Does ``first`` (the start of a new line) finish the sentence ``previous``?"""
    previous = previous.rstrip()
    if _URL_ONLY_RE.match(first):
        return previous.endswith(":")
    if _UNFINISHED_END_RE.search(previous):
        return bool(_CONTINUATION_START_RE.match(first))
    return previous.endswith(":") and first[:1].islower()


def split_text(text: str) -> SplitText:
    """Sentences of a plain-text (or HTML) answer in reading order, and its table rows apart.

    A line that is only a web address, after a sentence that ends with a colon ("available at
    the following link:"), is part of that sentence; so is a line that finishes a sentence the
    line before left open ("... in (a) 2021," then "(b) 2022"). Empty text gives no sentences.
    """
    blocks = text_to_blocks(text or "")
    sentences: list[Sentence] = []
    rows: list[tuple[str, ...]] = []
    for block in blocks:
        if block.kind == "table_row":
            rows.append(block.cells)
            continue
        is_item = block.kind == "list_item"
        body = _strip_marker(block.text) if is_item else block.text
        previous = sentences[-1] if sentences else None
        found = split_sentences(body)
        if previous is not None and found and _continues(previous.text, found[0]):
            joined = f"{previous.text} {found.pop(0)}"
            sentences[-1] = Sentence(joined, previous.paragraph, previous.is_list_item)
        for sentence in found:
            sentences.append(Sentence(sentence, block.paragraph, is_item))
    return SplitText(sentences, rows)


def sentences(text: str) -> list[str]:
    """Just the sentence strings of :func:`split_text`."""
    return [s.text for s in split_text(text).sentences]
