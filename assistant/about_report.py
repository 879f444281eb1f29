"""Questions about a report itself: who signed it ("Ai ký báo cáo?"), its number and date ("số hiệu gì, ký
ngày nào?"), whom it went to ("Báo cáo gửi tới những nơi nào?").

Cleaning keeps the header, the distribution list and the signature block out of the chunked text, so
these are answered from what DocMeta keeps verbatim (`dateline`, `recipients`, `signature`), each cited as
a section of the report of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.compose import Citations, Draft, cap_first, period_key, source_phrase
from index.passage import Passage
from ingest.document import Chunk, DocMeta

SIGNATURE_SECTION = "Chữ ký"
HEADER_SECTION = "Số, ngày văn bản"
RECIPIENTS_SECTION = "Nơi nhận"


def own_passage(meta: DocMeta, key: str, text: str, section: str, page: int | None = None) -> Passage:
    """A part of the report kept outside its chunks, as a passage so it is cited like any other source."""
    chunk = Chunk(chunk_id=f"{meta.doc_id}#{key}", doc_id=meta.doc_id, text=text, heading_path=[section], page=page)
    return Passage(chunk=chunk, meta=meta, score=0.0)


def _per_report(passages: list[Passage], part: Callable[[DocMeta], Passage | None], intro: str, head: str,
                meta_key: str, cites: Citations | None = None) -> Draft | None:
    """One quoted line per report read that has `part`; None when none has it. `cites` is shared when one
    answer quotes several parts (the header and the signature), so the [n] stay consistent."""
    metas = {p.meta.doc_id: p.meta for p in passages}
    found = [(m, own) for m in sorted(metas.values(), key=lambda m: period_key(m.period)) if (own := part(m))]
    if not found:
        return None
    cites = cites or Citations()
    lines = []
    for meta, own in found:
        n = cites.cite(own, own.chunk.text)
        shown = " ".join(own.chunk.text.split())
        if len(found) == 1:
            lines.append(f"{source_phrase(own)}, {intro}: “{shown}” [{n}].")
        else:
            label = cap_first(meta.period.label) if meta.period and meta.period.label else meta.title or meta.doc_id
            issuer = f" ({meta.issuer})" if meta.issuer else ""
            lines.append(f"- {label}{issuer}: “{shown}” [{n}]")
    text = (head + "\n" if len(lines) > 1 else "") + "\n".join(lines)
    return Draft(text, cites.items, False, {meta_key: [m.doc_id for m, _ in found]})


def answer_signer(passages: list[Passage], cites: Citations | None = None) -> Draft | None:
    """Who signed each report read, as its signature block prints it."""
    def part(m: DocMeta) -> Passage | None:
        return own_passage(m, "signature", m.signature, SIGNATURE_SECTION, m.signature_page) if m.signature else None

    return _per_report(passages, part, "người ký", "Người ký từng báo cáo:", "signed", cites)


def answer_recipients(passages: list[Passage], cites: Citations | None = None) -> Draft | None:
    """The distribution list ("Nơi nhận") of each report read, as printed."""
    def part(m: DocMeta) -> Passage | None:
        return own_passage(m, "recipients", m.recipients, RECIPIENTS_SECTION, m.recipients_page) if m.recipients else None

    return _per_report(passages, part, "nơi nhận", "Nơi nhận của từng báo cáo:", "recipients", cites)


def answer_identity(passages: list[Passage], cites: Citations | None = None) -> Draft | None:
    """The number and date each report read prints in its header (blank when the header leaves them blank),
    followed by the formal citation when both are known."""
    def part(m: DocMeta) -> Passage | None:
        return own_passage(m, "header", m.dateline, HEADER_SECTION) if m.dateline else None

    draft = _per_report(passages, part, "đầu văn bản ghi", "Số và ngày ghi ở đầu từng báo cáo:", "headers", cites)
    if draft is None:
        return None
    metas = {p.meta.doc_id: p.meta for p in passages}
    formal = [f"Trích dẫn: {metas[c.doc_id].citation_line()} [{c.n}]." for c in draft.citations
              if metas[c.doc_id].doc_number and metas[c.doc_id].date]
    if formal:
        draft.text += "\n" + "\n".join(formal)
    return draft


def answer_identity_and_signer(passages: list[Passage]) -> Draft | None:
    """"Báo cáo … do ai ký, ký ngày nào?": the header's number and date, then the signature."""
    cites = Citations()
    parts = [d for d in (answer_identity(passages, cites), answer_signer(passages, cites)) if d is not None]
    if not parts:
        return None
    return Draft("\n".join(d.text for d in parts), cites.items, False, {k: v for d in parts for k, v in d.meta.items()})


# the kinds of question (assistant.query.parse_kind) answered from the report's own header, distribution list
# and signature
ANSWERERS: dict[str, Callable[[list[Passage]], Draft | None]] = {
    "signer": answer_signer, "report_id": answer_identity, "report_id_signer": answer_identity_and_signer,
    "recipients": answer_recipients,
}
