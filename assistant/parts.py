"""A question asking for several figures, split into one question per figure.

Users ask for figures together: "đã giải quyết bao nhiêu hồ sơ, còn bao nhiêu đang giải quyết?",
"… bao nhiêu công chức, bao nhiêu người … và mấy lao động hợp đồng?", and comparisons where one
asking word covers two things: "quyết định của UBND tỉnh và quyết định của Chủ tịch UBND tỉnh mỗi
loại bao nhiêu?", "tỷ lệ trễ hạn của hồ sơ các sở, ngành và của hồ sơ đất đai là bao nhiêu?",
"… của Sở Xây dựng so với BHXH tỉnh, mỗi bên mấy %?". Each part is answered on its own figure.
"""

from __future__ import annotations

import re

from assistant.query import ASK_COUNT, Query, asking_fold, known_noun_at, known_noun_span, parse_noun, understand
from ingest.vietnamese import fold, nfc

# Where one asking part may end and the next begin (in the folded question).
_PART_BREAK = re.compile(r"(?:,|;|\?|\.\s|\bva\b|\bcon\b)\s*")

# The markers of a verb's state, folded: "đã", "đang", "được", "bị", "chưa".
_MARKERS = r"(?:da|dang|duoc|bi|chua)"
# A state said of what is counted ("đang giải quyết", "bị trả lại", "chưa giải quyết xong"), folded.
_STATE = re.compile(r"\b" + _MARKERS + r"\s+\w")

# Joins two things asked about together (folded): "A và B", "A hay B", "A so với B".
_CONJUNCTION = re.compile(r"\b(?:va|hay|hoac|so voi)\s+")

# Words that distribute one asking word over several things ("lần lượt", "mỗi loại") and that compare
# them ("nhiều hơn"), as typed: "mỗi" and "mới" fold alike.
_DISTRIBUTING = r"lần lượt|mỗi \w+|từng \w+"
_MORE_OR_LESS = r"nhiều hơn|ít hơn|cao hơn|thấp hơn"

# Says the figure is wanted for each of the things joined ("lần lượt", "mỗi loại", "so với").
_EACH = re.compile(r"\b(?:" + _DISTRIBUTING + r"|so với|chênh(?: lệch| nhau)?|" + _MORE_OR_LESS + r")\b")

# Where the second of two joined things ends: the asking words or the words that distribute them, as
# typed ("đạt" is not "đất").
_CONJUNCT_END = re.compile(
    r"\s*(?:(?<!\w)(?:lần lượt|mỗi|từng|chênh|" + _MORE_OR_LESS + r"|là|đạt|thì|bao nhiêu|mấy)(?!\w)|[?.;!]|$)"
)

# Words opening the place or owner of a thing ("của Sở Xây dựng", "qua Hệ thống …"), as typed ("quả" is
# not "qua"): repeated on both sides of "và" they join two things ("của hồ sơ các sở, ngành và của hồ sơ
# đất đai"); without a repeated word, the first of two things asked for each starts after one.
_OPENERS = ("của", "tại", "ở", "qua", "thuộc", "trong", "đối với")
_OPENER = re.compile(r"(?<!\w)(?:" + "|".join(_OPENERS) + r")\s+")
_OPENER_FOLDED = re.compile(r"(?:" + "|".join(map(fold, _OPENERS)) + r")\b")
# Words heading what is measured ("số công dân … và số công dân …", "mức cao nhất … và mức thấp nhất"):
# repeated on both sides of "và" they also join two things.
_MEASURES = ("số", "mức", "tỷ lệ")

# Asks the comparison rather than a figure; left out of each part.
_COMPARING = re.compile(r"(?i)\s*(?:,\s*)?\b(?:thì\s+)?(?:chênh(?: lệch| nhau)?|thế nào|ra sao|như thế nào)\b(?:\s+thế nào)?\s*,?")


def question_parts(query: Query) -> list[Query]:
    """The parts of a count question asking several figures; `[query]` when it asks one."""
    if query.followup:  # its standalone form joins the last turn's question: one thing is asked
        return [query]
    text = nfc(query.standalone)
    folded = asking_fold(text)
    asks = list(ASK_COUNT.finditer(folded))
    if not asks or len(folded) != len(text):
        return [query]
    if len(asks) > 1:
        parts = _parts_by_ask(query, text, folded, asks)
    else:
        parts = _parts_by_conjunction(query, text, folded, asks[0])
    if len(parts) < 2 or any(p.kind != "count" for p in parts):
        return [query]
    return parts


def _with_slots(part: Query, whole: Query) -> Query:
    """Slots the whole question named hold for its part too ("Năm 2023 …, còn bao nhiêu …")."""
    for name in ("year", "half", "quarter", "province", "unit"):
        if getattr(part, name) is None:
            setattr(part, name, getattr(whole, name))
    part.periods, part.provinces = part.periods or whole.periods, part.provinces or whole.provinces
    return part


def _cut(folded: str, after: int, before: int) -> re.Match | None:
    """Where the part asking at `after` ends, before the asking word at `before`."""
    breaks = list(_PART_BREAK.finditer(folded, after, before))
    if not breaks:
        return None
    # a break right before the next "bao nhiêu" ends the part ("sửa đổi, bổ sung và (hơn) bao nhiêu …");
    # else a mark does: "và" may join two words of one part ("tỷ lệ trả trước hạn và đúng hạn")
    adjacent = [m for m in breaks
                if re.fullmatch(r"(?:(?:con|co|thi|la)\s+)?(?:(?:hon|khoang|tren|gan|duoi)\s+)?", folded[m.end() : before])]
    marks = [m for m in breaks if m.group(0)[0] in ",;?."]
    # "và" before a verb's marker opens a clause ("… của các cơ quan, đơn vị và đã giải quyết xong bao nhiêu?")
    clauses = [m for m in breaks if m.group(0).startswith("va") and re.match(_MARKERS + r"\b", folded[m.end() :])]
    # and before a measure it opens the next thing measured ("… bao nhiêu hồ sơ nộp, trả qua bưu chính và tỷ lệ
    # hồ sơ trực tuyến là bao nhiêu %?")
    clauses += [m for m in breaks if m.group(0).startswith("va") and re.match(r"(?:ty le|so luong|muc)\b", folded[m.end() :])]
    # ", còn" opens the next thing asked ("… là bao nhiêu bộ, còn hồ sơ đất đai của hộ gia đình, cá nhân …"),
    # and a mark right after the asking word closes its part ("… nhận là bao nhiêu, phần nộp online của các sở, …")
    clauses += [m for m in marks if m.group(0)[0] == "," and re.match(r"con\b", folded[m.end() :])][:1]
    clauses += [m for m in marks if m.start() == after and m.group(0)[0] in ",;"]
    return adjacent[-1] if adjacent else clauses[-1] if clauses else marks[-1] if marks else breaks[-1]


def _as_followup(piece: str) -> str:
    """A later part read as a follow-up of the first: "và bao nhiêu đang giải quyết" -> "Còn bao nhiêu …"."""
    piece = piece.lstrip(" ,;")
    return piece if re.match(r"(?i)còn\b", piece) else "Còn " + re.sub(r"(?i)^và\s+", "", piece)


def _parts_by_ask(query: Query, text: str, folded: str, asks: list[re.Match]) -> list[Query]:
    """One part per asking word: "đã giải quyết bao nhiêu hồ sơ, còn bao nhiêu đang giải quyết?" ->
    "… đã giải quyết bao nhiêu hồ sơ" and "Còn bao nhiêu đang giải quyết?" (noun, period carried)."""
    cuts = [_cut(folded, a.end(), b.start()) for a, b in zip(asks, asks[1:])]
    if any(c is None for c in cuts):
        return [query]
    bounds = [0, *(c.start() for c in cuts), len(text)]
    pieces = [text[s:e] for s, e in zip(bounds, bounds[1:])]
    pieces[0] = _with_shared_state(text, folded, bounds[1], asks[0], asks[-1])
    first = _with_slots(understand(pieces[0]), query)
    before = text[: asks[0].start()]
    return [first] + [_later_part(piece, first, before) for piece in pieces[1:]]


def _later_part(piece: str, first: Query, before: str) -> Query:
    """A later part: a follow-up of the first ("còn bao nhiêu đang giải quyết?" counts its noun), unless it
    names a noun of its own ("… và hơn bao nhiêu lượt đánh giá mức độ hài lòng?"): then it is asked as itself
    in the shared setting, without the words only the first part says ("hồ sơ … qua bưu điện").

    The setting is what the question says before its first asking word (`before`) when the part starts at
    its asking word ("Năm 2021 Văn phòng tham mưu ban hành bao nhiêu thông báo và bao nhiêu báo cáo?"); a part
    saying its own verb or subject ("… nhắn bao nhiêu tin SMS, và trả kết quả tại chỗ cho bao nhiêu hồ sơ?")
    shares it only up to its last comma ("Theo báo cáo quý I/2024 của Văn phòng UBND tỉnh Sơn La, …")."""
    own = re.sub(r"(?i)^(?:và|còn)\s+", "", piece.lstrip(" ,;")).rstrip(" ?.")
    leads = re.match(r"(?i)(?:(?:hơn|khoảng|trên|gần|có|tổng cộng|tổng số|tất cả)\s+)*(?:bao nhiêu|mấy)\b", own)
    # a part opening with its own measure of a noun says what it measures ("và tỷ lệ hồ sơ trực tuyến là bao
    # nhiêu %?"); "và tỷ lệ trả kết quả đúng hạn đạt bao nhiêu?" measures the first part's noun
    head = re.match(r"(?i)(?:tỷ lệ|số lượng|mức)\s+", own)
    measured = head is not None and known_noun_at(fold(own[head.end() :])) is not None
    frame = before if leads or measured else before[: before.rfind(",") + 1]
    alone = understand(f"{frame.rstrip()} {own}?".strip())
    of_first = re.match(r"(?i)(?:trong (?:số )?(?:đó|này)|riêng)\b", own)  # a part of the first thing
    # a dictionary noun only: an unknown word may qualify the first noun ("bao nhiêu thủ tục cấp tỉnh, bao
    # nhiêu cấp huyện?"); and a setting to ask it in
    own_noun = (alone.noun not in (None, "%") and not alone.noun.startswith("lit:")) or (measured and alone.noun == "%")
    if own_noun and first.noun and alone.noun != first.noun and not of_first and frame.strip():
        return _with_slots(alone, first)
    return understand(_as_followup(piece), first)


def _with_shared_state(text: str, folded: str, end: int, ask: re.Match, last_ask: re.Match) -> str:
    """The first part (`text[:end]`) with the state said after the last thing asked, when both count the
    same noun and the first says no state of its own: "còn bao nhiêu hồ sơ của các sở, ngành và bao nhiêu
    hồ sơ đất đai đang giải quyết dở?" asks both "đang giải quyết"; "bao nhiêu quyết định …, bao nhiêu
    TTHC được ban hành mới?" does not."""
    piece = text[:end]
    state = _STATE.search(folded, last_ask.end())
    if not state or _STATE.search(folded, 0, end):
        return piece
    counted = folded[ask.end() : end].lstrip()
    first, last = known_noun_span(counted), known_noun_span(folded[last_ask.end() :].lstrip())
    if first is None or last is None or first[0] != last[0]:
        return piece
    # after its noun the first says only whose or where ("hồ sơ của các sở, ngành"), no qualifier of its own
    # ("thủ tục mới ban hành")
    after = counted[first[1] :].strip(" ,;")
    if after and not _OPENER_FOLDED.match(after):
        return piece
    return f"{piece.rstrip(' ,;')} {text[state.start() :].rstrip(' ?.')}"


def _parts_by_conjunction(query: Query, text: str, folded: str, ask: re.Match) -> list[Query]:
    """Two parts for two things joined under one asking word.

    Before the asking word, the two things stand in the same frame ("tỷ lệ trễ hạn của hồ sơ các sở,
    ngành và của hồ sơ đất đai … là bao nhiêu?"): each part is the question with one of them. After it
    ("… trễ hạn bao nhiêu bộ, so với số hồ sơ của các sở, ngành thì thế nào?"), the second thing is asked
    as a follow-up of the first part.
    """
    lower = text.lower()
    each = _EACH.search(lower) is not None
    # the joins whose second thing opens with a word said before it first, then (asked for each) the rest
    joins = sorted(_CONJUNCTION.finditer(folded), key=lambda m: _repeated(lower, m, each) is None)
    for m in joins:
        framed = _framed(query, text, lower, folded, ask, m, each)
        if framed:
            return framed
        # after the asking word only a question asking for each splits: "bao nhiêu đơn khiếu nại và tố cáo?"
        # asks one figure of both
        if m.start() > ask.end() and each:
            first = _with_slots(understand(text[: m.start()].rstrip(" ,")), query)
            second = _plain(text[m.end() :]).rstrip(" ?.")
            if parse_noun(fold(second))[0] not in (None, "%"):
                # "so với số hồ sơ của các sở, ngành bị trễ hạn thì thế nào?" names what it counts: asked as itself
                return [first, _with_slots(understand(f"{second} là bao nhiêu?"), query)]
            return [first, understand(_as_followup(second), first)]  # "so với năm 2022 thì sao?"
    return [query]


def _framed(query: Query, text: str, lower: str, folded: str, ask: re.Match, conj: re.Match, each: bool) -> list[Query]:
    """The question once with each of the two things `conj` joins, if they stand in one frame; else []."""
    end = _CONJUNCT_END.search(lower, conj.end())
    right_start, right_end = conj.end(), end.start() if end else len(text)
    left_start = _left_start(lower, conj, each)
    if right_end <= right_start or left_start is None or left_start <= ask.end() <= right_end:
        return []
    left, right = text[left_start : conj.start()].rstrip(" ,"), text[right_start:right_end].rstrip(" ,")
    if not left or ASK_COUNT.search(folded[left_start:right_end]):
        return []
    # what each thing is ("quyết định của UBND tỉnh … mỗi loại bao nhiêu?") is counted, unless the asking
    # word names it ("bao nhiêu hồ sơ") or a share is asked
    named = known_noun_at(folded[ask.end() :].lstrip()) or query.noun == "%"
    parts = []
    for piece in (left, right):
        part = _with_slots(understand(_plain(text[:left_start] + piece + text[right_end:])), query)
        if not named and known_noun_at(fold(piece)):
            part.noun, part.noun_phrase = parse_noun(fold(piece))
        parts.append(part)
    return parts


def _repeated(lower: str, conj: re.Match, each: bool) -> int | None:
    """Where the first of two joined things starts if the second one opens with a word said just before:
    "quyết định của UBND tỉnh và quyết định của Chủ tịch …" (asked for each), "của … và của …" (any)."""
    opening = (lower[conj.end() :].split(maxsplit=1) or [""])[0]
    if opening == "tỷ":  # the measure is two words: "tỷ lệ"
        opening = "tỷ lệ"
    if not opening or not (each or opening in _OPENERS or opening in _MEASURES):
        return None
    # a measure opens the second thing: the first opens with a measure too, maybe another ("tỷ lệ hồ sơ … tại
    # Trung tâm … và mức độ hài lòng … lần lượt là bao nhiêu?")
    heads = _MEASURES if opening in _MEASURES and each else (opening,)
    pattern = r"(?<!\w)(?:" + "|".join(map(re.escape, heads)) + r")(?!\w)"
    found = [m.start() for m in re.finditer(pattern, lower[: conj.start()])]
    if not found or conj.start() - found[-1] > (120 if len(heads) > 1 else 80):
        return None
    if opening in _MEASURES and not each and len(lower[found[-1] : conj.start()].split()) < 4:
        return None  # "số lượt và số người được … tiếp" asks what follows of both: one frame, said once
    return found[-1]


def _left_start(lower: str, conj: re.Match, each: bool) -> int | None:
    """Where the first of two joined things starts: at a repeated opening word, else, when the question
    asks for each, after the word placing it ("của Sở Xây dựng so với BHXH tỉnh")."""
    start = _repeated(lower, conj, each)
    if start is not None or not each:
        return start
    openers = list(_OPENER.finditer(lower, max(0, conj.start() - 60), conj.start()))
    return openers[-1].end() if openers else None


def _plain(question: str) -> str:
    """A part without the words that distributed or compared it ("lần lượt", "mỗi loại", "chênh nhau thế nào")."""
    question = _COMPARING.sub(" ", question)
    question = re.sub(r"(?i)\b(?:" + _DISTRIBUTING + "|" + _MORE_OR_LESS + r")\b", " ", question)
    return re.sub(r"\s+([,?.])", r"\1", re.sub(r"\s{2,}", " ", question)).strip()
