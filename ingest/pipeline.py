"""One file in, everything the index needs out: load → clean → describe → chunk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.chunking import ChunkerConfig, chunk
from ingest.cleaning import CleanText, clean
from ingest.document import Chunk, DocMeta, Document
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED, load
from ingest.metadata import extract_metadata
from ingest.signature import find_recipients, find_signature


@dataclass
class ProcessedDoc:
    """A loaded report with its metadata and chunks (spans point into `clean_text.text`)."""

    document: Document
    meta: DocMeta
    chunks: list[Chunk]
    clean_text: CleanText | None = None


def _read(path: str | Path) -> tuple[Document, CleanText, DocMeta]:
    """Load, clean and read the metadata of one file; raises `IngestError` when it has no text."""
    document = load(path)
    cleaned = clean(document)
    if not cleaned.text.strip():
        raise IngestError(path, "tệp không có nội dung văn bản sau khi làm sạch")
    meta = extract_metadata(document.doc_id, cleaned.text, source=document.source, fmt=document.fmt)
    meta.ocr_quality = cleaned.ocr_quality
    signed = find_signature(document)  # read from the loaded lines: cleaning drops the signature block
    if signed:
        meta.signature, meta.signer, meta.signature_page = signed.text, signed.name, signed.page
    recipients = find_recipients(document)
    if recipients:
        meta.recipients, meta.recipients_page = recipients.text, recipients.page
    return document, cleaned, meta


def read_metadata(path: str | Path) -> DocMeta:
    """A file's DocMeta alone (no chunking): for an index whose metadata an older reader wrote."""
    return _read(path)[2]


def process_file(path: str | Path, config: ChunkerConfig | None = None) -> ProcessedDoc:
    """Run the whole ingest path on one file; raises `IngestError` (Vietnamese reason) when it cannot."""
    config = config or ChunkerConfig()
    document, cleaned, meta = _read(path)
    chunks = chunk(document.doc_id, cleaned, meta, config)
    if not chunks:
        raise IngestError(path, "không tách được đoạn văn nào từ tệp")
    return ProcessedDoc(document=document, meta=meta, chunks=chunks, clean_text=cleaned)


def iter_input_files(paths: list[str | Path]) -> list[Path]:
    """Files to ingest, sorted: directories expanded recursively to supported files (hidden ones skipped);
    a file named explicitly is always returned, so an unsupported one yields an error, not a silent skip."""
    found: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in p.rglob("*"):
                rel = f.relative_to(p).parts
                if f.is_file() and not any(part.startswith(".") for part in rel) and f.suffix.lower() in SUPPORTED:
                    found.add(f)
        else:
            found.add(p)
    return sorted(found)
