"""The QA evaluation set: typed loading and validation against the corpus.

One JSON object per line (see docs/DESIGN.md, "QA item schema").  Evidence is
copied verbatim from the documents, so the only safe comparison is in
`match_form`: PDF extraction hard-wraps lines mid-sentence and leaves NFD
fragments, while a chunk's text has been re-joined and NFC-normalised.  The
runner, the metrics and the tests all compare in that one form.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ingest.vietnamese import nfc

QA_TYPES = (
    "count",
    "factoid",
    "list",
    "negative",
    "unanswerable",
    "ambiguous",
    "multi_doc",
    "speech",
    "conversation",
)

# Types whose answer spans several documents: each needs a list of >= 2 docs.
MULTI_DOC_TYPES = ("ambiguous", "multi_doc")

_REQUIRED = ("id", "question", "answer", "answer_numbers", "doc", "evidence", "type")
_WS = re.compile(r"\s+")


def match_form(text: str) -> str:
    """NFC, every whitespace run collapsed to one space, stripped.

    The form in which evidence is compared with documents and with chunk texts:
    hard line breaks, blank lines and NFD fragments must not decide a match.
    """
    return _WS.sub(" ", nfc(text or "")).strip()


@dataclass
class QAItem:
    """One question with its reference answer and the verbatim evidence that grounds it."""

    id: str
    question: str
    answer: str
    answer_numbers: list[str]
    doc: str | list[str] | None
    evidence: list[str]
    type: str
    turns: list[str] | None = None

    @property
    def docs(self) -> list[str]:
        """The item's documents as a list, whatever form `doc` takes."""
        if self.doc is None:
            return []
        if isinstance(self.doc, str):
            return [self.doc]
        return list(self.doc)

    @property
    def answerable(self) -> bool:
        """False only for questions the reports do not answer (the assistant should abstain)."""
        return self.type != "unanswerable"

    def to_dict(self) -> dict:
        """The JSONL form, field order as in the schema."""
        return asdict(self)


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _item_from_dict(obj: object, where: str) -> QAItem:
    """Build a QAItem, failing with the location and the bad value in the message."""
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    missing = [k for k in _REQUIRED if k not in obj]
    if missing:
        raise ValueError(f"{where}: missing field(s) {', '.join(missing)}")
    for key in ("id", "question", "answer", "type"):
        if not isinstance(obj[key], str) or not obj[key].strip():
            raise ValueError(f"{where}: field {key!r} must be a non-empty string, got {obj[key]!r}")
    if obj["type"] not in QA_TYPES:
        raise ValueError(f"{where}: unknown type {obj['type']!r} (expected one of {', '.join(QA_TYPES)})")
    for key in ("answer_numbers", "evidence"):
        if not _is_str_list(obj[key]):
            raise ValueError(f"{where}: field {key!r} must be a list of strings, got {obj[key]!r}")
    doc = obj["doc"]
    if not (doc is None or (isinstance(doc, str) and doc) or (_is_str_list(doc) and doc)):
        raise ValueError(f"{where}: field 'doc' must be a file name, a non-empty list of them or null, got {doc!r}")
    turns = obj.get("turns")
    if turns is not None and not _is_str_list(turns):
        raise ValueError(f"{where}: field 'turns' must be null or a list of strings, got {turns!r}")
    unknown = set(obj) - set(_REQUIRED) - {"turns"}
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return QAItem(
        id=obj["id"],
        question=obj["question"],
        answer=obj["answer"],
        answer_numbers=list(obj["answer_numbers"]),
        doc=list(doc) if isinstance(doc, list) else doc,
        evidence=list(obj["evidence"]),
        type=obj["type"],
        turns=list(turns) if turns is not None else None,
    )


def load_dataset(path: str | Path) -> list[QAItem]:
    """Read a JSONL QA file; a bad line raises ValueError naming the file and the line number."""
    path = Path(path)
    items: list[QAItem] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
            items.append(_item_from_dict(obj, where))
    return items


def _figure_in(figure: str, text: str) -> bool:
    """Whether `figure` occurs in `text` as written and not as part of a longer number.

    "40" is not found inside "40.927" or "140"; "99,8%" and "22/02/2023" are found as written.
    """
    needle = re.escape(match_form(figure))
    return re.search(rf"(?<!\d)(?<!\d[.,]){needle}(?!\d)(?![.,]\d)", text) is not None


def _raw_text(path: Path) -> str:
    """A document's text before cleaning: the file itself, or what the loader reads from a PDF or DOCX
    (a DOCX table as Markdown rows, whose cells are what evidence quotes)."""
    if path.suffix.lower() in (".pdf", ".docx"):
        from ingest.loaders import load

        return "\n".join(page.text for page in load(path).pages)
    return path.read_text(encoding="utf-8")


def validate(items: list[QAItem], corpus_dir: str | Path) -> list[str]:
    """Every problem found, one human-readable line each; [] means the set is usable.

    Checks what the metrics silently rely on: unique ids, documents that exist,
    evidence that is really in the item's documents, figures that are really in
    the evidence or the document, and conversation/unanswerable items shaped as
    the runner expects.
    """
    corpus_dir = Path(corpus_dir)
    problems: list[str] = []
    texts: dict[str, str | None] = {}

    def doc_text(name: str) -> str | None:
        if name not in texts:
            path = corpus_dir / name
            texts[name] = match_form(_raw_text(path)) if path.is_file() else None
        return texts[name]

    seen: set[str] = set()
    for item in items:
        tag = f"{item.id}"
        if item.id in seen:
            problems.append(f"{tag}: duplicate id")
        seen.add(item.id)

        if item.type not in QA_TYPES:
            problems.append(f"{tag}: unknown type {item.type!r}")
        for field_name in ("question", "answer"):
            value = getattr(item, field_name)
            if not value or not value.strip():
                problems.append(f"{tag}: empty {field_name}")
            elif nfc(value) != value:
                problems.append(f"{tag}: {field_name} is not NFC")

        # Turns: only conversations have them, and the last one is the question.
        if item.type == "conversation":
            if not item.turns or len(item.turns) < 2:
                problems.append(f"{tag}: conversation needs turns (>= 2 user turns)")
            elif match_form(item.turns[-1]) != match_form(item.question):
                problems.append(f"{tag}: last turn {item.turns[-1]!r} != question {item.question!r}")
        elif item.turns is not None:
            problems.append(f"{tag}: type {item.type!r} must have turns null")

        if not item.answerable:
            if item.docs or item.evidence or item.answer_numbers:
                problems.append(f"{tag}: unanswerable item must have doc null, evidence [] and answer_numbers []")
            continue

        if not item.docs:
            problems.append(f"{tag}: answerable item has no doc")
        if not item.evidence:
            problems.append(f"{tag}: answerable item has no evidence")
        if item.type in MULTI_DOC_TYPES and len(set(item.docs)) < 2:
            problems.append(f"{tag}: {item.type} item needs a list of at least 2 docs")
        if len(set(item.docs)) != len(item.docs):
            problems.append(f"{tag}: doc lists a file twice")

        bodies = []
        for name in item.docs:
            body = doc_text(name)
            if body is None:
                problems.append(f"{tag}: doc file missing: {corpus_dir / name}")
            else:
                bodies.append(body)

        for piece in item.evidence:
            needle = match_form(piece)
            if not needle:
                problems.append(f"{tag}: empty evidence piece")
            elif bodies and not any(needle in body for body in bodies):
                problems.append(f"{tag}: evidence not found verbatim in {', '.join(item.docs)}: {piece!r}")
        if item.type in MULTI_DOC_TYPES:
            for name in item.docs:
                body = doc_text(name)
                if body is not None and not any(match_form(p) and match_form(p) in body for p in item.evidence):
                    problems.append(f"{tag}: no evidence piece comes from {name}")

        evidence_text = " \n ".join(match_form(p) for p in item.evidence)
        for figure in item.answer_numbers:
            if not match_form(figure):
                problems.append(f"{tag}: empty answer_numbers entry")
            elif not (_figure_in(figure, evidence_text) or any(_figure_in(figure, b) for b in bodies)):
                problems.append(f"{tag}: answer number {figure!r} not in evidence or doc")
    return problems
