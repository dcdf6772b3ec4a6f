"""`site-builder new`: a record to fill in, its placeholders named by validation until filled."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from site_builder.commands.cli import main, parse_now
from site_builder.commands.scaffold import KINDS, ScaffoldError, new_record
from site_builder.inputs import records
from site_builder.inputs.load import load_dataset
from site_builder.validation.validate import validate

from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW
from .test_docs import models

TODAY = date(2026, 11, 25)
TODAY_CLOCK = parse_now(SAMPLE_NOW)

# What an editor writes in place of each placeholder (by the field's last key).
FILLED = {
    "name": "Nguyễn Văn Mới",
    "role": "Nông dân",
    "unit": "Hợp tác xã Mới",
    "province": "dong-thap",
    "field": "nông nghiệp",
    "summary": "Tóm tắt một câu.",
    "story": "Câu chuyện **ngắn**.",
    "outlet": "Báo Đồng Tháp",
    "title": "Tiêu đề mới",
    "launched_by": "Ủy ban nhân dân tỉnh Đồng Tháp",
    "number": "12/KH-UBND",
    "issuer": "Ủy ban nhân dân tỉnh Đồng Tháp",
    "contents": "Nội dung phong trào.",
    "proposing_body": "Ủy ban nhân dân tỉnh Đồng Tháp",
    "award": "huan-chuong-lao-dong-hang-ba",
    "id": "nguyen-van-moi",
    "position": "Giám đốc",
    "locality": "xã Mỹ Hiệp, tỉnh Đồng Tháp",
    "achievement": "Hoàn thành xuất sắc nhiệm vụ.",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, folder)
    return folder


def fill(text: str) -> str:
    """Replace each "ĐIỀN: …" value by what an editor would write for that key."""

    def value(match: re.Match[str]) -> str:
        key = match.group(2)
        return f"{match.group(1)}{key}: {FILLED[key]}"

    text = re.sub(r"^(\s*(?:- )?)(\w+): \"ĐIỀN: [^\"]*\"$", value, text, flags=re.M)
    return text.replace("  ĐIỀN: câu chuyện", "  Câu chuyện **ngắn**.").replace(
        "  ĐIỀN: nội dung phong trào", "  Nội dung."
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_record_names_every_placeholder_then_validates_once_filled(data: Path, kind: str) -> None:
    written = new_record(data, kind, "moi-tao", TODAY)
    text = written.path.read_text(encoding="utf-8")
    assert written.placeholders >= 5
    dataset, problems = load_dataset(data)
    holes = [str(p) for p in problems if "chưa điền" in p.message]
    assert len(holes) == written.placeholders
    assert all(h.startswith(f"data/{KINDS[kind][0]}/moi-tao.yml:") for h in holes)
    assert [p for p in problems if "chưa điền" not in p.message] == []  # the template is valid but for the blanks
    written.path.write_text(fill(text), encoding="utf-8")
    dataset, problems = load_dataset(data)
    assert dataset is not None and problems == []
    assert "moi-tao" in dataset.by_kind[KINDS[kind][0]]
    assert [str(p) for p in validate(dataset, TODAY_CLOCK)] == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_template_mentions_every_field_of_its_kind(data: Path, kind: str) -> None:
    """The template is the editor's documentation too: every field (nested ones included) is in it."""
    text = new_record(data, kind, "moi-tao", TODAY).path.read_text(encoding="utf-8")
    found: set[type[BaseModel]] = set()
    models(records.KIND_MODELS[KINDS[kind][0]], found)
    missing = sorted(
        f"{model.__name__}.{name}"
        for model in found
        for name in model.model_fields
        if not re.search(rf"\b{name}\b", text)
    )
    assert missing == []
    assert yaml.safe_load(text)  # comments aside, it is YAML


def test_new_refuses_an_existing_id_and_a_bad_one(data: Path) -> None:
    with pytest.raises(ScaffoldError, match=r"đã có data/exemplars/dinh-thi-hoa\.yml; chọn mã khác"):
        new_record(data, "exemplar", "dinh-thi-hoa", TODAY)
    with pytest.raises(ScaffoldError, match="mã 'Nguyễn Văn A' không dùng được"):
        new_record(data, "exemplar", "Nguyễn Văn A", TODAY)


def test_new_command(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "new", "list", "ds-moi", "--data", str(data), "--now", "2026-11-25"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(data / "nominations" / "ds-moi.yml")
    assert err.startswith("Đã tạo data/nominations/ds-moi.yml: mở tệp, điền 14 chỗ ghi 'ĐIỀN:'")
    window = yaml.safe_load((data / "nominations" / "ds-moi.yml").read_text(encoding="utf-8"))["consultation"]
    assert window["opens"] == date(2026, 12, 2)
    assert main(["--root", str(ROOT), "new", "list", "ds-moi", "--data", str(data)]) == 1
    assert "Không tạo được hồ sơ: đã có data/nominations/ds-moi.yml" in capsys.readouterr().err
