"""The question's path as a langchain-core Runnable: condense → understand → retrieve → answer → ground.

Each step is a `RunnableLambda` over one `Work` record, so the pipeline can be
invoked, traced and streamed like any LangChain chain while the data between
steps stays typed.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from assistant import about_report, compose, extractive, grounding, llm as llm_mod, reading, shorthand, spans
from assistant.answer import ABSTAIN_TEXT, Answer, Citation, Turn, citation_for, related_list
from assistant.query import MONTHS_OF_YEAR, Query, all_periods, compared_at, relative_year_said, understand
from assistant.retriever import HybridRetriever, to_passages
from index.passage import Passage, SearchFilters
from ingest.document import DocMeta, Period
from ingest.vietnamese import fold, number_keys, place_key


@dataclass
class Work:
    """Everything known about one question as it moves down the chain."""

    question: str
    history: list[Turn] = field(default_factory=list)
    user_filters: SearchFilters | None = None
    k: int = 6
    query: Query | None = None
    filters: SearchFilters | None = None
    per_report: bool = False
    require_year: int | None = None
    require_part: str | None = None
    wider: list[str] | None = None
    later: list[str] | None = None
    abstain_reason: str | None = None
    passages: list[Passage] = field(default_factory=list)
    pool: list[Passage] = field(default_factory=list)  # retrieved first, then the rest of the allowed documents
    draft: compose.Draft | None = None
    answer: Answer | None = None
    timing_ms: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)


@dataclass
class ChainParts:
    """What the steps need: the index, the term weights, an optional chat model, thresholds."""

    index: Any
    weights: reading.TermWeights
    chat_model: Any = None
    thresholds: extractive.Thresholds = field(default_factory=extractive.Thresholds)
    pool: int = 16  # passages retrieved for the extractive answerer (k are shown/sent to a chat model)
    scan_limit: int = 400  # the extractive reader also scans every chunk of the allowed documents up to this many


# --- conversation ----------------------------------------------------------------


def previous_query(history: list[Turn], provinces: list[str] | None = None) -> Query | None:
    """The understood form of the last turn (recomputed when a turn carries no answer)."""
    prev: Query | None = None
    for turn in history:
        stored = turn.answer.meta.get("query") if turn.answer is not None else None
        prev = Query.from_dict(stored) if stored else understand(shorthand.expand(turn.question, provinces or ()), prev)
    return prev


def condense_step(parts: ChainParts):
    def run(work: Work) -> Work:
        t0 = time.perf_counter()
        provinces = [m.province for m in parts.index.docs.values() if m.province]
        prev = previous_query(work.history, provinces)
        asked = shorthand.expand(work.question, provinces)  # "Ban TCD tỉnh QN": "Ban Tiếp công dân tỉnh Quảng Ngãi"
        if parts.chat_model is not None and work.history:
            rewritten = llm_mod.condense(parts.chat_model, work.history, work.question)
            query = understand(shorthand.expand(rewritten, provinces))
            query.question, query.followup = asked, True
        else:
            query = understand(asked, prev)
        last = work.history[-1].answer if work.history else None
        if query.followup and last is not None:  # "Đã trả lời được bao nhiêu rồi?": about what was just quoted
            query.last_chunks = [c.chunk_id for c in last.citations if c.chunk_id]
            if query.year is None and (query.half or query.quarter):
                # "Đến giữa năm …?" when no turn named a year: the year of the report the last answer quoted
                years = {parts.index.docs[c.doc_id].year for c in last.citations if c.doc_id in parts.index.docs}
                if len(years) == 1 and None not in years:
                    query.year = years.pop()
                    query.periods = [query.period]
        work.query = query
        work.timing_ms["understand"] = (time.perf_counter() - t0) * 1000
        return work

    return RunnableLambda(run, name="condense_understand")


# --- metadata filters ------------------------------------------------------------


def _doc_province_match(meta: DocMeta, province: str) -> bool | None:
    """True/False when the document's province is known, None when it is not."""
    target = place_key(province)
    known = " ".join(place_key(x) for x in (meta.province, meta.issuer, meta.title) if x)
    if target and target in known:
        return True
    return False if meta.province else None


def first_months_asked(q: Query) -> int | None:
    """The last month of a span from January asked ("9 tháng đầu năm 2025", "tính đến tháng 9"), which is
    neither a quarter nor a half; None otherwise."""
    if q.half or q.quarter or not q.months or q.months[0] != 1 or not 2 <= q.months[1] <= 11:
        return None
    return q.months[1]


def _period_matches(meta: DocMeta, q: Query, exact: bool) -> bool:
    p = meta.period
    if meta.year != q.year:
        return False
    through = (p.through_month if p else None) or 0
    partial = bool(p and p.partial)
    if q.quarter:
        # a half's report, or the months to the quarter's end ("9 tháng" for quý III), covers the quarter in part
        return bool(p and p.quarter == q.quarter) or (
            not exact and bool(p and (p.half == (q.quarter + 1) // 2 or through >= 3 * q.quarter)))
    if q.half:
        # a quarter's report covers part of the half only: its figures are not the half's
        return bool(p and p.half == q.half) or (not exact and (not partial or through >= 6 * q.half))
    months = first_months_asked(q)
    if months:  # "9 tháng đầu năm 2025": the report of those months; else any report of the year, read for
        return through == months or not exact  # passages that name those months
    # a full year was asked: prefer full-year reports, accept partial ones of that year
    return not partial or not exact


@dataclass
class Selection:
    """Which documents a question is about, and how to answer across them."""

    doc_ids: list[str] | None  # None = all documents
    reason: str | None = None  # abstention reason when no document qualifies
    compare: bool = False  # several periods/provinces named: one line per report
    require_year: int | None = None  # no report for the named year: the evidence itself must mention it
    require_part: str | None = None  # only a longer period's report: the evidence must name the part (folded regex)
    wider: list[str] | None = None  # the other reports of the named year, read when the exact ones say nothing
    later: list[str] | None = None  # reports of later periods: an index of the year is published the year after


def _period_query(q: Query, period: Period | None) -> Query:
    return replace(q, year=period.year if period else None, half=period.half if period else None,
                   quarter=period.quarter if period else None)


def _docs_for(docs: dict[str, DocMeta], ids: list[str], asked: Query) -> list[str]:
    """The reports of one asked period: an exact match, else a report of that year (half/quarter loosely)."""
    if not asked.year:
        return list(ids)
    hits = [d for d in ids if _period_matches(docs[d], asked, exact=True)]
    return hits or [d for d in ids if _period_matches(docs[d], asked, exact=False)]


# What a report sets for the next period: "nhiệm vụ trọng tâm", "phương hướng", "giải pháp".
_TASKS = re.compile(r"\b(?:nhiem vu|phuong huong|trong tam|giai phap)\b")


def _asks_tasks(q: Query) -> bool:
    """Does the question ask what a report sets for a period (not a figure)?"""
    return q.kind != "count" and _TASKS.search(fold(q.standalone)) is not None


def _titled_for(docs: dict[str, DocMeta], ids: list[str], asked: Query) -> list[str]:
    """Reports whose title names the asked period beside their own ("Kết quả … quý I; Nhiệm vụ trọng tâm
    quý II năm 2024"): the tasks set for a period are written in the report of the period before it. Only
    the tasks are: its figures are not that period's."""
    if not _asks_tasks(asked):
        return []
    wanted = Period(asked.year, asked.half, asked.quarter)
    return [d for d in ids if wanted in all_periods(fold(docs[d].title or "")) and docs[d].period != wanted]


def names_report(question: str, doc_number: str | None) -> bool:
    """Does the question name this report by its number ("Báo cáo 2182/BC-VP …", "bc 2182/bc-vp")?"""
    if not doc_number or "/" not in doc_number:
        return False
    number, code = doc_number.split("/", 1)
    kind = fold(code).split("-")[0].strip()
    return re.search(r"(?<![\d.,/])" + re.escape(number.strip()) + r"\s*/\s*" + re.escape(kind) + r"\b",
                     fold(question)) is not None


def select_documents(docs: dict[str, DocMeta], q: Query) -> Selection:
    """Filter documents by the provinces and periods the question names (accent-insensitive).

    A report named by its number ("Báo cáo số 2182/BC-VP") is the one asked about.  Several
    provinces or periods named ("Sơn La quý I/2024 so với Quảng Ngãi 6 tháng đầu năm 2023")
    make a comparison: each (province, period) target keeps its own reports, one line each.
    """
    ids = list(docs)
    named = [d for d in ids if names_report(q.standalone, docs[d].doc_number)]
    if named:
        return Selection(named)
    provinces = q.named_provinces
    periods = q.periods or ([q.period] if q.period else [])
    if len(provinces) > 1 or len(periods) > 1:
        if len(provinces) > 1 and len(periods) == len(provinces):
            targets = list(zip(provinces, periods))
        elif len(provinces) > 1:
            targets = [(prov, per) for prov in provinces for per in (periods or [None])]
        else:
            targets = [(provinces[0] if provinces else None, per) for per in periods]
        matched: list[str] = []
        for prov, per in targets:
            local = [d for d in ids if prov is None or _doc_province_match(docs[d], prov) is True]
            # a province without a report for that period still answers from its own reports
            hits = _docs_for(docs, local, _period_query(q, per)) or (local if prov and len(provinces) > 1 else [])
            matched += [d for d in hits if d not in matched]
        if len(matched) > 1:
            return Selection(matched, compare=True)
        if not matched and len(provinces) <= 1:
            return Selection([], "no report for these periods")
    restricted = False
    if provinces:
        verdicts = {d: [_doc_province_match(docs[d], p) for p in provinces] for d in ids}
        yes = [d for d, v in verdicts.items() if any(x is True for x in v)]
        unknown = [d for d, v in verdicts.items() if all(x is None for x in v)]
        if yes or unknown:
            ids, restricted = yes or unknown, True
        else:
            return Selection([], "no report for this province")
    wider = None
    if q.year:
        loose = _docs_for(docs, ids, q) or _titled_for(docs, ids, q)
        if not loose:
            part = _part_said(q)
            if part and _asks_tasks(q):
                # "Nhiệm vụ trọng tâm 6 tháng cuối năm 2025": set in the report before it, under a heading
                # that names the period
                return Selection(ids if restricted else None, require_year=q.year, require_part=part)
            if part:  # a named half/quarter that no report covers
                return Selection([], "no report for this period")
            return Selection(ids if restricted else None, require_year=q.year)
        # "năm 2023" is answered from the full-year report first; the 6-month report of 2023 may still be the
        # only one that says it — not when the question names the part of the year ("6 tháng đầu năm",
        # "cả năm"): another part's report speaks of another period
        same_year = [d for d in ids if _period_matches(docs[d], q, exact=False)]
        if not (q.half or q.quarter or re.search(r"\bca nam\b", fold(q.standalone))):
            wider = [d for d in same_year if d not in loose] or None
        exact = [d for d in loose if _period_matches(docs[d], q, exact=True)]
        if q.months and not (q.half or q.quarter) and not exact and MONTHS_OF_YEAR.search(fold(q.standalone)):
            # "9 tháng đầu năm 2025" and no report of those months: only passages that say them answer
            return Selection(loose, require_part=rf"\b0?{q.months[1]} thang\b")
        if not (q.half or q.quarter) and not exact and re.search(r"\bca nam\b", fold(q.standalone)):
            # "cả năm 2025" and only the first half's report: its figures are not the year's
            return Selection([], "no report for this period")
        if (q.half or q.quarter) and not exact:
            # the tasks set for "6 tháng cuối năm 2023" are in the report titled for it; else "6 tháng đầu năm
            # 2024" asked, only the full-year report: its figures are the year's, not the half's
            titled = _titled_for(docs, ids, q)
            if titled:
                return Selection(titled)
            if _asks_tasks(q):
                # "Nhiệm vụ trọng tâm quý II/2025" with only the half's report covering the quarter: the tasks
                # were set in the quarter before's report, under a heading that names the quarter
                return Selection(ids if restricted else None, require_year=q.year, require_part=_part_said(q))
            return Selection(loose, require_part=_part_said(q))
        later = [d for d in ids if docs[d].year and docs[d].year > q.year] or None
        ids, restricted = loose, True
        return Selection(ids, compare=len(provinces) > 1, wider=wider, later=later)
    return Selection(ids if restricted else None, compare=len(provinces) > 1, wider=wider)


def speaks_of_year(text: str, year: str) -> bool:
    """Does a passage say something of `year` itself? A year named only as the base of a comparison
    ("tăng 8,7% so với năm 2023") does not, unless that year's figure follows ("so với năm 2023 (5.873 đơn)")."""
    folded = fold(text)
    for m in re.finditer(rf"(?<!\d){year}(?!\d)", folded):
        if not compared_at(folded, m.start()) or re.match(r"\s*\(\s*\d", folded[m.end() : m.end() + 6]):
            return True
    return False


def _names_part(ct: reading.ChunkText, pattern: str) -> bool:
    """Does a chunk (its folded text or heading) name the part of the year asked ("6 tháng đầu năm")?"""
    return re.search(pattern, ct.folded) is not None or re.search(pattern, ct.heading) is not None


# How a report names a part of its year (folded), for a question about that part read in a longer period's report.
_PART_SAID = {
    ("half", 1): r"\b(?:6|06|sau) thang dau\b", ("half", 2): r"\b(?:6|06|sau) thang cuoi\b",
    ("quarter", 1): r"\bquy (?:i|1)\b", ("quarter", 2): r"\bquy (?:ii|2)\b",
    ("quarter", 3): r"\bquy (?:iii|3)\b", ("quarter", 4): r"\bquy (?:iv|4)\b",
}


def _part_said(q: Query) -> str | None:
    """How reports name the half or quarter asked (folded regex); None when the question names neither."""
    if q.half:
        return _PART_SAID[("half", q.half)]
    return _PART_SAID[("quarter", q.quarter)] if q.quarter else None


def coverage_note(docs: dict[str, DocMeta], q: Query, reason: str | None) -> str:
    """What the loaded reports do cover, for an abstention caused by the period or province asked:
    the user learns what to ask instead ("… có: quý I năm 2024")."""
    if reason == "no report for this province":
        provinces = sorted({m.province for m in docs.values() if m.province})
        return f" Các báo cáo đã nạp là của: {', '.join(provinces)}." if provinces else ""
    asked = q.named_provinces
    metas = [m for m in docs.values() if not asked or any(_doc_province_match(m, p) for p in asked)]
    periods = sorted({m.period for m in metas if m.period and m.period.year}, key=compose.period_key)
    if not periods:
        return ""
    where = f" của tỉnh {', '.join(asked)}" if asked else ""
    said = relative_year_said(fold(q.standalone))
    read_as = f" Câu hỏi nói “{said}”, tức năm {q.year}." if said and q.year else ""
    return f"{read_as} Các báo cáo đã nạp{where} có số liệu cho: {', '.join(p.label for p in periods)}."


def _from_later_reports(parts: ChainParts, work: Work) -> tuple[compose.Draft | None, list[Passage]]:
    """A figure of the asked year that its own report does not give, from a later report that says it of that
    year ("Chỉ số PAR INDEX năm 2024 đạt 88,12%", published in 2025): every quote must name the year."""
    year = str(work.query.year)
    read = [p for p in unretrieved(parts.index, [], SearchFilters(doc_ids=work.later), parts.scan_limit)
            if speaks_of_year(p.chunk.text, year)]
    if not read:
        return None, []
    draft = extractive.answer(work.query, read, parts.weights, parts.thresholds, work.per_report)
    if draft.abstained or not all(speaks_of_year(c.quote, year) for c in draft.citations):
        return None, []
    draft.meta["widened_to"] = work.later
    return draft, read


def understand_filters_step(parts: ChainParts):
    def run(work: Work) -> Work:
        q = work.query
        if work.user_filters is not None and not work.user_filters.is_empty():
            work.filters = work.user_filters
            return work
        sel = select_documents(parts.index.docs, q)
        work.abstain_reason = sel.reason
        work.require_year = sel.require_year
        work.require_part = sel.require_part
        work.wider = sel.wider
        work.later = sel.later
        work.filters = SearchFilters(doc_ids=sel.doc_ids) if sel.doc_ids else None
        several = sel.doc_ids is None or len(sel.doc_ids) > 1
        if sel.compare and q.noun and q.kind in ("open", "list", "yesno"):
            q.kind = "count"  # "so sánh số đơn năm 2021 và năm 2023": a figure per report
        work.per_report = several and (
            (q.kind == "count" and (sel.compare or q.period is None))
            or (q.kind in ("open", "yesno") and sel.compare)  # "Sơn La năm 2023 và Quảng Ngãi năm 2021 …": a line each
        )
        return work

    return RunnableLambda(run, name="filters")


# --- retrieval -------------------------------------------------------------------


def retrieve_step(parts: ChainParts):
    def run(work: Work) -> Work:
        t0 = time.perf_counter()
        if work.abstain_reason is None:
            depth = max(work.k, parts.pool) if parts.chat_model is None else work.k
            retriever = HybridRetriever(index=parts.index, k=depth, filters=work.filters)
            work.passages = to_passages(retriever.invoke(work.query.standalone))
            if parts.chat_model is None:
                work.pool = work.passages + unretrieved(parts.index, work.passages, work.filters, parts.scan_limit)
        elif work.query is not None:  # still show what is closest
            work.passages = parts.index.search(work.query.standalone, k=3)
        work.timing_ms["retrieve"] = (time.perf_counter() - t0) * 1000
        return work

    return RunnableLambda(run, name="retrieve")


def unretrieved(index, retrieved: list[Passage], filters: SearchFilters | None, limit: int) -> list[Passage]:
    """Chunks of the allowed documents that retrieval ranked lower (OCR text often ranks low).

    The extractive reader is cheap, so reading every chunk of a few reports
    after the retrieved ones (which keep their rank prior) costs milliseconds and
    recovers figures that dense and BM25 ranking missed.
    """
    seen = {p.chunk.chunk_id for p in retrieved}
    allowed = set(filters.doc_ids) if filters and filters.doc_ids else None
    if filters and not filters.is_empty() and not filters.doc_ids:
        return []
    rest = [c for c in index.chunks if c.chunk_id not in seen and (allowed is None or c.doc_id in allowed)]
    if len(rest) > limit:
        return []
    return [Passage(chunk=c, meta=index.docs.get(c.doc_id) or DocMeta(doc_id=c.doc_id), score=0.0) for c in rest]


# --- answering -------------------------------------------------------------------


def best_quote(passage_text: str, sentences: list[str]) -> str:
    """The passage sentence sharing most figures and words with the answer sentences that cite it."""
    want_nums = set().union(*(number_keys(s) for s in sentences)) if sentences else set()
    want_words = set(fold(" ".join(sentences)).split())
    best, best_score = passage_text[:300], -1.0
    for s, e in spans.sentence_spans(passage_text):
        sent = passage_text[s:e]
        score = 3 * len(number_keys(sent) & want_nums) + len(set(fold(sent).split()) & want_words) / 10
        if score > best_score:
            best, best_score = sent, score
    return best


def llm_citations(passages: list[Passage]) -> list[Citation]:
    return [citation_for(i, p, quote="") for i, p in enumerate(passages, start=1)]


def fill_quotes(text: str, citations: list[Citation]) -> list[Citation]:
    """After grounding, each citation quotes the sentence of its passage that the answer used."""
    sentences = grounding.split_sentences(text)
    for c in citations:
        if not c.quote:
            citing = [s for s in sentences if f"[{c.n}]" in s]
            c.quote = best_quote(c.text, citing)
    return citations


def answer_step(parts: ChainParts):
    def run(work: Work) -> Work:
        t0 = time.perf_counter()
        own = about_report.ANSWERERS.get(work.query.kind)
        if work.abstain_reason:
            work.draft = compose.abstain(work.passages, work.abstain_reason)
        elif own:  # the header, distribution list and signature are in no chunk: quoted from DocMeta
            about = own(work.pool or work.passages)
            missing = "the report prints no such header, distribution list or signature"
            work.draft = about or compose.abstain(work.passages, missing)
            work.draft.meta["answerer"] = "report"
        elif parts.chat_model is not None:
            shown = work.passages[: work.k]
            text = llm_mod.generate(parts.chat_model, work.query.standalone, shown)
            work.draft = compose.Draft(text, llm_citations(shown), False, {"answerer": "llm"})
        else:
            pool = work.pool or work.passages
            if work.require_year:  # no report for that year: only passages that speak of it
                year = str(work.require_year)
                pool = [p for p in pool if speaks_of_year(p.chunk.text, year) or year in " ".join(p.chunk.heading_path)]
            if work.require_part:  # a longer period's report: only passages that name the part asked
                pool = [p for p in pool if _names_part(reading.analyse(p.chunk), work.require_part)]
            # the other reports of the asked year, read once: a fact of "năm 2023" (a decision, a date, a list)
            # may stand only in that year's 6-month report; a figure may not, so a count reads them only when
            # the asked period's report says nothing
            others = unretrieved(parts.index, [], SearchFilters(doc_ids=work.wider), parts.scan_limit) if work.wider else []
            if others and work.query.kind != "count":
                for p in others:
                    p.extra["secondary"] = True
                pool = pool + others
            work.draft = extractive.answer(work.query, pool, parts.weights, parts.thresholds, work.per_report)
            if work.draft.abstained and others and work.query.kind == "count":
                second = extractive.answer(work.query, others, parts.weights, parts.thresholds, work.per_report)
                if not second.abstained:
                    second.meta["widened_to"] = work.wider
                    work.draft, pool = second, pool + others
            if work.draft.abstained and work.later and work.query.kind == "count":
                second, read = _from_later_reports(parts, work)
                if second is not None:
                    work.draft, pool = second, pool + read
            work.pool = pool
            work.draft.meta["answerer"] = "extractive"
        if work.draft.abstained and (work.abstain_reason or work.require_year or work.require_part):
            # the period or province asked has no report: say what the reports do cover
            note = coverage_note(parts.index.docs, work.query, work.abstain_reason)
            if note and work.draft.text.startswith(ABSTAIN_TEXT):
                work.draft.text = ABSTAIN_TEXT + note + work.draft.text[len(ABSTAIN_TEXT):]
        work.timing_ms["answer"] = (time.perf_counter() - t0) * 1000
        return work

    return RunnableLambda(run, name="answer")


def finish(work: Work, text: str, citations: list[Citation], abstained: bool, removed: list[dict]) -> Work:
    """Build the final Answer (shared by invoke and streaming)."""
    meta = dict(work.draft.meta if work.draft else {})
    if abstained and not text.startswith(ABSTAIN_TEXT):
        text = ABSTAIN_TEXT
    if abstained and "Có thể liên quan" not in text:
        text += related_list(work.passages)
    if removed:
        meta["removed_sentences"] = removed
    meta["query"] = work.query.to_dict() if work.query else None
    meta["standalone"] = work.query.standalone if work.query else work.question
    meta["filters"] = work.filters.doc_ids if work.filters else None
    if work.abstain_reason:
        meta["abstain_reason"] = work.abstain_reason
    work.timing_ms["total"] = (time.perf_counter() - work.started) * 1000
    shown = work.passages[: max(work.k, len({c.chunk_id for c in citations}))]
    cited_ids = {c.chunk_id for c in citations}
    shown_ids = {p.chunk.chunk_id for p in shown}
    for p in work.pool or work.passages:
        if p.chunk.chunk_id in cited_ids and p.chunk.chunk_id not in shown_ids:
            shown.append(p)
            shown_ids.add(p.chunk.chunk_id)
    work.answer = Answer(work.question, text, citations, abstained, shown, dict(work.timing_ms), meta)
    return work


def ground_step():
    def run(work: Work) -> Work:
        draft = work.draft
        if draft.abstained:
            return finish(work, draft.text, [], True, [])
        g = grounding.ground(draft.text, draft.citations)
        citations = fill_quotes(g.text, g.citations) if not g.abstained else []
        return finish(work, g.text, citations, g.abstained, g.removed)

    return RunnableLambda(run, name="ground")


def build_chain(parts: ChainParts) -> Runnable:
    """Work -> Work with `.answer` set."""
    return (
        condense_step(parts)
        | understand_filters_step(parts)
        | retrieve_step(parts)
        | answer_step(parts)
        | ground_step()
    )


def prepare_chain(parts: ChainParts) -> Runnable:
    """The steps before answering (used by streaming, which answers token by token)."""
    return condense_step(parts) | understand_filters_step(parts) | retrieve_step(parts)
