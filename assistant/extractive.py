"""The default offline answerer: quote the report's own clause, never compose a figure.

A count question is answered from the clause that carries a figure attached to
the asked noun ("hơn 1.076 đơn", accent-insensitive so the OCR report works),
scored by IDF-weighted overlap with the question's content words.  List,
yes/no and open questions quote the best sentences.  When the named period has
several reports, or none is named and reports disagree, one line per report.
Weak evidence gives an abstention, not a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.compose import Citations, Draft, abstain, cap_first, period_key, source_phrase
from assistant.extremes import answer_extreme
from assistant.footnotes import Footnotes
from assistant.names import draft_missing_names, index_said, indices_asked, missing_names
from assistant.parts import question_parts
from assistant.query import (ASK_COUNT, MONTHS_OF_YEAR, NOT_NOUN, NOUNS, ROMAN, SIBLING_UNITS, STOPWORDS, Query, asking_fold,
                             compared_at, document_years, known_noun_at, known_noun_span, named_whole, sibling_units,
                             units_named)
from assistant.reading import (ChunkText, Evidence, TermWeights, Unit, pair_syllables, said_words, analyse, coverage,
                               read_chunk)
from assistant.spans import clause_spans, clean_quote, own_phrase, paren_depth, sentence_spans
from assistant.thesaurus import (ACRONYMS, alternatives, case_agreement, cases_asked, kind_agreement, kind_unsaid,
                                 lower_level_asked, without_debris)
from index.passage import Passage
from ingest.document import Period
from ingest.cleaning import CAPTION
from ingest.tables import row_label
from ingest.vietnamese import NUMBER, find_numbers, fold, folded_tokens, is_syllable, nfc, parse_number


@dataclass
class Thresholds:
    """Evidence needed before answering (calibrated on the dev sets, qa.jsonl and qa_test.jsonl, never on qa_holdout)."""

    min_coverage: float = 0.45  # IDF share of question words found in the best sentence + its context
    min_count_coverage: float = 0.35  # same, for the clause carrying the figure
    min_coverage_no_noun: float = 0.6
    min_focus: float = 0.5  # IDF share of a follow-up's own new words its answering sentence must say
    spread_ratio: float = 0.6  # a second report counts as "also answers" above this share of the best score
    per_report_coverage: float = 0.55  # … and when its clause says this share of what the best one's says
    max_open_sentences: int = 2
    max_list_items: int = 6


def question_pairs(query: Query) -> list[str]:
    """Adjacent syllable pairs of the question with at least one content word ("tại chỗ", "trễ hạn").

    Taken from the question as typed, stopwords included: many content words are
    made of syllables that are also function words ("ngay tại chỗ", "bưu chính").
    """
    syl = re.findall(r"[a-z]+", fold(query.standalone))
    topic = set(query.topic)
    return list(dict.fromkeys(f"{a} {b}" for a, b in zip(syl, syl[1:]) if a in topic or b in topic))


def _bigram_bonus(pairs: list[str], folded_text: str, weights: TermWeights) -> float:
    """IDF-weighted share of the question's syllable pairs found in the text, read across commas ("sở, ngành"),
    or said in the thesaurus's other words ("quá hạn" is said by "trễ hạn")."""
    total = sum(weights(p) for p in pairs)
    if not total:
        return 0.0
    text = re.sub(r"\s*,\s*", " ", folded_text)
    return sum(weights(p) for p in pairs if any(alt in text for alt in alternatives(p))) / total


def _noun_at(text: str, noun: str) -> bool:
    """Does `text` start with a surface form of `noun` (and not with a look-alike compound)?

    A literal noun also matches by its first word ("03 Phó" for "Phó Giám đốc"), but not where that
    word begins another noun the reports count ("thư xin lỗi" is not "04 thủ tục").
    """
    for form in _noun_forms(noun):
        m = re.match(re.escape(form) + r"(?![a-z])", text)
        if m and not (form in NOT_NOUN and re.match(NOT_NOUN[form], text[m.end():])):
            if noun.startswith("lit:") and " " not in form and known_noun_at(text) is not None:
                continue
            return True
    return False


def _noun_forms(noun: str | None) -> list[str]:
    if noun and noun.startswith("lit:"):
        words = noun[4:].split()
        return [" ".join(words)] + ([words[0]] if len(words) > 1 and len(words[0]) >= 3 else [])
    return sorted(NOUNS.get(noun, [noun] if noun else []), key=len, reverse=True)


# Nouns a broader question noun also counts ("bao nhiêu người" is answered by "31 công chức, viên chức").
COMPATIBLE = {
    "nguoi": ["cong chuc", "vien chuc", "can bo", "nhan vien", "cong dan", "dang vien", "lao dong", "ca nhan", "dai bieu", "hoc vien"],
    "ca nhan": ["nguoi", "cong chuc", "vien chuc", "can bo"],
    "don": ["don thu"],
    "cuoc hop": ["phien hop", "buoi", "hoi nghi"],
    "van ban": ["quyet dinh", "ke hoach", "cong van", "bao cao", "van ban"],
    "dich vu cong": ["thu tuc", "tthc"],  # "973 thủ tục dịch vụ công trực tuyến"
    # "bao nhiêu trường hợp" counts cases of whatever the sentence counts: dossiers, petitions, people, matters
    "truong hop": ["ho so", "don", "vu viec", "vu", "nguoi", "can bo", "cong chuc", "vien chuc", "ca nhan", "phan anh"],
    "vu viec": ["truong hop"],
}


def _misread_le(folded: str, start: int, end: int) -> bool:
    """OCR read "tỷ lệ" as "ty 1", "ty 18", "ty 1€": not a figure ("tỷ" never precedes a count)."""
    return end - start <= 2 and folded[start] == "1" and re.search(r"\bty\s*$", folded[max(0, start - 4) : start]) is not None


def _is_reference_number(folded: str, start: int, end: int) -> bool:
    """Years, document numbers, section markers, misread words: figures that are not counts."""
    before = folded[max(0, start - 12) : start]
    raw = folded[start:end]
    if _misread_le(folded, start, end):
        return True
    # "tổng số 17.279" and "danh mục 24 TTHC" are counts, "số 906", "mục 2" are not
    if re.search(r"((?<!tong )so|nam|ngay|thang|quy|khoa|lan thu|(?<!danh )muc|dieu|khoan)\s*$", before):
        return True
    if re.fullmatch(r"(19|20)\d\d", raw):
        return True
    # a table cell's label "Lũy kế 9 tháng: 268" names a span of the year, not a count
    if re.fullmatch(r"0?\d|1[0-2]", raw) and re.match(r"\s*thang\s*:", folded[end : end + 10]):
        return True
    return start <= 2 and re.match(r"[.)]", folded[end : end + 1] or "x") is not None


def _fuzzy_noun_at(text: str, noun: str) -> bool:
    """OCR misread one letter of the noun ("lugt" for "lượt", "hd so" for "hồ sơ"); forms of 4+ letters only."""
    for form in _noun_forms(noun):
        want = form.split()
        if len(form.replace(" ", "")) < 4:
            continue
        got = re.match(r"[a-z]+(?: [a-z]+){%d}" % (len(want) - 1), text)
        if not got:
            continue
        words = got.group(0).split()
        if not all(len(w) == len(f) for w, f in zip(words, want)):
            continue
        misread = [(x, y, w) for w, f in zip(words, want) for x, y in zip(w, f) if x != y]
        # a scan garbles marked vowels ("lugt", "thi tuc" for "thủ tục"); a changed consonant
        # that leaves another word is that word ("13 cong tác" is not "13 đồng")
        if len(misread) == 1 and (misread[0][1] in "aeiouy" or not is_syllable(misread[0][2])):
            return True
    return False


# Bare noun forms that, folded, are as often other words: "đồng" ("động", "đông": "Đoàn đông người"), "vụ" ("dịch vụ")
_FOLDS_LIKE_OTHERS = ("dong", "vu")


def attachment(folded: str, start: int, end: int, noun: str | None, fuzzy: bool = False) -> float:
    """How firmly the figure at [start,end) belongs to the asked noun: 1 right before it, 0.7 after "noun …:".

    With `fuzzy` (a scanned report), a noun with one letter misread still attaches, more weakly.
    """
    raw = folded[start:end]
    if noun == "ordinal":
        return 1.0 if re.search(r"\b(?:thu|hang)\s*$", folded[max(0, start - 8) : start]) else 0.0
    if noun == "%":
        return 1.0 if raw.endswith("%") or re.match(r"\s*(%|phan tram)", folded[end : end + 12]) else 0.0
    if noun is None:
        return 0.5
    if raw.endswith("%"):  # a share is not a count of things
        return 0.0
    after = re.sub(r"^/[\d.]+", "", folded[end : end + 50]).lstrip()  # "3.862/4.216 hồ sơ": the total of the share
    after = re.sub(r"^(?:nghin|ngan|trieu)\s+(?=[a-z])", "", after)  # "hơn 42.000 nghìn lượt đánh giá"
    if _noun_at(after, noun):
        return 1.0
    if noun != "luot" and after.startswith("luot ") and _noun_at(after[5:], noun):
        return 0.85  # "thu hút hơn 87.400 lượt người tham dự" counts people, by their visits
    if fuzzy and _fuzzy_noun_at(after, noun):
        return 0.7
    compatible = COMPATIBLE.get(noun.removeprefix("lit:"), [])
    if any(re.match(re.escape(form) + r"(?![a-z])", after) for form in compatible):
        return 0.85
    if fuzzy and any(_fuzzy_noun_at(after, form) for form in compatible):
        return 0.6
    if noun in COMPATIBLE["nguoi"] and _noun_at(after, "nguoi"):
        # "Tổng số viên chức hai đơn vị … là 48 người": people counted as "người" after naming who they are
        said = folded[max(0, start - 160) : start].rsplit(".", 1)[-1]
        if _names_noun(said, noun):
            return 0.7
    before = folded[max(0, start - 60) : start]
    # a literal noun's first word alone ("03 Phó" for "Phó Giám đốc") stands right after its figure only:
    # "Nhà khách Thanh Xuân …, là 48 người" does not name "thành viên"
    for form in _noun_forms(noun)[:1] if noun.startswith("lit:") else _noun_forms(noun):
        if form in _FOLDS_LIKE_OTHERS:
            continue  # "đồng", "vụ" follow their figure; before one they are "động", "dịch vụ" ("dịch vụ công (973 …")
        other = f"(?!{NOT_NOUN[form]})" if form in NOT_NOUN else ""  # "đơn vị và địa phương (97" is not "đơn"
        if re.search(r"(?<![a-z])" + re.escape(form) + other + r"(?![a-z])[^.;()]{0,40}(?::|\bla\b|\bdat\b|\bgom\b|\()\s*(?:hon|khoang|tren|gan|tong cong)?\s*$", before):
            return 0.7
    return 0.0


TABLE_ATTACH = 0.6  # as a bare figure continuing an enumeration of the noun


def table_lead(ct: ChunkText, si: int, p: Passage, passages: list[Passage]) -> str:
    """The folded sentence before a table's first row ("Kết quả giải quyết hồ sơ theo cấp như sau:"): in the
    chunk, or in the chunk before it when the table starts its chunk."""
    k = si
    while k >= 0 and ct.sentences[k].row:
        k -= 1
    if k >= 0:
        return ct.sentences[k].folded
    # the table may have begun in a chunk before: its first rows end that chunk (or fill it), its lead sentence
    # stands above them
    before, seen = _previous_passage(p, passages), {p.chunk.chunk_id}
    while before is not None and before.chunk.chunk_id not in seen:
        lead = next((sent for sent in reversed(analyse(before.chunk).sentences) if not sent.row), None)
        if lead is not None:
            return lead.folded
        seen.add(before.chunk.chunk_id)
        before = _previous_passage(before, passages)
    return ""


def _names_noun(folded: str, noun: str) -> bool:
    """Does the text say `noun` (any of its forms) anywhere? Not by a form in _FOLDS_LIKE_OTHERS alone."""
    return any(re.search(r"(?<![a-z])" + re.escape(f) + r"(?![a-z])", folded) for f in _noun_forms(noun)
               if f not in _FOLDS_LIKE_OTHERS)


def _telling(words: list[str], p: Passage, cache: dict[str, list[str]], question: str) -> list[str]:
    """Question words minus the reporting office's own name ("Văn phòng UBND tỉnh").

    Those words hold for every sentence of its report: they decide whether the report
    is the asked one (coverage), not which of its sentences answers. Only a word the question
    says as part of that name is dropped: "gia" of "Gia Lai" is not the "gia" of "quốc gia".
    """
    if p.doc_id not in cache:
        name = re.findall(r"[a-z]+", fold(p.meta.issuer or ""))
        pairs = {f"{a} {b}" for a, b in zip(name, name[1:])}
        said = re.findall(r"[a-z]+", fold(question))
        named = {w for a, b in zip(said, said[1:]) if f"{a} {b}" in pairs for w in (a, b)}
        cache[p.doc_id] = [w for w in words if w not in named] or words
    return cache[p.doc_id]


# How a figure's features combine into its score. Hand-set: weights fitted to the studied QA sets
# (a conditional logit, left-one-set-out) chose the right figure no more often than these.
FIGURE_WEIGHTS = {
    "clause": 1.0, "sentence": 0.5, "local": 1.0, "pairs": 0.6, "attach": 0.6, "near": 0.8, "focus": 0.8,
    "in_paren": -0.15, "breakdown": -0.1, "retrieval": 0.15, "position": -0.02, "named": 0.5, "own_pairs": 0.25,
    "other_unit": -1.0, "case": 1.0, "manner": -0.6, "channel": 0.2, "last_answer": 0.3,
    "aside": -0.3, "row_named": 0.8, "other_row": -0.6, "target": -0.5, "whole": -0.4, "kind": 0.4,
}

# Sections that are not the period's results: its shortcomings, their causes, the tasks and targets ahead
# ("III. 2. Hạn chế, tồn tại: … còn 03 huyện có tỷ lệ hồ sơ trực tuyến dưới 40%"; "phấn đấu … đạt trên 60%")
# ("nhiệm vụ" alone heads results too: "Kết quả thực hiện nhiệm vụ số hóa"; so does "kiến nghị": "phản ánh, kiến nghị")
_ASIDE = re.compile(r"\b(?:han che|ton tai|nguyen nhan|phuong huong|de xuat|phan dau"
                    r"|nhiem vu (?:trong tam|chu yeu|thoi gian toi|nam (?:19|20)\d\d|quy|6 thang|sau thang))\b")

# How records came in ("trực tuyến", "qua bưu chính"), as a scan may misread it ("tryc tuyén"): a figure
# said of one manner counts a part of the records, not the total a question naming none asks for.
_TARGET = re.compile(r"\b(?:phan dau|chi tieu|muc tieu|ke hoach (?:giao|de ra))\b")
# the whole province ("toàn tỉnh", "các cơ quan … trên địa bàn tỉnh") or a table's total: not the figure of the
# one unit a question names ("Sở Tư pháp nhận bao nhiêu hồ sơ trực tuyến?" is not answered by "toàn tỉnh tiếp
# nhận 178.934 hồ sơ trực tuyến")
_WHOLE = re.compile(r"\b(?:toan tinh|ca tinh|toan nganh|tong cong|tren dia ban (?:toan )?tinh)\b")
_MANNER = re.compile(r"\b(?:tr[a-z]{1,2}c tuy[a-z]n|b[a-z]{1,2}u (?:chinh|dien)|online)\b")


# What is done to what a report counts (folded). A count asked of one of the specific acts ("tuyển dụng mới bao
# nhiêu công chức?", "đã chuyển bao nhiêu đơn?", "số hóa được bao nhiêu hồ sơ?") is not answered by a figure
# whose sentence, paragraph and heading say only other acts ("luân chuyển 03 công chức", "tiếp nhận 81 đơn").
_SPECIFIC_ACTS = ["tuyen dung", "nang luong", "so hoa", "tra lai", "chuyen", "bo nhiem", "khen thuong", "ky luat",
                  "biet phai", "dieu dong", "luan chuyen"]
_SPECIFIC_ACT = re.compile(r"\b(?:" + "|".join(_SPECIFIC_ACTS) + r")\b")
# A count of what there is: "(hiện) có (tất cả / tổng cộng) bao nhiêu/mấy …" (folded)
_STOCK_ASKED = re.compile(r"\bco (?:tat ca |tong cong |tong so )?(?:bao nhieu|may)\b")
_ACTS = re.compile(r"\b(?:" + "|".join(_SPECIFIC_ACTS + ["tiep nhan", "giai quyet", "xu ly", "ban hanh"]) + r")\b")
# What is done with money: "kinh phí bố trí cho …" is not "kinh phí tiết kiệm", nor the "tổng kinh phí" of what
# the people decided to invest in ("quyết định đầu tư 706 công trình … với tổng kinh phí 642,5 tỷ đồng")
_MONEY_ACTS = ["bo tri", "phan bo", "giao du toan", "tiet kiem", "cat giam", "giai ngan", "dau tu", "dong gop",
               "huy dong", "ho tro", "thanh toan", "tai tro"]
_MONEY_ACT = re.compile(r"\b(?:" + "|".join(_MONEY_ACTS) + r")\b")


def _act_lead(folded: str, at: int) -> str:
    """The words just before a figure, and before the colon opening the list it stands in ("bổ nhiệm: 01 Phó
    Chánh Văn phòng, 01 Phó Trưởng ban"): where an act said of it stands."""
    lead = folded[max(0, at - 30) : at]
    colon = folded.rfind(":", max(0, at - 80), at)
    if colon >= 0 and "." not in folded[colon:at]:
        lead = f"{folded[max(0, colon - 30) : colon]} {lead}"
    return lead


# The acts of handling records and petitions, each with the words reports and users say it by (not a bare
# "nhận": folded, "nhắn được" is "nhan duoc" too)
_HANDLING = {"tiep nhan": r"tiep nhan", "giai quyet": r"giai quyet|xu ly", "tra ket qua": r"tra ket qua"}


def handlings(folded: str) -> set[str]:
    """The acts of handling a folded text says ("tiếp nhận", "giải quyết", "trả kết quả"), as _HANDLING keys."""
    return {k for k, v in _HANDLING.items() if re.search(r"\b(?:" + v + r")\b", folded)}


def _just_before_asking(folded_question: str) -> str | None:
    """The last four words before the asking word ("… đã giải quyết xong | bao nhiêu"), None without one: where an
    act asked is said (further back, acts often name a system: "Hệ thống thông tin tiếp nhận, xử lý phản ánh …")."""
    m = ASK_COUNT.search(folded_question)
    return " ".join(re.findall(r"[a-z]+", folded_question[: m.start()])[-4:]) if m else None


def handling_asked(folded_question: str) -> set[str]:
    """The acts of handling said just before the asking word ("đã giải quyết xong bao nhiêu đơn")."""
    before = _just_before_asking(folded_question)
    return handlings(before) if before is not None else set()


# "Sở nhận bao nhiêu đơn?": users say "nhận" for what reports call "tiếp nhận" (not "công nhận", "xác nhận", nor
# "nhắn", which folds alike); read with its marks, or folded when the question was typed without any
_RECEIVED = re.compile(r"(?<!công )(?<!xác )(?<!tiếp )\bnhận\s+(?:\S+\s+){0,3}?(?:bao nhiêu|mấy)\b")
_RECEIVED_FOLDED = re.compile(r"(?<!cong )(?<!xac )(?<!tiep )\bnhan\s+(?:\S+\s+){0,3}?(?:bao nhieu|may)\b")


def received_asked(question: str) -> bool:
    """Does the question ask what was received, by the bare verb "nhận" just before its asking word?"""
    typed = nfc(question).lower()
    if fold(typed) != typed:
        return _RECEIVED.search(typed) is not None
    return _RECEIVED_FOLDED.search(typed) is not None


def act_asked(folded_question: str) -> str | None:
    """The specific act said just before the asking word ("tuyển dụng mới bao nhiêu"), if any."""
    before = _just_before_asking(folded_question)
    if before is None:
        return None
    found = [a for a in _SPECIFIC_ACTS if re.search(r"\b" + a + r"\b", before)]
    return max(found, key=before.rfind) if found else None


SETTING_WEIGHT = 0.4  # weight of the asked unit's own name among a figure's words (see figure_candidates)

# Words that open a modifier of a noun rather than continue it ("phản ánh về thủ tục", "lượt với 53 người").
_PHRASE_BREAK = set("""ve cua cho tai trong o duoc bi da va voi theo tu den khi ma nao gi la co khong hay hoac nay do thi thuoc
    sao bao nhieu may nhung cac mot""".split())


def _after_noun(folded: str, noun: str) -> str | None:
    """The text right after a form of `noun` that opens `folded`, else None."""
    for form in _noun_forms(noun):
        m = re.match(re.escape(form) + r"(?![a-z])", folded)
        if m:
            return folded[m.end() :]
    return None


def compound(query: Query) -> list[str]:
    """The words that make the asked noun a compound: "đơn vị hành chính", "quyết định quy phạm pháp luật";
    not a modifier opened by a preposition ("phản ánh về thủ tục hành chính")."""
    if not query.noun or query.noun.startswith("lit:") or query.noun in ("%", "ordinal"):
        return []
    folded = fold(query.standalone)
    for m in re.finditer(r"(?<![a-z])[a-z]", folded):
        rest = _after_noun(folded[m.start() :], query.noun)
        if rest is not None:
            words = []
            for w in re.match(r"[a-z ]*", rest).group(0).split():
                if w in _PHRASE_BREAK or len(words) == 3:
                    break
                words.append(w)
            return words
    return []


def share_words(query: Query) -> list[str]:
    """What an asked share is a share of: "tỷ lệ hài lòng" -> ["hai", "long"]; [] for "đạt tỷ lệ bao nhiêu %"."""
    if query.noun != "%":
        return []
    folded = asking_fold(query.standalone)
    m = re.search(r"\b(?:ty le|phan tram)\b", folded)
    if not m:
        return []
    # who is counted is not what the share is of: "tỷ lệ (người) dân hài lòng" is a share of "hài lòng"
    rest = re.sub(r"^\s*(?:nguoi dan|cong dan|to chuc|doanh nghiep|dan)\s+(?=[a-z])", " ", folded[m.end() :])
    words = []
    for w in re.match(r"[a-z ]*", rest).group(0).split():
        if w in _PHRASE_BREAK or w in ("phan", "tram", "dat") or len(words) == 4:
            break
        words.append(w)
    return words


def _phrase_regex(phrase: str) -> str:
    """A folded phrase as a regex piece, any run of spaces between its words."""
    return re.escape(phrase).replace(r"\ ", r"\s+")


def _any_of(pieces: list[str]) -> str:
    """Regex pieces joined into one pattern matching whole words only."""
    return r"(?<![a-z])(?:" + "|".join(pieces) + r")(?![a-z])"


_CHANNEL = re.compile(r"(?<!\w)(?:qua|bằng)\s+(?!khen\b|chứng\b|nhau\b)(\w+(?:\s+\w+){0,3})")


def channel_pattern(query: Query, scanned: bool = False) -> str | None:
    """The way the question says things came ("qua đường dây nóng", "bằng đơn thư") as a pattern of
    its word pairs; a figure of another channel ("qua đường bưu chính") does not answer it.
    In a scanned report the pairs' vowels may be misread.

    Read in the question as typed (a follow-up naming none keeps the last turn's: "Cả năm thì sao?" after "…
    qua đơn thư?"): folded, "qua" is also "kết quả" and "quá hạn"."""
    m = _CHANNEL.search(nfc(query.question).lower())
    if m is None and query.followup:
        m = _CHANNEL.search(nfc(query.standalone).lower())
    if not m:
        return None
    words = []
    for w in fold(m.group(1)).split()[:4]:
        if w in _PHRASE_BREAK:
            break
        words.append(w)
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:])] or words
    forms = [_phrase_regex(f) for p in pairs for f in alternatives(p)]
    if scanned:  # a scan garbles marked vowels: "hinh thirc tryc" is "hình thức trực"
        forms = [re.sub(r"[aeiouy]+", "[a-z]{1,3}", f) for f in forms]
    return _any_of(forms) if forms else None


def share_pattern(words: list[str]) -> str | None:
    """The share's head as a pattern: its first two words together ("hai long", not "hai đơn vị"),
    a counted noun in any of its forms ("tthc" is also "thủ tục hành chính"), or the two words that
    qualify that noun ("tỷ lệ hồ sơ đúng hạn" is said "tỷ lệ giải quyết đúng hạn")."""
    if not words:
        return None
    found = known_noun_span(" ".join(words))
    if found is None:
        return _any_of([_phrase_regex(" ".join(words[:2]))])
    forms = _noun_forms(found[0])
    after = " ".join(words)[found[1]:].split()
    return _any_of([_phrase_regex(f) for f in forms] + ([_phrase_regex(" ".join(after[:2]))] if len(after) >= 2 else []))


def named_after(folded: str, end: int, noun: str | None, words: list[str], acr: dict[str, set[str]],
                weights: TermWeights) -> float:
    """Share of the asked compound said right after the figure's noun: "07 đơn vị hành chính",
    "79 Quyết định QPPL" (an acronym stands for its words), not "02 đơn vị thường xuyên tiếp xúc"."""
    if not words or not noun:
        return 0.0
    rest = _after_noun(folded[end : end + 80].lstrip(), noun)
    if rest is None:
        return 0.0
    head = re.match(r"[a-z ]*", rest.lstrip()).group(0).split()[: len(words) + 1]
    return coverage(words, with_acronyms(set(head), acr), weights)


def _paragraph_start(ct: ChunkText, si: int, limit: int) -> int:
    """Index of the earliest of up to `limit` sentences before `si` in its paragraph (no line break between)."""
    k = si
    while k > max(0, si - limit) and "\n" not in ct.text[ct.sentences[k - 1].end : ct.sentences[k].start]:
        k -= 1
    return k


def paragraph_text(ct: ChunkText, si: int, limit: int = 2) -> str:
    """Folded text of sentence `si` with up to `limit` sentences before it in the same paragraph."""
    return ct.folded[ct.sentences[_paragraph_start(ct, si, limit)].start : ct.sentences[si].end]


def paragraph_before(ct: ChunkText, si: int, limit: int = 2) -> set[str]:
    """Words of up to `limit` sentences before sentence `si` in the same paragraph (no line break between)."""
    return set().union(*(ct.sentences[k].words for k in range(_paragraph_start(ct, si, limit), si)))


# "Trong đó: …", "trong số đó" opens the parts of a total (OCR: "trong d6", "trong dé")
_TRONG_DO = re.compile(r"\W*trong (?:do|so|d6|de|d0)\b")

# "chiếm tỷ lệ 6,8%", "chiếm 99,94%" (OCR: "chiém ty 1 6,8%")
_SHARE = re.compile(r"\bchiem(?:\s+(?:ty le|ty \S{1,3}|khoang|gan|hon|tren|xap xi))*\s*$")


_DAY = r"(?:ngay )?(?:\d{1,2}/)?(\d{1,2})/(?:19|20)\d{2}"
_STATED_SPAN = re.compile(rf"\btu {_DAY} (?:den|toi) {_DAY}|\btu thang (\d{{1,2}}) (?:den|toi) (?:het )?thang (\d{{1,2}})\b")
_STATED_UPTO = re.compile(rf"\b(?:tinh|tinh den|den) {_DAY}")


def asked_span(query: Query) -> tuple[int, int] | None:
    """The months asked ("9 tháng đầu năm" (1, 9)), or those of the quarter or half asked (quý III is (7, 9),
    6 tháng đầu năm (1, 6)); None for a comparison of several periods, whose reports each answer for their own."""
    if len(query.periods) > 1:
        return None
    # the period named, when there is one (a part of a comparison keeps its own: "(6 tháng đầu năm 2023)")
    period = query.periods[0] if query.periods else query.period
    return query.months or (period.months if period else None)


_PART_BEFORE = re.compile(r"\bquy (iv|iii|ii|i|[1-4])\b|\b0?(\d{1,2}) thang(?: (dau|cuoi))?\b")


def _part_before(folded: str) -> tuple[int, int] | None:
    """The months of the last part of a year the folded words before a figure name ("quý I:" (1, 3),
    "lũy kế 9 tháng:" (1, 9), "6 tháng cuối năm" (7, 12)); None when they name none."""
    found = list(_PART_BEFORE.finditer(folded))
    if not found:
        return None
    m = found[-1]
    if m.group(1):
        q = ROMAN[m.group(1)]
        return 3 * q - 2, 3 * q
    n = int(m.group(2))
    if not 1 <= n <= 12:
        return None
    return (13 - n, 12) if m.group(3) == "cuoi" else (1, n)


def other_span(span: tuple[int, int] | None, folded: str) -> bool:
    """Does the folded sentence state another span of months than the one asked ("9 tháng năm 2025" for
    "quý III")?"""
    said = MONTHS_OF_YEAR.search(folded)
    return span is not None and said is not None and (1, int(said.group(1))) != span


def stated_months(folded: str, last: bool = False) -> tuple[int, int] | None:
    """The months a text says its figures cover: "từ ngày 01/01/2024 đến ngày 28/2/2024" (1, 2),
    "tính đến ngày 28/2/2024" (1, 2); the first span stated, or with `last` the last; None if none."""
    found = list(_STATED_SPAN.finditer(folded))
    spans = [(m.start(), (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), int(m.group(4))))
             for m in found]
    spans += [(m.start(), (1, int(m.group(1)))) for m in _STATED_UPTO.finditer(folded)
              if not any(f.start() <= m.start() < f.end() for f in found)]  # "đến ngày …" of a span is no cut-off
    if not spans:
        return None
    spans.sort()
    return spans[-1][1] if last else spans[0][1]


_YEAR_SAID = re.compile(r"\bnam ((?:19|20)\d\d)\b")


def _other_year(folded: str, year: str) -> bool:
    """Does the text name a year ("năm 2023"), not as a comparison's base, and not the asked `year`?"""
    said = {m.group(1) for m in _YEAR_SAID.finditer(folded) if not compared_at(folded, m.start())}
    return bool(said) and year not in said


def figure_candidates(query: Query, passages: list[Passage], weights: TermWeights,
                      notes: Footnotes | None = None) -> list[Evidence]:
    """Every figure attached to the asked noun, scored with its clause's relevance.

    Besides the clause, a figure is judged by its own stretch of text: from the figure
    before it to the figure after it in the sentence ("… 26.840 hồ sơ, trước hạn và đúng
    hạn 25.012 hồ sơ …, trễ hạn 1.828 hồ sơ"), where the words that describe it stand,
    plus the sentence's subject (the words before its first figure), which all its figures share.
    A follow-up's own new words ("đã sử dụng bao nhiêu?") must be near the figure.
    """
    words = query.topic
    phrase = (query.noun_phrase or "").split()
    focus = query.focus
    pairs = question_pairs(query)
    acr = acronyms(query.question)
    named = compound(query)
    # the unit's name ("Trung tâm Phục vụ hành chính công") places a sentence; what a figure counts is said by
    # the other words ("tư vấn, hướng dẫn nộp hồ sơ"), so the name weighs less among a figure's own words
    setting = said_words(fold(query.unit or ""))  # with the spelled-out words of its acronyms
    if setting and re.search(r"\bthuoc " + re.escape(fold(query.unit or "")), fold(query.standalone)):
        setting.add("thuoc")  # "cá nhân thuộc Văn phòng UBND": the words that place the unit, not what is counted
    own = (lambda w: weights(w) * (SETTING_WEIGHT if w in setting else 1.0)) if setting else weights
    told: dict[str, list[str]] = {}
    cases = cases_asked(fold(query.standalone))  # "trễ hạn", "đang giải quyết": see thesaurus.OPPOSED
    # the kind asked is the one the asking clause counts ("bao nhiêu đơn tố cáo"), not one that only describes
    # ("Tỉnh có vụ khiếu nại …, VP tiếp công dân bao nhiêu lượt?")
    counted = cases_asked(_asking_clause(asking_fold(query.standalone)))
    manner_asked = _MANNER.search(fold(query.standalone)) is not None
    act = act_asked(asking_fold(query.standalone))
    asking_turn = asking_text(query)  # "Thế tố cáo?" asks in the last turn's words
    handled = handling_asked(_asking_clause(asking_fold(asking_turn)))
    if received_asked(asking_turn):
        handled = handled | {"tiep nhan"}
    stock_asked = act is None and _STOCK_ASKED.search(asking_fold(query.standalone)) is not None
    act_said = re.compile(r"\b" + act + r"\b") if act else None
    out: list[Evidence] = []
    share = share_pattern(share_words(query))
    asked_unit = SIBLING_UNITS.get(query.unit or "")
    channels = (channel_pattern(query), channel_pattern(query, scanned=True))
    wanted = {w for w in [*words, *phrase, *focus, *named] if len(w) >= 3} | pair_syllables(pairs)
    asks_aside = _ASIDE.search(fold(query.standalone)) is not None
    span = asked_span(query)
    asked_folded = " ".join(re.findall(r"[a-z0-9]+", fold(query.standalone)))
    target_asked = _TARGET.search(asked_folded) is not None
    # a change ("tăng 8,1% so với cùng kỳ") answers only a question about change, not "tỷ lệ … là bao nhiêu?"
    change_asked = query.noun != "%" or re.search(r"\b(?:tang|giam|so voi|cung ky)\b", asked_folded) is not None
    level = lower_level_asked(asked_folded)  # "cấp xã": a figure of that level says so nearby
    field = _field_asked(asked_folded)  # "lĩnh vực đất đai": a figure of that field says so in its sentence
    # "Chủ tịch UBND tỉnh tổ chức bao nhiêu hội nghị?": not the figure of "Chủ tịch UBND cấp xã"
    province_actor = level is None and _PROVINCE_ACTOR.search(asked_folded) is not None
    # "Sở Nội vụ tiếp nhận bao nhiêu đơn?": not the figure of "Phòng Nội vụ các huyện" or of a table "… tại cấp huyện"
    unit_below = _unit_below(query.unit) if level is None else None
    # "Sở tiếp nhận bao nhiêu đơn?" in a department's report: the department that wrote it (typed with its marks:
    # folded, "số" is the same word)
    own_dept = level is None and query.unit is None and _BARE_DEPARTMENT.search(query.standalone) is not None
    money_act = _MONEY_ACT.search(asked_folded) if query.noun == "tien" else None
    year_said = str(query.year) if query.year and len(query.periods) <= 1 else None
    part_asked = (query.unit is not None or level is not None) and _WHOLE.search(asked_folded) is None
    qualifier = asked_qualifier(query)
    # "Chỉ số SIPAS năm 2024 đạt bao nhiêu %?": a share whose sentence or row names no index asked is another share
    index_named = indices_asked(query.standalone)
    # one month asked ("tháng 4/2025"): only a passage that names it ("Trong tháng 4, …") speaks of it alone
    one_month = None
    if query.months and query.months[0] == query.months[1] and re.search(
            rf"\bthang 0?{query.months[0]}\s*(?:/|-|nam)\s*(?:19|20)\d\d", fold(query.standalone)):
        one_month = rf"\bthang 0?{query.months[0]}\b"  # as a period ("tháng 4/2025"), not a date ("gửi hồi tháng 11")
    for rank, p in enumerate(passages):
        dept = _department(p.meta.issuer) if own_dept else None
        below, asked_name = (_unit_below(dept), fold(dept)) if dept else (unit_below, fold(query.unit or ""))
        ocr = p.meta.low_ocr_quality
        channel = channels[bool(ocr)]
        ct = read_chunk(p, wanted)
        text, folded_all = ct.text, ct.folded
        aside = float(not asks_aside and _ASIDE.search(ct.heading) is not None)
        telling = _telling(words, p, told, query.standalone)
        for si, sent in enumerate(ct.sentences):
            if not NUMBER.search(sent.folded):
                continue
            # the span a sentence states, else the last one stated before it in its section
            stated = None
            if query.months:
                stated = stated_months(paragraph_text(ct, si)) or stated_months(folded_all[: sent.start], last=True)
            # (one that names the months asked keeps them: "9 tháng đầu năm 2025, UBND cấp huyện (đến ngày 30/6/2025) …")
            named_span = MONTHS_OF_YEAR.search(sent.folded)
            if stated and stated != query.months and not (named_span and (1, int(named_span.group(1))) == query.months):
                continue  # "tháng 3/2024" is not answered by "từ ngày 01/01/2024 đến ngày 28/2/2024"
            if one_month and not stated and not re.search(one_month, f"{paragraph_text(ct, si)} | {ct.heading}"):
                continue  # "tháng 4/2025" asked: a quarter's or a half's figure is not that month's
            if other_span(span, sent.folded):
                continue  # "quý III" is not answered by "9 tháng năm 2025 ước đạt 9.862 tỷ đồng"
            note_ctx = notes.context(p, sent.start) if notes else set()
            sent_cov = coverage(words, sent.words | ct.heading_words | note_ctx, weights)
            sent_rank = coverage(telling, sent.words | ct.heading_words | note_ctx, weights)
            # a sentence continuing its paragraph ("… đã tiếp nhận 5.718 hồ sơ. Hồ sơ đang giải quyết: 56 hồ sơ.")
            # shares the setting (office, place, date) its predecessors named
            para = paragraph_before(ct, si)
            para_rank = 0.85 * coverage(telling, sent.words | para | ct.heading_words | note_ctx, weights) if para else 0.0
            if para:
                sent_cov = max(sent_cov, 0.85 * coverage(words, sent.words | para | ct.heading_words | note_ctx, weights))
            bigrams = _bigram_bonus(pairs, sent.folded, weights)
            # a figure of another channel ("qua đường bưu chính" for "qua ứng dụng") does not answer
            said_channel = not channel or re.search(channel, f"{sent.folded} | {ct.heading}") is not None
            numbers = [(sent.start + m.start(), sent.start + m.end()) for m in NUMBER.finditer(sent.folded)]
            # "Trong đó: Tiếp thường xuyên 24 lượt …. Tiếp định kỳ 07 lượt …": the parts go on past a full stop
            breakdown = any(_TRONG_DO.match(ct.sentences[k].folded) for k in range(_paragraph_start(ct, si, 2), si + 1))
            # the words before the sentence's first figure are its subject, shared by all its figures
            counts = [n for n in numbers if not _is_reference_number(folded_all, *n)]  # not "Tỷ lệ" read as "Ty 18"
            lead_text = folded_all[sent.start : counts[0][0]] if counts else ""
            lead = said_words(lead_text)
            in_list = ";" in folded_all[sent.start : sent.end]
            # a sentence whose paragraph or heading names a sibling unit and not the asked one ("Trung tâm …"
            # for "Bộ phận một cửa") counts that unit's figures
            para_text = paragraph_text(ct, si) if asked_unit or act_said else ""
            units_here = sibling_units(f"{para_text} | {ct.heading}") if asked_unit else set()
            # a specific act asked and only other acts said here ("luân chuyển 03 công chức" for "tuyển dụng")
            context = f"{sent.folded} | {para_text} | {ct.heading}" if act_said else ""
            other_act = act_said is not None and not act_said.search(context) and _ACTS.search(context) is not None
            other_unit = float(bool(units_here) and asked_unit not in units_here)
            # a table's row: every cell shares the row's label, the table's lead sentence and the heading
            row_ctx = label = row_lead = ""
            if sent.row:
                label, row_lead = row_label(sent.folded), table_lead(ct, si, p, passages)
                row_ctx = f"{label} | {row_lead} | {ct.heading}"
            row_words = said_words(row_ctx) if row_ctx else set()
            # what places the sentence: its paragraph, heading and table row
            setting_text = f"{paragraph_text(ct, si)} | {ct.heading} | {row_ctx}"
            level_unsaid = level is not None and not level.search(setting_text)
            # (a scan's lost letters would hide the words: not asked of it)
            qualifier_unsaid = bool(qualifier) and not ocr and _qualifier_unsaid(
                qualifier, said_words(f"{sent.folded} | {setting_text}") | note_ctx, weights)
            index_unsaid = bool(index_named) and not any(index_said(i, f"{sent.folded} | {row_ctx}") for i in index_named)
            field_unsaid = field is not None and not re.search(rf"\b{field}\b", f"{sent.folded} | {row_ctx}")
            # the question names the row ("Sở Tư pháp nhận bao nhiêu hồ sơ …", "tổng cộng … bao nhiêu lượt")
            row_named = bool(label.strip()) and re.search(
                r"(?<![a-z])" + re.escape(" ".join(re.findall(r"[a-z0-9]+", label))) + r"(?![a-z])", asked_folded) is not None
            if row_words:  # a row is read with the table's lead sentence, as a sentence with its paragraph
                para_rank = max(para_rank, 0.85 * coverage(telling, sent.words | row_words | note_ctx, weights))
                sent_cov = max(sent_cov, 0.85 * coverage(words, sent.words | row_words | note_ctx, weights))
            table_noun = bool(row_ctx) and query.noun not in (None, "%", "ordinal") and _names_noun(
                f"{sent.folded} | {row_ctx}", query.noun)
            for ci, clause in enumerate(sent.parts):
                cs, ce = clause.start, clause.end
                # a clause split off a long sentence keeps its predecessor as context
                before = (sent.parts[ci - 1].words if ci else set()) | note_ctx | row_words
                clause_cov = max(coverage(words, clause.words, weights), 0.9 * coverage(words, clause.words | before, weights))
                clause_rank = max(coverage(telling, clause.words, own), 0.8 * coverage(telling, clause.words | before, own))
                previous = 0.0  # attachment of the clause's figure before this one
                for j, m in enumerate(NUMBER.finditer(clause.folded)):
                    a, b = cs + m.start(), cs + m.end()
                    if _is_reference_number(folded_all, a, b):
                        continue
                    attach = attachment(folded_all, a, b, query.noun, fuzzy=ocr)
                    if attach == 0.0 and table_noun:
                        attach = TABLE_ATTACH  # a table's cell counts what its headers or its lead sentence name
                    if attach == 0.0 and previous >= 0.7 and re.match(r"\s*(?:[,;.)]|$)", folded_all[b : b + 3]):
                        # a bare figure continuing an enumeration counts the same noun:
                        # "công chức được giao là 58, đang thực hiện 53"
                        attach = 0.6
                    previous = attach
                    if attach == 0.0:
                        continue
                    i = numbers.index((a, b)) if (a, b) in numbers else -1
                    # its stretch runs from the count before it to the count after it (a year is no boundary)
                    seg_start = max((n[1] for n in counts if n[1] <= a), default=cs)
                    seg_end = min((n[0] for n in counts if n[0] >= b), default=ce)
                    lo = max(seg_start, sent.start, a - 40)
                    # an item of a "; " list says its figure's words up to its end, however long
                    hi = min(seg_end, sent.end) if in_list else min(seg_end, sent.end, b + 40)
                    if i > 0 and _SHARE.search(folded_all[max(sent.start, a - 30) : a]):
                        # "trễ hạn 1.828 hồ sơ, chiếm tỷ lệ 6,8%": a share is described by the figure it is a share of
                        real = [k for k in range(i) if not _is_reference_number(folded_all, *numbers[k])]
                        if real:
                            k = real[-1]
                            lo = max(numbers[k - 1][1] if k > 0 else sent.start, sent.start, numbers[k][0] - 60)
                    if re.search(r"\(\s*$", folded_all[max(0, a - 3) : a]):
                        lo = max(seg_start, sent.start, a - 240)  # "… thí điểm trực tuyến (97 thủ tục": it counts what precedes
                    if paren_depth(text[sent.start : a]) > 0:
                        close = folded_all.find(")", b, sent.end)
                        hi = min(hi, close) if close >= 0 else hi  # a figure inside (…) says nothing of what follows
                    # "…, chiếm tỷ lệ 93,2%; trễ hạn 1.828 hồ sơ": a semicolon ends one item's words
                    lo = max(lo, folded_all.rfind(";", lo, a) + 1)
                    semi = folded_all.find(";", b, hi)
                    hi = semi if semi >= 0 else hi
                    local = with_acronyms(said_words(folded_all[lo:hi]) | lead | row_words, acr)
                    # the phrase said beside the figure, within its item of a "; " list ("256 đơn khiếu nại; 36 đơn tố cáo")
                    w_end = folded_all.find(";", b, min(ce, b + 30))
                    window = folded_all[max(cs, a - 45, folded_all.rfind(";", cs, a) + 1) : w_end if w_end >= 0 else min(ce, b + 30)]
                    if row_ctx:
                        window = f"{window} | {row_ctx}"
                    near = max(coverage(phrase, window, weights), coverage(phrase, lead, weights)) if phrase else 0.0
                    # after the figure, only its own phrase qualifies it: in "cấp tỉnh giải quyết 38/41 vụ việc, cấp huyện
                    # 176/190 vụ việc" the words past the comma are the next figure's
                    cut = re.search(r"[,;]", folded_all[b:hi])
                    # (the sentence's subject qualifies all its figures: "Về khiếu nại: phải giải quyết 229 …; đã giải quyết 214")
                    case_text = f"{lead_text} | {folded_all[lo : b + cut.start() if cut else hi]}"
                    if paren_depth(text[sent.start : a]) > 0:
                        # a part in brackets is of what the words before the bracket count ("287/311 vụ việc khiếu
                        # nại …, đạt 92,3% (…, cấp huyện 176/190 vụ việc …)")
                        case_text = f"{case_text} | {folded_all[sent.start : folded_all.rfind('(', sent.start, a)]}"
                    # "Chủ tịch UBND cấp xã đã tổ chức 412 …" before the figure: not the province's chairman asked
                    lower_actor = province_actor and _LOWER_ACTOR.search(f"{lead_text} {folded_all[lo:a]}") is not None
                    if below is not None and not lower_actor:
                        said_by = f"{lead_text} {folded_all[lo:a]} | {row_lead}"
                        lower_actor = below.search(said_by) is not None and asked_name not in said_by
                    # "vụ tố cáo" asked: a figure of no kind, in a paragraph, heading or row of every kind, counts all
                    kind_missing = kind_unsaid(counted, f"{case_text} | {label}", setting_text)
                    channel_here = channel is not None and re.search(
                        channel, own_phrase(text, folded_all, a, b, seg_start, min(seg_end, ce))) is not None
                    features = {
                        "clause": clause_rank,
                        "sentence": max(sent_rank, para_rank),
                        "local": coverage(telling, local, own),
                        "pairs": bigrams,
                        "attach": attach,
                        "near": near,
                        "focus": coverage(focus, local | clause.words, weights) if focus else 0.0,
                        "in_paren": float(paren_depth(text[cs:a]) > 0 and not near),
                        # parts of a total, unless the part's own phrase says the channel asked ("trong đó có 20 … qua
                        # đơn thư"): then the part is what is asked
                        "breakdown": float((breakdown or _TRONG_DO.match(clause.folded) is not None) and not channel_here),
                        "retrieval": 1.0 / (1 + rank),
                        "position": min(j, 5),  # the headline figure comes first in its clause
                        "named": named_after(folded_all, b, query.noun, named, acr, weights) if attach >= 1.0 else 0.0,
                        # the question's word pairs in the figure's own stretch: "02 cá nhân hoàn thành nhiệm vụ"
                        # is not "47 cá nhân hoàn thành tốt nhiệm vụ"
                        "own_pairs": _bigram_bonus(pairs, f"{label} | {folded_all[lo:hi]}" if label else folded_all[lo:hi], weights),
                        "other_unit": other_unit,
                        # "trễ hạn" asked: "trước hạn và đúng hạn 25.012 hồ sơ, chiếm tỷ lệ 93,2%" is the opposite case
                        "case": case_agreement(cases, f"{case_text} | {label}" if row_ctx else case_text),
                        "kind": kind_agreement(cases, f"{case_text} | {label}" if row_ctx else case_text),  # khiếu nại, tố cáo
                        # the channel asked said in the figure's own phrase ("20 phản ánh … của công dân qua đơn
                        # thư"), not only somewhere in its sentence (the total "220 phản ánh" before it)
                        "channel": float(channel_here),
                        # said before the figure or right after its noun ("20.466 hồ sơ trực tuyến"), not in what
                        # follows (a scan may lose the full stop before the next sentence)
                        "manner": float(not manner_asked and _MANNER.search(
                            f"{lead_text} {folded_all[lo:a]} {folded_all[b : min(hi, b + 25)]}") is not None),
                        "aside": aside,  # under "Hạn chế, tồn tại", "Phương hướng, nhiệm vụ năm …"
                        # a follow-up goes on about the passage the last answer quoted
                        "last_answer": float(p.chunk.chunk_id in query.last_chunks),
                        "row_named": float(row_named),
                        # one row of a breakdown the question does not name ("Sở Giao thông vận tải – … Trễ hạn: 6"
                        # for the centre's "trễ hạn bao nhiêu hồ sơ?"): a part, not the whole asked
                        "other_row": float(bool(label.strip()) and not row_named and not _WHOLE.search(label)
                                           and not re.match(r"\s*(?:tong|cong)\b", label)),
                        # a target ("phấn đấu tỷ lệ … đạt trên 90%") is not a result, unless targets are asked
                        "target": float(not target_asked and _TARGET.search(folded_all[max(cs, a - 120) : a]) is not None),
                        "whole": float(part_asked and _WHOLE.search(f"{lead_text} {folded_all[lo:hi]} | {label}") is not None),
                    }
                    score = sum(FIGURE_WEIGHTS[k] * v for k, v in features.items())
                    # a share of something else ("tự chủ tài chính 100%" for "tỷ lệ hài lòng") does not answer
                    # a scan's signs inside a word ("tré& han") must not hide the share's head
                    own_text = without_debris(f"{folded_all[lo:hi]} | {clause.folded} | {' '.join(lead)}")
                    if row_ctx:  # a cell's share ("Tỷ lệ (%)") is of what its row's other headers say
                        own_text = f"{own_text} | {sent.folded}"
                    # only the opposite case in the figure's own stretch ("85 thủ tục thuộc cấp tỉnh" for "cấp xã",
                    # "đúng hạn 25.012" for "trễ hạn"): another figure's
                    # what there is ("có tất cả mấy Phó Chánh Văn phòng?") is not what one act did ("đề nghị bổ
                    # nhiệm 01 Phó Chánh Văn phòng"): a figure right after an act's words counts that act
                    event = stock_asked and _SPECIFIC_ACT.search(_act_lead(folded_all, a)) is not None
                    # "giải quyết xong bao nhiêu đơn tố cáo?" is not answered by "đã tiếp nhận 812 đơn, gồm …, 58 đơn
                    # tố cáo": the sentence says acts before the figure, none of them the one asked
                    done = handlings(folded_all[sent.start : a]) if handled else set()
                    other_handling = bool(done) and not done & handled
                    # "Chỉ số SIPAS năm 2023 của tỉnh đạt 82,67%" is of 2023, not of the 2024 asked: the year said before
                    # the figure, in its sentence's subject or its own words (not "so với năm 2023")
                    other_year = year_said is not None and _other_year(f"{lead_text} {folded_all[lo:a]}", year_said)
                    # "… – Quý I: 79; Quý II: 92; Lũy kế 9 tháng: 268" for "9 tháng đầu năm": the cell of another part
                    said_span = _part_before(folded_all[lo:a])
                    other_part = span is not None and said_span is not None and said_span != span
                    # money put to another use than the one asked, said in the figure's own words or its sentence's subject
                    spent = f"{lead_text} {folded_all[lo:hi]}"
                    change = not change_asked and re.search(r"\b(?:tang|giam)(?: them)?(?: hon| khoang| gan)?\s*$",
                                                            folded_all[max(sent.start, a - 20) : a]) is not None
                    other_use = money_act is not None and money_act.group(0) not in spent and _MONEY_ACT.search(spent) is not None
                    of_asked = (said_channel and not other_act and not event and features["case"] >= 0 and not features["target"]
                                and not level_unsaid and not index_unsaid and not qualifier_unsaid and not field_unsaid and not kind_missing and not lower_actor and not other_handling and not change and not other_use and not other_year and not other_part and (not share or re.search(share, own_text) is not None))
                    out.append(Evidence(p, cs, ce, score, max(clause_cov, 0.8 * sent_cov), text[a:b],
                                        {"attach": attach, "features": features, "at": a, "of_asked": of_asked,
                                         "said": local | said_words(window),
                                         "level": level is not None and level.search(f"{case_text} | {label}") is not None,
                                         "sentence": (p.chunk.chunk_id, sent.start)}))
    if level is not None:
        out = _levels_apart(out)
    out.sort(key=lambda ev: -ev.score)
    return out


# the province's people's committee or its chairman as the actor asked, not the office that serves it
_PROVINCE_ACTOR = re.compile(r"(?<!van phong )\b(?:chu tich )?ubnd (?:cap )?tinh\b")
# the same actor a level below, said before a figure ("Chủ tịch UBND cấp xã đã tổ chức 412 hội nghị")
_LOWER_ACTOR = re.compile(r"\b(?:chu tich )?ubnd (?:cac |cap )?(?:xa|huyen)\b")


_BARE_DEPARTMENT = re.compile(r"(?<!\w)(?<!các )(?<!Các )(?<!trụ )(?<!Trụ )[Ss]ở(?![,\w])(?!\s+(?:[A-ZĐ]|và\b|ngành\b))")


def _department(issuer: str | None) -> str | None:
    """The department that wrote a report ("Sở Nội vụ" of "Sở Nội vụ tỉnh Đắk Lắk"); None for other offices."""
    m = re.match(r"(Sở\s.+?)(?:\s+(?:tỉnh|thành phố)\s.*)?$", nfc(issuer or ""))
    return m.group(1) if m else None


def _unit_below(unit: str | None) -> re.Pattern | None:
    """How reports name the level below a province's unit asked: UBND or any office "cấp huyện / cấp xã", and a
    department's district counterpart ("Phòng Nội vụ" for "Sở Nội vụ"); None when no unit is asked."""
    if not unit:
        return None
    alts = [_LOWER_ACTOR.pattern, r"\bcap (?:huyen|xa)\b"]
    dept = re.match(r"so (.+)", fold(unit))
    if dept:
        alts.append(rf"\bphong {re.escape(dept.group(1))}\b")
    return re.compile("|".join(alts))


# "kiểu đó", "loại này": the noun's kind is the one said before, not words a figure must repeat
_ANAPHORA = re.compile(r"^(?:kieu|loai|dang|nhu) (?:do|nay|tren|ay|vay)\b")


# who a count is of ("lượt người dân, tổ chức"): reports name them their own ways ("tổ chức, công dân")
_WHO = {"nguoi dan", "cong dan", "nhan dan", "to chuc", "doanh nghiep", "ca nhan"}
# what is done to what is counted, said after it as a relative clause
_ACT_VERBS = {"gui", "nop", "tra", "nhan", "tiep", "giai", "xu", "ban", "dua", "chuyen", "thuc"}


def asking_text(query: Query) -> str:
    """The turn as typed when it asks how many ("Còn bao nhiêu hồ sơ trễ hạn?"), else the standalone form that
    carries the last turn's asking words ("Còn năm 2023?", "Thế tố cáo?")."""
    return query.question if ASK_COUNT.search(asking_fold(query.question)) else query.standalone


def asked_qualifier(query: Query) -> list[str]:
    """The words right after the counted noun that pick out a part of it ("bao nhiêu hồ sơ bị trễ hạn",
    "mấy thủ tục thay thế", "mấy công chức đi học thạc sĩ"), up to the next function word or sign.

    Only when the noun follows the asking word: elsewhere in the question, the words after a noun are
    often names ("số đơn Ban Tiếp công dân Quảng Ngãi nhận"). A passive verb ("hồ sơ được gửi …") is left
    out: reports say the same act with other verbs ("được nộp").
    """
    asking = asking_fold(asking_text(query))
    m = ASK_COUNT.search(asking)
    if not m:
        return []
    rest = asking[m.end():].lstrip()
    found = known_noun_span(rest)
    if found is None:
        return []
    # up to a sign, a figure or a period named ("… hồ sơ quý I/2024"); "quy", "ky" open words too ("quy phạm", "đăng ký")
    after = re.split(r"[,;:?.!()\d]|\b(?:quy|ky) (?:i|ii|iii|iv|nay|truoc|sau|dau|cuoi)\b", rest[found[1]:])[0].strip()
    if _ANAPHORA.match(after):
        return []
    if re.match(r"[^,;:?.!(]*\(", rest[found[1]:]):
        return []  # "biên chế hành chính (công chức)": glossed, so the report may say it either way
    words = re.findall(r"[a-z]+", after)
    if words[:1] == ["bi"]:
        words = words[1:]  # "bị trễ hạn": a state, said as such ("trễ hạn 12 hồ sơ")
    if words[:1] and words[0] in _ACT_VERBS:
        return []  # "hồ sơ gửi, trả qua bưu điện": an act, which reports say in other verbs ("nộp và trả")
    out = []
    about = False  # "đơn khiếu nại về tiền lương": what the things are about picks them out too
    for w in words:
        if w == "ve" and not about and out:
            about = True
            continue
        if (w in STOPWORDS and w not in ("quy", "ky")) or w == "sang" or not is_syllable(w):  # "sang" as "đến"
            break
        out.append(w)
    if "khac" in out:
        return []  # "đi nơi khác", "cơ quan khác": somewhere else, said by naming it ("về Sở Y tế")
    setting = set(re.findall(r"[a-z]+", fold(f"{query.unit or ''} {query.province or ''}")))
    who = {w for a, b in zip(out, out[1:]) if f"{a} {b}" in _WHO for w in (a, b)}
    return [w for w in out if w not in setting and w not in who]


def _qualifier_unsaid(qualifier: list[str], said: set[str], weights: TermWeights) -> bool:
    """Does the figure's sentence, paragraph, heading and row leave out what the question says of its noun?

    "bao nhiêu hồ sơ bị trễ hạn", "thủ tục thay thế", "công chức đi học thạc sĩ": the words after the counted
    noun pick out a part of what a report counts; a figure whose whole setting says less than half of them
    (by IDF) counts the whole, or another part. Half, because an act is said in other verbs ("hồ sơ gửi qua
    bưu điện" is "nộp … qua đường bưu điện").
    """
    if not qualifier:
        return False
    if len(qualifier) > 1 and "".join(w[0] for w in qualifier) in said:
        return False  # said by its acronym: "quyết định quy phạm pháp luật" as "Quyết định QPPL"
    return coverage(qualifier, said, weights) < 0.5


def _field_asked(asked: str) -> str | None:
    """The field a figure is asked of ("đơn thuộc lĩnh vực đất đai" -> "dat dai"), None for "các lĩnh vực"."""
    m = re.search(r"\blinh vuc (?!nao\b|khac\b)([a-z]+(?: [a-z]+)?)", asked)
    return m.group(1) if m and not re.search(r"\b(?:cac|hau het|moi|nhieu) linh vuc\b", asked) else None


def _asking_clause(folded: str) -> str:
    """The clause of the folded question that asks how many ("…, VP tiếp bao nhiêu lượt"), else the whole."""
    folded = re.sub(r"\b(khieu nai|to cao)\s*,\s*(?=khieu nai|to cao)", r"\1 ", folded)  # "khiếu nại, tố cáo" is one
    return next((c for c in re.split(r"[,;:]", folded) if re.search(r"\b(?:bao nhieu|may|so luong|tong so)\b", c)), folded)


def _levels_apart(cands: list[Evidence]) -> list[Evidence]:
    """In a sentence that gives the asked level its own figure ("…, cấp huyện 176/190 vụ việc"), its other
    figures are the total or other levels: they do not answer for that level."""
    named = {c.extra["sentence"] for c in cands if c.extra["level"]}
    for c in cands:
        if c.extra["sentence"] in named and not c.extra["level"]:
            c.extra["of_asked"] = False
    return cands


def acronyms(question: str) -> dict[str, set[str]]:
    """Acronyms the reports may write for runs of the question's words ("cải cách hành chính" -> "cchc")."""
    syl = re.findall(r"[a-z]+", fold(question))
    out: dict[str, set[str]] = {}
    for n in range(2, 6):
        for i in range(len(syl) - n + 1):
            run = syl[i : i + n]
            key = "".join(w[0] for w in run)
            if key in ACRONYMS and " ".join(run) not in ACRONYMS[key]:
                continue  # "tồn tại, hạn chế" is not "TTHC"
            out.setdefault(key, set()).update(run)
    return out


def with_acronyms(words: set[str], acr: dict[str, set[str]]) -> set[str]:
    """A sentence's words plus the question words its acronyms stand for."""
    hits = [acr[w] for w in words if w in acr and len(w) >= 3]
    return words.union(*hits) if hits else words


def _office_named(question: str, issuer: str | None) -> set[str]:
    """The words by which the question names the department that wrote the report ("ngành Nội vụ", "Sở Nội vụ"
    in a report of the Sở Nội vụ): like its title, they name the whole report, not a section of it."""
    field = re.match(r"so ([a-z ]+?)(?: tinh\b.*)?$", fold(issuer or ""))
    if not field:
        return set()
    said = re.search(r"\b(nganh|so) " + re.escape(field.group(1)) + r"\b", fold(question))
    return set(said.group(0).split()) if said else set()


def _is_heading(folded_sentence: str, folded_heading: str) -> bool:
    """Is the sentence just the title of its own section (a heading repeated in the chunk text)?"""
    core = re.sub(r"^(?:[a-zđ]\)|\d+(?:\.\d+)*\.?|[ivx]+\.)\s*", "", folded_sentence.strip()).strip(" :.")
    return len(core) >= 8 and core in folded_heading


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph: no line break inside) holding text[start:end]."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _title_line(ev: Evidence) -> bool:
    """A line of its own, short and unpunctuated ("b) Kết quả giải quyết hồ sơ thủ tục hành chính"): a section
    title inside a chunk, which names a topic and says nothing a speech could quote."""
    line = ev.passage.chunk.text[slice(*_line_around(ev.passage.chunk.text, ev.start, ev.end))].strip(" *#\t")
    quote = ev.quote.strip(" *#\t")
    if line != quote or re.search(r"[.;:!?]$", quote):
        return False
    # the report's own title ("Kết quả công tác tiếp công dân, … năm 2024") however long
    return len(quote.split()) <= 15 or fold(quote) == fold(ev.passage.meta.title or "").strip(" .")


HEADING_ITEMS = 0.8  # share of a list question's words its section heading must say for the items under it to answer


_CLOSING = re.compile(r"\W*tren day la (?:bao cao|ket qua|tinh hinh|noi dung)\b")


def sentence_candidates(query: Query, passages: list[Passage], weights: TermWeights,
                        notes: Footnotes | None = None) -> list[Evidence]:
    """Every sentence scored by overlap with the question's content words (with its heading as context)."""
    words = query.topic
    pairs = question_pairs(query)
    named = named_refs(query.question)
    out: list[Evidence] = []
    told: dict[str, list[str]] = {}
    acr = acronyms(query.question)
    wanted = {w for w in words if len(w) >= 3} | pair_syllables(pairs)
    span = asked_span(query)
    for rank, p in enumerate(passages):
        ct = read_chunk(p, wanted)
        telling = _telling(words, p, told, query.standalone)
        # "Nhiệm vụ trọng tâm 6 tháng cuối năm gồm những gì?": the items under the section the question names
        # say nothing of its words themselves
        # (the words of the report's own title, "dân vận chính quyền, Quy chế dân chủ", name the whole report, not
        # a section: "những hạn chế trong thực hiện QCDC" asks for the section "Tồn tại, hạn chế")
        titled = said_words(fold(p.meta.title or "")) | _office_named(query.standalone, p.meta.issuer)
        asked = [w for w in words if w not in titled] or words
        items_of_heading = query.kind == "list" and coverage(asked, ct.heading_words, weights) >= HEADING_ITEMS
        section = _named_section(words, p, weights) if items_of_heading else None
        for sent in ct.sentences:
            if other_span(span, sent.folded):
                continue  # another span of months than the one asked ("9 tháng năm 2025" for "quý 3")
            sent_words = with_acronyms(sent.words, acr)
            own = coverage(words, sent_words, weights)
            if own == 0.0 and not items_of_heading:
                continue
            if _is_heading(sent.folded, fold(section[1]) if section else ct.heading):
                continue  # a section title ("Về đánh giá xếp loại …") names the topic, it does not answer it
            if _CLOSING.match(sent.folded):
                continue  # "Trên đây là báo cáo kết quả …": the report's closing formula repeats its title, says nothing
            note_ctx = notes.context(p, sent.start) if notes else set()
            # (the items under the section a list asks for are read against what it asks beyond the report's subject)
            ctx = coverage(asked if items_of_heading else words, sent_words | ct.heading_words | note_ctx, weights)
            rank_own = coverage(telling, sent_words, weights)
            rank_ctx = coverage(telling, sent_words | ct.heading_words | note_ctx, weights)
            if named and _names_ref(ct.text[sent.start : sent.end], named):
                # the question names this very document ("Báo cáo số 2182/BC-VP đề ngày nào?")
                own = max(own, 0.6)
                rank_own += 0.5
            score = rank_own + 0.4 * rank_ctx + 0.3 * _bigram_bonus(pairs, sent.folded, weights) + 0.1 / (1 + rank)
            if p.extra.get("secondary"):  # another report of the asked year: it answers when the main one cannot
                score -= 0.15
            # how much of what the question asks beyond the report's own subject the sentence itself says
            extra = {"section": section, "says_asked": coverage(asked, sent_words, weights)}
            out.append(Evidence(p, sent.start, sent.end, score, max(own, 0.9 * ctx), extra=extra))
    out.sort(key=lambda ev: -ev.score)
    return out


def _named_section(words: list[str], p: Passage, weights: TermWeights) -> tuple[str, str]:
    """The report and the heading of `p`'s path that says most of the question's words."""
    best = max(p.chunk.heading_path, key=lambda h: coverage(words, fold(h), weights))
    return p.doc_id, best


# --- composing the answer -------------------------------------------------------


def _extend_short(ev: Evidence) -> tuple[int, int]:
    """A very short clause ("đơn tố cáo: 07 đơn") is quoted with the clause before it for context."""
    if ev.end - ev.start >= 60:
        return ev.start, ev.end
    text = ev.passage.chunk.text
    for s, e in sentence_spans(text):
        if s <= ev.start and ev.end <= e:
            clauses = clause_spans(text, s, e)
            for i, (cs, ce) in enumerate(clauses):
                if cs == ev.start and i > 0:
                    return clauses[i - 1][0], ev.end
    return ev.start, ev.end


def _quote_span(ev: Evidence, noun: str | None = None, max_sentence: int = 260) -> tuple[int, int]:
    """The whole sentence when it is short (it often carries the companion figures), else the clause.

    A breakdown ("Trong đó: tiếp thường xuyên 24 lượt …") is quoted with the total it breaks
    down, the sentence before it, so the reader sees both.  A very short sentence ("Tiếp nhận
    104 hồ sơ.") is quoted with the next one of its paragraph when that goes on counting the same noun
    ("Đã giải quyết 102 hồ sơ …"), and a sentence with the next one of its paragraph when that one
    compares it with an earlier period ("So với năm 2023 (6.985 lượt), … giảm 7,2%").
    """
    text = ev.passage.chunk.text
    spans = sentence_spans(text)
    folded = analyse(ev.passage.chunk).folded
    for i, (s, e) in enumerate(spans):
        if s <= ev.start and ev.end <= e and e - s <= max_sentence:
            if i and _TRONG_DO.match(folded[s : s + 12]) and e - spans[i - 1][0] <= 2 * max_sentence:
                return spans[i - 1][0], e
            if e - s < 100 and i + 1 < len(spans) and noun:
                ns, ne = spans[i + 1]
                # within its paragraph only: a table row or a paragraph's last sentence ends what is quoted
                if ne - ns <= max_sentence and "\n" not in text[e:ns] and any(
                    attachment(folded, ns + m.start(), ns + m.end(), noun) >= 0.85 for m in NUMBER.finditer(folded[ns:ne])
                ):
                    return s, ne
            if i + 1 < len(spans) and _compares(text, folded, e, spans[i + 1], max_sentence):
                return s, spans[i + 1][1]
            return s, e
    return _extend_short(ev)


# A sentence comparing with an earlier period: "So với năm 2023 (6.985 lượt), số lượt … giảm 7,2%."
_COMPARISON = re.compile(r"^so voi\b|\b(?:tang|giam)\b[^.;]{0,60}\bso voi (?:cung ky|nam|quy|6 thang|sau thang|ky)\b")


def _compares(text: str, folded: str, end: int, following: tuple[int, int], max_sentence: int) -> bool:
    """Is the next sentence, in the same paragraph, the figure's comparison with an earlier period? Report
    writers quote the figure with it ("… giảm 7,2% so với năm 2023")."""
    ns, ne = following
    return ("\n" not in text[end:ns] and ne - ns <= max_sentence
            and _COMPARISON.search(folded[ns:ne]) is not None and NUMBER.search(folded[ns:ne]) is not None)


def _figure_key(ev: Evidence) -> tuple[str, int]:
    return ev.passage.chunk.chunk_id, ev.extra.get("at", ev.start)


_FOLLOW_SPAN = 240  # characters


def _follows(ev: Evidence, taken: set[tuple[str, int]]) -> float:
    """Bonus for a figure shortly after one an earlier part chose, in the same sentence.

    The figures one question asks for stand side by side in the report: "trễ hạn 57 hồ sơ,
    chiếm tỷ lệ 0,06%"; "đã giải quyết 40.927 hồ sơ, đang giải quyết 1.700 hồ sơ".
    """
    text = ev.passage.chunk.text
    at = ev.extra.get("at", ev.start)
    best = 0.0
    for chunk_id, prev in taken:
        gap = text[prev:at]
        if chunk_id == ev.passage.chunk.chunk_id and 0 < at - prev <= _FOLLOW_SPAN and not re.search(r"[.!?]\s|\n\s*\n", gap):
            best = max(best, 1.0 - (at - prev) / _FOLLOW_SPAN)
    return best


def _quoted_first(cands: list[Evidence], cites: Citations | None) -> list[Evidence]:
    """A later part's figure standing, attached to its noun, in what an earlier part already quoted comes
    first when it scores near the best and the best stands in another passage: "đã tiếp 31 lượt với 53
    người" answers "bao nhiêu lượt, bao nhiêu người" from one sentence, not "người" from another
    passage's "48 người"."""
    if not cands or cites is None or not cites.items:
        return cands
    if any(c.chunk_id == cands[0].passage.chunk.chunk_id for c in cites.items):
        return cands  # the best is beside what was quoted already: the parts' own words decide
    # each figure quoted, as a whole number ("53" is not in "153")
    quoted = {(c.chunk_id, figure) for c in cites.items for figure in find_numbers(c.quote)}
    near = [c for c in cands if c.extra["attach"] >= 1.0 and c.score >= QUOTED_SHARE * cands[0].score
            and (c.passage.chunk.chunk_id, c.figure) in quoted]
    return near[:1] + [c for c in cands if c not in near[:1]]


QUOTED_SHARE = 0.7  # how near the best a figure already quoted must score to be preferred


def _parts_of_whole(query: Query, cands: list[Evidence]) -> list[Evidence]:
    """A part asked of a whole the question names ("trong số 686 đơn đủ điều kiện, bao nhiêu đơn đất đai?")
    is smaller than that whole, and the words only the part says ("đất đai") are said beside its figure:
    the whole's figure ("khoảng 686 đơn") does not answer for a part the report does not break out."""
    whole = named_whole(query.question)
    if whole is None:
        return cands
    if whole.figure is not None:  # "Trong 98.281 hồ sơ …, hồ sơ lĩnh vực đất đai chiếm bao nhiêu?"
        cands = [c for c in cands if (parse_number(c.figure.rstrip("%")) or 0) < whole.figure]
        counted = {w for form in _noun_forms(query.noun) for w in form.split()} | set(fold(query.unit or "").split())
        own = [w for w in whole.part_words if w not in counted]
        if own:
            cands = [c for c in cands if 2 * sum(w in c.extra["said"] for w in own) >= len(own)]
    elif query.noun_phrase and query.noun and not query.noun.startswith("lit:") and query.noun != "%":
        cands = [c for c in cands if c.extra["features"]["near"] > 0]  # "trong số đơn đủ điều kiện, … đơn tố cáo"
    return cands


def answer_count(query: Query, passages: list[Passage], weights: TermWeights, th: Thresholds, per_report: bool,
                 notes: Footnotes | None = None, cites: Citations | None = None,
                 taken: set[tuple[str, int]] | None = None) -> Draft:
    """Quote the clause carrying the asked figure; one line per report when reports differ.

    `cites` is shared when one question asks for several figures, so the [n] stay consistent;
    `taken` holds the figures its earlier parts chose: a second figure asked is another figure,
    and one that says the part's own new words ("… đã sử dụng bao nhiêu?") when any does.
    """
    # without a known noun any figure could match, so the clause must say more of the question
    need = th.min_count_coverage if query.noun else th.min_coverage_no_noun
    cands = [c for c in figure_candidates(query, passages, weights, notes) if c.coverage >= need and c.extra["of_asked"]]
    if taken is not None:
        cands = [c for c in cands if _figure_key(c) not in taken]
        most = max((c.extra["features"]["focus"] for c in cands), default=0.0)
        if query.focus and most > 0:
            cands = [c for c in cands if c.extra["features"]["focus"] >= 0.75 * most]
        if not query.focus:  # a part saying nothing of its own ("tỷ lệ mấy phần trăm?") is the figure beside
            cands = sorted(cands, key=lambda c: -(c.score + _follows(c, taken)))
        cands = _quoted_first(cands, cites)
    cands = _parts_of_whole(query, cands)
    if not cands:
        return abstain(passages, "no figure attached to the asked noun")
    best = cands[0]
    chosen = [best]
    if per_report:
        # A comparison the user asked for ("năm 2021 và năm 2023") gets a line per report even when
        # the figures agree; an unnamed period only when the reports really differ.
        asked_several = len(query.periods) > 1 or len(query.provinces) > 1
        spread = 0.0 if asked_several else th.spread_ratio
        by_doc: dict[str, Evidence] = {}
        # where the best figure carries the asked phrase ("256 đơn khiếu nại"), another report's figure that
        # does not ("hơn 1.076 đơn") counts something else
        phrased = best.extra["features"]["near"] >= 1.0
        for c in cands:
            if phrased and not c.extra["features"]["near"]:
                continue
            # a scan loses words to OCR, so its best clause scores lower for the same evidence
            scan = 0.7 if c.passage.meta.low_ocr_quality else 1.0
            # another report's line says the question as fully as the best does, not only its noun
            said = c.coverage >= th.per_report_coverage * best.coverage * scan
            if c.passage.doc_id not in by_doc and c.score >= spread * best.score * scan and said:
                by_doc[c.passage.doc_id] = c
        periods = {(ev.passage.meta.period or Period()).label for ev in by_doc.values()}
        figures = {ev.figure for ev in by_doc.values()}
        if len(by_doc) > 1 and (asked_several or (len(periods) == len(by_doc) and len(figures) > 1)):
            chosen = sorted(by_doc.values(), key=lambda ev: period_key(ev.passage.meta.period))
    cites = cites or Citations()
    lines = []
    for ev in chosen:
        s, e = _quote_span(ev, query.noun)
        quote = ev.passage.chunk.text[s:e]
        n = cites.cite(ev.passage, quote)
        shown = clean_quote(quote)
        if len(chosen) == 1:
            lines.append(f"{source_phrase(ev.passage)}: “{shown}” [{n}].")
        else:
            label = cap_first(ev.passage.meta.period.label) if ev.passage.meta.period else ev.passage.doc_id
            issuer = f" ({ev.passage.meta.issuer})" if ev.passage.meta.issuer else ""
            lines.append(f"- {label}{issuer}: “{shown}” [{n}]")
    head = ""
    if len(chosen) > 1:
        differ = len({ev.figure for ev in chosen}) > 1
        head = "Các báo cáo cho số liệu khác nhau theo từng kỳ:\n" if differ else "Số liệu theo từng báo cáo:\n"
    return Draft(head + "\n".join(lines), cites.items, False, {"figures": [ev.figure for ev in chosen], "per_report": len(chosen) > 1,
                                                               "taken": [_figure_key(ev) for ev in chosen]})


_NEGATION = re.compile(
    r"\b(khong co|chua co|khong con|khong xay ra|khong de xay ra|khong phat sinh|khong ai|khong vi pham|chua phat hien|"
    r"khong phat hien|khong (?:co )?(?:truong hop|vu viec|sai pham|can bo|cong chuc)|chua (?:co )?(?:truong hop|vu viec))\b"
    r"|:\s*khong\s*(?:[.;]|$)"  # a form line answered "Biệt phái: Không."
)


def _note_suffix(cites: Citations, notes: Footnotes | None, p: Passage, quote: str) -> str:
    """" (chú thích: “…” [m])" for each footnote the quote calls: the note holds the specifics."""
    if notes is None:
        return ""
    out = []
    for dp, s, e in notes.called_in(p, quote)[:2]:
        note = dp.chunk.text[s:e]
        m = cites.cite(dp, note)
        out.append(f" (chú thích: “{clean_quote(note)}” [{m}])")
    return "".join(out)


def _quoted(cites: Citations, p: Passage, quote: str, notes: Footnotes | None = None) -> str:
    """One quoted line, "Theo báo cáo …: “…” [n]." with the footnotes the quote calls; `p` is cited in `cites`."""
    n = cites.cite(p, quote)
    return f"{source_phrase(p)}: “{clean_quote(quote)}” [{n}]{_note_suffix(cites, notes, p, quote)}."


def _previous_passage(p: Passage, passages: list[Passage]) -> Passage | None:
    """The chunk that ends right where `p` starts in its report, when it is among `passages`."""
    before = [q for q in passages if q.doc_id == p.doc_id and q.chunk.char_end <= p.chunk.char_start]
    last = max(before, key=lambda q: q.chunk.char_end, default=None)
    return last if last is not None and p.chunk.char_start - last.chunk.char_end <= 4 else None


def _next_passage(p: Passage, passages: list[Passage]) -> Passage | None:
    """The chunk that follows `p` in its report, when it is among `passages`."""
    after = [q for q in passages if q.doc_id == p.doc_id and q.chunk.char_start >= p.chunk.char_end]
    return min(after, key=lambda q: q.chunk.char_start, default=None)


def _following_items(best: Evidence, limit: int, passages: list[Passage]) -> list[Evidence]:
    """The sentences right after a sentence that introduces a list ("… gồm:"), read on into the next
    chunk when the introduction ends its chunk."""
    text = best.passage.chunk.text
    if not re.match(r"\s*:", text[best.end : best.end + 3]):
        return []
    out = [Evidence(best.passage, s, e, best.score * 0.9, best.coverage)
           for s, e in sentence_spans(text) if s >= best.end]
    if not text[best.end:].strip(" :\n"):
        nxt = _next_passage(best.passage, passages)
        if nxt is not None:
            out = [Evidence(nxt, s, e, best.score * 0.9, best.coverage) for s, e in sentence_spans(nxt.chunk.text)]
    return out[:limit]


def _enumerates(quote: str) -> float:
    """1 when a sentence introduces and spells out several items ("gồm: A, B và C"), 0.5 for a bare run of ";" items."""
    m = re.search(r":\s*\S", quote)
    if m and len(re.findall(r"[;,]|\bvà\b", quote[m.end():])) >= 2:
        return 1.0
    return 0.5 if quote.count(";") >= 2 else 0.0


def _previous_sentence(ev: Evidence) -> Unit | None:
    """The sentence before `ev` in its paragraph, if any (a short "Kết quả, không có trường hợp nào" concludes it)."""
    ct = analyse(ev.passage.chunk)
    before = [u for u in ct.sentences if u.end <= ev.start]
    if not before or "\n\n" in ct.text[before[-1].end : ev.start]:
        return None
    return before[-1]


def _next_sentence(ev: Evidence) -> Unit | None:
    """The sentence after `ev` in its paragraph, if any."""
    ct = analyse(ev.passage.chunk)
    after = [u for u in ct.sentences if u.start >= ev.end]
    if not after or "\n\n" in ct.text[ev.end : after[0].start]:
        return None
    return after[0]


def _dated_by_next(query: Query, passages: list[Passage], weights: TermWeights, th: Thresholds,
                   notes: Footnotes | None) -> Draft | None:
    """The best sentence quoted with the next one when only that one carries a date (it speaks of "các thủ tục
    này": its topic is the best sentence's)."""
    cands = sentence_candidates(query, passages, weights, notes)
    if not cands or cands[0].coverage < th.min_coverage:
        return None
    best = cands[0]
    nxt = _next_sentence(best)
    if nxt is None or not _DATE.search(nxt.folded):
        return None
    quote = best.passage.chunk.text[best.start : nxt.end]
    cites = Citations()
    return Draft(_quoted(cites, best.passage, quote), cites.items, False)


def answer_sentences(query: Query, passages: list[Passage], weights: TermWeights, th: Thresholds,
                     per_report: bool = False, notes: Footnotes | None = None, must: re.Pattern | None = None) -> Draft:
    """Open, list and yes/no questions: quote the sentences that say so (and match `must`, when given)."""
    cands = sentence_candidates(query, passages, weights, notes)
    if must is not None:  # a pattern written for the folded text, or for the text as printed (case, marks)
        cands = [c for c in cands if must.search(fold(c.quote)) or must.search(c.quote)]
    if query.followup and query.focus and cands:
        # a follow-up asks about its own new words ("Cái trợ lý ảo đó đã dùng chính thức chưa?"): a sentence
        # silent about them answers the last turn, not this one. Said as a phrase when the turn has one
        # ("trợ lý", "chính thức"): its single syllables are everywhere ("vai trò", "chính sách")
        phrases = _focus_pairs(query)
        if phrases:
            # the IDF share of the turn's phrases the sentence or its heading says ("hạn chế" tells, "công tác" not)
            weight = {f: sum(weights(w) for w in f.split()) for f in phrases}
            total = sum(weight.values()) or 1.0
            told = {}
            for c in cands:
                said = " ".join(re.findall(r"[a-z0-9]+", fold(f"{c.quote} {' '.join(c.passage.chunk.heading_path)}")))
                told[id(c)] = sum(weight[f] for f in phrases if re.search(r"\b" + f + r"\b", said)) / total
        else:
            told = {id(c): coverage(query.focus, fold(c.quote), weights) for c in cands}
        most = max(told.values())
        if most < th.min_focus:
            return abstain(passages, "no sentence says what the follow-up asks about")
        cands = [c for c in cands if told[id(c)] >= 0.75 * most]
        for c in cands:  # the turn is about its own words: the last turn's need not be said again
            c.coverage = max(c.coverage, coverage(query.focus, fold(c.quote), weights))
    # a yes/no question is answered by the best sentence saying "không … trường hợp nào" somewhat more readily:
    # such a sentence is short and leaves its topic to its heading ("2.4. Việc nâng cao đạo đức công vụ")
    need = th.min_coverage * (0.8 if query.kind == "yesno" and cands and _NEGATION.search(fold(cands[0].quote)) else 1.0)
    # a list is also answered by the items of the section it names, though another sentence ranks first
    listed = query.kind == "list" and any(c.extra.get("section") and c.coverage >= need for c in cands)
    if not cands or (cands[0].coverage < need and not listed):
        return abstain(passages, "no sentence shares enough content words")
    best = cands[0]
    cites = Citations()
    if per_report and query.kind in ("open", "yesno", "list"):
        # several reports named: the best sentence of each, one line per report
        by_doc: dict[str, Evidence] = {}
        for c in cands:
            if c.passage.doc_id not in by_doc and c.coverage >= 0.8 * th.min_coverage and c.score >= 0.6 * best.score:
                by_doc[c.passage.doc_id] = c
        if len(by_doc) > 1:
            lines = []
            for c in sorted(by_doc.values(), key=lambda ev: period_key(ev.passage.meta.period)):
                lines.append(_quoted(cites, c.passage, c.quote, notes))
            return Draft("\n".join(lines), cites.items, False, {"per_report": True})
    if query.kind == "list":
        # a list of documents ("Kể tên các kế hoạch …") is answered by sentences that name them by number
        # ("Kế hoạch số 11/KH-UBND ngày …"), not by one that only shares the topic (the report's own title)
        listed = [t for t in _DOC_TYPES if re.search(r"\b(?:cac|nhung) " + t + r"\b", fold(query.standalone))]
        if listed:  # a scan's garbled "K& hoach s6 11" is not held against it; a footnote the sentence calls counts
            cands = [c for c in cands if c.passage.meta.low_ocr_quality
                     or _names_type(fold(f"{c.quote} {_called_notes(c, notes)}"), listed)] or cands
        # a list is answered by a sentence that enumerates ("gồm: A; B; C", "các sở: A, B, C"),
        # best when what introduces it ("Các đơn vị sự nghiệp gồm:") is what the question asks for
        told: dict[str, list[str]] = {}
        for c in cands:
            head = re.split(r":|\bgom\b", fold(c.quote), maxsplit=1)
            intro = head[0] if len(head) > 1 else ""  # a bare run of ";" items introduces nothing
            asked = _telling(query.topic, c.passage, told, query.standalone)  # the reporting office's own name says nothing here
            c.score += (0.25 + 0.5 * coverage(asked, intro, weights)) * _enumerates(c.quote)
        cands.sort(key=lambda ev: -ev.score)
        # a section the question names ("những tồn tại, hạn chế nào?" and "2. Tồn tại, hạn chế") holds the list,
        # though its items need not say the question's words themselves, unless a sentence says them outright
        best = cands[0]
        # a sentence saying the asked words in passing ("… về khắc phục tồn tại, hạn chế …") lists nothing
        if best.extra["says_asked"] < HEADING_ITEMS or not _enumerates(best.quote):
            best = next((c for c in cands if c.extra["section"]), best)
        if best.extra.get("section"):  # the items under the section the question names, in their order
            items = [c for c in cands if c.extra.get("section") == best.extra["section"]]
            items = sorted(items, key=lambda c: (c.passage.chunk.char_start, c.start))[: th.max_list_items]
            lines = [f"{source_phrase(best.passage)}:"]
            for c in items:
                lines.append(f"- “{clean_quote(c.quote)}” [{cites.cite(c.passage, c.quote)}]")
            return Draft("\n".join(lines), cites.items, False)
        # the list lives where the best sentence is: its chunk, plus near-equal sentences of the same report
        close = [c for c in cands if c.score >= 0.6 * best.score]
        same = [c for c in close if c.passage.chunk.chunk_id == best.passage.chunk.chunk_id]
        other = [c for c in close if c.passage.chunk.chunk_id != best.passage.chunk.chunk_id
                 and c.passage.doc_id == best.passage.doc_id and c.score >= 0.97 * best.score]
        picked: list[Evidence] = []
        for c in same + _following_items(best, th.max_list_items, passages) + other:
            if len(picked) < th.max_list_items and not any(c.passage is x.passage and c.start == x.start for x in picked):
                picked.append(c)
        picked = sorted(picked, key=lambda c: (c.passage.chunk.chunk_id, c.start))
        lines = [f"{source_phrase(best.passage)}:"]
        for c in picked:
            n = cites.cite(c.passage, c.quote)
            lines.append(f"- “{clean_quote(c.quote)}” [{n}]{_note_suffix(cites, notes, c.passage, c.quote)}")
        return Draft("\n".join(lines), cites.items, False)
    if query.kind == "yesno":
        # a sentence that says "không có …" / "…: Không." answers a yes/no question outright, also when it
        # closes the sentence before it ("… quy tắc ứng xử. Kết quả, cơ quan không có trường hợp nào vi phạm.")
        by_start = {(c.passage.chunk.chunk_id, c.start): c for c in cands}
        strong = []
        for c in cands[:20]:
            if not _NEGATION.search(fold(c.quote)):
                continue
            prev = _previous_sentence(c)
            lead = by_start.get((c.passage.chunk.chunk_id, prev.start)) if prev else None
            if c.coverage >= th.min_coverage and c.score >= 0.7 * best.score:
                strong.append(c)
            elif lead and max(c.score, lead.score) >= 0.7 * best.score and \
                    coverage(query.topic, fold(lead.quote + " " + c.quote), weights) >= th.min_coverage:
                strong.append(c)  # it concludes a sentence on the question's topic, read with it
        if strong:
            best = strong[0]
        verdict = "Không." if _NEGATION.search(fold(best.quote)) else "Có."
        return Draft(f"{verdict} {_quoted(cites, best.passage, best.quote)}", cites.items, False)
    if query.quote_request:
        return _quotable(query, cands, cites, notes, th, weights)
    # a second sentence only when it is nearly as good (from another passage) or comes from the same passage
    picked = [best] + [
        c for c in cands[1:]
        if c.score >= (0.8 if c.passage.chunk.chunk_id == best.passage.chunk.chunk_id else 0.97) * best.score
    ][: th.max_open_sentences - 1]
    parts = []
    for c in picked:
        parts.append(_quoted(cites, c.passage, c.quote, notes))
    return Draft("\n".join(parts), cites.items, False)


def _focus_pairs(query: Query) -> list[str]:
    """Adjacent pairs of a follow-up's own new words, as it typed them ("tro ly", "ly ao", "chinh thuc")."""
    syl = re.findall(r"[a-z]+", fold(query.question))
    focus = set(query.focus)
    return [f"{a} {b}" for a, b in zip(syl, syl[1:]) if a in focus and b in focus]


def _quotable(query: Query, cands: list[Evidence], cites: Citations, notes: Footnotes | None, th: Thresholds,
              weights: TermWeights | None = None) -> Draft:
    """Sentences to quote in a speech: on topic and descriptive, not a list of plans and decisions.

    A sentence made of document references ("Kế hoạch số 31-KH/ĐUVP ngày …") or introducing a list
    (ending in ":") reads badly in a speech, so it yields to the next good sentence.
    """
    asks_aside = _ASIDE.search(fold(query.standalone)) is not None

    def penalty(c: Evidence) -> float:
        refs = len(DOCREF.findall(c.quote))
        intro = c.passage.chunk.text[c.end : c.end + 2].lstrip().startswith(":")
        # the tasks ahead ("Đẩy mạnh phong trào …") are no result to speak of, unless they are asked
        aside = not asks_aside and _ASIDE.search(analyse(c.passage.chunk).heading) is not None
        return 0.25 * min(refs, 2) + (0.2 if intro else 0.0) + (0.2 if aside else 0.0)

    def in_section(c: Evidence) -> bool:
        # a paragraph of the section the topic names ("kết quả cải cách hành chính": "II. KẾT QUẢ … > 5. Công tác
        # cải cách hành chính") speaks of it, more than one that names it in passing ("Dân vận khéo" models
        # "tập trung vào các lĩnh vực cải cách hành chính")
        return weights is not None and coverage(query.topic, analyse(c.passage.chunk).heading_words, weights) >= HEADING_ITEMS

    def caption(c: Evidence) -> bool:  # "Bảng 2. Kết quả …" names a table, it says nothing to quote
        return CAPTION.match(c.passage.chunk.text[slice(*_line_around(c.passage.chunk.text, c.start, c.end))]) is not None

    cands = [c for c in cands if not _title_line(c) and not caption(c)] or cands
    cands = [c for c in cands if in_section(c) and c.coverage >= th.min_coverage] or cands
    best = cands[0].score
    ranked = sorted((c for c in cands if c.score >= 0.6 * best and c.coverage >= th.min_coverage),
                    key=lambda c: -(c.score - penalty(c)))
    picked = ranked[: th.max_open_sentences] or cands[:1]
    parts = []
    quoted: set[tuple[str, int]] = set()
    for c in picked:
        s, e = _paragraph_of(c)
        if (c.passage.chunk.chunk_id, s) in quoted:
            continue  # two good sentences of one paragraph: it is quoted once
        quoted.add((c.passage.chunk.chunk_id, s))
        parts.append(_quoted(cites, c.passage, c.passage.chunk.text[s:e], notes))
    return Draft("\n".join(parts), cites.items, False, {"quote_request": True})


PARAGRAPH_CHARS = 700  # a paragraph longer than this is quoted by its sentence


def _paragraph_of(ev: Evidence) -> tuple[int, int]:
    """The span of the paragraph (line) holding a sentence: a speech quotes a paragraph, not a lone sentence."""
    text = ev.passage.chunk.text
    if _title_line(ev):
        return ev.start, ev.end
    start, end = _line_around(text, ev.start, ev.end)
    if end - start > PARAGRAPH_CHARS:
        # a long paragraph: from the sentence on, as many whole sentences as fit
        start = ev.start
        ends = [u.end for u in analyse(ev.passage.chunk).sentences if ev.end <= u.end <= min(end, start + PARAGRAPH_CHARS)]
        end = max(ends, default=ev.end)
    while end > start and text[end - 1] in " \t.;":
        end -= 1
    return start, end


# A document reference as reports write it: "16/QĐ-VP", "22/KH-VPUB", "1167-QĐ/TU", "số 30/KH-UBND".
# A scan may read "QĐ" as "0P" ("906/0P-UBND"): a 0 right before a capital letter counts as one.
DOCREF = re.compile(r"\b\d+\s*(?:/|-)\s*(?:[A-ZĐ]|0(?=[A-ZĐ]))[A-ZĐa-zđ]*(?:[-/&]\s?[A-ZĐa-zđ0-9]+)*")
_DOC_TYPES = ("quyet dinh", "ke hoach", "cong van", "nghi quyet", "chi thi", "thong bao", "nghi dinh", "thong tu", "quy che", "de an")


# "… cơ quan nào?", "đơn vị nào?": an organisation is asked (read as typed: "hồ sơ nào" is no "sở nào")
_ORG_ASKED = re.compile(r"\b(?:cơ quan|đơn vị|sở|ngành) nào\b")
# An organisation as printed: its kind, then its capitalised name ("Sở Y tế", "Bưu điện Tỉnh"); case-sensitive,
# so "số" is never "Sở" (a scan writes "So Cong Thuong"); "UBND tỉnh", named everywhere, tells nothing
_ORG_NAME = re.compile(r"\b(?:Sở|So|Bộ|Cục|Chi cục|Ban|Trung tâm|Phòng|Bưu điện|Buu dien|Viện|Công an|Thanh tra)\s+[A-ZĐ]")

# "là ai?", "đồng chí nào?", "họ tên": a person is asked (folded); a count ("bao nhiêu người") is not, nor
# "mô hình … tên là gì?"
_PERSON_ASKED = re.compile(r"\b(?:la ai|ai la|ai (?:dang|hien|giu|phu trach|lam)|(?:dong chi|ong|ba) nao|ho (?:va )?ten)\b")
# A person as printed: a Vietnamese surname, or "ông"/"bà"/"đồng chí", then capitalised given names (case-sensitive,
# with or without marks, as a scan prints them; not "Quang", which is also "Quảng Ngãi" scanned)
_PERSON_NAME = re.compile(
    r"\b(?:(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí|[Oo]ng|[Dd]ong chi)\s+[A-ZĐ]\w+"
    r"|(?:Nguyễn|Nguyen|Trần|Tran|Lê|Le|Phạm|Pham|Hoàng|Hoang|Huỳnh|Huynh|Phan|Vũ|Vu|Võ|Vo|Đặng|Dang|Bùi|Bui|Đỗ|Do"
    r"|Ngô|Ngo|Dương|Duong|Lý|Đinh|Dinh|Đào|Dao|Trịnh|Trinh|Lương|Luong|Lâm|Trương|Truong|Đoàn|Doan|Lò|Cầm|Mai|Cao"
    r"|Lưu|Luu)\s+[A-ZĐ]\w+)(?:\s+[A-ZĐ]\w+){1,2}\b"
)

# "có địa chỉ (trang web) gì?", "website nào?": a web address is asked
_ADDRESS_ASKED = re.compile(r"\b(?:dia chi|website|trang web|trang thong tin)\b[^?]*\b(?:gi|nao)\b")
_WEB_ADDRESS = re.compile(r"https?://|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.vn|vn|com|org|net)\b")
# a street address as written (folded): "số 52 đường Hùng Vương", "52 Hùng Vương, phường …"
_STREET_ADDRESS = re.compile(r"\b(?:so\s+)?\d+[a-z]?(?:/\d+)?,?\s+(?:duong|pho)\s+[a-z]+|\b\d+[a-z]?\s+[a-z]+\s+[a-z]+,\s*(?:phuong|xa|thi tran)\b")
_ADDRESS = re.compile(f"{_WEB_ADDRESS.pattern}|{_STREET_ADDRESS.pattern}")

# "những chỉ thị nào", "các kế hoạch gì": a list of documents of one type is asked
_DOC_TYPE_ASKED = re.compile(r"\b(?:nhung|cac)\s+(" + "|".join(_DOC_TYPES) + r")\b[^?]*\b(?:nao|gi)\b")


# "Báo cáo … được lập theo công văn nào?", "Báo cáo căn cứ văn bản nào?": the report's own basis is asked
_BASIS_ASKED = re.compile(r"^(?:theo |cho (?:toi|em) biet )?bao cao\b[^?]*\b(?:(?:lap|xay dung|thuc hien|viet|ban hanh)"
                          r"\s+(?:theo|can cu|tren co so)|can cu)\b")
_BASIS = re.compile(r"\s*(?:thuc hien|can cu|theo de nghi)\b")


def named_refs(question: str) -> list[str]:
    """Leading numbers of the document references a question itself names ("Kế hoạch số 236/KH-VP" -> "236")."""
    return [re.match(r"\d+", m.group(0)).group(0) for m in DOCREF.finditer(nfc(question))]


def _names_ref(text: str, numbers: list[str]) -> bool:
    return any(re.search(r"(?<![\d.,/])" + n + r"\s*[-/]", text) for n in numbers)


def answer_docref(query: Query, passages: list[Passage], weights: TermWeights, th: Thresholds,
                  notes: Footnotes | None = None) -> Draft:
    """"Theo quyết định số mấy?": the clause that names the document, with its number as written.

    A document reference is scored by the question words around it (its subject, "về …"), not
    only by the whole sentence, so a sentence listing many plans quotes the clause of the asked one.
    A question that itself names a document ("Kế hoạch số 236/KH-VP ngày nào?") is answered
    from a sentence naming that same document.
    """
    question = fold(query.question)
    asked = [t for t in _DOC_TYPES if t in " ".join(query.topic) or t in question]
    # the type the asking word points at ("theo công văn nào?"), not one the question is about ("Quy chế … ban
    # hành bằng văn bản nào?"): a document of that type answers before any other
    pointed = [t for t in _DOC_TYPES if re.search(r"\b" + t + r"(?:\s+\w+){0,2}\s+(?:so\s+)?(?:nao|gi|may)\b", question)]
    words = query.topic
    cands = sentence_candidates(query, passages, weights, notes)
    if _BASIS_ASKED.search(question.strip()):
        # the report's own basis is the preamble's "Thực hiện …" / "Căn cứ …" sentence, before its first section
        cands = [c for c in cands if not c.passage.chunk.heading_path and _BASIS.match(fold(c.quote))] or cands
    best = None
    for named in ([named_refs(query.question), []] if named_refs(query.question) else [[]]):
        best = best or _best_docref(cands, named, asked, pointed, words, weights, th, notes, fold(query.standalone))
    if best is None:
        return abstain(passages, "no sentence names a document")
    _, c, s, e = best
    quote = c.passage.chunk.text[s:e]
    years = document_years(question)
    if years and not any(y in quote for y in years):
        # "Kế hoạch kiểm tra … năm 2025 là số mấy?": the plans of 2023 are other plans
        return abstain(passages, f"no document of {', '.join(years)} is named")
    cites = Citations()
    return Draft(_quoted(cites, c.passage, quote, notes), cites.items, False)


def _foreign_share(piece_folded: str, question_folded: str) -> float:
    """Share of the references in a piece issued by someone the question does not name.

    "Kế hoạch số 29/KH-UBND … của UBND tỉnh" does not answer "kế hoạch của Văn phòng UBND tỉnh";
    a reference with no "của …" after it is the reporting office's own.
    """
    refs = list(DOCREF.finditer(piece_folded.upper()))
    if not refs or " cua " not in f" {question_folded} ":
        return 0.0
    foreign = 0
    for m in refs:
        by = re.match(r"[^;()]{0,30}?\bcua\s+([a-z]+ [a-z]+)", piece_folded[m.end() : m.end() + 60])
        if by and f"cua {by.group(1)}" not in question_folded:
            foreign += 1
    return foreign / len(refs)


def _names_type(folded: str, types: list[str]) -> bool:
    """Does the folded text name a document of one of `types` with its number ("cong van so 1684/…")?"""
    return any(re.search(re.escape(t) + r"\s+(?:so\s*)?\d", folded) for t in types)


def _called_notes(c: Evidence, notes: Footnotes | None) -> str:
    """The text of the footnotes a sentence calls ("… thành lập Trung tâm[11]": note 11's "Quyết định số …")."""
    return " ".join(dp.chunk.text[s:e] for dp, s, e in notes.called_in(c.passage, c.quote)) if notes else ""


_ABOUT_ASKED = re.compile(r"\bve (?:viec |van de )?gi\b|\bnoi dung (?:gi|nao)\b")


def _says_about(folded: str, numbers: list[str]) -> bool:
    """Does the folded text give a named document's subject: its number, then "về …" within its date?"""
    return any(re.search(r"(?<![\d.,/])" + n + r"\s*[-/][^;]{0,40}?\bve\b", folded) for n in numbers)


def _best_docref(cands, named, asked, pointed, words, weights, th, notes, question_folded=""):
    """The best clause naming a document; one of the type asked ("theo công văn nào?") before any other."""
    best = best_typed = None
    for c in cands:
        if c.coverage < th.min_coverage * 0.8:
            break
        called = _called_notes(c, notes)  # the number may sit in a footnote the sentence calls
        if not DOCREF.search(c.quote + " " + called):
            continue
        if named and not _names_ref(c.quote, named):
            continue
        text = c.passage.chunk.text
        spans = [(c.start, c.end)]
        if c.end - c.start > 260:
            spans += [(cs, ce) for cs, ce in clause_spans(text, c.start, c.end) if DOCREF.search(text[cs:ce])]
        for s, e in spans:
            piece = text[s:e]
            if (s, e) != (c.start, c.end) and named and not _names_ref(piece, named):
                continue
            folded = fold(piece + (" " + called if (s, e) == (c.start, c.end) else ""))
            typed = _names_type(folded, asked) if asked else True
            local = coverage(words, set(re.findall(r"[a-z]+", folded)), weights)
            score = c.score + 0.3 * typed + 0.8 * local - (0.2 if e - s > 400 else 0.0)
            score -= 0.4 * _foreign_share(fold(piece), question_folded)
            if named and _ABOUT_ASKED.search(question_folded) and _says_about(folded, named):
                score += 0.3  # "… về việc gì?": the clause that gives the document's subject ("… ngày 20/9/2023 về …")
            if best is None or score > best[0]:
                best = (score, c, s, e)
            if pointed and _names_type(folded, pointed) and (best_typed is None or score > best_typed[0]):
                best_typed = (score, c, s, e)
    return best_typed or best


_DAY = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})(?![\d/])")
_DAY_IN_WORDS = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2}) nam ((?:19|20)\d{2})\b")  # folded: "ngày 02 tháng 11 năm 2023"


def unsaid_dates(question: str, passages: list[Passage]) -> list[str]:
    """Days the question names ("hội nghị hôm 25/12/2023") that no report read says: like a name, a day pins
    the question to an event, and a figure from a report silent about that day is another event's."""
    def days(text: str) -> set[tuple[int, int, int]]:
        found = _DAY.findall(text) + _DAY_IN_WORDS.findall(fold(text))
        return {(int(d), int(m), int(y)) for d, m, y in found}

    asked = days(question)
    if not asked:
        return []
    said = set().union(*(days(p.chunk.text) for p in passages))
    said |= {tuple(int(x) for x in reversed(p.meta.date.split("-"))) for p in passages if p.meta.date}
    return [f"{d:02d}/{m:02d}/{y}" for d, m, y in sorted(asked - said)]


def answer(query: Query, passages: list[Passage], weights: TermWeights, th: Thresholds | None = None,
           per_report: bool = False) -> Draft:
    """Extractive answer for `query` from `passages` (already filtered to the asked period/province)."""
    th = th or Thresholds()
    if not passages:
        return abstain([], "no passages")
    missing = missing_names(query.question, passages)  # the turn as typed: a standalone form joins two turns
    if missing:
        return abstain(passages, f"name not in the reports read: {', '.join(missing)}")
    unsaid = unsaid_dates(query.question, passages)
    if unsaid:
        return abstain(passages, f"date not in the reports read: {', '.join(unsaid)}")
    if query.unit and fold(query.unit).startswith("so "):
        # A named department (Sở …) must be the one the passage speaks of, not another office's figures.
        words = [w for w in fold(query.unit).split()[1:] if w not in ("va", "&")]
        about = [p for p in passages if all(w in set(folded_tokens(p.chunk.text + " " + (p.meta.issuer or ""))) for w in words)]
        if not about:
            return abstain(passages, "the named department is not in the reports")
        passages = about
    elif query.unit == "Văn phòng UBND":
        # the provincial office named: its own report, or a passage that speaks of it (not a Sở's report)
        about = [p for p in passages if query.unit in units_named(fold(f"{p.meta.issuer or ''} {p.chunk.text}"))]
        if not about:
            return abstain(passages, "the named office is not in the reports")
        passages = about
    notes = Footnotes(passages)
    if _ADDRESS_ASKED.search(fold(query.question)):
        # "địa chỉ gì?": a sentence that carries a web or street address; without one the reports do not say
        # a place's address ("Trụ sở … nằm ở địa chỉ nào?") is a street's, not a website's
        place = re.search(r"\b(?:tru so|nam o|dat tai|toa lac)\b", fold(query.question)) is not None
        addressed = answer_sentences(query, passages, weights, th, False, notes, must=_STREET_ADDRESS if place else _ADDRESS)
        return addressed if not addressed.abstained else abstain(passages, "no sentence carries an address")
    if query.kind == "docref":
        return answer_docref(query, passages, weights, th, notes)
    asked_type = _DOC_TYPE_ASKED.search(fold(query.question))
    if query.kind == "list" and asked_type:
        # "những chỉ thị nào …?": sentences that name documents of that type, if the reports have them
        listed = answer_sentences(query, passages, weights, th, per_report, notes,
                                  must=re.compile(r"\b" + asked_type.group(1) + r"\b"))
        if not listed.abstained:
            return listed
    org = _ORG_ASKED.search(nfc(query.question).lower()) if query.kind in ("open", "yesno") else None
    if org and query.kind == "yesno":
        # "có cơ quan, đơn vị nào bị kỷ luật … không?" is first answered by a sentence saying there was none
        plain = answer_sentences(query, passages, weights, th, per_report, notes)
        if not plain.abstained and plain.text.startswith("Không."):
            return plain
    if org:
        # "chuyển về cơ quan nào?": a sentence that names an organisation ("Sở Y tế"), if the reports have one;
        # "cơ quan" says what kind of answer is wanted, not what the sentence is about
        kind = fold(org.group(0)).split()[:-1]
        asked = replace(query, topic=[w for w in query.topic if w not in kind])
        named = answer_sentences(asked, passages, weights, th, per_report, notes, must=_ORG_NAME)
        if not named.abstained:
            return named
    if query.kind in ("open", "list") and _PERSON_ASKED.search(fold(query.question)):
        # "ai là Trưởng Ban …?": only a sentence that names a person answers; the reports may not say who
        person = answer_sentences(query, passages, weights, th, per_report, notes, must=_PERSON_NAME)
        return person if not person.abstained else abstain(passages, "no sentence names a person")
    if query.kind == "when" and named_refs(query.question):
        # "Kế hoạch 1879/KH-VP ban hành ngày nào, về việc gì?": the clause that names that document gives its date
        named_doc = answer_docref(query, passages, weights, th, notes)
        if not named_doc.abstained:
            return named_doc
    if query.kind == "when":  # "từ khi nào?": a sentence that carries a date, if the reports have one
        dated = answer_sentences(query, passages, weights, th, False, notes, must=_DATE)
        if not dated.abstained:
            return dated
        if _DAY_ASKED.search(fold(query.question)):
            # "vào ngày nào?" asks a day: the best sentence with the next one that dates it ("Từ 01/6/2023, các
            # thủ tục này …"), else no answer
            return _dated_by_next(query, passages, weights, th, notes) or dated
        return answer_sentences(query, passages, weights, th, per_report, notes)
    extreme = answer_extreme(query, passages, weights)
    if extreme is not None:  # "đơn vị nào có tỷ lệ … cao nhất?": the rows of the table the question names
        return extreme
    if query.kind == "count":
        parts = question_parts(query)
        if len(parts) > 1:  # "đã giải quyết bao nhiêu, còn bao nhiêu đang giải quyết?": a figure for each
            split = answer_parts(parts, passages, weights, th, per_report, notes)
            if split is not None:
                return split
        draft = answer_count(query, passages, weights, th, per_report, notes)
        unnamed = draft_missing_names(query, draft, passages)
        if unnamed:
            draft = abstain(passages, f"the figure's passage does not name: {', '.join(unnamed)}")
        if draft.abstained and query.noun and not noun_after_count(query):
            # "được rút ngắn khoảng bao nhiêu so với …?": the noun was only a guess from elsewhere in the
            # question ("thời gian xử lý hồ sơ"); any figure the question's words describe will do
            draft = answer_count(replace(query, noun=None), passages, weights, th, per_report, notes)
        if not draft.abstained:
            return draft
        none = answer_none(query, passages, weights, th)
        if query.noun == "ordinal":  # a rank is often written in words: "đứng thứ nhất", "xếp hạng ba"
            worded = none or answer_sentences(query, passages, weights, th, False, notes, must=_ORDINAL_WORDS)
            # of the index asked ("Chỉ số SIPAS … xếp thứ mấy?"), not another's ("PAR INDEX … thứ hạng cao nhất")
            indices = indices_asked(query.standalone)
            if indices and not all(any(index_said(i, fold(c.quote)) for i in indices) for c in worded.citations):
                return abstain(passages, f"the quoted rank is not of: {', '.join(indices)}")
            return worded
        if none is not None or query.noun is not None:
            return none or draft
        per_report = False
    draft = answer_sentences(query, passages, weights, th, per_report, notes)
    unnamed = draft_missing_names(query, draft, passages)
    return abstain(passages, f"the quoted passages do not name: {', '.join(unnamed)}") if unnamed else draft


def answer_parts(parts: list[Query], passages: list[Passage], weights: TermWeights, th: Thresholds, per_report: bool,
                 notes: Footnotes) -> Draft | None:
    """One figure per part of a question asking several, each a different figure; None when no part is found.

    A part whose own noun finds nothing is asked again with the first part's noun ("có bao nhiêu thủ
    tục, trong đó bao nhiêu là dịch vụ công toàn trình?" counts thủ tục twice); a part still not found
    is named in the answer rather than dropping the parts that were.
    """
    cites = Citations()
    taken: set[tuple[str, int]] = set()
    lines: list[str] = []
    figures: list[str] = []
    missing: list[str] = []
    # parts asked of different places or periods ("Sơn La và Quảng Ngãi, mỗi nơi …") keep their own reports
    compared = len({(x.province, x.year, x.half, x.quarter, x.months) for x in parts}) > 1
    for i, q in enumerate(parts):
        said = _said_in_quotes(q, cites) if i else None
        if said is not None:  # "… 142 chỉ tiêu, …; kết quả có 127 thí sinh trúng tuyển": the first quote says it
            figures.append(said)
            continue
        d = answer_count(q, passages, weights, th, per_report, notes, cites, taken)
        if d.abstained and i and q.noun != parts[0].noun:
            d = answer_count(replace(q, noun=parts[0].noun), passages, weights, th, per_report, notes, cites, taken)
        if d.abstained:
            missing.append(q.question.strip(" ,;?"))
            continue
        if not figures and not d.meta.get("per_report") and not compared:
            # the parts of one question share its setting: when one report answers the first part, the later
            # parts are read in that report, not spread over the others
            answered = {chunk_id for chunk_id, _ in d.meta.get("taken", [])}
            docs = {p.doc_id for p in passages if p.chunk.chunk_id in answered}
            passages = [p for p in passages if p.doc_id in docs] or passages
            per_report = False
        taken |= set(d.meta.get("taken", []))
        lines += [line for line in d.text.splitlines() if line not in lines]
        figures += d.meta.get("figures", [])
    if not lines:
        return None
    if missing:
        lines.append("Không tìm thấy số liệu cho: " + "; ".join(f"“{m}”" for m in missing) + ".")
    return Draft("\n".join(lines), cites.items, False, {"figures": figures, "parts": len(parts), "parts_missing": missing})


def _said_in_quotes(part: Query, cites: Citations) -> str | None:
    """The figure an earlier part's quote already gives for this part: a number followed, within two words, by
    what the part asks after its noun ("bao nhiêu người trúng tuyển" in "… có 127 thí sinh trúng tuyển")."""
    qualifier = asked_qualifier(part)
    if len(qualifier) < 2:
        return None
    pattern = re.compile(r"(?<![\d.,/])(\d[\d.,/]*)\s+(?:[a-z]+\s+){0,2}" + r"\s+".join(map(re.escape, qualifier)) + r"\b")
    for c in cites.items:
        m = pattern.search(fold(c.quote))
        if m:
            return m.group(1)
    return None


def noun_after_count(query: Query) -> bool:
    """Does the question name its counted noun after the count word ("bao nhiêu hồ sơ", "mấy … hồ sơ")?"""
    folded = asking_fold(query.standalone)
    m = ASK_COUNT.search(folded)
    # a measure ("tỷ lệ", "kinh phí") is what is asked wherever the question names it
    if not m or not query.noun or query.noun in ("%", "ordinal", "tien") or query.noun.startswith("lit:"):
        return True
    return any(re.search(r"(?<![a-z])" + re.escape(form) + r"(?![a-z])", folded[m.end() :]) for form in _noun_forms(query.noun))


_DAY_ASKED = re.compile(r"\bngay (?:nao|may|bao nhieu)\b")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)\d{2}\b|\bthang \d{1,2}(?:/(?:19|20)\d{2})?\b")  # a day or a month
# read as printed: folded, "hằng năm" (every year) would be "hạng năm" (fifth place)
_ORDINAL_WORDS = re.compile(r"(?i)\b(?:thứ|hạng)\s+(?:nhất|nhì|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|cao nhất|đầu)\b")


def answer_none(query: Query, passages: list[Passage], weights: TermWeights, th: Thresholds) -> Draft | None:
    """A count the report answers with "không có …" (e.g. "không có đơn, thư khiếu nại")."""
    forms = _noun_forms(query.noun)
    # what is counted may be said by the words after the noun: "bao nhiêu lượt công dân?" is answered
    # "không có công dân đến trực tiếp"
    if forms and query.noun_phrase:
        forms = forms + [" ".join(query.noun_phrase.split()[:2])]
    for c in sentence_candidates(query, passages, weights):
        if c.coverage < th.min_coverage:
            break
        folded = fold(c.quote)
        for m in _NEGATION.finditer(folded):
            tail = folded[m.start() : m.end() + 40]  # the negation may name the noun: "không trường hợp nào"
            if not forms or any(re.search(r"(?<![a-z])" + re.escape(f) + r"(?![a-z])", tail) for f in forms):
                cites = Citations()
                return Draft(f"Không có. {_quoted(cites, c.passage, c.quote)}", cites.items, False, {"says_none": True})
    return None
