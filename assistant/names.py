"""Proper names a question gives ("huyện Bình Sơn", "Sở Xây dựng") and whether the reports say them.

A figure found for a district in a report that never names it is someone else's figure: the
answerer abstains instead. Names are compared folded, word pair by word pair, with the misread
letters of a scanned report tolerated.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.compose import Draft
from assistant.footnotes import NOTE_DEF
from assistant.query import INDEX_NAME, Query
from assistant.thesaurus import ACRONYMS
from assistant.reading import analyse, said_words
from index.passage import Passage
from ingest.vietnamese import fold, folded_tokens, nfc


_BODY_HEADS = {"so", "ban", "phong", "cuc", "huyen", "xa", "tinh"}


def proper_names(question: str) -> list[str]:
    """Runs of two or more Title-case words ("Bình Sơn", "Ban Thanh", "Sơn La"); the question's first word (capital
    by position) only when it heads a body ("Sở Giao thông vận tải …")."""
    names, run, last_end = [], [], -1
    for k, m in enumerate(re.finditer(r"[^\W\d_]+", question)):
        w = m.group(0)
        starts = k == 0 or re.search(r"[.?!:;]\s*$", question[: m.start()]) is not None  # capitalised by position
        # a body's head word opens a name even at the start ("Sở Giao thông vận tải … được bao nhiêu?")
        title = (not starts or fold(w) in _BODY_HEADS) and len(w) > 1 and w[0].isupper() and w[1:].islower()
        joined = run and re.fullmatch(r"[ -]+", question[last_end : m.start()] or "x")
        if title and (not run or joined):
            run.append(w)
        else:
            if len(run) > 1:
                names.append(" ".join(run))
            run = [w] if title else []
        last_end = m.end()
    if len(run) > 1:
        names.append(" ".join(run))
    return names


def _one_edit(a: str, b: str) -> bool:
    """`b` read from a scan is `a` with one letter misread, inserted or dropped (words under 4 letters: only
    a letter read as a sign, "s&" for "sở")."""
    if a == b:
        return True
    if len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1 and any(x != y and not y.isalpha() for x, y in zip(a, b)):
        return True
    if min(len(a), len(b)) < 3 or max(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _vowel_misread(a: str, b: str) -> bool:
    """`b` read from a scan is `a` with one vowel read as another ("phe" for "phó", "vin" for "văn")."""
    diff = [(x, y) for x, y in zip(a, b) if x != y] if len(a) == len(b) else []
    return len(diff) == 1 and diff[0][0] in "aeiouy" and diff[0][1] in "aeiouy"


_PAIRS: dict[str, tuple[frozenset[str], frozenset[tuple[str, str]]]] = {}


def _word_pairs(p: Passage) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Adjacent folded word pairs of a passage (with its headings and issuer), and, for a scan, its raw
    pairs with signs kept inside words (OCR reads letters as "&", "€", digits); cached per chunk."""
    key = f"{p.chunk.chunk_id}\x00{hash(p.chunk.text)}"
    if key not in _PAIRS:
        toks = folded_tokens(" ".join([p.chunk.text, " ".join(p.chunk.heading_path), p.meta.issuer or "", p.meta.title or ""]))
        raw = re.findall(r"[^\s.,;:()\"“”]+", analyse(p.chunk).folded) if p.meta.low_ocr_quality else []
        if len(_PAIRS) > 20000:
            _PAIRS.clear()
        _PAIRS[key] = (frozenset(f"{a} {b}" for a, b in zip(toks, toks[1:])), frozenset(zip(raw, raw[1:])))
    return _PAIRS[key]


# Generic heads of institution names: the specific part follows ("Sở Tư pháp", "Huyện Bình Sơn").
_NAME_HEADS = {"so", "ban", "phong", "cuc", "chi", "trung", "van", "bo", "uy", "huyen", "xa", "tinh", "thi", "hoi",
               "nha", "truong", "vien", "toa", "quy", "doan", "tong", "dang"}


def missing_names(question: str, passages: list[Passage], indices: bool = True) -> list[str]:
    """Proper names of the question that none of the reports read mentions.

    A figure found for "huyện Bình Sơn" in a report that never names Bình Sơn is someone else's
    figure: such a question is better answered "không tìm thấy". Names are compared folded, word
    pair by word pair ("Sở Công Thương Quảng Ngãi" is two names side by side); in a scanned
    report a word may differ by one misread letter ("S& Noi vu").
    """
    names = proper_names(nfc(question))
    unnamed = _missing_indices(question, passages) if indices else []
    if not names:
        return unnamed
    pairs: set[str] = set()
    scanned: set[tuple[str, str]] = set()
    for p in passages:
        own, read = _word_pairs(p)
        pairs |= own
        scanned |= read

    def pair_found(a: str, b: str) -> bool:
        # beside a word read right, a scan may put one vowel for another ("Phé Chanh Vin phong")
        return f"{a} {b}" in pairs or any(
            (_one_edit(a, x) and _one_edit(b, y)) or (a == x and _vowel_misread(b, y)) or (b == y and _vowel_misread(a, x))
            for x, y in scanned)

    def said(words: list[str]) -> bool:
        hits = [pair_found(a, b) for a, b in zip(words, words[1:])]
        return all((i > 0 and hits[i - 1]) or (i < len(hits) and hits[i]) for i in range(len(words)))

    def capitalised(head: str, rest: str) -> bool:
        # a list drops the head but keeps the capital: "Tư pháp 92,6%" (the verb "xây dựng" is no "Sở Xây dựng");
        # another head before it names another body ("Phòng Tài nguyên …" is no "Sở Tài nguyên …")
        pattern = re.compile(r"(?<!\w)" + re.escape(rest) + r"(?!\w)")
        for p in passages:
            text = nfc(" ".join([p.chunk.text, " ".join(p.chunk.heading_path), p.meta.issuer or ""]))
            for m in pattern.finditer(text):
                before = folded_tokens(text[max(0, m.start() - 12) : m.start()])[-1:]
                if not before or before[0] == head or before[0] not in _NAME_HEADS:
                    return True
        return False

    def found(name: str, tail: str) -> bool:
        words = folded_tokens(name)
        if words[0] in _NAME_HEADS:
            if len(words) == 2:  # "Sở Tư pháp", "Ban Thanh tra": the name goes on in lower case
                rest = name.split(" ", 1)[1] + (" " + tail if tail else "")
                # (said as it is typed first: "Quy Nhơn" is a city, not a "Quỹ …" going on in "tiếp")
                return said(words) or said(folded_tokens(f"{name} {tail}")) or capitalised(words[0], rest)
            return said(words) or said(words[1:])  # "(Sở) Công Thương 96,5%": lists drop the head
        return said(words)

    def tail_of(name: str) -> str:
        m = re.search(re.escape(name) + r"\s+([^\W\d_]+)", nfc(question))
        return m.group(1) if m and m.group(1).islower() else ""

    def district_office(name: str) -> bool:
        # "Phòng Nội vụ huyện Krông Pắc": a district's office of a field, found where the district is and the
        # passages speak of the field ("… lĩnh vực Nội vụ tại cấp huyện", a report of the Sở Nội vụ)
        m = re.search(re.escape(name) + r"(\s+[^\W\d_]+)*?\s+(?:huyện|thị xã|thành phố|TP\.?)\s", nfc(question))
        if not m or folded_tokens(name)[0] != "phong":
            return False
        field = folded_tokens(m.group(0))[1:-1]
        field = field[: next((i for i, w in enumerate(field) if w in ("huyen", "thi", "thanh", "tp")), len(field))]
        return any(" ".join(field) in " ".join(folded_tokens(f"{p.chunk.text} {' '.join(p.chunk.heading_path)} "
                                                               f"{p.meta.issuer or ''}")) for p in passages)

    # the report's signer places the whole report ("báo cáo do ông Trần Bình Minh ký"), as its issuer does
    signers = {fold(p.meta.signer) for p in passages if p.meta.signer}
    return [n for n in names if fold(n) not in signers and not found(n, tail_of(n)) and not district_office(n)] + unnamed


# The administration's own acronyms ("UBND", "TTHC"): the vocabulary of every report, never an index's name.
_COMMON = {"ubnd", "hdnd", "mttq", *ACRONYMS}


def indices_asked(question: str) -> list[str]:
    """The indices the question names by an acronym ("Chỉ số SIPAS", "PAR Index"), folded."""
    return list(dict.fromkeys(fold(a or b) for a, b in INDEX_NAME.findall(nfc(question))))


def index_said(key: str, folded: str) -> bool:
    """Does the folded text name the index `key` ("sipas"): by its letters, by the words of a known acronym
    ("cải cách hành chính" for "cchc"), or by words with its initials?"""
    return key in said_words(folded) or _initials_said(key, folded)


def _missing_indices(question: str, passages: list[Passage]) -> list[str]:
    """The indices the question names by an acronym ("Chỉ số PCI", "điểm PAPI") that none of the reports read
    writes: an index the reports never name is not one whose figure they give. An acronym a user makes of words
    the reports spell out is said by those words; one the question explains itself ("Chỉ số … hành chính công
    (PAPI)") is a second name of what it spells out."""
    typed = nfc(question)
    asked = list(dict.fromkeys(a or b for a, b in INDEX_NAME.findall(typed)))
    if not asked or not passages:
        return []
    text = " ".join(fold(f"{p.chunk.text} {' '.join(p.chunk.heading_path)} {p.meta.issuer or ''} {p.meta.title or ''}")
                    for p in passages)
    tokens = set(re.findall(r"[a-z0-9]+", text))
    out = []
    for a in asked:
        key = fold(a)
        if key in _COMMON or key in tokens or _initials_said(key, text):
            continue
        out.append(a)
    return out


def _initials_said(key: str, folded: str) -> bool:
    """Do some words of the text run with these initials ("thanh tra nhân dân" for "ttnd"; "và" may stand between:
    "thông tin và truyền thông" for "tttt")?"""
    words = re.findall(r"[a-z]+", folded)
    n = len(key)
    for skip_va in (False, True):
        seq = [w for w in words if not (skip_va and w == "va")]
        if any("".join(w[0] for w in seq[i : i + n]) == key for i in range(len(seq) - n + 1)):
            return True
    return False


def _without_unquoted_notes(p: Passage, quotes: list[str]) -> Passage:
    """The passage without the footnotes the answer does not quote: a district named in a note below a
    figure ("[8] UBND xã Đức Minh (huyện Mộ Đức); …") is not where that figure was counted."""
    lines = p.chunk.text.split("\n")
    kept = [ln for ln in lines if not (NOTE_DEF.match(ln) and not any(q.strip() and q.strip() in ln for q in quotes))]
    if len(kept) == len(lines):
        return p
    return replace(p, chunk=replace(p.chunk, text="\n".join(kept)))


_ADDRESSED = re.compile(r"^.*\bkinh\s+g\S*.*$", re.MULTILINE)  # folded: "Kính gửi: Sở Nội vụ" (a scan: "Kinh gtri")


def _addressee(p: Passage) -> Passage | None:
    """The report's opening chunk cut to its "Kính gửi" line, if it has one."""
    folded = fold(p.chunk.text)
    m = _ADDRESSED.search(folded)
    if not m or len(folded) != len(p.chunk.text):
        return None
    return replace(p, chunk=replace(p.chunk, text=p.chunk.text[m.start() : m.end()], heading_path=[]), meta=replace(p.meta, issuer=None))


def draft_missing_names(query: Query, draft: Draft, passages: list[Passage]) -> list[str]:
    """Names the question gives ("huyện Mộ Đức", "Sở Xây dựng") that no passage the draft quotes says.

    A report may name a district in a footnote and count documents elsewhere: a figure quoted from a
    passage silent about the name is not that district's figure. The province and the unit asked
    place the whole report, so they need not be repeated in the passage.
    """
    if draft.abstained or len(query.provinces) > 1:  # a comparison of two provinces quotes each apart
        return []
    cited = {c.chunk_id for c in draft.citations}
    quotes = [c.quote for c in draft.citations]
    quoted = [_without_unquoted_notes(p, quotes) for p in passages if p.chunk.chunk_id in cited]
    setting = fold(" ".join(filter(None, [query.unit, query.province,
                                          *(f"{p.meta.issuer or ''} {p.meta.signer or ''}" for p in quoted)])))
    # so does the one the report is addressed to ("Kính gửi: Sở Nội vụ"): "báo cáo … gửi Sở Nội vụ" names it
    docs = {p.doc_id for p in quoted}
    opening = [_addressee(p) for p in passages if p.doc_id in docs and p.chunk.chunk_id.endswith("#0000")]
    opening = [p for p in opening if p is not None]
    unopened = set(missing_names(query.question, opening, indices=False)) if opening else None
    return [n for n in missing_names(query.question, quoted, indices=False)
            if fold(n) not in setting and (unopened is None or n in unopened)]
