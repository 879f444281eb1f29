"""The chat-model path against a real local OpenAI-compatible HTTP server that the test starts and scripts.

The scripted model answers with one real figure from passage [1] (must reach the
user, cited) and one invented figure (must not), both non-streaming and SSE.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.answer import Answer, Turn
from assistant.llm import make_chat_model
from assistant.service import Assistant
from ingest.vietnamese import find_numbers, number_keys
from settings import Settings

INVENTED = "98.765"


def scripted_reply(messages: list[dict]) -> str:
    system = messages[0]["content"] if messages else ""
    last = messages[-1]["content"]
    if "Viết lại câu hỏi" in system:
        return "Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn tố cáo?"
    m = re.search(r"^\[1\] \(.*?\)\n(.*?)(?:\n\n\[2\] |\n\nCâu hỏi:)", last, flags=re.S | re.M)
    passage = m.group(1) if m else ""
    figures = [f for f in find_numbers(passage) if not re.fullmatch(r"(19|20)\d\d", f)]
    real = figures[0] if figures else "0"
    return f"Theo báo cáo, số liệu được ghi là {real} [1]. Ngoài ra đã giải quyết {INVENTED} đơn [1]."


class Handler(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Handler.requests.append(body)
        if not self.path.endswith("/chat/completions"):
            self.send_error(404)
            return
        reply = scripted_reply(body["messages"])
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            words = re.findall(r"\S+\s*", reply)
            for i, w in enumerate(words):
                chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": body["model"],
                         "choices": [{"index": 0, "delta": ({"role": "assistant", "content": w} if i == 0 else {"content": w}),
                                      "finish_reason": None}]}
                self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            end = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": body["model"],
                   "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
            return
        payload = {"id": "c1", "object": "chat.completion", "created": 0, "model": body["model"],
                   "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
                   "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()


@pytest.fixture
def llm_settings(server, tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_LLM", "openai:test-model")
    monkeypatch.setenv("BAOCAO_LLM_BASE_URL", server)
    monkeypatch.setenv("BAOCAO_LLM_API_KEY", "sk-dummy")
    monkeypatch.setenv("BAOCAO_HOME", str(tmp_path / "home"))
    Handler.requests.clear()
    return Settings.from_env()


@pytest.fixture
def llm_assistant(corpus_index, llm_settings):
    return Assistant(corpus_index, llm_settings, llm=make_chat_model(llm_settings))


def _check(answer: Answer):
    assert INVENTED not in answer.text
    assert not answer.abstained
    assert "[1]" in answer.text
    assert any(INVENTED in r["sentence"] for r in answer.meta["removed_sentences"])
    real = re.search(r"số liệu được ghi là (\S+) \[1\]", answer.text).group(1)
    assert number_keys(real) <= number_keys(answer.citations[0].text)
    assert answer.citations[0].quote and answer.citations[0].quote in answer.citations[0].text


def test_invoke_drops_invented_figure_and_keeps_cited_one(llm_assistant):
    answer = llm_assistant.ask("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    _check(answer)
    request = Handler.requests[-1]
    assert request["model"] == "test-model" and not request.get("stream")
    system, human = request["messages"][0]["content"], request["messages"][-1]["content"]
    assert "[n]" in system or "[1]" in system
    assert human.count("\n[1] (") + human.startswith("Các đoạn trích:\n[1] (") >= 1


def test_stream_never_yields_the_invented_figure(llm_assistant):
    pieces = list(llm_assistant.stream("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?"))
    assert isinstance(pieces[-1], Answer)
    streamed = "".join(p for p in pieces[:-1])
    assert INVENTED not in streamed and "[1]" in streamed
    assert Handler.requests[-1].get("stream") is True
    _check(pieces[-1])


def test_followup_is_condensed_by_the_model(llm_assistant):
    first = llm_assistant.ask("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    second = llm_assistant.ask("đơn tố cáo?", history=[Turn(first.question, first)])
    assert second.meta["standalone"].startswith("Năm 2023 Ban Tiếp công dân")
    assert any("Viết lại câu hỏi" in r["messages"][0]["content"] for r in Handler.requests)


def test_bad_llm_spec_is_a_clear_error(tmp_path):
    from ingest.errors import BaocaoError

    with pytest.raises(BaocaoError, match="BAOCAO_LLM"):
        make_chat_model(Settings(home=tmp_path, llm="khong-co-nha-cung-cap"))


def test_who_signed_is_answered_from_the_signature_without_the_model(llm_assistant):
    question = "Ai ký báo cáo quý I/2024 của Văn phòng UBND tỉnh Sơn La?"
    answer = llm_assistant.ask(question)
    assert "Trần Bình Minh" in answer.text and answer.meta["answerer"] == "report"
    pieces = list(llm_assistant.stream(question))
    assert "Trần Bình Minh" in pieces[0] and pieces[-1].citations[0].section == "Chữ ký"
    assert not any("Các đoạn trích" in r["messages"][-1]["content"] for r in Handler.requests)  # never asked to answer
