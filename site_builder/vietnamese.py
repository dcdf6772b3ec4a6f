"""Vietnamese text: folding for search, alphabetical order, slugs and dates."""

from __future__ import annotations

import functools
import unicodedata
from datetime import date, datetime

from slugify import slugify

# The Vietnamese alphabet; letters with a breve, circumflex or horn are letters of their own.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
# Tone order used by dictionaries: none, grave, hook, tilde, acute, dot below.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def fold(text: str) -> str:
    """Lower-case text without tone marks or letter marks, with đ as d: what readers type."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@functools.cache
def _letter(char: str) -> tuple[int, int]:
    """A lower-case NFC character's rank in the alphabet and its tone's rank."""
    parts = unicodedata.normalize("NFD", char)
    base, marks = parts[0], parts[1:]
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
    return _LETTER_RANK.get(letter, 100 + ord(base)), max((_TONE_RANK.get(m, 0) for m in marks), default=0)


def _letters(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    # Per character, remembered: sorting 10,000 names took 1.6 s of a large build's render.
    ranks = [_letter(char) for char in unicodedata.normalize("NFC", word.lower())]
    return tuple(rank for rank, _ in ranks), tuple(tone for _, tone in ranks)


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Order by the Vietnamese alphabet (a ă â b c d đ ...), tone marks deciding ties."""
    return _letters(text)


def name_key(name: str) -> tuple[object, ...]:
    """Personal names are looked up by given name (the last word), then the whole name."""
    words = name.split()
    given = words[-1] if words else ""
    return (_letters(given), _letters(name))


@functools.lru_cache(maxsize=4096)
def slug(text: str) -> str:
    # Fields, kinds and priority groups repeat on every record: slugify is slow, its answers few.
    return slugify(text, replacements=[["đ", "d"], ["Đ", "D"]]) or "khac"


def heading_id(value: str, separator: str) -> str:
    """A heading's anchor on a hand-written page, folded as the site's addresses are ("đ" as "d").

    mkdocs.yml hands it to Python-Markdown's table of contents (`toc: slugify:`), whose own
    function drops "đ", which has no decomposition: "Gương điển hình" became #guong-ien-hinh.
    """
    return slugify(value, separator=separator, replacements=[["đ", "d"], ["Đ", "D"]])


def date_short(value: date | datetime) -> str:
    """16/07/2021, the form used in lists and tables."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def date_long(value: date | datetime) -> str:
    """'ngày 16 tháng 7 năm 2021', the form used in running text."""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


def megabytes(size: int) -> str:
    """'1,5 MB': decimal megabytes with a decimal comma, as editors and readers write them."""
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"
