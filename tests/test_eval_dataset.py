"""The QA sets load, are well-formed, match the corpus verbatim, and the validator catches broken items."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from eval.dataset import QA_TYPES, QAItem, load_dataset, match_form, validate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEV = ROOT / "eval" / "qa.jsonl"
TEST = ROOT / "eval" / "qa_test.jsonl"
HOLDOUT = ROOT / "eval" / "qa_holdout.jsonl"  # written blind to the system, scored, never studied
HOLDOUT2 = ROOT / "eval" / "qa_holdout2.jsonl"  # a second blind set, written later by another author
HOLDOUT3 = ROOT / "eval" / "qa_holdout3.jsonl"  # a third, written blind in session 3
HOLDOUT4 = ROOT / "eval" / "qa_holdout4.jsonl"  # a fourth, written blind late in session 3, scored once
HOLDOUT5 = ROOT / "eval" / "qa_holdout5.jsonl"  # a fifth, written blind in session 4, scored once, then studied
HOLDOUT6 = ROOT / "eval" / "qa_holdout6.jsonl"  # a sixth, written blind in session 5, scored once, then studied
HOLDOUT7 = ROOT / "eval" / "qa_holdout7.jsonl"  # a seventh, written blind in session 5, scored once, studied in 6
HOLDOUT8 = ROOT / "eval" / "qa_holdout8.jsonl"  # an eighth, written blind in session 6, scored once, then studied
HOLDOUT9 = ROOT / "eval" / "qa_holdout9.jsonl"  # a ninth, written blind in session 6, scored once, studied in 7
HOLDOUT10 = ROOT / "eval" / "qa_holdout10.jsonl"  # a tenth, written blind in session 7, scored once, then studied
HOLDOUT11 = ROOT / "eval" / "qa_holdout11.jsonl"  # an eleventh, written blind in session 8, scored once, then studied
HOLDOUT12 = ROOT / "eval" / "qa_holdout12.jsonl"  # a twelfth, written blind in session 9, scored once, then studied
HOLDOUT13 = ROOT / "eval" / "qa_holdout13.jsonl"  # a thirteenth, written blind in session 10, scored once, then studied
HOLDOUT14 = ROOT / "eval" / "qa_holdout14.jsonl"  # a fourteenth, written blind in session 11, scored once, then studied
HOLDOUT15 = ROOT / "eval" / "qa_holdout15.jsonl"  # a fifteenth (staff phrasing), written blind in session 12, scored once, then studied
HOLDOUT16 = ROOT / "eval" / "qa_holdout16.jsonl"  # a sixteenth, written blind in session 13, scored once, then studied
# questions on a report the answerer was never tuned on (synthetic, eval/unseen/), written blind in session 13
UNSEEN = ROOT / "eval" / "qa_unseen.jsonl"
UNSEEN_DIR = ROOT / "eval" / "unseen"
# two synthetic Word reports of one office (a year, then the next half-year) with tables, written blind in session 14
UNSEEN2 = ROOT / "eval" / "qa_unseen2.jsonl"
UNSEEN2_DIR = ROOT / "eval" / "unseen2"
# a synthetic PDF report (a Sở's quarterly report on administrative reform, two tables), written blind in session 14
UNSEEN3 = ROOT / "eval" / "qa_unseen3.jsonl"
UNSEEN3_DIR = ROOT / "eval" / "unseen3"
# one office's two reports on dân vận chính quyền and Quy chế dân chủ (a PDF for 2024, a Word file for the first
# half of 2025), written blind in session 15
UNSEEN4 = ROOT / "eval" / "qa_unseen4.jsonl"
UNSEEN4_DIR = ROOT / "eval" / "unseen4"
# one office's three reports (2023 Word, 2024 PDF, first half of 2025 as a scan's text without diacritics),
# written blind in session 16
UNSEEN5 = ROOT / "eval" / "qa_unseen5.jsonl"
UNSEEN5_DIR = ROOT / "eval" / "unseen5"
UNSEEN6 = ROOT / "eval" / "qa_unseen6.jsonl"
UNSEEN6_DIR = ROOT / "eval" / "unseen6"
OCR_DOC = "002_70eccacdbed34b64.txt"
CLEAN_DOC = "000_316e9ef7cc27ef2d.txt"


@pytest.fixture(scope="module")
def dev() -> list[QAItem]:
    return load_dataset(DEV)


@pytest.fixture(scope="module")
def held_back() -> list[QAItem]:
    return load_dataset(TEST)


def good_item(**changes) -> QAItem:
    """A valid item built from the clean PDF-extracted report; tests break one field at a time."""
    item = QAItem(
        id="x-001",
        question="Ban Tiếp công dân tỉnh tiếp nhận bao nhiêu đơn trong 6 tháng đầu năm 2023?",
        answer="Hơn 81 đơn.",
        answer_numbers=["81"],
        doc=CLEAN_DOC,
        # The file breaks this sentence across lines; match_form makes it match.
        evidence=["Ban Tiếp công dân tỉnh đã tiếp nhận tổng cộng hơn 81 đơn"],
        type="count",
    )
    return replace(item, **changes)


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


# --- the shipped files -----------------------------------------------------------


@pytest.fixture(scope="module")
def holdout() -> list[QAItem]:
    """The sets written blind to the answerer (the first two were studied after their blind scoring)."""
    return (load_dataset(HOLDOUT) + load_dataset(HOLDOUT2) + load_dataset(HOLDOUT3) + load_dataset(HOLDOUT4)
            + load_dataset(HOLDOUT5) + load_dataset(HOLDOUT6) + load_dataset(HOLDOUT7) + load_dataset(HOLDOUT8)
            + load_dataset(HOLDOUT9) + load_dataset(HOLDOUT10) + load_dataset(HOLDOUT11) + load_dataset(HOLDOUT12)
            + load_dataset(HOLDOUT13) + load_dataset(HOLDOUT14) + load_dataset(HOLDOUT15) + load_dataset(HOLDOUT16))


def test_files_load_with_enough_items(dev, held_back, holdout):
    assert len(dev) >= 100
    assert len(held_back) >= 45
    assert len(holdout) >= 960
    assert len(dev) + len(held_back) >= 150


def test_ids_unique_across_files(dev, held_back, holdout):
    ids = [it.id for it in dev + held_back + holdout]
    assert len(ids) == len(set(ids))


def test_holdout_is_mostly_count_questions_and_covers_the_scan(holdout):
    assert sum(it.type == "count" for it in holdout) >= 50
    assert sum(it.type == "unanswerable" for it in holdout) >= 15
    assert sum(1 for it in holdout if it.doc == OCR_DOC) >= 20


@pytest.mark.parametrize("which", ["dev", "held_back", "holdout"])
def test_every_type_present_in_each_file(which, request):
    items = request.getfixturevalue(which)
    assert {it.type for it in items} == set(QA_TYPES)


def test_ocr_report_well_covered(dev, held_back):
    assert sum(1 for it in dev + held_back if it.doc == OCR_DOC) >= 15


def test_every_report_covered(dev, held_back):
    covered = {d for it in dev + held_back for d in it.docs}
    assert covered == {p.name for p in CORPUS.glob("*.txt")}


@pytest.mark.parametrize("path", [DEV, TEST, HOLDOUT, HOLDOUT2, HOLDOUT3, HOLDOUT4, HOLDOUT5, HOLDOUT6, HOLDOUT7,
                                  HOLDOUT8, HOLDOUT9, HOLDOUT10, HOLDOUT11, HOLDOUT12, HOLDOUT13, HOLDOUT14, HOLDOUT15,
                                  HOLDOUT16],
                         ids=["qa.jsonl", "qa_test.jsonl", "qa_holdout.jsonl", "qa_holdout2.jsonl", "qa_holdout3.jsonl",
                              "qa_holdout4.jsonl", "qa_holdout5.jsonl", "qa_holdout6.jsonl", "qa_holdout7.jsonl",
                              "qa_holdout8.jsonl", "qa_holdout9.jsonl", "qa_holdout10.jsonl", "qa_holdout11.jsonl",
                              "qa_holdout12.jsonl", "qa_holdout13.jsonl", "qa_holdout14.jsonl",
                              "qa_holdout15.jsonl", "qa_holdout16.jsonl"])
def test_shipped_file_validates(path):
    assert validate(load_dataset(path), CORPUS) == []


@pytest.mark.parametrize("dataset,folder", [(UNSEEN, UNSEEN_DIR), (UNSEEN2, UNSEEN2_DIR), (UNSEEN3, UNSEEN3_DIR),
                                                    (UNSEEN4, UNSEEN4_DIR), (UNSEEN5, UNSEEN5_DIR),
                                                    (UNSEEN6, UNSEEN6_DIR)])
def test_the_unseen_report_sets_validate_against_their_own_reports(dataset, folder):
    items = load_dataset(dataset)
    assert validate(items, folder) == []  # DOCX and PDF evidence is read from the file through the loader
    assert len(items) >= 40 and sum(it.type == "unanswerable" for it in items) >= 8
    assert {d for it in items for d in it.docs} == {p.name for p in folder.iterdir()}


def test_files_validate_together(dev, held_back, holdout):
    assert validate(dev + held_back + holdout, CORPUS) == []


def test_shapes_by_type(dev, held_back, holdout):
    for it in dev + held_back + holdout:
        if it.type == "unanswerable":
            assert not it.answerable and it.docs == [] and it.evidence == []
        else:
            assert it.answerable and it.docs and it.evidence
        if it.type == "ambiguous":
            assert len(it.docs) >= 2 and len(it.evidence) >= len(it.docs)
        if it.type == "conversation":
            assert it.turns and it.turns[-1] == it.question


# --- QAItem helpers ------------------------------------------------------------------


def test_docs_property_normalises_doc():
    assert good_item(doc=None).docs == []
    assert good_item(doc="a.txt").docs == ["a.txt"]
    assert good_item(doc=["a.txt", "b.txt"]).docs == ["a.txt", "b.txt"]


def test_to_dict_round_trips(tmp_path):
    item = good_item(type="conversation", turns=["Câu đầu?", good_item().question])
    path = write_jsonl(tmp_path / "one.jsonl", [item.to_dict()])
    assert load_dataset(path) == [item]


def test_match_form_collapses_whitespace_and_composes():
    assert match_form("  hơn 81\n\n đơn \t") == "hơn 81 đơn"
    assert match_form("Tie\u0302\u0301p") == "Tiếp"  # NFD -> NFC


# --- validate catches broken items -----------------------------------------------------


def test_valid_item_passes():
    assert validate([good_item()], CORPUS) == []


def test_evidence_not_in_doc_is_reported():
    problems = validate([good_item(evidence=["Ban Tiếp công dân tỉnh đã tiếp nhận tổng cộng hơn 18 đơn"])], CORPUS)
    assert any("evidence not found" in p for p in problems)


def test_evidence_from_another_report_is_reported():
    # Right text, wrong document: 1.076 is the full-year figure, only in the OCR report.
    problems = validate([good_item(evidence=["Ban Tiép cong dan tinh cong hon 1.076 don"])], CORPUS)
    assert any("evidence not found" in p for p in problems)


def test_duplicate_id_is_reported():
    problems = validate([good_item(), good_item()], CORPUS)
    assert any("duplicate id" in p for p in problems)


def test_number_not_in_evidence_or_doc_is_reported():
    problems = validate([good_item(answer_numbers=["8.100"])], CORPUS)
    assert any("'8.100'" in p for p in problems)


def test_number_inside_a_longer_number_does_not_count():
    # "927" occurs only inside "40.927" in the report.
    problems = validate([good_item(answer_numbers=["927"])], CORPUS)
    assert any("'927'" in p for p in problems)


def test_missing_doc_file_is_reported():
    problems = validate([good_item(doc="999_missing.txt")], CORPUS)
    assert any("doc file missing" in p for p in problems)


def test_unknown_type_is_reported():
    assert any("unknown type" in p for p in validate([good_item(type="opinion")], CORPUS))


def test_conversation_shape_is_checked():
    no_turns = good_item(type="conversation", turns=None)
    wrong_last = good_item(type="conversation", turns=["Câu một?", "Câu khác?"])
    stray_turns = good_item(turns=["Câu một?", good_item().question])
    problems = validate([no_turns, replace(wrong_last, id="x-002"), replace(stray_turns, id="x-003")], CORPUS)
    assert any(p.startswith("x-001") and "turns" in p for p in problems)
    assert any(p.startswith("x-002") and "last turn" in p for p in problems)
    assert any(p.startswith("x-003") and "turns null" in p for p in problems)


def test_unanswerable_with_evidence_is_reported():
    problems = validate([good_item(type="unanswerable")], CORPUS)
    assert any("unanswerable" in p for p in problems)


def test_ambiguous_needs_several_docs():
    problems = validate([good_item(type="ambiguous")], CORPUS)
    assert any("at least 2 docs" in p for p in problems)


# --- load_dataset errors name file and line --------------------------------------------


def test_bad_json_names_file_and_line(tmp_path):
    path = write_jsonl(tmp_path / "bad.jsonl", [good_item().to_dict(), "{not json"])
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: invalid JSON"):
        load_dataset(path)


def test_missing_field_names_file_and_line(tmp_path):
    row = good_item().to_dict()
    del row["evidence"]
    path = write_jsonl(tmp_path / "missing.jsonl", [row])
    with pytest.raises(ValueError, match=r"missing\.jsonl:1: missing field\(s\) evidence"):
        load_dataset(path)


def test_unknown_type_rejected_on_load(tmp_path):
    path = write_jsonl(tmp_path / "type.jsonl", [good_item(type="trivia").to_dict()])
    with pytest.raises(ValueError, match=r"type\.jsonl:1: unknown type 'trivia'"):
        load_dataset(path)


def test_wrong_field_type_rejected_on_load(tmp_path):
    row = good_item().to_dict()
    row["answer_numbers"] = "81"
    path = write_jsonl(tmp_path / "nums.jsonl", [row])
    with pytest.raises(ValueError, match=r"nums\.jsonl:1: field 'answer_numbers'"):
        load_dataset(path)
