"""Show the checks that stop a nominee list from being published, one broken copy at a time.

Usage: .venv/bin/python tools/demo_checks.py

Copies the sample (tests/fixtures/sample) into a scratch git repository, commits it as what was
published, breaks one thing per scenario (a short window, an award that cannot go to that
recipient, a phone number in a nominee entry, a silent change to an open list, an outcome on an
open list) and runs `site-builder build --base HEAD` on it, printing what an editor would see.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-25T09:00:00+07:00"
OPEN_LIST = "nominations/dong-thap-2026-tong-ket-2021-2025.yml"
# Not yet open at NOW, so only the check being shown fires (no complaint about a silent change).
UPCOMING_LIST = "nominations/can-tho-2026-khen-thuong-nha-nuoc.yml"


def edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def short_window(text: str) -> str:
    return text.replace("closes: 2026-12-21", "closes: 2026-12-11")


def ineligible_award(text: str) -> str:
    # The first group is for collectives; give it an award only individuals can receive.
    return text.replace("award: huan-chuong-lao-dong-hang-nhi", "award: ba-me-viet-nam-anh-hung", 1)


def phone_number(text: str) -> str:
    return re.sub(r"(achievement: )", r"\1Liên hệ 0912 345 678. ", text, count=1)


def silent_change(text: str) -> str:
    return text.replace("Đoàn Văn Định", "Đoàn Văn Đính", 1)


def early_outcome(text: str) -> str:
    return text + "outcome:\n  decision:\n    kind: Quyết định\n    number: 12/QĐ-CTN\n    date: 2026-12-20\n"


SCENARIOS: list[tuple[str, str, Callable[[str], str]]] = [
    ("Thời gian lấy ý kiến dưới 10 ngày làm việc", UPCOMING_LIST, short_window),
    ("Hình thức khen thưởng không trao cho loại đối tượng này", UPCOMING_LIST, ineligible_award),
    ("Số điện thoại trong thông tin người được đề nghị", UPCOMING_LIST, phone_number),
    ("Sửa danh sách đang lấy ý kiến mà không đính chính", OPEN_LIST, silent_change),
    ("Ghi kết quả khi danh sách còn đang lấy ý kiến", OPEN_LIST, early_outcome),
]


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def main() -> int:
    for title, record, change in SCENARIOS:
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(scratch) / "data"
            shutil.copytree(ROOT / "tests" / "fixtures" / "sample", data)
            git(Path(scratch), "init", "-q")
            git(Path(scratch), "add", "-A")
            git(Path(scratch), "-c", "user.name=Biên tập", "-c", "user.email=bt@example.gov.vn", "commit", "-qm", "x")
            edit(data / record, change)
            command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "build", "--data", str(data)]
            command += ["--out", str(Path(scratch) / "site"), "--now", NOW, "--quiet", "--base", "HEAD"]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            print(f"== {title} (exit {result.returncode})")
            print(result.stderr.replace(scratch + "/", "").rstrip())
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
