"""Understanding a question without a language model: period, province, unit, kind, counted noun, topic.

Everything is matched on accent-folded text, because users type without
diacritics and one report is an OCR scan that lost them.  A follow-up
("còn 6 tháng đầu năm thì sao?", "đơn tố cáo?", "thế còn Sơn La?") is resolved
against the previous turn's `Query`: slots it restates replace the old ones,
the rest carry over, and a standalone question is written for retrieval.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from assistant.thesaurus import opposed_said
from ingest.document import Period
from ingest.metadata import PROVINCES  # the 63 provinces, one list for metadata and questions
from ingest.vietnamese import diacritic_ratio, fold, nfc, parse_number

_PROVINCE_BY_FOLD = {fold(p).replace(" - ", " "): p for p in PROVINCES}
_PROVINCE_BY_FOLD.update({"ba ria vung tau": "Bà Rịa - Vũng Tàu", "hue": "Thừa Thiên Huế",
                          "tp hcm": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh", "sai gon": "Hồ Chí Minh"})

# Units that answer for figures (folded patterns -> display name).
_UNITS = [
    (r"ban tiep (?:cong )?dan", "Ban Tiếp công dân"),
    (r"trung tam phuc vu hanh chinh cong", "Trung tâm Phục vụ hành chính công"),
    (r"trung tam phuc vu\s*-?\s*kiem soat (?:thu tuc hanh chinh|tthc)", "Trung tâm Phục vụ - Kiểm soát TTHC"),
    (r"bo phan mot cua", "Bộ phận Một cửa"),
    (r"trung tam cong bao(?: va tin hoc)?", "Trung tâm Công báo và Tin học"),
    (r"van phong (?:ubnd|uy ban nhan dan)", "Văn phòng UBND"),
    (r"so (?:thong tin (?:va|&) truyen thong|tt ?& ?tt|tttt)", "Sở Thông tin và Truyền thông"),
    (r"so noi vu", "Sở Nội vụ"),
    (r"so [a-z]+(?: [a-z]+){0,3}? (?=(?:tinh|nhan|tiep|da|co|ban hanh|thuc hien)\b)", None),
]

# Counted nouns: canonical key -> folded surface forms (longest first when matching).
NOUNS: dict[str, list[str]] = {
    "phan anh": ["phan anh kien nghi", "phan anh, kien nghi", "phan anh"],
    "kien nghi": ["kien nghi"],
    "ho so": ["ho so"],
    "tthc": ["thu tuc hanh chinh", "thu tuc", "tthc"],
    "quyet dinh": ["quyet dinh"],
    "nghi quyet": ["nghi quyet"],
    "van ban": ["van ban"],
    "ke hoach": ["ke hoach"],
    "cuoc hop": ["cuoc hop", "hoi nghi"],
    "luot": ["luot"],
    "doan": ["doan dong nguoi", "doan"],
    "don": ["don thu", "don"],
    "cong chuc": ["cong chuc", "bien che"],
    "vien chuc": ["vien chuc"],
    "nguoi": ["nguoi"],
    "tin bai": ["tin bai", "tin, bai", "bai viet"],
    "lop": ["lop tap huan", "lop"],
    "dich vu cong": ["dich vu cong truc tuyen", "dich vu cong"],
    "ty dong": ["ty dong"],
    "trieu dong": ["trieu dong"],
    # "bao nhiêu tiền" -> "hơn 12 tỷ đồng"; "kinh phí … là bao nhiêu?" asks an amount of money too
    "tien": ["kinh phi", "chi phi", "doanh thu", "tien", "ty dong", "trieu dong", "nghin dong", "ngan dong", "dong"],
    "bao cao": ["bao cao"],
    "dang vien": ["dang vien"],  # "đảng viên", not "đang" (a verb marker) folded alike
    "%": ["ty le", "phan tram", "%"],
    "truong hop": ["truong hop"],
    "vu viec": ["vu viec", "vu"],  # "bao nhiêu vụ khiếu nại" -> "đã giải quyết 214 vụ việc"
    "don vi": ["don vi", "co quan"],  # "bao nhiêu cơ quan" -> "tại 11/18 cơ quan, đơn vị, địa phương"
    "ky": ["ky"],
}
# Bare surface forms that also begin other words, folded alike: "đơn vị", "tin học", "kỳ họp", "ký ngày", "đồng chí".
NOT_NOUN = {
    "don": r"\s+(vi|gian|gia|hang|dat|le)\b",
    "tin": r"\s+(hoc|tuong|nhiem|dung)\b",
    "ky": r"\s+(hop|luat|niem|thuat|so|ngay|ket|ten|boi|duyet)\b",
    "dong": r"\s+(chi|nguoi|bo|thoi|y|loat|deu)\b",
    "tien": r"\s+(hanh|do|trinh|bo|si|ich|hoa|toi|len|phong)\b",  # "tiến hành", "tiến độ": not "tiền"
}
_NOUN_FORMS = sorted(((form, key) for key, forms in NOUNS.items() for form in forms), key=lambda x: -len(x[0]))

ASK_COUNT = re.compile(r"\b(?:bao nhieu|may)\b")  # the words that ask how many
_COUNT = re.compile(r"\b(bao nhieu|may|so luong|so lieu|ty le|tong so|tong cong|phan tram|bao lau)\b")
# "Số lượt tiếp công dân của cấp xã năm 2024?": a count asked by naming it, without "bao nhiêu"
_COUNT_OPENING = re.compile(r"^\s*(?:tong )?so (?:" + "|".join(re.escape(f) for f, _ in _NOUN_FORMS) + r")(?![a-z])")
_LIST_ITEMS = r"(?:noi dung|nhiem vu|giai phap|ket qua|han che|kho khan|mo hinh|ton tai|vuong mac|kien nghi|de xuat)"
_LIST = re.compile(r"\b(nhung|cac|gi)\b[^?]*\bnao\b|\bliet ke\b|\bke ten\b|\bgom nhung\b|\bnhung (?:gi|viec|" + _LIST_ITEMS + r")\b"
                   # "chỉ ra những tồn tại, hạn chế gì?", "Nêu các tồn tại, hạn chế …": a section's items
                   r"|^\s*(?:neu|ke|trinh bay|tom tat|chi ra|cho biet)\s+(?:ra\s+)?cac " + _LIST_ITEMS + r"\b")
_YESNO = re.compile(r"\bco\b.+\bkhong\s*\??\s*$|\b(da|co)\b.+\bchua\s*\??\s*$|\bphai khong\b")
# "Còn …?", "… thì sao?", and "Trong đó …?" / "(Tính) riêng …?" (a part of what the last turn asked about).
_FOLLOWUP = re.compile(
    r"^\s*(con|the con|vay|the|con ve|trong do|trong so|rieng|tinh rieng)\b|\b(thi sao|the nao|ra sao|vay)\s*\??\s*$"
    r"|\b(?:con so|so lieu|chi so|ty le) (?:do|nay|tren)\b"  # "con số đó": the figure just given ("hồ sơ do …" is not)
    r"|\btrong (?:so )?do\s*\??\s*$"  # "… đã dùng bao nhiêu trong số đó?"
    r"|\btrong so (?:do|nay|tren)\b"  # "Bao nhiêu đơn trong số đó là khiếu nại?" ("trong đó" alone may split a total)
)

# Requests about the answer's use, not its topic ("để đưa vào bài phát biểu", "trích dẫn", "báo cáo").
_META = re.compile(
    r"\b(?:de |cho |can )?(?:dua vao |trong |cho )?(?:bai|doan) (?:phat bieu|noi chuyen|viet)(?: tong ket)?\b|"
    r"\b(?:tim|lay|trich|cho toi|can)(?: vai| cac| mot so| nhung)?(?: doan| cau)?(?: van| trich)?(?: dan)?(?: noi)?(?: ve)?\b|"
    r"\bbao cao\b|\bphu hop\b|\bviet\b|"
    r"\bca nam\b|\btinh (?:den|toi)\b|"  # "cả năm 2021", "tính đến …": the period, not the topic
    r"\bphan tram\b|"  # "mấy phần trăm": the unit asked (%), like "tỷ lệ"
    r"\bso luong\b|"  # "số lượng" asks a count; "lương" alone is a topic ("nâng lương")
    r"\b(?:nhung |cac )?noi dung (?:gi|nao)\b|"  # "gồm những nội dung gì?" asks for the items, it names no topic
    r"\b\d+\s*/\s*bc(?:\s*-\s*[a-z]+)*|"  # a report's own number ("Báo cáo 2182/BC-VP") names the report read
    r"\b(?:co )?(?:ghi nhan|de cap|neu)\b(?=.*\bkhong\s*\??\s*$)"  # "có ghi nhận … không?" asks the report
)

# A request for passages to quote ("để đưa vào bài phát biểu", "cần vài câu trích").
_QUOTE_REQUEST = re.compile(r"\b(?:phat bieu|noi chuyen|trich dan|trich|doan van|cau trich)\b")

# What a request for quotes is about: "(bài phát biểu) về <topic>", up to the request's own words
# ("…, cần một đoạn trích nguyên văn trong báo cáo …, ghi rõ nguồn").
# A purpose clause ends it too: "về kết quả … năm 2024 để em đưa vào bài phát biểu".
_QUOTE_TOPIC = re.compile(r"\bve\s+(.+?)(?=,?\s*\b(?:can|trong bao cao|theo bao cao|tu bao cao|ghi ro|giup|nho"
                          r"|de (?:em|toi|minh|chung toi|dua|dung|phat bieu|noi|lam|phuc vu|trich))\b|[.?!;]|$)")


def _quote_topic(folded: str) -> str:
    """The topic of a request for quotes, without the request ("Mình đang viết bài phát biểu", "đoạn trích"),
    whose words no report sentence says; the whole text when it names no topic with "về"."""
    m = _QUOTE_TOPIC.search(folded)
    return m.group(1) if m and content_words(m.group(1)) else folded


# Words after a count word that are not what is counted ("bao nhiêu phần", "mấy giờ").
_NOT_A_NOUN = {"phan", "lan", "nam", "thang", "ngay", "gio", "dang", "dat",  # "bao nhiêu đang giải quyết"
               "cai", "chiec"}  # classifiers: "bao nhiêu cái gửi qua …" names no noun of its own

# Words that carry no topic (question words, fillers, period words) — folded.
# Syllables that also start content words ("nội dung", "hội nghị", "thanh toán", "toàn trình",
# "bộ phận", "thực hiện") are kept: IDF already makes the common ones weigh little.
STOPWORDS = set(
    """bao nhieu may so ty le tong la gi nao nhung cac co khong chua da duoc bi cua va voi
    trong ngoai tai theo ve cho den tu nay do kia thi sao con the vay nhu ra bang hay hoac mot
    nam thang dau cuoi giua quy ky tinh o de ma ai khi luc gio sau truoc
    nua tren duoi gan khoang hon it nhat tat moi tung rang viec
    neu xin toi minh chung ta oi a nhe vang giup liet ke ten gom
    phai cung roi nhi gap""".split()  # "rồi", "nhỉ": particles ("đã trả lời được bao nhiêu rồi?"); "gặp" (khó khăn)
)
# Roman numerals used for quarters.
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass
class Query:
    """The understood question. Slots are None when not named; `explicit` lists what the text itself said."""

    question: str
    standalone: str
    kind: str = "open"  # signer | report_id | report_id_signer | recipients | count | docref | when | list | yesno | open
    year: int | None = None
    half: int | None = None
    quarter: int | None = None
    province: str | None = None
    unit: str | None = None
    noun: str | None = None
    noun_phrase: str | None = None  # folded words after the noun ("to cao" in "don to cao")
    topic: list[str] = field(default_factory=list)  # folded content words
    periods: list[Period] = field(default_factory=list)  # every reporting period named, in order (comparisons name several)
    provinces: list[str] = field(default_factory=list)
    explicit: list[str] = field(default_factory=list)
    followup: bool = False
    focus: list[str] = field(default_factory=list)  # a follow-up's own new words: what it asks beyond the last turn
    quote_request: bool = False  # passages wanted for a speech: descriptive sentences, not lists of documents
    last_chunks: list[str] = field(default_factory=list)  # a follow-up: the chunks the last answer quoted
    months: tuple[int, int] | None = None  # months named ("tháng 3/2024" -> (3, 3); "tính đến tháng 2" -> (1, 2))

    @property
    def named_provinces(self) -> list[str]:
        """Every province the question is about: those it lists, else the one it names."""
        return self.provinces or ([self.province] if self.province else [])

    @property
    def period(self) -> Period | None:
        if not (self.year or self.half or self.quarter):
            return None
        return Period(year=self.year, half=self.half, quarter=self.quarter)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Query:
        d = dict(d)
        d["periods"] = [Period(**p) if isinstance(p, dict) else p for p in d.get("periods") or []]
        d["months"] = tuple(d["months"]) if d.get("months") else None  # JSON gives a list
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


# --- slot extraction (all on folded text) --------------------------------------

_YEAR = r"((?:19|20)\d{2})"


def parse_period(folded: str) -> dict:
    """Period slots named in the text: year, half, quarter, and relative markers ("năm trước")."""
    bases = [m for m in re.finditer(rf"(?<!\d){_YEAR}(?!\d)", folded) if compared_at(folded, m.start())]
    # "so với quý II": a part of the year named as the base too
    base_parts = [(start, end) for start, end, *_ in named_parts(folded) if compared_at(folded, start)]
    rest = folded
    for start, end in [(m.start(), m.end()) for m in bases] + base_parts:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    if (bases or base_parts) and not all_periods(rest) and not named_parts(rest) and not relative_year_said(rest):
        # "So với cùng kỳ năm 2024 thì tăng hay giảm?", "so với quý II thì sao?": the base of a comparison, not
        # the period asked
        return {"periods": []}
    out: dict = {}
    parts = [p for p in named_parts(folded) if (p[0], p[1]) not in base_parts]
    if parts:  # the first half or quarter named leads
        _, _, year, half, quarter = parts[0]
        out.update({k: v for k, v in (("year", year), ("half", half), ("quarter", quarter)) if v is not None})
    periods = all_periods(folded)
    if "year" not in out and periods:
        out["year"] = periods[0].year
    if len(periods) > 1:  # a comparison: the first period named leads (not its base), the others are in `periods`
        compared = {int(m.group(1)) for m in bases}
        lead = next((p for p in periods if p.year not in compared), periods[0])
        out["year"], out["half"], out["quarter"] = lead.year, lead.half, lead.quarter
        out = {k: v for k, v in out.items() if v is not None}
    out["periods"] = periods
    relative = _RELATIVE_SAID.search(folded)
    if re.search(r"\bcung ky nam (truoc|ngoai)\b", folded):
        out["relative"] = -1
        out["keep_part"] = True
    elif relative and not compared_at(folded, relative.start()):
        # ("so với năm trước tăng mấy bậc?" names the base of a comparison, not the year asked)
        out["relative"] = 0 if relative.group(1) == "nay" else -1
    if re.search(r"\b(ca nam|nam)\b", folded) and "half" not in out and "quarter" not in out and out.get("year"):
        out["full_year"] = True
    return out


# "tăng 8,7% so với (cùng kỳ) năm 2023": the words that name a year as a comparison's base, not the year spoken of
_COMPARED_BEFORE = re.compile(r"\bso voi (?:cung ky )?(?:nam )?$")


def compared_at(folded: str, start: int) -> bool:
    """Is the year (or "năm <year>") at `start` of the folded text named only as the base of a comparison?"""
    return _COMPARED_BEFORE.search(folded[max(0, start - 30) : start]) is not None


_RELATIVE_YEAR = {"nay": "năm nay", "truoc": "năm trước", "ngoai": "năm ngoái", "roi": "năm rồi"}
_RELATIVE_SAID = re.compile(r"\bnam (nay|truoc|ngoai|roi)\b")


def relative_year_said(folded: str) -> str | None:
    """The words a question names its year by relative to today ("năm nay", "năm trước"), if any."""
    m = _RELATIVE_SAID.search(folded)
    return _RELATIVE_YEAR[m.group(1)] if m else None


_COUNT_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6}
_Q = r"iv|iii|ii|i|[1-4]|mot|hai|ba|bon|tu"
_PART = re.compile(
    r"\bquy\s+(?P<q>" + _Q + r")\b(?:\s*(?:/|nam|-)\s*(?P<qy>(?:19|20)\d{2}))?"
    r"|\bq(?P<q2>[1-4])\s*(?:/|-|nam)\s*(?P<qy2>(?:19|20)\d{2})"
    r"|\b(?P<n>0?[1-6]|mot|hai|ba|sau) thang (?P<h>dau|cuoi)(?: nam)?(?:\s+(?P<hy>(?:19|20)\d{2}))?"
    r"|\b(?:0?6|sau) thang(?: nam)?\s+(?P<hy3>(?:19|20)\d{2})"  # "6 tháng 2023": the first half, as reports say
    r"|\bnua (?:nam )?(?P<h2>dau|cuoi)(?: nam)?(?:\s+(?P<hy2>(?:19|20)\d{2}))?"
    # "tính đến giữa năm 2023", "báo cáo giữa năm 2023": the first half ("giữa năm 2022 và 2023" is between two)
    r"|\b(?:(?:den|toi) )?giua nam(?!(?:\s+(?:19|20)\d{2})?\s*(?:va|voi)\b)(?:\s+(?P<hy4>(?:19|20)\d{2}))?"
    r"|\b(?:tu )?thang (?P<m1>1[0-2]|0?[1-9])\s*(?:-|den|toi)\s*(?:het )?(?:thang )?(?P<m2>1[0-2]|0?[1-9])"
    r"(?:\s*(?:/|nam)\s*(?P<my>(?:19|20)\d{2}))?"  # "từ tháng 1 đến tháng 6/2023"
    r"|\bthang (?:1[0-2]|0?[1-9])\s*/\s*(?P<my0>(?:19|20)\d{2})"  # "tháng 2/2024": its year
)


def month_span(first: int, last: int) -> tuple[int | None, int | None]:
    """(half, quarter) a month range falls in: "tháng 1–2" is in the first quarter, "tháng 1–6" the first half."""
    if first > last or (first, last) == (1, 12):
        return None, None
    if (first - 1) // 3 == (last - 1) // 3:
        return None, (first - 1) // 3 + 1
    if (first - 1) // 6 == (last - 1) // 6:
        return (first - 1) // 6 + 1, None
    return None, None


_MONTH = re.compile(r"\bthang (\d{1,2})\b")
_FROM_JANUARY = re.compile(r"\b(?:tinh (?:den|toi)|den het|den cuoi|tu dau nam)\b[^.?]*$")


# "9 tháng đầu năm", "9 tháng năm 2025": the months from January (3 and 6 are the first quarter and half)
MONTHS_OF_YEAR = re.compile(r"\b0?([2-9]|1[01]) thang (?:dau )?nam\b")


def asked_months(folded: str) -> tuple[int, int] | None:
    """The months a question names: "tháng 3/2024" (3, 3), "từ tháng 1 đến tháng 6" (1, 6),
    "tính đến tháng 2" / "từ đầu năm đến cuối tháng 2" (1, 2), "9 tháng đầu năm" (1, 9); None when it
    names none."""
    found = [(m.start(), int(m.group(1))) for m in _MONTH.finditer(folded) if 1 <= int(m.group(1)) <= 12]
    if not found:
        m = MONTHS_OF_YEAR.search(folded)
        return (1, int(m.group(1))) if m and m.group(1) not in ("3", "6") else None
    (at, first), last = found[0], found[-1][1]
    if len(found) == 1 and _FROM_JANUARY.search(folded[max(0, at - 40) : at]):
        return (1, first)
    return (first, last) if first <= last else None


def named_parts(folded: str) -> list[tuple[int, int, int | None, int | None, int | None]]:
    """(start, end, year, half, quarter) of each half or quarter named, in order; the year may be missing.

    "3 tháng đầu năm" is the first quarter, "6 tháng cuối năm" the second half, "quý một" quarter 1,
    "từ tháng 1 đến tháng 6/2023" the first half of 2023.
    """
    out = []
    for m in _PART.finditer(folded):
        year = next((int(m.group(g)) for g in ("qy", "qy2", "hy", "hy2", "hy3", "hy4", "my", "my0") if m.group(g)), None)
        if m.group("my0"):
            out.append((m.start(), m.end(), year, None, None))
            continue
        if m.group("m1"):
            span = month_span(int(m.group("m1")), int(m.group("m2")))
            if span != (None, None) or year:
                out.append((m.start(), m.end(), year, *span))
            continue
        q = m.group("q") or m.group("q2")
        if q:
            out.append((m.start(), m.end(), year, None, ROMAN.get(q) or _COUNT_WORDS[q]))
            continue
        first = (m.group("h") or m.group("h2") or "dau") == "dau"
        months = _COUNT_WORDS.get(m.group("n") or "", None) or int(m.group("n") or 6)
        if months <= 3:
            out.append((m.start(), m.end(), year, None, 1 if first else 4))
        else:
            out.append((m.start(), m.end(), year, 1 if first else 2, None))
    return out


def all_periods(folded: str) -> list[Period]:
    """Every reporting period named, in order ("quý I/2024 so với 6 tháng đầu năm 2023" -> two).

    A half or quarter written without its year takes the nearest year named after it,
    else the one before it ("6 tháng đầu năm và cả năm 2023": both in 2023).
    """
    found: list[tuple[int, int, Period]] = []  # (start, end, period); year may still be None
    for start, end, year, half, quarter in named_parts(folded):
        found.append((start, end, Period(year, half, quarter)))
    years = year_mentions(folded)
    for pos, y in years:
        if not any(s <= pos < e for s, e, _ in found):
            found.append((pos, pos, Period(y)))
    found.sort(key=lambda x: x[0])
    out: list[Period] = []
    for start, _, per in found:
        if per.year is None:
            after = [y for pos, y in years if pos > start]
            before = [y for pos, y in years if pos < start]
            per = Period(after[0] if after else (before[-1] if before else None), per.half, per.quarter)
        if per.year is not None and per not in out:
            out.append(per)
    return out


def year_mentions(folded: str) -> list[tuple[int, int]]:
    """(position, year) of each reporting year named, skipping terms, starts and deadlines."""
    out = []
    for m in re.finditer(r"(?<![\d/.-])" + _YEAR + r"(?![\d/])", folded):
        y = m.group(1)
        before = folded[max(0, m.start() - 12) : m.start()]
        term = re.search(r"\bnam (dau|cuoi)(?: tien)?(?: cua)? nhiem ky\s+$", folded[max(0, m.start() - 30) : m.start()])
        last = re.match(r"\s*-\s*((?:19|20)\d\d)", folded[m.end() :])
        if term and last:  # "năm đầu nhiệm kỳ 2021-2026" is 2021, "năm cuối nhiệm kỳ" 2026
            out.append((m.start(), int(y) if term.group(1) == "dau" else int(last.group(1))))
            continue
        if re.search(y + r"\s*-\s*20\d\d|20\d\d\s*-\s*" + y, folded):
            continue
        if re.search(r"\b(tu|den|truoc)\s+(nam\s+)?$", before):
            continue
        out.append((m.start(), int(y)))
    return out


def _province_matches(folded: str, text: str = "") -> list[tuple[int, str]]:
    """(position, province) of each province named, longest names first.

    With the question as typed (`text`), a name typed with marks must have its own marks: "trực tuyến Quảng
    Ngãi" folds to "…tuyen quang ngai" but names no "Tuyên Quang"."""
    flat = folded.replace(" - ", " ").replace("-", " ")
    typed = nfc(text).lower().replace(" - ", " ").replace("-", " ") if text else ""
    typed = typed if len(typed) == len(flat) else ""
    found = []
    for key in sorted(_PROVINCE_BY_FOLD, key=len, reverse=True):
        name = _PROVINCE_BY_FOLD[key]
        proper = nfc(name).lower().replace(" - ", " ").replace("-", " ")
        for m in re.finditer(r"(?<![a-z])" + re.escape(key) + r"(?![a-z])", flat):
            said = typed[m.start() : m.end()]
            if said and said != fold(said) and said != proper and len(proper) == len(said):
                continue  # typed with other marks: other words
            found.append((m.start(), m.end(), name))
    # two names overlapping ("truc tuyen quang ngai"): the later one is named, the earlier borrows its first word
    kept = [f for f in found if not any(o[0] > f[0] and o[0] < f[1] for o in found)]
    return [(start, name) for start, _, name in kept]


def all_provinces(folded: str, text: str = "") -> list[str]:
    out: list[str] = []
    for _, name in sorted(_province_matches(folded, text)):
        if name not in out:
            out.append(name)
    return out


def parse_province(folded: str, text: str = "") -> str | None:
    found = _province_matches(folded, text)
    return found[0][1] if found else None


# Units that stand side by side in one office's report: a figure of one is not another's. Both provinces'
# service centres are one kind of unit (a user may call either by the other's name).
SIBLING_UNITS = {
    "Ban Tiếp công dân": "citizen reception",
    "Trung tâm Phục vụ hành chính công": "service centre",
    "Trung tâm Phục vụ - Kiểm soát TTHC": "service centre",
    "Bộ phận Một cửa": "one-stop desk",
    "Trung tâm Công báo và Tin học": "gazette centre",
}


def units_named(folded: str) -> set[str]:
    """The named units (display names of `_UNITS`) a folded text speaks of."""
    return {name for pattern, name in _UNITS if name and re.search(r"\b" + pattern, folded)}


def sibling_units(folded: str) -> set[str]:
    """The kinds of sibling unit (see SIBLING_UNITS) a folded text names."""
    return {SIBLING_UNITS[name] for name in units_named(folded) if name in SIBLING_UNITS}


def _without_units(folded: str) -> str:
    """The text with the units' names blanked out (same length): "Kiểm soát TTHC" names a unit, it counts nothing."""
    for pattern, name in _UNITS:
        if name:
            folded = re.sub(r"\b" + pattern, lambda m: " " * len(m.group(0)), folded)
    return folded


# Verbs that may follow a bare "Sở" (the report's own department): "Sở tiếp nhận …", "Sở đã …"
_VERB_AFTER_SO = {"tiep", "nhan", "da", "co", "ban", "thuc", "giai", "xu", "to", "duoc", "bi", "la", "chu"}


def parse_unit(folded: str, text: str = "") -> str | None:
    """The unit the question is about; `text` (unfolded) tells "sở" (a department) from "số"/"so sánh"."""
    typed_accents = diacritic_ratio(text) > 0.05 and len(text) == len(folded)  # positions must line up
    for pattern, name in _UNITS:
        for m in re.finditer(r"\b" + pattern, folded):
            if name is None and typed_accents and not text[m.start() : m.start() + 3].lower().startswith("sở"):
                continue  # "so sánh số lượt …" is not a department
            if name is None and not typed_accents and (re.match(r"so (sanh|voi|luong|lieu|lan)\b", m.group(0))
                                                       or known_noun_span(m.group(0)[3:])):
                continue  # "so luot tiep dan" is "số lượt", not a department
            if name is None and (m.group(0).split()[1] in _VERB_AFTER_SO or folded[max(0, m.start() - 4) : m.start()] == "tru "):
                continue  # "Sở tiếp nhận bao nhiêu đơn?" (the report's own department, then its verb), "Trụ sở …"
            return name or m.group(0).strip().title()
    return None


_DOCREF = re.compile(
    # ("Quy chế dân chủ ở cơ sở" is what a report is about, not a document asked for)
    r"\b(quyet dinh|ke hoach|cong van|nghi quyet|chi thi|thong bao|van ban|nghi dinh|thong tu|quy che(?! dan chu)|de an)\b"
    r"[^?]{0,60}?\b(so may|so bao nhieu|so nao|so hieu|nao|gi)\b"
    # "… là quy định số mấy?" ("theo quy định nào" asks no number)
    r"|\b(quy dinh)\b[^?]{0,60}?\b(so may|so bao nhieu|so nao|so hieu)\b"
)


_WHEN = re.compile(r"\b(?:khi nao|bao gio|thoi diem nao|thoi gian nao|tu thang nao|thang nao|tu nam nao|ngay nao)\b")


# "Ai ký báo cáo?", "do ai ký", "người ký là ai": answered from the report's signature, not its text.
_SIGNER = re.compile(r"\b(?:ai|nguoi nao) (?:da |la nguoi )?ky\b|\bnguoi (?:da )?ky\b|\bky ten\b")


# "Báo cáo … có số hiệu gì, ký ngày nào?": the report's own number and date (another document's are a docref).
_REPORT_ID = re.compile(
    r"^(?:theo |cho (?:toi|em) biet )?bao cao\b"
    r"(?:(?!\b(?:ke hoach|quyet dinh|cong van|chi thi|nghi quyet|ket luan|thong tu|nghi dinh)\b).)*?"
    r"\b(?:so hieu|so ky hieu|(?:ky|de|lap|ban hanh|duoc ban hanh)(?: vao)? ngay (?:nao|bao nhieu|thang nao|may)|"
    r"ngay (?:ky|ban hanh) (?:la )?(?:ngay )?nao)\b"
)


# "Báo cáo gửi tới những nơi nào?", "nơi nhận của báo cáo": the report's distribution list.
_RECIPIENTS = re.compile(
    r"\bnoi nhan\b|\bbao cao\b[^?]*\bgui\s+(?:(?:toi|den|cho|ve|di)\s+)?(?:(?:nhung|cac)\s+)?"
    r"(?:ai|noi nao|co quan nao|don vi nao|dau)\b"
)


def parse_kind(folded: str, text: str = "") -> str:
    """signer | report_id | report_id_signer | recipients | count | docref (which document/number) | when (a
    date) | yesno | list | open."""
    signer, report_id = _SIGNER.search(folded), _REPORT_ID.search(folded.strip())
    if signer or report_id:
        return "report_id_signer" if signer and report_id else "signer" if signer else "report_id"
    if _RECIPIENTS.search(folded) and not _COUNT.search(folded):  # "mỗi nơi nhận bao nhiêu hồ sơ?" is a count
        return "recipients"
    if _DOCREF.search(folded) and not re.search(r"\b(nhung|cac)\b[^?]*\bnao\b", folded):
        return "docref"
    if _WHEN.search(folded):
        return "when"
    # (typed with its marks, "Sở kiến nghị …" is a department, not "Số kiến nghị …")
    if _COUNT.search(folded) or (_COUNT_OPENING.match(folded) and not text.lstrip().lower().startswith("sở")):
        return "count"
    if _YESNO.search(folded):
        return "yesno"
    if _LIST.search(folded):
        return "list"
    return "open"


# Classifiers that may stand before a counted noun ("bao nhiêu bộ hồ sơ") or for it ("bao nhiêu bộ?").
_CLASSIFIER = r"(?:bo|cai|chiec|quyen|cuon)"
# Words that begin a predicate after a classifier standing alone ("bao nhiêu bộ đang giải quyết", "… bộ trễ hạn")
_VERB_AFTER = {"dang", "van", "tre", "qua", "dung", "som", "giai", "tiep", "nop", "xu", "tra", "phai"}


def known_noun_span(text: str) -> tuple[str, int] | None:
    """The dictionary noun `text` starts with, and where the form said ends; None if none."""
    return next(((key, len(form)) for form, key in _NOUN_FORMS if re.match(re.escape(form) + r"(?![a-z])", text)), None)


def known_noun_at(text: str) -> str | None:
    """The dictionary noun `text` starts with, if any."""
    found = known_noun_span(text)
    return found[0] if found else None


def parse_noun(folded: str, elsewhere: str | None = None) -> tuple[str | None, str | None]:
    """The counted noun: preferably the one right after the count word ("bao nhiêu đơn tố cáo").

    Failing that, one said elsewhere in the question, looked for in `elsewhere` (the text with the
    units' names blanked: "Riêng Trung tâm Phục vụ - Kiểm soát TTHC là bao nhiêu?" does not count TTHC).
    """
    if re.search(r"\bty le\b|\bphan tram\b|\d\s*%", folded):
        return "%", None
    if re.search(r"\b(?:thu|hang) (?:may|bao nhieu)\b", folded):
        return "ordinal", None  # "xếp thứ mấy?" is answered by "xếp thứ 12", not by a count
    # "bao nhiêu"/"mấy" is the asking word where there is one ("tổng cộng 20 cơ quan … nhận bao nhiêu hồ sơ")
    m = ASK_COUNT.search(folded) or _COUNT.search(folded)
    if m:
        rest = folded[m.end():].lstrip()
        # a classifier before a known noun: "bao nhiêu bộ hồ sơ" counts hồ sơ
        noun_after = re.sub(r"^" + _CLASSIFIER + r"\s+", "", rest)
        if noun_after != rest and known_noun_at(noun_after):
            rest = noun_after
        known = known_noun_at(rest)
        if known == "nguoi":
            # "công chức mấy người?" counts công chức: "người" only measures the group named before it
            before = re.search(r"\b(cong chuc|vien chuc|dang vien)\s*$", folded[: m.start()])
            if before:
                return before.group(1), None
        words = re.findall(r"[a-z]+", re.split(r"[,;:?.!()]", rest)[0])[:2]
        # the classifier stands for the noun said before it: "… giải quyết xong bao nhiêu bộ?", "hồ sơ … bao
        # nhiêu bộ bị trễ hạn" (a verb or a function word follows, not a noun)
        alone = re.match(_CLASSIFIER + r"(?:\s*(?:[,;:?.!]|$)|\s+(\w+))", rest)
        alone = alone and (alone.group(1) is None or alone.group(1) in STOPWORDS or alone.group(1) in _VERB_AFTER)
        if known is None and words[:1] == ["so"] and len(words) > 1 and words[1] not in STOPWORDS \
                and words[1] not in ("lieu", "luong", "tien") \
                and known_noun_at(re.sub(r"^[^a-z]*so\s+", "", rest)) is None:
            return "lit:so " + words[1], None  # "xuất bản mấy số Công báo": issues counted, "24 số Công báo"
        if known is None and words and words[0] not in STOPWORDS and words[0] not in _NOT_A_NOUN and not alone:
            # A noun the dictionary does not know ("tin nhắn", "Phó Giám đốc"): the words themselves.
            literal = [w for w in words if w not in STOPWORDS][:2]
            return "lit:" + " ".join(literal), None
    candidates = [folded[m.end():]] if m else []
    candidates.append(elsewhere if elsewhere is not None else folded)
    for text in candidates:
        best = None
        for form, key in _NOUN_FORMS:
            hit = re.search(r"(?<![a-z])" + re.escape(form) + r"(?![a-z])", text)
            if hit and form in NOT_NOUN and re.match(NOT_NOUN[form], text[hit.end() :]):
                continue  # "ký ngày nào" asks a date, not a count of "kỳ"
            if hit and key == "bao cao" and re.search(r"\b(?:theo|trong|tai|cua)\s*$", text[: hit.start()]):
                continue  # "Theo báo cáo quý I/2024, … là bao nhiêu?": the source read, not what is counted
            if hit and form == "vu" and re.search(r"\b(?:nhiem|dich|phuc|nghiep|cong|chuc|thoi|mua)\s*$", text[: hit.start()]):
                continue  # "nhiệm vụ", "dịch vụ", "phục vụ": not "vụ" (a case)
            if hit and form == "dong" and not re.search(r"(?:bao nhieu|may|\d)\s*$", text[: hit.start()]):
                continue  # folded "dong" is "động" as often as "đồng" ("hoạt động"): money only after a count
            if hit and (best is None or hit.start() < best[0] or (hit.start() == best[0] and len(form) > best[2])):
                best = (hit.start(), key, len(form), hit.end())
        if best:
            rest = text[best[3]:]
            if re.match(r"\s*(?:tai|ve|cho|trong|qua|do|o|tu|den|theo|voi)\b", rest):
                return best[1], None  # "hồ sơ tại Trung tâm …": a modifier opened by a preposition is no compound
            words = [w for w in re.findall(r"[a-z]+", rest)[:4] if w not in STOPWORDS]
            phrase_words = []
            for w in words:
                if w in STOPWORDS:
                    break
                phrase_words.append(w)
            return best[1], " ".join(phrase_words[:3]) or None
    if re.search(r"\d\s*%|\bty le\b|\bphan tram\b", folded):
        return "%", None
    return None, None


# "Trong số đơn đủ điều kiện …, bao nhiêu đơn tố cáo?", "Trong khoảng 686 đơn …": a part of a named whole is asked
_WHOLE = re.compile(
    r"\btrong (?:tong )?so\b(?! \d)|\btrong (?:khoang |hon |gan |tong so |so )?(\d{1,3}(?:\.\d{3})+|\d+)\s+(?!thang|nam|quy|ngay|tuan|gio)"
)


@dataclass
class Whole:
    """A whole the question names to ask for a part of it: its figure, if given, and the words only the part says."""

    figure: float | None
    part_words: list[str]


def named_whole(question: str) -> Whole | None:
    """The whole a question asks a part of ("Trong số đơn đủ điều kiện xử lý, có bao nhiêu đơn tố cáo?"), if any.

    The whole runs from "trong" to a comma or the asking words; the part is the rest of the question,
    and its own words are those the whole does not say ("tố cáo")."""
    folded = fold(question)
    m = _WHOLE.search(folded)
    if not m:
        return None
    # it ends at a comma or at the asking words ("… xử lý ở Quảng Ngãi có bao nhiêu đơn khiếu nại?");
    # "trong số đó" points back to the last answer and names nothing itself
    after = folded[m.end() :]
    back = re.match(r"\s*do\b", after)
    if back:
        end = m.end() + back.end()
    else:
        stop = re.search(r",|\b(?:co )?(?:bao nhieu|may)\b", after)
        end = m.end() + (stop.start() if stop else len(after))
    whole, rest = folded[m.start() : end], folded[: m.start()] + " " + folded[end:]
    said = set(content_words(whole))
    return Whole(parse_number(m.group(1)) if m.group(1) else None, [w for w in content_words(rest) if w not in said])


def content_words(folded: str) -> list[str]:
    """Topic-bearing folded syllables (no question words, no numbers, no province names)."""
    skip = {w for p in all_provinces(folded) for w in fold(p).split()}
    folded = _META.sub(" ", folded)
    folded = re.sub(r"\b([a-z]{1,3}) ?& ?([a-z]{1,3})\b", r"\1\2", folded)  # "TT&TT" is one acronym, "tttt"
    words = re.findall(r"[a-z]+", folded)
    out: list[str] = []
    for w in words:
        if w in STOPWORDS or w in skip or len(w) < 2 or w in out:
            continue
        out.append(w)
    return out


def _strip_followup(question: str) -> str:
    """"Còn 6 tháng đầu năm thì sao?" -> "6 tháng đầu năm" (the restated part only)."""
    q = nfc(question).strip()
    q = re.sub(r"^\s*(?:thế còn|vậy còn|còn về|còn|thế|the con|vay con|con ve|con)\s+", "", q, flags=re.I)
    q = re.sub(r"\s*(?:thì sao|thế nào|ra sao|thi sao|the nao)\s*\??\s*$", "", q, flags=re.I)
    return q.strip(" ?.")


# --- understanding --------------------------------------------------------------


def asking_fold(text: str) -> str:
    """`text` folded, with "máy" (bộ máy), "mây", "may mắn" … blanked: only "mấy" (or a bare "may") asks how many."""
    folded = fold(text)
    if len(folded) != len(text):
        return folded
    return re.sub(r"\bmay\b", lambda m: m.group(0) if text[m.start() : m.end()].lower() in ("mấy", "may") else "   ", folded)


# A document asked for by its number or date, with the words that describe it in between:
# "kế hoạch về biên chế … năm 2024 là số mấy, ban hành ngày nào?"
_DOCUMENT_ASKED = re.compile(
    r"\b(?:ke hoach|quyet dinh|de an|chuong trinh|cong van|nghi quyet|chi thi|van ban|thong bao)\b[^?]*?"
    r"\b(?:so may|so hieu|so nao|so bao nhieu|ky ngay|ngay nao|ban hanh ngay)\b"
)


def document_years(folded: str) -> list[str]:
    """The years that describe a document asked for ("kế hoạch kiểm tra … năm 2025 là số mấy?": 2025)."""
    m = _DOCUMENT_ASKED.search(folded)
    return re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", m.group(0)) if m else []


def _without_document_years(folded: str) -> str:
    """The text with the years that describe a document asked for blanked (same length): the plan "năm 2024"
    was issued and reported in 2023, so that year is not the reporting period asked."""
    m = _DOCUMENT_ASKED.search(folded)
    if not m:
        return folded
    span = re.sub(r"(?:\bnam )?(?<!\d)(?:19|20)\d{2}(?!\d)", lambda y: " " * len(y.group(0)), m.group(0))
    return folded[: m.start()] + span + folded[m.end() :]


def understand(question: str, previous: Query | None = None, today_year: int | None = None) -> Query:
    """Slots of `question`; with `previous`, a follow-up inherits what it does not restate.
    "năm nay" is the calendar year of `today_year` (default: the clock's)."""
    text = nfc(question).strip()
    folded = fold(text)
    period = parse_period(_without_document_years(folded))
    province = parse_province(folded, text)
    unit = parse_unit(folded, text)
    asking = asking_fold(text)
    kind = parse_kind(asking, text)
    noun, noun_phrase = parse_noun(asking, _without_units(asking))
    quote_request = bool(_QUOTE_REQUEST.search(folded))
    if quote_request:  # "trích giúp em mấy đoạn về …" asks for passages, not for a count of "đoàn"
        kind, noun, noun_phrase = "open", None, None
    topic = content_words(_quote_topic(folded) if quote_request else folded)
    months = asked_months(folded)
    if months and months[0] < months[1] and not any(k in period for k in ("half", "quarter")):
        # "từ đầu năm đến hết tháng 6/2023" is the first half, "tính đến tháng 3" the first quarter
        # (one month alone, "tháng 2/2024", names only its year: no report covers a single month)
        half, quarter = month_span(*months)
        period.update({k: v for k, v in (("half", half), ("quarter", quarter)) if v})
        if (half or quarter) and len(period.get("periods", [])) <= 1:
            period["periods"] = [Period(year=period.get("year"), half=half, quarter=quarter)]
    explicit = [k for k in ("year", "half", "quarter") if k in period]
    explicit += [name for name, value in (("province", province), ("unit", unit), ("noun", noun)) if value]
    if kind != "open":
        explicit.append("kind")

    q = Query(
        question=text, standalone=text, kind=kind, year=period.get("year"), half=period.get("half"),
        quarter=period.get("quarter"), province=province, unit=unit, noun=noun, noun_phrase=noun_phrase,
        topic=topic, explicit=explicit, periods=period.get("periods", []), provinces=all_provinces(folded, text),
        quote_request=quote_request, months=months,
    )
    if previous is None or not is_followup(folded, q):
        if "relative" in period and q.year is None:
            q.year = (today_year or date.today().year) + period["relative"]
        if previous is not None and not (q.year or q.half or q.quarter or q.periods) and not province:
            _keep_setting(q, previous)
        return q
    return _merge(q, previous, period)


def _keep_setting(q: Query, prev: Query) -> None:
    """A new question of a conversation that names no period and no province is asked of the last turn's
    ("Quý I/2024 Sơn La luân chuyển mấy công chức?" then "Trong quý có ai được nâng lương không?"): its own
    topic stays its own."""
    q.year, q.half, q.quarter, q.periods = prev.year, prev.half, prev.quarter, list(prev.periods)
    q.province, q.provinces = prev.province, list(prev.provinces)


# "Kế hoạch đó", "công văn nói trên": a thing named in the last turn (read unfolded: "do" is also "by")
_THAT = re.compile(r"(?<!\w)(?!(?:trong|số|khi|lúc|sau|từ|đến|vì|bởi|tại|ở|như|nữa|chỗ|đây)\s)\w+\s+(?:đó|ấy|nói trên|kể trên)(?!\w)")


# Words of a follow-up that point back ("tỷ lệ ấy"), not what it asks about ("riêng", "trên" stay: reports say
# them too, "riêng tại Trung tâm …", "trên địa bàn")
_POINTING = {"ay"}


def is_followup(folded: str, q: Query) -> bool:
    """Short or "còn … thì sao" questions, or those pointing back ("kế hoạch đó"), lean on the previous turn."""
    if _FOLLOWUP.search(folded) or _THAT.search(q.question.lower()):
        return True
    has_subject = bool(q.unit) or len(q.topic) >= 4
    # "Đã trả lời được bao nhiêu rồi?": a count that names nothing it counts counts the last turn's thing;
    # "So với năm trước tăng mấy bậc?" compares the last turn's figure; "Đến giữa năm đã kiểm tra bao nhiêu
    # cơ quan?" names half a year but not which year
    return not has_subject and (len(folded.split()) <= 6 or (q.kind == "count" and q.noun is None)
                                or re.match(r"\s*so voi\b", folded) is not None
                                or (bool(q.half or q.quarter) and q.year is None))


_ASKS_OPEN = re.compile(r"\b(?:la gi|gi|the nao|ra sao|nhu nao)\s*[?.]*\s*$")


def _merge(q: Query, prev: Query, period: dict) -> Query:
    """Carry over the slots `q` does not restate; replace those it does; write a standalone question."""
    merged = replace(prev, question=q.question, followup=True, explicit=list(q.explicit))
    # its own kind, also an open one it asks outright ("Thế còn hạn chế … là gì?" after a yes/no question)
    if q.kind != "open" or _ASKS_OPEN.search(fold(q.question)):
        merged.kind = q.kind
    # Period: a restated part (half/quarter) without a year keeps the context's year.
    if "relative" in period:
        base = prev.year or date.today().year
        merged.year = base + period["relative"]
        if not period.get("keep_part"):
            merged.half = merged.quarter = None
    elif any(k in period for k in ("year", "half", "quarter")):
        merged.year = period.get("year", prev.year)
        merged.half = period.get("half")
        merged.quarter = period.get("quarter")
    if q.months or any(k in period for k in ("year", "half", "quarter", "relative")):
        merged.months = q.months  # a period restated replaces the months of the last turn
    merged.periods = q.periods if len(q.periods) > 1 else ([merged.period] if merged.period else [])
    merged.provinces = q.provinces or ([merged.province] if merged.province else [])
    if q.province:
        merged.province = q.province
    if q.unit:
        merged.unit = q.unit
    if q.noun:
        merged.noun = q.noun
        merged.noun_phrase = q.noun_phrase
    elif q.topic and prev.noun:
        merged.noun_phrase = None
    new_topic = [w for w in q.topic if w not in prev.topic and w not in _POINTING]
    if q.noun == "%" and prev.noun not in (None, "%"):
        # "tỷ lệ bao nhiêu?" after "PAKN tiếp nhận bao nhiêu?" or "… bao nhiêu hồ sơ nộp trực tuyến?": a share of
        # the same things, so the last turn's words still say what is counted
        kept = list(prev.topic)
    elif q.noun and q.noun != prev.noun:
        old_words = _noun_words(prev.noun) | set((prev.noun_phrase or "").split())
        kept = [w for w in prev.topic if w not in old_words]
    else:
        kept = list(prev.topic)
    if q.unit and prev.unit and q.unit != prev.unit:
        # "Còn Bộ phận Một cửa thì sao?": another unit asked, the last one's name no longer describes the figure
        old_unit = set(fold(prev.unit).split()) - set(fold(q.unit).split())
        kept = [w for w in kept if w not in old_unit]
    elif prev.unit and not q.unit and _LEVEL_SAID.search(fold(q.question)):
        # "Thế còn cấp xã?" after the province's centre: the level's own figure, not the centre's
        merged.unit = None
        kept = [w for w in kept if w not in set(fold(prev.unit).split())]
    swap = _index_swapped(q, prev)
    if swap:  # "Còn SIPAS?" after "PAR INDEX … đạt bao nhiêu %?": the other index's figure
        kept = [w for w in kept if w not in (fold(swap[0]), "index")]
    # the turn's own words stay in the topic, also those the last turn said in the phrase of a noun now replaced
    # ("… đã kiểm tra được bao nhiêu cơ quan?" after "Kế hoạch kiểm tra … là kế hoạch số mấy?")
    merged.topic = kept + [w for w in q.topic if w not in kept and w not in _POINTING]
    merged.focus = new_topic
    merged.standalone = _standalone(merged, q, prev)
    return merged


_LEVEL_SAID = re.compile(r"\bcap (?:xa|huyen|tinh)\b")

# An index named by its acronym: "Chỉ số PCI", "điểm PAPI", "PAR Index" (read as typed: the acronym's capitals)
INDEX_NAME = re.compile(r"(?i:chỉ số|chi so|điểm|diem|xếp hạng|xep hang)\s+([A-ZĐ]{3,})(?![\w)-])|(?<![\w(-])([A-ZĐ]{3,})\s+(?i:index)\b")
# A follow-up that names only another index: "Còn SIPAS?", "thế còn chỉ số PAPI thì sao?"
_INDEX_ONLY = re.compile(r"^(?:(?i:chỉ số|chi so|điểm|diem)\s+)?([A-ZĐ]{3,})(?:\s+(?i:index))?$")


def _index_swapped(q: Query, prev: Query) -> tuple[str, str] | None:
    """(old, new) acronyms when the follow-up names only an index and the last turn asked another one."""
    own = _INDEX_ONLY.match(_strip_followup(q.question))
    old = INDEX_NAME.search(nfc(prev.standalone))
    if not own or not old or fold(own.group(1)) == fold(old.group(1) or old.group(2)):
        return None
    return old.group(1) or old.group(2), own.group(1)


def _standalone(merged: Query, q: Query, prev: Query) -> str:
    """Rewrite the previous standalone question with the follow-up's restated slots."""
    if q.noun and q.noun != prev.noun and q.kind != prev.kind:
        return _rebuilt(merged, q, prev)
    base = nfc(prev.standalone).rstrip(" ?.")
    if len(fold(base)) != len(base):  # folding must keep positions for span edits
        return f"{base}; {_strip_followup(q.question)}?"
    # Drop the old period and province phrases; the new period takes the old one's place.
    label = merged.period.label if merged.period else ""
    period_at = None
    for pattern in (
        r"\b(?:trong |tai |tinh ca |ca )?(?:6|sau) thang (?:dau|cuoi)(?: nam)?(?: (?:19|20)\d{2})?",
        r"\b(?:trong |tai |tinh ca |ca )?quy (?:iv|iii|ii|i|[1-4])(?:\s*(?:/|nam)\s*(?:19|20)\d{2})?",
        r"\b(?:trong |tai |tinh ca |ca )?nam (?:19|20)\d{2}\b",
        r"(?<![\d/])(?:19|20)\d{2}(?![\d/])",
    ):
        if any(k in q.explicit for k in ("year", "half", "quarter")) or merged.year != prev.year:
            m = re.search(pattern, fold(base))
            if m:
                base = base[: m.start()] + base[m.end():]
                period_at = m.start() if period_at is None else min(period_at, m.start())
    if label and period_at is not None and fold(label) not in fold(base):
        base = f"{base[:period_at].rstrip()} {label} {base[period_at:].lstrip()}".strip()
    if q.province and prev.province:
        base = _cut(base, r"\b(?:tinh |thanh pho )?" + re.escape(fold(prev.province)))
    swapped = False
    level = _LEVEL_SAID.search(fold(q.question))
    if level and prev.unit and merged.unit is None and len(fold(q.question)) == len(q.question):
        # the last turn's unit gives way to the level asked: "… đúng hạn ở Trung tâm … tỉnh …" -> "… ở cấp xã …"
        m = re.search(r"\b(?:(?:o|tai|cua) )?" + re.escape(fold(prev.unit)) + r"(?: tinh)?\b", fold(base))
        if m:
            base, swapped = f"{base[: m.start()]}ở {q.question[level.start() : level.end()].lower()}{base[m.end():]}", True
    swap = _index_swapped(q, prev)
    if swap:  # "Còn SIPAS?" after "PAR INDEX năm 2022 …": "Chỉ số SIPAS năm 2022 …"
        m = INDEX_NAME.search(base)
        if m:
            base, swapped = f"{base[: m.start()]}Chỉ số {swap[1]}{base[m.end():]}", True
    for start, end, opposites in opposed_said(fold(q.question)):  # "còn cấp xã?" after "… cấp tỉnh …"
        m = re.search(r"\b(?:" + "|".join(re.escape(o) for o in sorted(opposites, key=len, reverse=True)) + r")\b",
                      fold(base))
        if m and len(fold(q.question)) == len(q.question):
            base, swapped = base[: m.start()] + q.question[start:end].lower() + base[m.end():], True
    for a, b in _EXTREME_ENDS:  # "thấp nhất thì sao?" after "… cao nhất?": the other end of the same ranking
        for said, other in ((a, b), (b, a)):
            m_q, m_b = re.search(rf"\b{said}\b", fold(q.question)), re.search(rf"\b{other}\b", fold(base))
            if m_q and m_b and not re.search(rf"\b{said}\b", fold(base)) and len(fold(q.question)) == len(q.question):
                base, swapped = base[: m_b.start()] + q.question[m_q.start() : m_q.end()].lower() + base[m_b.end():], True
    # the same noun with its other kind already put in ("đơn tố cáo?" after "… đơn khiếu nại"): nothing to add
    if q.noun and prev.noun and not (swapped and q.noun == prev.noun):
        old = q.noun_phrase and prev.noun == q.noun
        forms = NOUNS.get(prev.noun, [])
        new_words = _strip_followup(q.question)
        for form in sorted(forms, key=len, reverse=True):
            m = re.search(r"(?<![a-z])" + re.escape(form) + r"(?: " + re.escape(prev.noun_phrase or "") + r")?(?![a-z])", fold(base)) if prev.noun_phrase else re.search(r"(?<![a-z])" + re.escape(form) + r"(?![a-z])", fold(base))
            if m:
                surface = _noun_surface(q.question, q.noun)
                if q.noun == "%" and prev.noun != "%" and known_noun_at(re.sub(r"^(?:ty le|phan tram)\s*", "", fold(surface))) is None:
                    # "… đạt tỷ lệ mấy %?" is the share of the last turn's thing: "Tỷ lệ vụ khiếu nại …"
                    rest = base[m.start() :].lstrip()
                    base = f"{base[: m.start()]}{surface} {rest[:1].lower()}{rest[1:]}"
                elif old or q.noun != prev.noun:
                    base = base[: m.start()] + surface + base[m.end():]
                elif q.kind != prev.kind or merged.focus:
                    # the same thing asked another way ("Kế hoạch đó số mấy, ký ngày nào?") or a part of it
                    # ("Bao nhiêu đơn trong số đó là khiếu nại?"): the turn's own words stay in the question
                    base = f"{base}; {new_words}"
                break
        else:
            base = f"{base} {new_words}"
    elif q.topic and not q.noun and not swapped and not any(k in q.explicit for k in ("year", "half", "quarter", "province", "unit")):
        base = f"{base} {_strip_followup(q.question)}"
    if q.unit and prev.unit and q.unit != prev.unit:
        base = f"{base} ({q.unit})"
    suffix = []
    if label and fold(label) not in fold(base) and not _says_period(base, merged.period):
        suffix.append(label)
    if merged.province and fold(merged.province) not in fold(base):
        suffix.append(f"tỉnh {merged.province}")
    text = re.sub(r"\s+(?=[,;.])", "", " ".join(base.split()))
    text = (f"{text} {' '.join(suffix)}" if suffix else text).strip(" ,;")
    return text[:1].upper() + text[1:] + "?"


_ASKING_WORDS = {"bao", "nhiêu", "mấy", "may", "gì", "nào", "không", "chưa", "sao", "là"}
# Function and period words that do not begin or end a carried phrase (folded)
_EDGE_WORDS = set("""cua va voi trong tai theo ve cho den tu co da duoc bi la thi o cac nhung mot tinh nam thang quy
    dau cuoi giua so con the vay ca tong""".split())


def _noun_words(noun: str | None) -> set[str]:
    """The folded words of every form of a counted noun ("don thu", "don" -> {"don", "thu"})."""
    return set(" ".join(NOUNS.get(noun or "", [])).replace(",", " ").split())


def _rebuilt(merged: Query, q: Query, prev: Query) -> str:
    """A follow-up asking another thing in another frame ("Đến giữa năm đã kiểm tra được bao nhiêu cơ quan
    rồi?" after "Kế hoạch kiểm tra … là kế hoạch số mấy?"): its own words, then in brackets what it carries
    over (the last turn's subject words it does not repeat, the period, the province). Splicing its noun
    into the last question would keep that question's frame ("Cơ quan … là kế hoạch số mấy?")."""
    own = _strip_followup(q.question)
    skip = set(content_words(fold(own))) | set(fold(prev.province or "").split())
    skip |= _noun_words(prev.noun)
    runs: list[list[str]] = [[]]
    for token in nfc(prev.standalone).split():
        word = token.strip("?.,;:()\"“”")
        if fold(word) in skip or word.lower() in _ASKING_WORDS or not word.isalpha():
            runs.append([])
        else:
            runs[-1].append(word)
    for run in runs:  # function words only at a run's edges: "bộ máy", "làm việc" keep their second word
        while run and fold(run[0]) in _EDGE_WORDS:
            run.pop(0)
        while run and fold(run[-1]) in _EDGE_WORDS:
            run.pop()
    carried = [" ".join(run) for run in runs if run]
    label = merged.period.label if merged.period else ""
    if label and fold(label) not in fold(own):
        carried.append(label)
    if merged.province and fold(merged.province) not in fold(own):
        carried.append(f"tỉnh {merged.province}")
    text = f"{own} ({', '.join(carried)})" if carried else own
    return text[:1].upper() + text[1:] + "?"


_EXTREME_ENDS = [("cao nhat", "thap nhat"), ("nhieu nhat", "it nhat"), ("lon nhat", "nho nhat")]


def _says_period(text: str, period: Period) -> bool:
    """Does the text already name the period, in any form ("Quý III/2025" for "quý III năm 2025")?"""
    said = parse_period(fold(text))
    return (said.get("year"), said.get("half"), said.get("quarter")) == (period.year, period.half, period.quarter)


def _cut(text: str, pattern: str) -> str:
    m = re.search(pattern, fold(text))
    return (text[: m.start()] + text[m.end():]) if m else text


def _noun_surface(question: str, noun: str) -> str:
    """The follow-up's own words for the noun and what follows it ("đơn tố cáo")."""
    q = nfc(_strip_followup(question))
    folded = fold(q)
    for form in sorted(NOUNS.get(noun, []), key=len, reverse=True):
        m = re.search(r"(?<![a-z])" + re.escape(form) + r"(?![a-z])", folded)
        if m:
            tail = q[m.start():]
            if noun == "%":  # a share runs to its asking word: "tỷ lệ trả kết quả trước hạn, đúng hạn (đạt bao nhiêu)"
                end = re.search(r"\s(?:dat|la|chiem|bao nhieu|may|thi)\b", folded[m.start():])
                return tail[: end.start() if end else len(tail)].strip(" ?.,")
            words = tail.split()
            out = []
            for w in words:
                if fold(w).strip("?.,") in STOPWORDS and out and len(out) >= len(form.split()):
                    break
                out.append(w.strip("?.,"))
            return " ".join(out[:5])
    return q
