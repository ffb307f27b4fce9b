"""Files that must not get into the store, made on the fly from the samples."""

import io
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def truncated(pdf: Path, out: Path) -> Path:
    data = pdf.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def garbled_xref(pdf: Path, out: Path) -> Path:
    """The cross-reference table overwritten: objects can no longer be found."""
    data = pdf.read_bytes()
    xref = data.rfind(b"xref")
    out.write_bytes(data[:xref] + b"X" * (len(data) - xref - 30) + data[-30:])
    return out


def encrypted(out: Path) -> Path:
    canvas = Canvas(str(out), pagesize=A4, encrypt=StandardEncryption("user-secret", "owner"))
    canvas.setFont("STSong-Light", 14)
    canvas.drawString(72, 760, "示例市示范区政务服务中心2018年度部门决算")
    canvas.save()
    return out


def owner_password_only(out: Path) -> Path:
    """Opens without a password, but copying is forbidden (an owner password): pdfminer reads
    its text as glyph numbers."""
    encryption = StandardEncryption("", "owner-secret", canCopy=0)
    canvas = Canvas(str(out), pagesize=A4, encrypt=encryption)
    canvas.setFont("STSong-Light", 14)
    canvas.drawString(72, 760, "示例市示范区政务服务中心2018年度部门决算")
    canvas.drawString(72, 730, "一、部门职责：负责政务服务。2018年支出合计100.00万元。")
    canvas.save()
    return out


def image_only(out: Path) -> Path:
    """A scanned disclosure: the page is a picture of text, with no text layer."""
    picture = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(picture).rectangle((40, 40, 560, 260), outline="black", width=3)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    canvas = Canvas(str(out), pagesize=A4)
    canvas.drawImage(ImageReader(buffer), 50, 400, width=500, height=250)
    canvas.save()
    return out


def not_a_disclosure(out: Path) -> Path:
    canvas = Canvas(str(out), pagesize=A4)
    canvas.setFont("STSong-Light", 12)
    canvas.drawString(72, 760, "关于召开春季运动会的通知")
    canvas.drawString(72, 730, "各单位：定于下周三下午在体育馆举行运动会，请准时参加。")
    canvas.save()
    return out


def empty(out: Path) -> Path:
    out.write_bytes(b"")
    return out


FORMULA_LABELS = ['=HYPERLINK("http://evil.example","点击")', "+1+1", "@SUM(1,1)", "-2+3"]
"""Row labels a spreadsheet would run as formulas."""


def formula_labels(out: Path) -> Path:
    """A text disclosure whose table labels are spreadsheet formulas (CSV injection)."""
    rows = [f"201010{i}\t{label}\t{i}.00" for i, label in enumerate(FORMULA_LABELS, 1)]
    lines = [
        "示例区测试中心2018年度部门决算",
        "第一部分 示例区测试中心概况",
        "一、部门职责",
        "负责测试工作，为公民提供咨询服务。",
        "第二部分 2018年度部门决算表",
        "一般公共预算财政拨款支出决算表",
        "财决公开05表",
        "金额单位：万元",
        "科目编码\t项目\t决算数",
        *rows,
        "\t合计\t10.00",
        "第三部分 情况说明",
        "一、支出决算情况说明",
        "2018年度支出决算10.00万元，比上年增加1.00万元，主要原因是业务增加。",
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def long_disclosure(out: Path, edition: int, paragraphs: int = 3000) -> Path:
    """A text disclosure with a long narrative (hundreds of chunks, so embedding it takes
    seconds); editions differ in one sentence, so each is a new version of the same document."""
    work = [
        f"（{i}）第{i}项重点工作：围绕政务服务开展专项业务{i % 17 + 1}次，"
        f"安排经费{i % 97 + 1}.{i % 10}0万元，主要用于窗口服务、信息系统运行维护和培训。"
        for i in range(1, paragraphs + 1)
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "示例区长文中心2018年度部门决算",
        "第一部分 示例区长文中心概况",
        "一、部门职责",
        f"负责政务服务工作（第{edition}版）。",
        "二、重点工作情况说明",
        *work,
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out
