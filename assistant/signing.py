"""'Ai ký báo cáo?': answered from the signature each report prints under its distribution list.

The signature block is not in the chunked text (cleaning drops it), so the answer quotes the
block kept verbatim in DocMeta, cited as the report's own "Chữ ký" section.
"""

from __future__ import annotations

from assistant.extractive import Citations, Draft, _cap, _period_key, _source_phrase
from index.passage import Passage
from ingest.document import Chunk, DocMeta

SIGNATURE_SECTION = "Chữ ký"


def signature_passage(meta: DocMeta) -> Passage:
    """The report's signature as a passage of its own, so it is cited like any other source."""
    chunk = Chunk(chunk_id=f"{meta.doc_id}#signature", doc_id=meta.doc_id, text=meta.signature or "",
                  heading_path=[SIGNATURE_SECTION], page=meta.signature_page)
    return Passage(chunk=chunk, meta=meta, score=0.0)


def answer_signer(passages: list[Passage]) -> Draft | None:
    """Who signed each report read (one line per report); None when none of them has a signature."""
    metas = {p.meta.doc_id: p.meta for p in passages if p.meta.signature}
    if not metas:
        return None
    ordered = sorted(metas.values(), key=lambda m: _period_key(m.period))
    cites = Citations()
    lines = []
    for meta in ordered:
        sig = signature_passage(meta)
        n = cites.cite(sig, sig.chunk.text)
        shown = " ".join(sig.chunk.text.split())
        if len(ordered) == 1:
            lines.append(f"{_source_phrase(sig)}, người ký: “{shown}” [{n}].")
        else:
            label = _cap(meta.period.label) if meta.period and meta.period.label else meta.title or meta.doc_id
            issuer = f" ({meta.issuer})" if meta.issuer else ""
            lines.append(f"- {label}{issuer}: “{shown}” [{n}]")
    head = "Người ký từng báo cáo:\n" if len(lines) > 1 else ""
    return Draft(head + "\n".join(lines), cites.items, False, {"signers": [m.signer for m in ordered]})
