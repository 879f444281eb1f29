"""`baocao ask` and `baocao chat`: the assistant on the command line (all output in Vietnamese)."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.answer import Answer, Turn
from index.passage import SearchFilters
from settings import Settings


def register(subparsers) -> None:
    ask = subparsers.add_parser("ask", help="Hỏi một câu về các báo cáo đã nạp", description="Hỏi một câu; câu trả lời kèm nguồn trích dẫn.")
    ask.add_argument("question", help="câu hỏi, ví dụ: \"Năm 2023 Ban Tiếp công dân tỉnh nhận bao nhiêu đơn?\"")
    _common(ask)
    ask.add_argument("--json", action="store_true", help="in kết quả dạng JSON (question, answer, abstained, citations, passages, timing_ms)")
    ask.set_defaults(func=run_ask)

    chat = subparsers.add_parser("chat", help="Trò chuyện nhiều lượt (/nguon: xem nguồn, /moi: bắt đầu lại, /thoat: thoát)")
    _common(chat)
    chat.set_defaults(func=run_chat)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-k", type=int, default=6, help="số đoạn trích hiển thị/đưa vào mô hình (mặc định 6)")
    parser.add_argument("--province", help="chỉ tìm trong báo cáo của tỉnh này")
    parser.add_argument("--year", type=int, help="chỉ tìm trong báo cáo của năm này")


def _filters(args) -> SearchFilters | None:
    f = SearchFilters(province=args.province, year=args.year)
    return None if f.is_empty() else f


def _assistant(settings: Settings):
    from assistant.service import Assistant

    return Assistant.from_settings(settings, progress=sys.stderr.isatty())


def format_sources(answer: Answer) -> str:
    if not answer.citations:
        return ""
    lines = ["", "Nguồn:"]
    for c in answer.citations:
        lines.append(c.source_line())
        lines.append(f"    “{' '.join(c.quote.split())}”")
    return "\n".join(lines)


def format_answer(answer: Answer) -> str:
    return answer.text + "\n" + format_sources(answer)


def run_ask(args, settings: Settings) -> int:
    assistant = _assistant(settings)
    answer = assistant.ask(args.question, filters=_filters(args), k=args.k)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


HELP = "Gõ câu hỏi rồi Enter. Lệnh: /nguon (nguồn của câu trả lời trước), /moi (bắt đầu cuộc hội thoại mới), /thoat (thoát)."


def run_chat(args, settings: Settings) -> int:
    assistant = _assistant(settings)
    interactive = sys.stdin.isatty()
    if interactive:
        print(HELP)
    history: list[Turn] = []
    while True:
        try:
            line = input("Bạn: " if interactive else "")
        except EOFError:
            break
        line = line.strip()
        if not line:
            continue
        command = line.lower()
        if command in ("/thoat", "/thoát", "/quit", "/exit"):
            break
        if command in ("/moi", "/mới"):
            history = []
            print("Đã bắt đầu cuộc hội thoại mới.")
            continue
        if command in ("/nguon", "/nguồn"):
            last = history[-1].answer if history else None
            print(format_sources(last).strip() if last and last.citations else "Chưa có nguồn nào để hiển thị.")
            continue
        if command.startswith("/"):
            print(HELP)
            continue
        if not interactive:
            print(f"Bạn: {line}")
        answer, streamed = None, ""
        print("Trợ lý: ", end="", flush=True)
        for piece in assistant.stream(line, history=history, filters=_filters(args), k=args.k):
            if isinstance(piece, Answer):
                answer = piece
            elif assistant.llm is not None:  # a chat model writes sentence by sentence
                streamed += piece
                print(piece, end="", flush=True)
        if assistant.llm is None:
            print(answer.text)
        else:
            print()
            if streamed.strip() != answer.text.strip():  # renumbered or abstained after grounding
                print(f"(Sau khi kiểm tra nguồn:)\n{answer.text}")
        if answer.meta.get("standalone") and answer.meta["standalone"] != line:
            print(f"(Đã hiểu câu hỏi là: {answer.meta['standalone']})")
        print()
        history.append(Turn(line, answer))
    return 0
