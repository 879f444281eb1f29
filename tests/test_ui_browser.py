"""The web UI driven by a real headless Chromium (Debian's, via Playwright; nothing is downloaded).

One app server per module, on a free localhost port, with BAOCAO_HOME in a temp dir and the
session's corpus index copied in (never rebuilt).  Screenshots of each tab go to
tests/output/ui/.  Without chromium the tests fail under CI=true and skip locally.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest

import ui
from settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("BAOCAO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = Path(__file__).resolve().parent / "output" / "ui"
ANSWER_TIMEOUT_MS = 120_000
INGEST_TIMEOUT_MS = 180_000
QUESTION = "Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Không tìm thấy chromium ({CHROMIUM}); cài bằng `make browser` (apt-get install chromium)."
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_index_dir):
    """The app as `baocao ui` serves it, on the session's corpus index (copied: the tests upload and remove)."""
    from assistant.service import Assistant

    home = tmp_path_factory.mktemp("ui_home")
    shutil.copytree(corpus_index_dir, home / "index")
    settings = Settings.from_env({"BAOCAO_HOME": str(home)})
    assistant = Assistant.from_settings(settings, progress=False)
    app = ui.build_app(assistant, settings, max_upload_mb=1)
    port = _free_port()
    ui.launch_app(app, "127.0.0.1", port, block=False)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}/", app=app, settings=settings, runtime=app.baocao_runtime)
    app.close()


class Client:
    """One browser context (= one user session) that refuses and records any request leaving localhost."""

    def __init__(self, browser, server):
        self.context = browser.new_context(accept_downloads=True, locale="vi-VN", viewport={"width": 1400, "height": 1000})
        self.external: list[str] = []
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.goto(server.url)
        self.page.get_by_role("tab", name="Hỏi đáp").wait_for()

    def _guard(self, route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def tab(self, name: str):
        self.page.get_by_role("tab", name=name).click()

    def ask(self, question: str) -> str:
        """Type a question, wait for the final answer (its source list), return the last bot message's text."""
        page = self.page
        bots_before = page.locator("#bc-chat .message.bot, #bc-chat [data-testid='bot']").count()
        page.locator("#bc-question textarea").fill(question)
        page.locator("#bc-send").click()
        page.wait_for_function(
            """([n]) => {
                const bots = document.querySelectorAll("#bc-chat .message.bot, #bc-chat [data-testid='bot']");
                if (bots.length <= n) return false;
                const t = bots[bots.length - 1].innerText;
                return t.length > 3 && !t.includes("▌") && t.trim() !== "…";
            }""",
            arg=[bots_before],
            timeout=ANSWER_TIMEOUT_MS,
        )
        page.wait_for_timeout(300)  # the final yield (sources) lands with the last message
        return self.last_answer()

    def last_answer(self) -> str:
        return self.page.locator("#bc-chat .message.bot, #bc-chat [data-testid='bot']").last.inner_text()

    def chat_text(self) -> str:
        return self.page.locator("#bc-chat").inner_text()

    def open_source(self, index: int = 0) -> str:
        """Choose a source in the "Nguồn" list; return the side panel's text once the highlight shows."""
        self.page.locator("#bc-sources label").nth(index).click()
        self.page.locator("#bc-source-panel mark").first.wait_for(timeout=20_000)
        return self.page.locator("#bc-source-panel").inner_text()

    def upload(self, *paths: Path) -> str:
        self.tab("Tài liệu")
        self.page.locator("#bc-upload input[type=file]").set_input_files([str(p) for p in paths])
        self.page.wait_for_timeout(500)
        self.page.locator("#bc-upload-btn").click()
        status = self.page.locator("#bc-docs-status")
        status.locator("li").first.wait_for(timeout=INGEST_TIMEOUT_MS)
        return status.inner_text()

    def shot(self, name: str) -> Path:
        path = OUTPUT / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.context.close()


@pytest.fixture
def client(browser, server):
    c = Client(browser, server)
    yield c
    c.close()


def _xss_ran(page) -> bool:
    return page.evaluate("typeof window.__xss !== 'undefined' || typeof window.xss !== 'undefined'")


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d[\d.,]*\d|\d", text))


def test_page_renders_offline_with_vietnamese_tabs(client, server):
    page = client.page
    # wait_for (not is_visible): Gradio renders its blocks in steps after the tabs appear
    for name in ("Hỏi đáp", "Tài liệu", "Soạn bài phát biểu"):
        page.get_by_role("tab", name=name).wait_for(state="visible", timeout=15000)
    page.get_by_role("button", name="Cuộc trò chuyện mới").wait_for(state="visible", timeout=15000)
    page.wait_for_timeout(2000)  # Gradio keeps its event stream open, so "networkidle" never comes
    assert client.external == [], f"trang gọi ra ngoài mạng: {client.external}"


def test_ask_shows_cited_answer_and_source_passage(client, server):
    started = time.perf_counter()
    answer = client.ask(QUESTION)
    seconds = time.perf_counter() - started
    print(f"\nthời gian trả lời câu hỏi đầu tiên trong trình duyệt: {seconds:.1f} s")
    assert "[1]" in answer, answer
    assert "Nguồn" in answer
    panel = client.open_source(0)
    marked = client.page.locator("#bc-source-panel mark").first.inner_text()
    assert len(marked.strip()) > 10
    conv_citation = None
    for title in (m.title for m in server.runtime.index.docs.values() if m.title):
        if title in panel:
            conv_citation = title
    assert conv_citation, panel[:300]
    assert "Cơ quan ban hành" in panel
    # the highlighted sentence is part of the passage, and the answer's figures come from the cited sources
    assert marked.split()[0] in panel
    assert _numbers(answer) & _numbers(panel), (answer, panel)
    client.shot("chat")


def test_clicking_a_citation_marker_opens_its_passage(client):
    """The bold [1] in the answer text itself opens source 1 in the side panel."""
    client.ask(QUESTION)
    client.page.locator("#bc-chat strong", has_text="[1]").first.click()
    client.page.locator("#bc-source-panel mark").first.wait_for(timeout=20_000)
    panel = client.page.locator("#bc-source-panel").inner_text()
    assert panel.strip().startswith("[1]"), panel[:200]
    assert client.page.locator("#bc-sources input:checked").count() == 1


def test_new_conversation_clears_chat(client):
    client.ask(QUESTION)
    client.page.locator("#bc-new").click()
    client.page.wait_for_function("() => !document.querySelector('#bc-chat').innerText.includes('Quảng Ngãi')")
    assert client.page.locator("#bc-sources label").count() == 0


def test_two_sessions_keep_separate_conversations(browser, server):
    a, b = Client(browser, server), Client(browser, server)
    try:
        qa = QUESTION
        qb = "Quý I năm 2024 tỉnh Sơn La đã thực hiện những nhiệm vụ gì về cải cách hành chính?"
        a.ask(qa)
        b.ask(qb)
        a_follow = a.ask("Còn năm 2021 thì sao?")
        assert qa in a.chat_text() and qb not in a.chat_text()
        assert qb in b.chat_text() and qa not in b.chat_text()
        assert "Còn năm 2021" not in b.chat_text()
        # A's sources are A's last answer's, not B's
        a_sources = a.page.locator("#bc-sources").inner_text()
        b_sources = b.page.locator("#bc-sources").inner_text()
        assert a_sources != b_sources
        assert a_follow
    finally:
        a.close()
        b.close()


def _make_docx(path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph("Kết quả công tác trồng rừng năm 2025")
    doc.add_paragraph("I. KẾT QUẢ THỰC HIỆN")
    doc.add_paragraph(
        "Trong năm 2025, toàn tỉnh Lào Cai đã trồng mới 4.837 ha rừng tập trung, vượt 12% kế hoạch năm; "
        "tỷ lệ che phủ rừng đạt 60,15%."
    )
    doc.add_paragraph(
        "Công tác phòng cháy, chữa cháy rừng được triển khai đồng bộ, không để xảy ra cháy rừng lớn trên địa bàn."
    )
    doc.save(str(path))
    return path


def test_upload_docx_then_find_it_in_table_and_answer(client, server, tmp_path):
    path = _make_docx(tmp_path / "Báo cáo trồng rừng Lào Cai 2025.docx")
    status = client.upload(path)
    assert "đã nạp" in status, status
    stored = server.settings.uploads_dir / "Báo_cáo_trồng_rừng_Lào_Cai_2025.docx"
    assert stored.exists()
    table = client.page.locator("#bc-docs").inner_text()
    assert "Báo_cáo_trồng_rừng_Lào_Cai_2025.docx" in table
    client.shot("documents")

    client.tab("Hỏi đáp")
    answer = client.ask("Năm 2025 tỉnh Lào Cai trồng mới bao nhiêu ha rừng tập trung?")
    assert "4.837" in answer, answer
    panel = client.open_source(0)
    assert "4.837" in panel


def test_rejected_and_broken_uploads_change_nothing(client, server, tmp_path):
    uploads = server.settings.uploads_dir
    before_files = sorted(os.listdir(uploads)) if uploads.exists() else []
    before_docs = set(server.runtime.index.docs)
    big = tmp_path / "qua_lon.txt"
    big.write_text("Báo cáo rất dài. " * 80_000, encoding="utf-8")  # > 1 MB limit of this server
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n this is not really a pdf \x00\x01")
    status = client.upload(big, broken)
    lines = [line.strip() for line in status.splitlines() if line.strip()]
    assert any(line.startswith("✖ qua_lon.txt") and "quá lớn" in line for line in lines), status
    assert any(line.startswith("✖ hong.pdf") for line in lines), status
    after_files = sorted(os.listdir(uploads)) if uploads.exists() else []
    assert after_files == before_files
    assert set(server.runtime.index.docs) == before_docs


def test_uploaded_script_is_shown_as_text_never_run(client, server, tmp_path):
    path = tmp_path / "kiem_tra_an_toan.txt"
    path.write_text(
        "BÁO CÁO\nKết quả kiểm tra an toàn thông tin năm 2025\n\n"
        "I. KẾT QUẢ\n"
        "Năm 2025, cổng thông tin điện tử ghi nhận 9.413 lượt tấn công thử nghiệm, trong đó có mẫu "
        '<script>window.__xss=1</script> và mẫu <img src=x onerror="window.__xss=2"> đều đã bị chặn.\n',
        encoding="utf-8",
    )
    status = client.upload(path)
    assert "đã nạp" in status, status
    client.tab("Hỏi đáp")
    answer = client.ask("Năm 2025 cổng thông tin điện tử ghi nhận bao nhiêu lượt tấn công thử nghiệm?")
    assert "9.413" in answer, answer
    sources = client.page.locator("#bc-sources label")
    texts = [sources.nth(i).inner_text() for i in range(sources.count())]
    index = next(i for i, t in enumerate(texts) if "an toàn thông tin" in t or "kiem_tra" in t)
    panel = client.open_source(index)
    # the cleaner drops Markdown "__" emphasis marks, so the payload may read window.xss; both must stay inert
    assert re.search(r"<script>window\.(__)?xss=1</script>", panel), panel
    assert re.search(r'<img src=x onerror="window\.(__)?xss=2">', panel), panel
    client.page.wait_for_timeout(500)
    assert _xss_ran(client.page) is False
    assert client.page.locator("#bc-source-panel script, #bc-source-panel img").count() == 0
    assert client.page.locator("#bc-chat script, #bc-chat img[src=x]").count() == 0
    client.shot("xss_as_text")
    client.tab("Tài liệu")
    client.page.wait_for_timeout(500)
    assert _xss_ran(client.page) is False


def test_speech_draft_export_docx(client, server):
    from docx import Document

    client.tab("Soạn bài phát biểu")
    page = client.page
    page.locator("#bc-topic textarea").fill("kết quả tiếp công dân, giải quyết đơn thư")
    page.locator("#bc-find").click()
    boxes = page.locator("#bc-picks label")
    boxes.first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert boxes.count() >= 2
    labels = [boxes.nth(i).inner_text() for i in range(2)]
    assert all("Theo Báo cáo" in label for label in labels), labels
    boxes.nth(0).click()
    boxes.nth(1).click()
    page.wait_for_function("() => document.querySelector('#bc-preview').innerText.includes('2.')")
    # move the second pick above the first
    page.locator("#bc-move-item input").click()
    page.get_by_role("option").nth(1).click()
    page.locator("#bc-up").click()
    page.wait_for_timeout(800)
    preview = page.locator("#bc-preview").inner_text()
    client.shot("draft")

    page.locator("#bc-export-docx").click()
    link = page.locator("#bc-export-file a").first
    link.wait_for(timeout=30_000)
    with page.expect_download() as info:
        link.click()
    target = OUTPUT / "bai-phat-bieu.docx"
    info.value.save_as(str(target))
    doc = Document(str(target))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    citations = [p for p in paragraphs if p.text.startswith("Theo Báo cáo")]
    assert len(citations) == 2
    assert all(all(r.italic for r in p.runs) for p in citations)
    quotes = [paragraphs[paragraphs.index(c) - 1].text.strip("“”") for c in citations]
    # the export follows the reordered preview: second pick first
    second_start = " ".join(labels[1].split(". ", 1)[1].split()[:6])
    first_start = " ".join(labels[0].split(". ", 1)[1].split()[:6])
    assert " ".join(quotes[0].split()).startswith(second_start), (quotes[0][:80], second_start)
    assert " ".join(quotes[1].split()).startswith(first_start)
    assert preview.index(second_start[:20]) < preview.index(first_start[:20])


def test_remove_uploaded_document(client, server, tmp_path):
    path = tmp_path / "bao_cao_tam.txt"
    path.write_text("BÁO CÁO\nBáo cáo tạm thời về công tác văn thư năm 2025\n\nĐã số hoá 5.551 hồ sơ lưu trữ.\n", encoding="utf-8")
    status = client.upload(path)
    assert "đã nạp" in status, status
    stored = server.settings.uploads_dir / "bao_cao_tam.txt"
    assert stored.exists() and "bao_cao_tam.txt" in server.runtime.index.docs
    page = client.page
    page.locator("#bc-remove-choice input").click()
    page.get_by_role("option", name="bao_cao_tam.txt").click()
    page.locator("#bc-remove-btn").click()
    page.wait_for_function("() => document.querySelector('#bc-docs-status').innerText.includes('Đã xoá')")
    page.wait_for_function("() => !document.querySelector('#bc-docs').innerText.includes('bao_cao_tam.txt')")
    assert "bao_cao_tam.txt" not in server.runtime.index.docs
    assert not stored.exists()
    assert "000_316e9ef7cc27ef2d.txt" in page.locator("#bc-docs").inner_text()  # the others stay
