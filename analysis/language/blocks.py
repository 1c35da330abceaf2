"""Answer HTML or plain text -> blocks (paragraph lines, list items, table rows) -> plain text.

Written answers arrive as HTML (``<p>``, ``<br>``, lists, tables, links). The plain text this
module makes keeps what a reader sees and the breaks between blocks:

* paragraphs (``<p>``, ``<div>``, headings) are separated by a blank line;
* a ``<br>`` becomes a line break, and a line break is always a sentence boundary;
* list items become lines starting ``- `` (bulleted) or ``1. `` (numbered);
* table rows become lines of pipe-separated cells, ``| cell | cell |``. Table cells are not
  sentences: :func:`analysis.language.text.split_text` keeps them apart, so they never reach
  readability or labels;
* a link keeps its text; where that text does not show the address (``here``, a title) the
  address follows in brackets, so a reader can still check the source;
* entities are decoded and non-breaking or zero-width spaces normalised.

:func:`text_to_blocks` reads such plain text (or HTML) back into blocks.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, urlparse

from bs4 import BeautifulSoup, NavigableString, Tag

BlockKind = Literal["paragraph", "list_item", "table_row"]
_BLANK_LINES_RE = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Block:
    """One line of an answer: a paragraph (or a line of one), a list item or a table row."""

    kind: BlockKind
    text: str
    paragraph: int
    cells: tuple[str, ...] = ()


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


def strip_list_marker(text: str) -> str:
    """A list item's text without its bullet or enumerator ("- ", "1. ", "(a) ")."""
    text = _BULLET_RE.sub("", text, count=1)
    return _NUMBERED_ITEM_RE.sub("", text, count=1).strip()
