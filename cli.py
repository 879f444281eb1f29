"""`baocao` entry point: a thin dispatcher. Each package owns its subcommands' code.

Subcommand modules expose `register(subparsers)`; each registered parser sets
`func(args, settings) -> int`.  Errors the user can act on (`BaocaoError`) are
printed as one Vietnamese line (no traceback) and give exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from ingest.errors import BaocaoError
from settings import Settings

# (module, purpose) in the order `--help` lists them.
COMMAND_MODULES = [
    "index.commands",  # ingest, search, inspect
    "assistant.commands",  # ask, chat
    "eval.commands",  # eval, bench
    "ui",  # ui
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="baocao",
        description=(
            "Trợ lý hỏi đáp trên các báo cáo (dân vận chính quyền, quy chế dân chủ, cải cách hành chính). "
            "Chạy hoàn toàn offline; dữ liệu nằm trong BAOCAO_HOME (mặc định ~/.baocao)."
        ),
        epilog='Ví dụ: baocao ask "Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi nhận bao nhiêu đơn?"',
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except BrokenPipeError:
        # the reader left early (`baocao ask … | head -1`): not an error; keep the exit flush quiet too
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports it


def run(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    settings = Settings.from_env()
    try:
        return int(args.func(args, settings) or 0)
    except KeyboardInterrupt:
        print("\nĐã dừng.", file=sys.stderr)
        return 130
    except BaocaoError as exc:  # user-facing errors carry a Vietnamese message
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
