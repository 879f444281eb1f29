"""The question as the reports would write it: office shorthand spelled out, chat courtesies dropped.

Staff type the way they write notes to each other: "Ban TCD", "TT HCC", "CBCC", "6T đầu năm",
"Q.Ngãi", "bn lượt", "ko", and they open with a courtesy ("Em đang làm báo cáo tổng kết, cho em
hỏi …"). The reports spell every one of those out, and every later step (period, unit, counted
noun, the words a sentence must share) matches words. So the question is rewritten once, before it
is understood; its meaning is unchanged and the user still sees what they typed.

Only shorthand that means one thing in these offices is expanded, and only as a whole word:
"BC-VP" in "2182/BC-VP" and "KH" in "12/KH-UBND" are document numbers, not shorthand.
"""

from __future__ import annotations

import re

from ingest.vietnamese import fold, nfc

# Shorthand -> the words the reports use. Matched case-insensitively, accents as typed or not
# ("BCĐ"/"BCD"), longest first; a shorthand is a whole word not joined to "/" or "-".
EXPANSIONS: list[tuple[str, str]] = [
    (r"tt ?pv ?hcc|tt ?hcc", "Trung tâm Phục vụ hành chính công"),
    (r"pv ?hcc", "Phục vụ hành chính công"),
    (r"pv ?- ?kstthc", "Phục vụ - Kiểm soát thủ tục hành chính"),
    (r"kstthc", "Kiểm soát thủ tục hành chính"),
    (r"btcd", "Ban Tiếp công dân"),
    # the departments (Sở) as offices abbreviate them
    (r"nn ?& ?ptnt|nnptnt", "Nông nghiệp và Phát triển nông thôn"),
    (r"tn ?& ?mt|tnmt", "Tài nguyên và Môi trường"),
    (r"gd ?& ?[dđ]t|gd[dđ]t", "Giáo dục và Đào tạo"),
    (r"kh ?& ?[dđ]t|kh[dđ]t", "Kế hoạch và Đầu tư"),
    (r"l[dđ] ?- ?tb ?& ?xh|l[dđ]tbxh", "Lao động - Thương binh và Xã hội"),
    (r"vhttdl|vh ?- ?tt ?& ?dl", "Văn hóa, Thể thao và Du lịch"),
    (r"gtvt", "Giao thông vận tải"),
    (r"bhxh", "Bảo hiểm xã hội"),
    (r"vpubnd|vpub", "Văn phòng UBND"),
    (r"hcc", "hành chính công"),
    (r"tcd", "tiếp công dân"),
    (r"dvcq", "dân vận chính quyền"),
    (r"qcdc", "quy chế dân chủ"),
    (r"bc[dđ]", "Ban Chỉ đạo"),
    (r"cbccvc", "cán bộ, công chức, viên chức"),
    (r"cbcc", "cán bộ, công chức"),
    (r"ccvc", "công chức, viên chức"),
    (r"kntc", "khiếu nại, tố cáo"),
    (r"kn", "khiếu nại"),
    (r"pakn", "phản ánh, kiến nghị"),
    (r"dvctt", "dịch vụ công trực tuyến"),
    (r"dvc", "dịch vụ công"),
    (r"q[dđ]", "quyết định"),
    (r"vb", "văn bản"),
    (r"bc", "báo cáo"),
    (r"vp", "Văn phòng"),
    (r"ct(?= ubnd\b)", "Chủ tịch"),
    (r"tp\.?(?! ?hcm\b)", "thành phố"),  # "TP HCM" is a province name the question reader knows
    # chat spellings
    (r"bn|bnh|bnhiu|bao nhiu|bao nh[eê]u", "bao nhiêu"),  # and the asking word mistyped: "bao nhiu lượt?"
    (r"ko|k0|hok", "không"),
    (r"[dđ]c", "được"),
    (r"ntn", "như thế nào"),
    (r"sl", "số lượng"),
    (r"online", "trực tuyến"),
]
_EDGE_BEFORE = r"(?<![\w/-])"
_EDGE_AFTER = r"(?![\w/-])"
_SHORTHAND = [(re.compile(_EDGE_BEFORE + f"(?:{pattern})" + _EDGE_AFTER, re.IGNORECASE), words)
              for pattern, words in EXPANSIONS]
# Shorthand joined to the next word: "6T đầu năm", "6th cuối năm", "Q.Ngãi", "QNgãi".
_JOINED = [
    (re.compile(r"(?<![\w/-])(\d{1,2}) ?th?(?![\w/-])", re.IGNORECASE), r"\1 tháng"),
    (re.compile(r"(?<![\w/-])q\.? ?(?=(?:ng[aã]i|nam|ninh|b[iì]nh|tr[iị])\b)", re.IGNORECASE), "Quảng "),
    (re.compile(r"(?<![\w/-])(h[oộ]) g[dđ](?![\w/-])", re.IGNORECASE), r"\1 gia đình"),  # "hộ gđ"
    (re.compile(r"(?<![\w/-])(đủ|du) [dđ]k(?![\w/-])", re.IGNORECASE), r"\1 điều kiện"),  # "đủ đk xử lý"
    # "TC" alone may be "tổ chức"; after what is counted it is "tố cáo" ("đơn TC", "vụ TC", "KN, TC")
    (re.compile(r"(?<![\w/-])(đơn|don|vụ|vu|việc|viec|thư|thu|khiếu nại,?|khieu nai,?) tc(?![\w/-])", re.IGNORECASE),
     r"\1 tố cáo"),
    (re.compile(r"\s+[+&]\s+"), " và "),  # "hài lòng + rất hài lòng", "QCDC & dân vận"
]

# "… cho em hỏi", "xin hỏi", "anh chị cho biết": the courtesy before the question proper (folded).
_ASK_MARK = re.compile(
    r"\b(?:(?:cho|xin|muon|can|nho)\s+(?:(?:em|toi|minh|chau|anh|chi|ban)\s+)?(?:duoc\s+)?hoi"
    r"(?:\s+(?:chut|xiu|giup|voi|la|ve))*"
    r"|(?:vui long|lam on|giup\s+(?:em|toi|minh)?)\s*cho\s+(?:em|toi|minh)?\s*biet)\b\s*[,:]?\s*"
)
_POLITE_END = re.compile(r"(?:[\s,]+(?:a|nhe|nha|voi|a nhe|voi a|nhe a|giup em|giup minh|giup toi))+(?=\s*[?.!]*\s*$)")
# Words of a preamble that carry part of the question: a figure, a year, a period, a place.
_SETTING = re.compile(r"\d|\b(?:nam|thang|quy|nua|tinh|tp|thanh pho|huyen|so|ban|trung tam|van phong)\b")


def expand(question: str, provinces: list[str] | tuple[str, ...] = ()) -> str:
    """The question with office shorthand spelled out and courtesies around it dropped.

    `provinces` are those of the loaded reports: an office writes its own province by its initials
    ("tỉnh QN"), which name one province only among those the reports are about."""
    text = nfc(question).strip()
    text = _drop_courtesy(text)
    text = _province_initials(text, provinces)
    for pattern, words in _SHORTHAND + _JOINED:
        text = pattern.sub(words, text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:]


def initials(name: str) -> str:
    """"Quảng Ngãi" -> "QN": the capitals an office writes for a place."""
    return "".join(fold(w)[:1].upper() for w in name.replace("-", " ").split())


def _province_initials(text: str, provinces: list[str] | tuple[str, ...]) -> str:
    """Capital initials ("QN", "SL") spelled out when exactly one of the reports' provinces has them;
    written in capitals only, so "sl" stays "số lượng"."""
    by_initials: dict[str, list[str]] = {}
    for name in dict.fromkeys(p for p in provinces if p):
        by_initials.setdefault(initials(name), []).append(name)
    for short, names in by_initials.items():
        if len(short) >= 2 and len(names) == 1:
            # initials that are also shorthand ("SL": số lượng) name the province only after "tỉnh"
            after = r"(?<=tỉnh )" if any(p.fullmatch(short) for p, _ in _SHORTHAND) else ""
            text = re.sub(rf"{after}(?<![\w/&-]){short}(?![\w/&-])", names[0], text)
    return text


def _drop_courtesy(text: str) -> str:
    """Without "Em đang làm báo cáo, cho em hỏi" before the question and "ạ"/"nhé" after it.

    The preamble is kept (only the asking words go) when it names part of the question's setting:
    "Số liệu năm 2023, cho em hỏi Ban TCD tiếp bao nhiêu lượt?" asks about 2023."""
    folded = fold(text)  # same length as `text`: offsets carry over
    if len(folded) != len(text):
        return text
    m = _ASK_MARK.search(folded)
    if m and m.end() < len(text):
        before = folded[: m.start()]
        rest = text[m.end() :]
        text = (text[: m.start()].rstrip(" ,:") + ", " + rest) if _SETTING.search(before) else rest
        text = text.lstrip(" ,:")
        folded = fold(text)
    end = _POLITE_END.search(folded)
    if end and end.start() > 0:
        text = text[: end.start()] + text[end.end() :]
    return text
