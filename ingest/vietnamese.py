"""Vietnamese text primitives shared by every stage.

NFC normalisation, accent folding ("Tiếp công dân" -> "tiep cong dan"),
syllable tokens for BM25, and the report's number formats ("1.076" = 1076,
"99,8%" = 99.8).  Kept dependency-free so ingest, index, assistant and eval
all agree on the same definitions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})

# A syllable: letters (any script, incl. combining marks after NFC) and digits,
# keeping in-number separators ("1.076", "99,8", "04/2015").
_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*%?|[^\W\d_]+", re.UNICODE)

# Vietnamese letters that carry a diacritic (tone or vowel mark) or đ.
_PLAIN = set("abcdefghijklmnopqrstuvwxyz")


def nfc(text: str) -> str:
    """Unicode NFC: PDF extraction leaves decomposed (NFD) fragments that must match composed text."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case and strip every diacritic: the form in which OCR text and typed-without-accents queries meet."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).lower()


def place_key(text: str | None) -> str:
    """One accent-, hyphen- and prefix-insensitive form of a place or office name for matching.

    "tỉnh Bà Rịa - Vũng Tàu", "Ba Ria-Vung Tau" -> "ba ria vung tau"; "TP. Hồ Chí Minh" -> "ho chi minh".
    """
    s = " ".join(fold(text or "").replace("-", " ").split())
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
        if s.startswith(prefix):
            return s[len(prefix) :]
    return s


def tokens(text: str) -> list[str]:
    """Lower-cased syllables and numbers of NFC text (Vietnamese words are space-separated syllables)."""
    return _TOKEN.findall(nfc(text).lower())


def folded_tokens(text: str) -> list[str]:
    """Syllables with diacritics removed."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """`fold` of one character, cached: diacritic_ratio runs over whole reports."""
    return fold(ch)


def diacritic_ratio(text: str) -> float:
    """Share of Latin letters that carry a Vietnamese diacritic or are đ.

    Clean Vietnamese prose scores around 0.35-0.45; OCR that lost its accents
    scores far lower. Used as the per-document OCR-quality measure.
    """
    letters = marked = 0
    for ch in nfc(text).lower():
        if not ch.isalpha():
            continue
        base = _fold_char(ch)
        if len(base) != 1 or base not in _PLAIN:
            continue
        letters += 1
        if ch != base:
            marked += 1
    return marked / letters if letters else 0.0


# --- numbers -----------------------------------------------------------------

# A figure as reports write it: "1.076", "99,8%", "07", "56.703", "2,5"; not a value in a web address ("…&lan=1").
# The first part of a share of things ("1.093/1.112 thôn", "46/46 phản ánh", a rank "xếp thứ 19/63.") is a figure; a date ("14/8 năm",
# "01/6/2023"), a document number ("59/2023/NĐ-CP", "01/KH-UBND") or the part after "/" is not.
_OF_TOTAL = r"/(?:\d{1,3}(?:\.\d{3})+|[2-9]\d|1[3-9]|\d{3})(?:\s+[^\W\d_]|\s*[.,;:)](?!\d)|\s*$)"
NUMBER = re.compile(
    r"(?<![\w.,/=])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:(%)|(?=" + _OF_TOTAL + r")|(?![\w/%]|[.,]\d))"
)


def parse_number(text: str) -> float | None:
    """Parse one Vietnamese-formatted figure: "1.076" -> 1076, "99,8" -> 99.8, "07" -> 7.

    Dots group thousands and the comma is the decimal mark. A lone "2.5" with a
    non-3-digit group is read as a decimal, as some reports write it.
    """
    s = text.strip().rstrip("%").strip()
    if not s:
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    elif not re.fullmatch(r"\d+(?:\.\d+)?", s):
        return None
    try:
        return float(s)
    except ValueError:
        return None


def number_key(text: str) -> str | None:
    """Canonical form for comparing figures: "1.076" and "1076" -> "1076"; "99,8%" -> "99.8%"."""
    value = parse_number(text)
    if value is None:
        return None
    core = f"{value:.6f}".rstrip("0").rstrip(".")
    return core + ("%" if text.strip().endswith("%") else "")


def find_numbers(text: str) -> list[str]:
    """Every standalone figure in `text`, as written ("40" is not found inside "40.927" or "04/2015")."""
    return [m.group(1) + (m.group(2) or "") for m in NUMBER.finditer(nfc(text))]


def number_keys(text: str) -> set[str]:
    """Canonical keys of every figure in `text` (percent and plain both kept for "99,8%")."""
    keys: set[str] = set()
    for raw in find_numbers(text):
        key = number_key(raw)
        if key:
            keys.add(key)
            keys.add(key.rstrip("%"))
    return keys


# A Vietnamese syllable without its diacritics: onset, one to three vowels, coda.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")


# Finals a vowel cannot take: "-ng"/"-c" never follow a bare "i"/"y" (that is "-nh"/"-ch"), "-nh"/"-ch" never "o"/"u".
_BAD_FINAL = re.compile(r"(?:[iy](?:ng|c)|[ou](?:nh|ch))$")


def is_syllable(folded_word: str) -> bool:
    """Could this folded word be a Vietnamese syllable? OCR debris often cannot ("hudng", "ndp", "lugt", "ding")."""
    return _SYLLABLE.fullmatch(folded_word) is not None and not _BAD_FINAL.search(folded_word)
