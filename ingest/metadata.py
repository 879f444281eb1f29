"""What a report says about itself: issuer, province, number, date, period, title.

Read from the national header block and the lines after "BÁO CÁO", with a
body fallback (the province most often written "tỉnh X", the agency that
"báo cáo").  Matching is accent-insensitive so the OCR header "UBND TINH
QUANG NGAI" still counts.  A field that cannot be read stays None: a wrong
period or province would silently mislead the filters downstream.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.document import DocMeta, Period
from ingest.vietnamese import fold

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]  # fmt: skip
_FOLDED_PROVINCES = {fold(p).replace(" - ", " ").replace("-", " "): p for p in PROVINCES}
_PROVINCE_ALT = "|".join(sorted((re.escape(k) for k in _FOLDED_PROVINCES), key=len, reverse=True))
_PROVINCE_IN = re.compile(rf"\b(?:tinh|thanh pho|tp\.?)\s+({_PROVINCE_ALT})\b")
_PROVINCE_START = re.compile(rf"^\W*({_PROVINCE_ALT})\b")

# Provincial agencies as the header writes them (folded) -> their proper Vietnamese names.
AGENCIES = {
    "van phong ubnd": "Văn phòng UBND",
    "van phong uy ban nhan dan": "Văn phòng UBND",
    "van phong": "Văn phòng UBND",
    "so noi vu": "Sở Nội vụ",
    "so tai chinh": "Sở Tài chính",
    "so tu phap": "Sở Tư pháp",
    "so y te": "Sở Y tế",
    "so xay dung": "Sở Xây dựng",
    "so cong thuong": "Sở Công Thương",
    "so ngoai vu": "Sở Ngoại vụ",
    "so thong tin va truyen thong": "Sở Thông tin và Truyền thông",
    "so ke hoach va dau tu": "Sở Kế hoạch và Đầu tư",
    "so giao duc va dao tao": "Sở Giáo dục và Đào tạo",
    "so tai nguyen va moi truong": "Sở Tài nguyên và Môi trường",
    "so khoa hoc va cong nghe": "Sở Khoa học và Công nghệ",
    "so giao thong van tai": "Sở Giao thông vận tải",
    "so nong nghiep va phat trien nong thon": "Sở Nông nghiệp và Phát triển nông thôn",
    "so lao dong thuong binh va xa hoi": "Sở Lao động - Thương binh và Xã hội",
    "so van hoa the thao va du lich": "Sở Văn hóa, Thể thao và Du lịch",
    "thanh tra tinh": "Thanh tra tỉnh",
    "ban dan toc": "Ban Dân tộc",
}
_AGENCY_START = re.compile(r"^(so|van phong|ban|thanh tra|trung tam|chi cuc|cuc)\b")
_NATIONAL = re.compile(r"(cong hoa|[a-z]oc lap\s*-|doc lap|tu do\s*-|hanh ph)")
_PARENT = re.compile(rf"^(?:ubnd|uy ban nhan dan)\s+(?:tinh|thanh pho)\s+({_PROVINCE_ALT})\b")
_NUMBER = re.compile(r"\bS[ốỐoO6ôÔ]\s*:?\s*(\d*)\s*/\s*([A-ZĐ]{1,6}(?:\s?-\s?[A-ZĐ0-9&]+)+)")
_DATE = re.compile(r"ngay\s+(\d{1,2})?\s*thang\s+(\d{1,2})?\s*nam\s+(\d{4})")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_HALF = re.compile(r"\b(?:6|sau) thang (dau|cuoi)")
_QUARTER = re.compile(r"\bquy\s+(iv|i{1,3}|[1-4])\b")
# "9 tháng đầu năm 2025", "9 tháng năm 2025": the months from January (3 and 6 are a quarter and a half)
_FIRST_MONTHS = re.compile(r"\b0?([2457-9]|1[01]) thang (?:dau )?nam\b")
_REPORTS = re.compile(r"(van phong (?:ubnd|uy ban nhan dan)|so [a-z ]+?)\s*(?:tinh\s*)?(?:\([^)]{0,40}\)\s*)?(?:tran trong\s+)?bao cao\b")


def extract_metadata(doc_id: str, text: str, source: str | None = None, fmt: str | None = None) -> DocMeta:
    """Read DocMeta from cleaned report text (paragraphs separated by blank lines)."""
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    title_at = _title_index(paras)
    front = paras[: title_at if title_at is not None else min(6, len(paras))]
    front_folded = [fold(p) for p in front]
    title = _title(paras, title_at)
    province = _province(front_folded, text)
    number = _doc_number(front)
    date, date_year = _date(front_folded)
    period = _period(title, date_year)
    issuer = _issuer(front_folded, paras[title_at + 1 : title_at + 6] if title_at is not None else paras[:5], title, text, province)
    return DocMeta(
        doc_id=doc_id,
        title=title,
        issuer=issuer,
        province=province,
        doc_number=number,
        date=date,
        period=period,
        source=source,
        fmt=fmt,
        dateline=_dateline(front, front_folded),
    )


def _dateline(front: list[str], front_folded: list[str]) -> str | None:
    """The header lines giving the report's number and date, verbatim ("Số: 2182/BC-VP Quảng Ngãi, ngày 02 …")."""
    lines = [p for p, f in zip(front, front_folded) if _NUMBER.search(p) or _DATE.search(f)]
    return "\n".join(dict.fromkeys(lines)) or None


def _title_index(paras: list[str]) -> int | None:
    for i, p in enumerate(paras[:40]):
        if re.match(r"^bao cao\b", fold(p).strip("*# ")):
            return i
    return None


def _title(paras: list[str], at: int | None) -> str | None:
    """The line(s) after "BÁO CÁO" (joined by cleaning), without the word itself."""
    if at is None:
        return None
    rest = re.sub(r"^\W*\w+\s+\w+\W*", "", paras[at], count=1).strip()  # drop "BÁO CÁO"
    if not rest and at + 1 < len(paras):
        nxt = paras[at + 1]
        if not re.match(r"^(kinh gui|can cu|thuc hien)\b", fold(nxt)) and len(nxt) < 400:
            rest = nxt
    rest = re.sub(r"\s+", " ", rest.strip("*# ")).strip()
    return rest or None


def _province(front_folded: list[str], text: str) -> str | None:
    """Header "UBND TỈNH X", then the place-date line "X, ngày …", then the most frequent "tỉnh X"."""
    for line in front_folded:
        m = _PROVINCE_IN.search(line)
        if m:
            return _FOLDED_PROVINCES[m.group(1)]
    for line in front_folded:
        if "ngay" in line:
            m = _PROVINCE_START.match(line)
            if m:
                return _FOLDED_PROVINCES[m.group(1)]
    counts = Counter(m.group(1) for m in _PROVINCE_IN.finditer(fold(text).replace(" - ", " ")))
    if counts:
        return _FOLDED_PROVINCES[counts.most_common(1)[0][0]]
    return None


def _doc_number(front: list[str]) -> str | None:
    """"Số: 2182/BC-VP" -> "2182/BC-VP"; a number left blank for signing ("Số: /BC-VP") stays None."""
    for line in front:
        m = _NUMBER.search(line)
        if m:
            if not m.group(1):
                return None
            return m.group(1) + "/" + re.sub(r"\s", "", m.group(2))
    return None


def _date(front_folded: list[str]) -> tuple[str | None, int | None]:
    """ISO date of the place-date line (None if the day or month is blank) and its year."""
    for line in front_folded:
        m = _DATE.search(line)
        if m:
            day, month, year = m.group(1), m.group(2), int(m.group(3))
            if day and month and 1 <= int(day) <= 31 and 1 <= int(month) <= 12:
                return f"{year:04d}-{int(month):02d}-{int(day):02d}", year
            return None, year
    return None, None


def _period(title: str | None, fallback_year: int | None) -> Period | None:
    """The first period the title names: "6 tháng đầu năm 2023", "quý I … năm 2024", "9 tháng đầu năm 2025",
    "năm 2021"."""
    folded = fold(title or "")
    years = _YEAR.findall(folded)
    year = int(years[0]) if years else fallback_year
    named = [m for m in (_HALF.search(folded), _QUARTER.search(folded), _FIRST_MONTHS.search(folded)) if m]
    if not named:
        return Period(year=year) if year else None
    first = min(named, key=lambda m: m.start())
    if first.re is _QUARTER:
        q = first.group(1)
        return Period(year=year, quarter={"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(q) or int(q))
    if first.re is _HALF:
        return Period(year=year, half=1 if first.group(1) == "dau" else 2)
    return Period(year=year, through_month=int(first.group(1)))


def _agency_name(folded: str) -> str | None:
    """Proper name of a folded agency phrase via the table (longest known prefix)."""
    key = re.sub(r"[^a-z ]", " ", folded)
    key = re.sub(r"\s+", " ", key).strip()
    for known in sorted(AGENCIES, key=len, reverse=True):
        if key == known or key.startswith(known + " "):
            return AGENCIES[known]
    return None


def _header_agency(front_folded: list[str]) -> str | None:
    """The issuing agency line of the header block ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", OCR "VAN PHONG")."""
    for line in front_folded:
        line = _NATIONAL.split(line)[0].strip()
        if _AGENCY_START.match(line):
            return _agency_name(line)
    return None


def _header_parent(front_folded: list[str]) -> bool:
    """Does the header's left column name a provincial People's Committee, on one line or wrapped over two
    ("ỦY BAN NHÂN DÂN" / "TỈNH GIA LAI", each line beside the national motto in a tab-stopped header)?"""
    left = [_NATIONAL.split(line)[0].strip() for line in front_folded]
    return any(_PARENT.match(line) for line in left + [f"{a} {b}" for a, b in zip(left, left[1:])])


def _issuer(front_folded, opening: list[str], title: str | None, text: str, province: str | None) -> str | None:
    """Agency from the header, else the agency that "báo cáo" in the opening lines or the title."""
    agency = _header_agency(front_folded)
    if agency is None:
        for para in opening:
            m = _REPORTS.search(fold(para))
            if m:
                agency = _agency_name(m.group(1))
                if agency:
                    break
    if agency is None and title:
        m = re.search(r"\bcua (van phong (?:ubnd|uy ban nhan dan)|so [a-z ]+)", fold(title))
        agency = _agency_name(m.group(1)) if m else None
    if agency is None:
        if _header_parent(front_folded) and province:
            return f"UBND tỉnh {province}"
        return None
    if province and agency != "Thanh tra tỉnh":
        return f"{agency} tỉnh {province}"
    return agency
