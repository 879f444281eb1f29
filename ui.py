"""`baocao ui`: the web face of the Assistant (Gradio 6 Blocks), three tabs in Vietnamese.

* Hỏi đáp — streamed answers with numbered sources; choosing a source opens its passage,
  the quoted sentence highlighted, in the side panel; filters by province, issuer and period.
* Tài liệu — the indexed reports; upload (type/size checked, sanitised name, ingested with
  progress, a failed upload leaves nothing behind) and removal.
* Soạn bài phát biểu — quotable paragraphs with formal citation lines, picked, ordered and
  exported as DOCX or Markdown.

Everything that comes from a document is escaped before it reaches an HTML or Markdown
component: a report that contains `<script>` is shown as text, never run.  Each browser
session keeps its own conversation in `gr.State`; the only shared object is the `Runtime`
(the current Assistant, replaced whole after a successful ingest, and a write lock).
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

# Offline product: no analytics, no version check, no telemetry — set before gradio is imported.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from index.uploads import ALLOWED_EXTENSIONS, DEFAULT_MAX_UPLOAD_MB, UploadOutcome, add_uploads, delete_uploaded_source  # noqa: E402
from ingest.errors import BaocaoError  # noqa: E402
from settings import Settings  # noqa: E402

if TYPE_CHECKING:  # gradio is imported lazily: every `baocao` command imports this module
    import gradio as gr

ALL = ""  # dropdown value meaning "no filter"
SOURCE_PLACEHOLDER = '<div class="bc-placeholder">Chọn một nguồn ở mục “Nguồn” để xem đoạn văn được trích.</div>'

CSS = """
#bc-chat strong { cursor: pointer; }
.bc-passage { white-space: pre-wrap; line-height: 1.55; max-height: 32em; overflow-y: auto;
  border: 1px solid var(--border-color-primary); padding: .75em; border-radius: 6px; }
.bc-passage mark { background: #ffe58a; color: inherit; padding: 0 .1em; }
.bc-source h3 { margin: 0 0 .4em 0; }
.bc-source dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em .8em; margin: 0 0 .6em 0; }
.bc-source dt { font-weight: 600; }
.bc-source dd { margin: 0; }
.bc-warning { background: #fff4e5; border-left: 4px solid #f59e0b; padding: .4em .6em; margin: .4em 0; color: #7a4b00; }
#bc-docs table, #bc-docs td, #bc-docs th, #bc-docs span { font-family: var(--font) !important; }
.bc-placeholder { color: var(--body-text-color-subdued); font-style: italic; }
"""


# ---------------------------------------------------------------------------
# Escaping: document text is data, never markup
# ---------------------------------------------------------------------------


def escape_html(text: str | None) -> str:
    """Text for an HTML component: `<`, `>`, `&` and quotes become entities."""
    return html.escape(text or "", quote=True)


def escape_markdown(text: str | None) -> str:
    """Text for a Markdown component (the chatbot): HTML escaped, and brackets escaped so no link forms."""
    text = html.escape(text or "", quote=False)
    return text.replace("[", "\\[").replace("]", "\\]")


def _find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Span of `quote` in `text`: exact, else word by word with any whitespace between (re-joined lines, NFC)."""
    quote = (quote or "").strip()
    if not quote or not text:
        return None
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    for q in (quote, unicodedata.normalize("NFC", quote)):
        m = re.search(r"\s+".join(re.escape(w) for w in q.split()), text)
        if m:
            return m.start(), m.end()
    return None


def highlight_html(text: str, quote: str | None) -> str:
    """The passage as safe HTML with the quoted sentence wrapped in <mark> (escaped first, marked after)."""
    span = _find_quote(text or "", quote or "")
    if not span:
        return escape_html(text)
    a, b = span
    return f"{escape_html(text[:a])}<mark>{escape_html(text[a:b])}</mark>{escape_html(text[b:])}"


# ---------------------------------------------------------------------------
# Rendering answers and sources
# ---------------------------------------------------------------------------

_MARKER = re.compile(r"\\\[(\d+)\\\]")


def render_answer(answer: Any) -> str:
    """Chat Markdown of a final Answer: escaped text, bold [n] markers, then the numbered source lines."""
    text = _MARKER.sub(r"**\\[\1\\]**", escape_markdown(answer.text))
    if not answer.citations:
        return text
    lines = [text, "", "**Nguồn:**"]
    lines += [f"- {escape_markdown(c.source_line())}" for c in answer.citations]
    lines += ["", "_Bấm vào [n] hoặc chọn một nguồn trong mục “Nguồn” để xem đoạn văn gốc._"]
    return "\n".join(lines)


def citation_choices(citations: list[Any]) -> list[tuple[str, int]]:
    """Radio choices "[n] title — section" → n (labels are rendered as text by Gradio)."""
    out = []
    for c in citations:
        label = f"[{c.n}] {c.title or c.doc_id}"
        if c.section:
            label += f" — mục {c.section}"
        if c.page:
            label += f" — trang {c.page}"
        out.append((label, c.n))
    return out


def render_citation(c: Any) -> str:
    """Side panel HTML: title, issuer, period, section, page, the OCR warning, and the highlighted passage."""
    rows = [
        ("Cơ quan ban hành", c.issuer),
        ("Kỳ báo cáo", c.period),
        ("Mục", c.section),
        ("Trang", str(c.page) if c.page else None),
        ("Mã tài liệu", c.doc_id),
    ]
    dl = "".join(f"<dt>{escape_html(k)}</dt><dd>{escape_html(v)}</dd>" for k, v in rows if v)
    warning = (
        '<div class="bc-warning">⚠ Văn bản quét (OCR), có thể mất dấu hoặc sai chữ — '
        "hãy đối chiếu với bản gốc trước khi trích dẫn.</div>"
        if c.low_ocr
        else ""
    )
    return (
        f'<div class="bc-source"><h3>[{int(c.n)}] {escape_html(c.title or c.doc_id)}</h3>'
        f"<dl>{dl}</dl>{warning}"
        f'<div class="bc-passage">{highlight_html(c.text, c.quote)}</div></div>'
    )


# ---------------------------------------------------------------------------
# Shared runtime and per-session state
# ---------------------------------------------------------------------------


@dataclass
class Runtime:
    """What all sessions share: the current Assistant (swapped whole, never mutated) and one writer lock."""

    assistant: Any
    settings: Settings
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def index(self) -> Any:
        return self.assistant.index

    def reload_index(self) -> None:
        """Load the index just written and swap in a new Assistant; sessions mid-question keep the old one."""
        from index.hybrid import HybridIndex

        old = self.assistant
        new_index = HybridIndex.load(self.settings.index_dir, old.index.embedder)
        self.assistant = type(old)(new_index, self.settings, llm=getattr(old, "llm", None))


@dataclass
class Conversation:
    """One browser session's dialogue: the turns sent as history, and the sources of the last answer."""

    turns: list[Any] = field(default_factory=list)
    citations: dict[int, Any] = field(default_factory=dict)


@dataclass
class Draft:
    """One session's speech draft: the ranked quotes for a topic and the chosen ones, in order."""

    topic: str = ""
    quotes: list[Any] = field(default_factory=list)
    order: list[int] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Filters and document listing
# ---------------------------------------------------------------------------


def filter_options(docs: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """Distinct provinces, issuers and period labels of the indexed reports (sorted, unknowns left out)."""
    provinces = sorted({m.province for m in docs.values() if m.province})
    issuers = sorted({m.issuer for m in docs.values() if m.issuer})
    periods = sorted({m.period.label for m in docs.values() if m.period and m.period.label})
    return provinces, issuers, periods


def make_filters(docs: dict[str, Any], province: str | None, issuer: str | None, period: str | None):
    """SearchFilters from the three dropdowns; None when nothing is chosen."""
    from index.passage import SearchFilters

    filters = SearchFilters(province=province or None, issuer=issuer or None)
    if period:
        match = next((m.period for m in docs.values() if m.period and m.period.label == period), None)
        if match and match.through_month:  # "9 tháng đầu năm 2025": no half or quarter says it, its reports do
            filters.doc_ids = [d for d, m in docs.items() if m.period == match]
        elif match:
            filters.year, filters.half, filters.quarter = match.year, match.half, match.quarter
    return None if filters.is_empty() else filters


DOC_HEADERS = ["Mã tài liệu", "Tiêu đề", "Cơ quan ban hành", "Kỳ báo cáo", "Số hiệu", "Ngày", "Chất lượng OCR", "Số đoạn"]


def ocr_label(meta: Any) -> str:
    if meta.ocr_quality is None:
        return "—"
    if meta.low_ocr_quality:
        return f"⚠ thấp ({meta.ocr_quality:.2f}) — bản quét mất dấu"
    return f"tốt ({meta.ocr_quality:.2f})"


def document_rows(index: Any) -> list[list[Any]]:
    """One row per indexed report (shown as plain text by the Dataframe component)."""
    counts: dict[str, int] = {}
    for chunk in index.chunks:
        counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
    rows = []
    for doc_id, m in sorted(index.docs.items()):
        period = m.period.label if m.period else ""
        rows.append(
            [doc_id, m.title or "", m.issuer or "", period, m.doc_number or "", m.date or "", ocr_label(m), counts.get(doc_id, 0)]
        )
    return rows


def document_choices(index: Any) -> list[tuple[str, str]]:
    return [(f"{(m.title or doc_id)[:80]} ({doc_id})", doc_id) for doc_id, m in sorted(index.docs.items())]


# ---------------------------------------------------------------------------
# Uploads and removal (file handling lives in index.uploads; here: the lock and the index swap)
# ---------------------------------------------------------------------------


def _display_name(upload: Any) -> tuple[Path, str]:
    """Gradio hands a temp path (str) whose base name is the user's original file name."""
    path = Path(upload if isinstance(upload, (str, os.PathLike)) else getattr(upload, "name", upload))
    return path, getattr(upload, "orig_name", None) or path.name


def ingest_uploads(runtime: Runtime, uploads: list[Any]) -> UploadOutcome:
    """Add uploaded files under the write lock; swap the index in only after a successful ingest."""
    with runtime.write_lock:
        outcome = add_uploads(
            [_display_name(u) for u in uploads or []], runtime.settings, runtime.index.embedder, runtime.max_upload_bytes
        )
        if outcome.changed:
            runtime.reload_index()
    return outcome


def remove_document(runtime: Runtime, doc_id: str) -> str:
    """Drop one report from the index; a file this UI uploaded is deleted too (bundled reports stay)."""
    from index.store import remove_documents

    if not doc_id:
        return "Hãy chọn một tài liệu để xoá."
    with runtime.write_lock:
        meta = runtime.index.docs.get(doc_id)
        report = remove_documents(runtime.settings.index_dir, [doc_id], runtime.index.embedder)
        errors = [f for f in report.files if f.status == "error"]
        if errors:
            return f"✖ {doc_id}: {errors[0].reason}"
        runtime.reload_index()
        delete_uploaded_source(runtime.settings, meta.source if meta else None)
    return f"✔ Đã xoá “{doc_id}” khỏi chỉ mục."


# ---------------------------------------------------------------------------
# Speech draft helpers
# ---------------------------------------------------------------------------


def quote_label(i: int, quote: Any, width: int = 320) -> str:
    text = " ".join(quote.text.split())
    if len(text) > width:
        text = text[:width].rsplit(" ", 1)[0] + " …"
    return f"{i + 1}. {text} — {quote.citation_line}"


def render_draft(draft: Draft) -> str:
    """Markdown preview of the chosen quotes in order (escaped)."""
    if not draft.order:
        return "_Chưa chọn đoạn nào._"
    parts = []
    for pos, i in enumerate(draft.order, 1):
        q = draft.quotes[i]
        parts.append(f"**{pos}.** {escape_markdown(' '.join(q.text.split()))}\n\n*{escape_markdown(q.citation_line)}*")
    return "\n\n---\n\n".join(parts)


def sync_order(order: list[int], picked: list[int]) -> list[int]:
    """Keep the user's order for items still picked, append newly picked ones at the end."""
    picked_set = set(picked or [])
    kept = [i for i in order if i in picked_set]
    return kept + [i for i in (picked or []) if i not in kept]


def move(order: list[int], item: int | None, step: int) -> list[int]:
    """Move `item` one place up (step=-1) or down (step=+1) in `order`."""
    order = list(order)
    if item is None or item not in order:
        return order
    i = order.index(item)
    j = i + step
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    return order


def _export_path(name: str) -> Path:
    """A fresh temp directory per export (Gradio serves files from the temp dir; two sessions never collide)."""
    return Path(tempfile.mkdtemp(prefix="baocao-draft-")) / name


# ---------------------------------------------------------------------------
# The app
# ---------------------------------------------------------------------------


# Gradio ships no Vietnamese; these override its built-in strings the app shows (for every browser locale).
GRADIO_STRINGS = {
    "upload_text.drop_file": "Kéo thả tệp vào đây",
    "upload_text.click_to_upload": "Bấm để chọn tệp",
    "common.or": "hoặc",
}


def _theme():
    import gradio as gr

    # The default theme's fonts are served by Gradio itself (LocalFont), never from a CDN.
    return gr.themes.Default(font=["Source Sans Pro", "ui-sans-serif", "system-ui", "sans-serif"])


def build_app(assistant_or_factory: Any | Callable[[], Any], settings: Settings, max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB) -> "gr.Blocks":
    """The Blocks app over one Assistant (or a zero-argument factory called once, here)."""
    import gradio as gr

    assistant = assistant_or_factory
    if callable(assistant_or_factory) and not hasattr(assistant_or_factory, "stream"):
        assistant = assistant_or_factory()
    runtime = Runtime(assistant=assistant, settings=settings, max_upload_bytes=int(max_upload_mb * 1024 * 1024))

    # ---- handlers (closures over the shared runtime; per-session data comes in as gr.State) ----

    def filter_updates():
        provinces, issuers, periods = filter_options(runtime.index.docs)
        return (
            gr.Dropdown(choices=[("Tất cả", ALL)] + [(p, p) for p in provinces]),
            gr.Dropdown(choices=[("Tất cả", ALL)] + [(p, p) for p in issuers]),
            gr.Dropdown(choices=[("Tất cả", ALL)] + [(p, p) for p in periods]),
        )

    def documents_updates():
        index = runtime.index
        summary = f"Chỉ mục có **{len(index.docs)}** tài liệu, **{len(index.chunks)}** đoạn."
        return gr.Dataframe(value=document_rows(index)), gr.Dropdown(choices=document_choices(index), value=None), summary

    def on_load():
        return (*filter_updates(), *documents_updates())

    def respond(message, chat, conv: Conversation, province, issuer, period):
        message = (message or "").strip()
        if not message:
            yield chat, conv, gr.skip(), gr.skip(), ""
            return
        assistant = runtime.assistant  # this question finishes on this index even if an upload swaps it
        filters = make_filters(assistant.index.docs, province, issuer, period)
        chat = list(chat or []) + [
            {"role": "user", "content": escape_markdown(message)},
            {"role": "assistant", "content": "…"},
        ]
        yield chat, conv, gr.Radio(choices=[], value=None), SOURCE_PLACEHOLDER, ""
        text, answer = "", None
        try:
            for piece in assistant.stream(message, list(conv.turns), filters):
                if isinstance(piece, str):
                    text += piece
                    chat[-1] = {"role": "assistant", "content": escape_markdown(text) + " ▌"}
                    yield chat, conv, gr.skip(), gr.skip(), ""
                else:
                    answer = piece
        except BaocaoError as exc:
            chat[-1] = {"role": "assistant", "content": f"Lỗi: {escape_markdown(str(exc))}"}
            yield chat, conv, gr.skip(), gr.skip(), ""
            return
        if answer is None:
            chat[-1] = {"role": "assistant", "content": "Lỗi: trợ lý không trả về câu trả lời."}
            yield chat, conv, gr.skip(), gr.skip(), ""
            return
        from assistant.answer import Turn

        conv = Conversation(turns=conv.turns + [Turn(message, answer)], citations={c.n: c for c in answer.citations})
        chat[-1] = {"role": "assistant", "content": render_answer(answer)}
        yield chat, conv, gr.Radio(choices=citation_choices(answer.citations), value=None), SOURCE_PLACEHOLDER, ""

    def show_source(n, conv: Conversation):
        c = conv.citations.get(n) if n is not None else None
        return render_citation(c) if c else SOURCE_PLACEHOLDER

    def new_conversation():
        return [], Conversation(), gr.Radio(choices=[], value=None), SOURCE_PLACEHOLDER, ""

    def upload(files, progress=gr.Progress(track_tqdm=True)):
        if not files:
            return ("Hãy chọn ít nhất một tệp (PDF, DOCX, TXT, MD).", *documents_updates(), *filter_updates(), None)
        progress(0, desc="Đang kiểm tra và nạp tài liệu…")
        outcome = ingest_uploads(runtime, files if isinstance(files, list) else [files])
        status = "\n".join(f"- {escape_markdown(line)}" for line in outcome.lines)
        return (status, *documents_updates(), *filter_updates(), None)

    def remove(doc_id):
        status = escape_markdown(remove_document(runtime, doc_id))
        return (status, *documents_updates(), *filter_updates())

    def find_quotes(topic, draft: Draft):
        topic = (topic or "").strip()
        if not topic:
            return Draft(), gr.CheckboxGroup(choices=[], value=[]), gr.Dropdown(choices=[], value=None), render_draft(Draft()), "Hãy nhập chủ đề."
        quotes = runtime.assistant.draft(topic, k=10)
        draft = Draft(topic=topic, quotes=list(quotes), order=[])
        choices = [(quote_label(i, q), i) for i, q in enumerate(draft.quotes)]
        note = f"Tìm thấy {len(quotes)} đoạn có thể trích dẫn." if quotes else "Không tìm thấy đoạn phù hợp."
        return draft, gr.CheckboxGroup(choices=choices, value=[]), gr.Dropdown(choices=[], value=None), render_draft(draft), note

    def _order_choices(draft: Draft):
        return [(f"{pos}. {' '.join(draft.quotes[i].text.split())[:80]}…", i) for pos, i in enumerate(draft.order, 1)]

    def pick(picked, draft: Draft):
        draft = Draft(draft.topic, draft.quotes, sync_order(draft.order, picked))
        return draft, gr.Dropdown(choices=_order_choices(draft), value=None), render_draft(draft)

    def reorder(item, draft: Draft, step: int):
        draft = Draft(draft.topic, draft.quotes, move(draft.order, item, step))
        return draft, gr.Dropdown(choices=_order_choices(draft), value=item), render_draft(draft)

    def export(draft: Draft, fmt: str):
        from assistant.drafting import export_docx, export_markdown

        if not draft.order:
            raise gr.Error("Hãy chọn ít nhất một đoạn trước khi xuất.")
        items = [draft.quotes[i] for i in draft.order]
        if fmt == "docx":
            return str(export_docx(draft.topic, items, _export_path("bai-phat-bieu.docx")))
        path = _export_path("bai-phat-bieu.md")
        path.write_text(export_markdown(draft.topic, items), encoding="utf-8")
        return str(path)

    # ---- layout ----

    with gr.Blocks(title="Trợ lý báo cáo", analytics_enabled=False) as app:
        gr.Markdown("## Trợ lý báo cáo — hỏi đáp có trích dẫn trên các báo cáo đã nạp")
        conv_state = gr.State(Conversation())
        draft_state = gr.State(Draft())

        with gr.Tab("Hỏi đáp", id="chat"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Cuộc trò chuyện", height=460, elem_id="bc-chat", buttons=["copy"])
                    question = gr.Textbox(
                        label="Câu hỏi",
                        placeholder="Ví dụ: Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?",
                        elem_id="bc-question",
                        lines=1,
                    )
                    with gr.Row():
                        send = gr.Button("Gửi", variant="primary", elem_id="bc-send")
                        reset = gr.Button("Cuộc trò chuyện mới", elem_id="bc-new")
                    sources = gr.Radio(choices=[], label="Nguồn (chọn để xem đoạn văn gốc)", elem_id="bc-sources")
                with gr.Column(scale=2):
                    with gr.Accordion("Bộ lọc", open=True):
                        province = gr.Dropdown(label="Tỉnh", choices=[("Tất cả", ALL)], value=ALL, elem_id="bc-province")
                        issuer = gr.Dropdown(label="Cơ quan ban hành", choices=[("Tất cả", ALL)], value=ALL, elem_id="bc-issuer")
                        period = gr.Dropdown(label="Kỳ báo cáo", choices=[("Tất cả", ALL)], value=ALL, elem_id="bc-period")
                    gr.Markdown("### Đoạn nguồn")
                    source_panel = gr.HTML(SOURCE_PLACEHOLDER, elem_id="bc-source-panel")

        with gr.Tab("Tài liệu", id="docs"):
            docs_summary = gr.Markdown(elem_id="bc-docs-summary")
            docs_table = gr.Dataframe(
                headers=DOC_HEADERS,
                datatype="str",
                interactive=False,
                wrap=True,
                column_widths=["13%", "27%", "16%", "11%", "9%", "8%", "10%", "6%"],
                elem_id="bc-docs",
                label="Các báo cáo đã nạp",
            )
            with gr.Row():
                with gr.Column():
                    files = gr.File(
                        label=f"Tải lên báo cáo (PDF, DOCX, TXT, MD; tối đa {max_upload_mb:g} MB mỗi tệp)",
                        file_count="multiple",
                        file_types=list(ALLOWED_EXTENSIONS),
                        elem_id="bc-upload",
                    )
                    upload_btn = gr.Button("Nạp tài liệu", variant="primary", elem_id="bc-upload-btn")
                with gr.Column():
                    remove_choice = gr.Dropdown(label="Chọn tài liệu cần xoá", choices=[], elem_id="bc-remove-choice")
                    remove_btn = gr.Button("Xoá tài liệu", variant="stop", elem_id="bc-remove-btn")
            docs_status = gr.Markdown(elem_id="bc-docs-status")

        with gr.Tab("Soạn bài phát biểu", id="draft"):
            with gr.Row():
                topic = gr.Textbox(label="Chủ đề", placeholder="Ví dụ: kết quả tiếp công dân năm 2023", elem_id="bc-topic", scale=4)
                find_btn = gr.Button("Tìm đoạn trích dẫn", variant="primary", elem_id="bc-find", scale=1)
            draft_note = gr.Markdown(elem_id="bc-draft-note")
            picks = gr.CheckboxGroup(choices=[], label="Chọn các đoạn đưa vào bài", elem_id="bc-picks")
            with gr.Row():
                move_item = gr.Dropdown(label="Đoạn cần di chuyển", choices=[], elem_id="bc-move-item", scale=3)
                up_btn = gr.Button("↑ Lên", elem_id="bc-up", scale=1)
                down_btn = gr.Button("↓ Xuống", elem_id="bc-down", scale=1)
            gr.Markdown("### Bản nháp (theo thứ tự)")
            preview = gr.Markdown(render_draft(Draft()), elem_id="bc-preview")
            with gr.Row():
                docx_btn = gr.Button("Xuất DOCX", elem_id="bc-export-docx")
                md_btn = gr.Button("Xuất Markdown", elem_id="bc-export-md")
            export_file = gr.File(label="Tệp xuất", interactive=False, elem_id="bc-export-file")

        # ---- events ----
        filters_out = [province, issuer, period]
        docs_out = [docs_table, remove_choice, docs_summary]
        app.load(on_load, outputs=filters_out + docs_out)

        chat_io = dict(
            fn=respond,
            inputs=[question, chatbot, conv_state, province, issuer, period],
            outputs=[chatbot, conv_state, sources, source_panel, question],
        )
        question.submit(**chat_io)
        send.click(**chat_io)
        reset.click(new_conversation, outputs=[chatbot, conv_state, sources, source_panel, question])
        chatbot.clear(new_conversation, outputs=[chatbot, conv_state, sources, source_panel, question])
        sources.change(show_source, inputs=[sources, conv_state], outputs=[source_panel])

        upload_btn.click(upload, inputs=[files], outputs=[docs_status] + docs_out + filters_out + [files])
        remove_btn.click(remove, inputs=[remove_choice], outputs=[docs_status] + docs_out + filters_out)

        find_io = dict(fn=find_quotes, inputs=[topic, draft_state], outputs=[draft_state, picks, move_item, preview, draft_note])
        find_btn.click(**find_io)
        topic.submit(**find_io)
        picks.change(pick, inputs=[picks, draft_state], outputs=[draft_state, move_item, preview])
        up_btn.click(lambda item, d: reorder(item, d, -1), inputs=[move_item, draft_state], outputs=[draft_state, move_item, preview])
        down_btn.click(lambda item, d: reorder(item, d, +1), inputs=[move_item, draft_state], outputs=[draft_state, move_item, preview])
        docx_btn.click(lambda d: export(d, "docx"), inputs=[draft_state], outputs=[export_file])
        md_btn.click(lambda d: export(d, "md"), inputs=[draft_state], outputs=[export_file])

    app.baocao_runtime = runtime  # for tests and for `launch_app`
    return app


# Clicking a bold "[n]" marker in the chat selects source n in the "Nguồn" list, which opens the side panel.
CITATION_CLICK_JS = """
document.addEventListener("click", (event) => {
  const marker = event.target.closest("#bc-chat strong");
  const match = marker && marker.textContent.trim().match(/^\\[(\\d+)\\]$/);
  if (!match) return;
  const label = Array.from(document.querySelectorAll("#bc-sources label"))
    .find((el) => el.textContent.trim().startsWith(`[${match[1]}]`));
  if (label) { event.preventDefault(); label.click(); }
});
"""


def launch_app(app: "gr.Blocks", host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> str:
    """Start the server (Gradio 6 takes theme and CSS at launch); returns the local URL when not blocking."""
    import gradio as gr

    runtime: Runtime = app.baocao_runtime
    _, local_url, _ = app.launch(
        server_name=host,
        server_port=port,
        share=False,
        prevent_thread_lock=not block,
        quiet=True,
        show_error=True,
        theme=_theme(),
        css=CSS,
        head=f"<script>{CITATION_CLICK_JS}</script>",
        ssr_mode=False,
        enable_monitoring=False,
        pwa=False,
        mcp_server=False,
        footer_links=[],
        # Gradio's own cap is a backstop only; the Vietnamese size message comes from check_upload.
        max_file_size=runtime.max_upload_bytes * 4,
        allowed_paths=[tempfile.gettempdir()],
        i18n=gr.I18n(en=GRADIO_STRINGS, vi=GRADIO_STRINGS),
    )
    return local_url


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ui",
        help="mở giao diện web (hỏi đáp, tài liệu, soạn bài phát biểu)",
        description="Mở giao diện web trên máy này. Lần đầu chạy sẽ tạo chỉ mục từ các báo cáo mẫu.",
    )
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1; 0.0.0.0 để mở cho cả mạng)")
    p.add_argument("--port", type=int, default=7860, help="cổng (mặc định 7860)")
    p.add_argument(
        "--max-upload-mb", type=float, default=DEFAULT_MAX_UPLOAD_MB, help=f"dung lượng tối đa mỗi tệp tải lên (mặc định {DEFAULT_MAX_UPLOAD_MB} MB)"
    )
    p.set_defaults(func=run)


def run(args, settings: Settings) -> int:
    """Build/load the index first (progress in the terminal), then serve until Ctrl+C."""
    from assistant.service import Assistant

    print("Đang mở chỉ mục báo cáo…", flush=True)
    assistant = Assistant.from_settings(settings, progress=True)
    app = build_app(assistant, settings, max_upload_mb=args.max_upload_mb)
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    if args.host in ("0.0.0.0", "::"):
        print("Chú ý: giao diện đang mở cho mọi máy trong mạng (--host 0.0.0.0).", flush=True)
    print(f"Giao diện web: http://{shown_host}:{args.port}  (nhấn Ctrl+C để dừng)", flush=True)
    launch_app(app, args.host, args.port, block=True)
    return 0
