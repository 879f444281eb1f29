"""Chat models by configuration (`BAOCAO_LLM`), with Vietnamese prompts that demand [n] citations.

`openai:<model>` works with any OpenAI-compatible server (vLLM, llama.cpp,
LM Studio, OpenAI) through `BAOCAO_LLM_BASE_URL`; `ollama:<model>` with a
local Ollama.  The model only phrases the answer: grounding checks every
figure it writes against the passages it cites.
"""

from __future__ import annotations

from collections.abc import Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

from assistant.answer import Turn
from index.passage import Passage
from ingest.errors import BaocaoError
from settings import Settings

SYSTEM_PROMPT = """Bạn là trợ lý tra cứu báo cáo của cơ quan nhà nước Việt Nam, trả lời cán bộ văn phòng.
Quy tắc bắt buộc:
1. Chỉ dùng thông tin trong các đoạn trích được đánh số [1], [2], … bên dưới; không dùng kiến thức bên ngoài.
2. Mỗi câu có thông tin phải kết thúc bằng số trích dẫn của đoạn chứa thông tin đó, ví dụ [1] hoặc [1][2].
3. Số liệu phải chép đúng như trong báo cáo, kể cả từ kèm theo ("hơn", "khoảng", "trên", "đạt"); không tự tính, không làm tròn, không suy đoán.
4. Nếu các báo cáo thuộc các kỳ khác nhau cho số liệu khác nhau, trả lời mỗi kỳ một dòng, ghi rõ kỳ báo cáo.
5. Nếu các đoạn trích không có thông tin để trả lời, chỉ viết: "Không tìm thấy thông tin này trong các báo cáo đã nạp."
Trả lời ngắn gọn bằng tiếng Việt."""

ANSWER_PROMPT = ChatPromptTemplate.from_messages(
    [("system", SYSTEM_PROMPT), ("human", "Các đoạn trích:\n{context}\n\nCâu hỏi: {question}")]
)

CONDENSE_PROMPT = ChatPromptTemplate.from_messages(
    [
        (
            "system",
            "Viết lại câu hỏi cuối của người dùng thành một câu hỏi độc lập, đầy đủ (đơn vị, kỳ báo cáo, tỉnh, "
            "đối tượng được hỏi), dựa vào cuộc hội thoại. Chỉ trả về câu hỏi đã viết lại, không giải thích.",
        ),
        ("placeholder", "{history}"),
        ("human", "Câu hỏi cuối: {question}"),
    ]
)


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    """The configured chat model, or None for the offline extractive answerer."""
    if not settings.llm:
        return None
    from langchain.chat_models import init_chat_model

    spec = settings.llm
    if ":" not in spec:
        raise BaocaoError(f"BAOCAO_LLM không hợp lệ: “{spec}” (dạng đúng: openai:<tên mô hình> hoặc ollama:<tên mô hình>).")
    provider = spec.split(":", 1)[0]
    kwargs: dict = {"temperature": settings.llm_temperature}
    if settings.llm_base_url:
        kwargs["base_url"] = settings.llm_base_url
    if provider == "openai":
        # Local OpenAI-compatible servers accept any key; the client insists on one.
        kwargs["api_key"] = settings.llm_api_key or "khong-can-khoa"
    try:
        return init_chat_model(spec, **kwargs)
    except Exception as exc:  # unknown provider, missing integration package
        raise BaocaoError(f"Không khởi tạo được mô hình “{spec}”: {exc}") from exc


def format_context(passages: list[Passage]) -> str:
    """Passages numbered [1]..[k] with their document, period and section."""
    blocks = []
    for i, p in enumerate(passages, start=1):
        meta = p.meta
        head = [meta.title or p.chunk.doc_id]
        if meta.issuer:
            head.append(meta.issuer)
        if meta.period and meta.period.label:
            head.append(f"kỳ báo cáo: {meta.period.label}")
        if p.chunk.section:
            head.append(f"mục {p.chunk.section}")
        blocks.append(f"[{i}] ({'; '.join(head)})\n{p.chunk.text}")
    return "\n\n".join(blocks)


def answer_chain(llm: BaseChatModel):
    """prompt | model | text — a Runnable from {"context", "question"} to the raw answer text."""
    return ANSWER_PROMPT | llm | StrOutputParser()


def generate(llm: BaseChatModel, question: str, passages: list[Passage]) -> str:
    return answer_chain(llm).invoke({"context": format_context(passages), "question": question})


def stream(llm: BaseChatModel, question: str, passages: list[Passage]) -> Iterator[str]:
    yield from answer_chain(llm).stream({"context": format_context(passages), "question": question})


def condense(llm: BaseChatModel, history: list[Turn], question: str) -> str:
    """Rewrite a follow-up into a standalone question using the conversation."""
    messages = []
    for turn in history[-4:]:
        messages.append(HumanMessage(turn.question))
        if turn.answer is not None:
            messages.append(AIMessage(turn.answer.text[:800]))
    chain = CONDENSE_PROMPT | llm | StrOutputParser()
    text = chain.invoke({"history": messages, "question": question}).strip()
    return text.splitlines()[0].strip() if text else question
