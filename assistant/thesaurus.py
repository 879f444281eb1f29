"""Words a report and a question use for the same thing ("xử lý" / "giải quyết", "chậm" / "trễ hạn").

Reports write the administrative vocabulary ("đã giải quyết", "trễ hạn", "đang giải quyết");
users paraphrase it ("xử lý xong", "bị chậm", "còn tồn"). A sentence that says one phrase of a
group is taken to say every phrase of it, so coverage of the question's words does not depend on
which of the equivalent phrasings the writer chose. Groups are folded (no diacritics) and kept
small: only phrasings that are interchangeable in periodic reports.
"""

from __future__ import annotations

import re

GROUPS: list[list[str]] = [
    ["giai quyet", "xu ly"],
    ["da giai quyet", "giai quyet xong", "xu ly xong", "da xu ly"],
    ["tre han", "qua han", "cham", "tre hen", "cham tre", "qua thoi han"],
    ["dang giai quyet", "chua giai quyet", "ton", "ton dong", "dang xu ly", "chua xu ly", "do dang"],
    ["dung han", "dung hen", "dung thoi han"],
    ["truoc han", "som han", "som"],
    ["tiep cong dan", "tiep dan"],
    ["ty le", "phan tram"],
    ["buu chinh", "buu dien"],
    ["rut ngan", "cat giam", "cat ngan", "giam bot"],  # of a time limit: "cắt giảm 50% thời hạn", "rút ngắn thời gian"
    # the reports' own acronyms, either way round ("TT&TT" folds to "tt&tt", read as "tttt")
    ["tthc", "thu tuc hanh chinh"],
    ["pvhcc", "phuc vu hanh chinh cong"],
    ["cchc", "cai cach hanh chinh"],
    ["tttt", "thong tin va truyen thong", "thong tin truyen thong"],
    # levels of government: a procedure "cấp xã" is not one "cấp tỉnh" or "cấp huyện"
    ["cap tinh"],
    ["cap huyen"],
    ["cap xa"],
    # kinds of petition: a complaint (khiếu nại) is not a denunciation (tố cáo)
    ["khieu nai"],
    ["to cao"],
]

# Groups that exclude each other when they qualify the same thing: a case "trễ hạn" is not one settled
# "đúng hạn" or "trước hạn"; a case "đang giải quyết" is not one "đã giải quyết".
OPPOSED: list[tuple[str, str]] = [
    ("tre han", "dung han"),
    ("tre han", "truoc han"),
    ("da giai quyet", "dang giai quyet"),
    ("cap tinh", "cap huyen"),
    ("cap tinh", "cap xa"),
    ("cap huyen", "cap xa"),
    ("khieu nai", "to cao"),
]

# The reports' acronyms and the phrases they stand for ("tthc": "thủ tục hành chính"): in a text, "TTHC" is
# never another run of words with those initials ("tồn tại, hạn chế")
ACRONYMS = {g[0]: set(g[1:]) for g in GROUPS if " " not in g[0] and len(g) > 1}

_GROUP_OF = {phrase: i for i, group in enumerate(GROUPS) for phrase in group}
_WORDS = [{w for p in group for w in p.split()} for group in GROUPS]
_OPPOSITE_OF: dict[int, set[int]] = {}
for _a, _b in OPPOSED:
    _OPPOSITE_OF.setdefault(_GROUP_OF[_a], set()).add(_GROUP_OF[_b])
    _OPPOSITE_OF.setdefault(_GROUP_OF[_b], set()).add(_GROUP_OF[_a])
_KINDS = {_GROUP_OF["khieu nai"], _GROUP_OF["to cao"]}
_ANY = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(_GROUP_OF, key=len, reverse=True)) + r")\b")


_DEBRIS = re.compile(r"[^a-z0-9\s.,;:()%/|-]")


def without_debris(folded: str) -> str:
    """The folded text without the signs a scan puts inside words ("tré& han", "ty 1€"), so that a phrase
    it says is found."""
    return _DEBRIS.sub("", folded)


def equivalents(folded: str) -> set[str]:
    """Syllables of every phrase equivalent to one the folded text says."""
    out: set[str] = set()
    # OCR debris inside a phrase ("tré& han") must not hide it
    for m in _ANY.finditer(without_debris(folded)):
        out |= _WORDS[_GROUP_OF[m.group(0)]]
    return out


def _groups_said(folded: str) -> set[int]:
    return {_GROUP_OF[m.group(0)] for m in _ANY.finditer(without_debris(folded))}


def opposed_said(folded: str) -> list[tuple[int, int, list[str]]]:
    """Each phrase with an opposite that the folded text says ("cap xa"), as (start, end, the phrases of
    its opposite groups): a follow-up "còn cấp xã?" puts it in the place of the last turn's "cấp tỉnh"."""
    return [(m.start(), m.end(), [p for o in sorted(_OPPOSITE_OF[_GROUP_OF[m.group(0)]]) for p in GROUPS[o]])
            for m in _ANY.finditer(folded) if _GROUP_OF[m.group(0)] in _OPPOSITE_OF]


def cases_asked(asked: str) -> frozenset[int]:
    """The groups with opposites that the folded question says ("trễ hạn", "chưa giải quyết xong"): read
    once per question, then compared with each figure's words by `case_agreement`."""
    return frozenset(g for g in _groups_said(asked) if g in _OPPOSITE_OF)


def case_agreement(cases: frozenset[int], said: str) -> float:
    """The share of the asked cases (`cases`, from `cases_asked`) the folded text `said` qualifies its figure
    with ("đang giải quyết 1.853 hồ sơ" for "chưa giải quyết xong": 1), -1 when it says an asked case's
    opposite instead ("trước hạn và đúng hạn 25.012 hồ sơ" for "trễ hạn"), 0 when the question asks no such
    case or the text says none. Each asked case counts on its own: "trễ hạn … ở cấp xã" agrees on "trễ hạn"
    but is -1 for "cấp tỉnh"; "trễ hạn 3.113" (no level) is 0.5 for "cấp tỉnh … trễ hạn". A petition's kind
    (khiếu nại, tố cáo) only excludes: it gives the -1 and counts in no share."""
    if not cases:
        return 0
    in_text = _groups_said(said)
    if any(_OPPOSITE_OF[g] & in_text and g not in in_text for g in cases):
        return -1.0
    graded = cases - _KINDS  # a petition's kind only excludes ("khiếu nại" asked, "tố cáo" said), it ranks nothing
    return len(graded & in_text) / len(graded) if graded else 0.0


# How reports say a level below the province: "UBND cấp xã", "các xã, phường, thị trấn", "Bộ phận Một cửa cấp
# huyện", "các huyện, thị xã, thành phố". A figure for that level is said with one of them nearby.
_LEVELS = {
    "cap xa": r"\b(?:cap xa|(?:cac |tai |o )?xa,? phuong|ubnd (?:cac )?xa|cac xa)\b",
    "cap huyen": r"\b(?:cap huyen|(?:cac )?huyen,? (?:thi xa|thanh pho)|ubnd (?:cac )?huyen|cac huyen)\b",
}


def lower_level_asked(asked: str) -> re.Pattern | None:
    """The ways reports say the level below the province that the folded question asks about ("cấp xã"),
    None when it asks none or several."""
    said = [level for level in _LEVELS if re.search(rf"\b{level}\b", asked)]
    return re.compile(_LEVELS[said[0]]) if len(said) == 1 else None


def kind_agreement(cases: frozenset[int], said: str) -> float:
    """1 when the folded text says the one petition kind asked ("khiếu nại"): ranked apart from the other cases,
    which every figure of one sentence about complaints would otherwise share."""
    kinds = cases & _KINDS
    # both asked ("tính gộp cả khiếu nại và tố cáo"): the total is asked, which a part naming one kind is not
    return float(bool(kinds & _groups_said(said))) if len(kinds) == 1 else 0.0


def kind_unsaid(cases: frozenset[int], own: str, context: str) -> bool:
    """True when one petition kind is asked ("bao nhiêu vụ tố cáo") and neither the figure's own folded words
    nor its context (paragraph, heading, table row) name that kind alone: "Số vụ việc: 1.874" under "tiếp công
    dân đến khiếu nại, tố cáo" counts petitions of every kind; under "Về tố cáo:" it counts denunciations."""
    kinds = cases & _KINDS
    if len(kinds) != 1 or kinds & _groups_said(own):
        return False
    return _KINDS & _groups_said(context) != kinds


def alternatives(phrase: str) -> list[str]:
    """The folded phrase and the phrases of its group ("buu dien" -> "buu chinh", "buu dien")."""
    group = _GROUP_OF.get(phrase)
    return [phrase] if group is None else list(GROUPS[group])
