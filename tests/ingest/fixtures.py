"""Builds the ingest tests' input files in temporary folders.

Every fixture is made here from text written for the tests (no seed text):
PDFs are written object by object with the standard CJK font STSong-Light
(UniGB-UCS2-H encoding plus a ToUnicode map, so text extraction works
without any font file), .docx files with python-docx, web pages and plain
text with the encoding under test.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdf
from pdfminer.cmapdb import CMapDB

# ---------------------------------------------------------------- report text

TITLE = "江临区司法局2023年法治政府建设情况报告"
OPENING = ("2023年，江临区司法局在区委、区政府的领导下，围绕法治政府建设目标任务，"
           "依法履行各项职责，各项工作取得明显进展。现将有关情况报告如下：")
# (is_heading, text): the body of the fixture report, in order.
BODY: tuple[tuple[bool, str], ...] = (
    (False, OPENING),
    (True, "一、主要工作和成效"),
    (True, "（一）健全依法决策机制"),
    (False, "严格落实重大行政决策程序规定，对涉及群众切身利益的事项全部开展风险评估，"
            "全年审核各类合同和文件一百二十件，提出修改意见三百余条，合法性审核覆盖率保持百分之百。"),
    (True, "（二）规范行政执法行为"),
    (False, "全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度，组织执法人员"
            "专题培训六期，开展案卷评查两轮，发现的问题均已整改到位，执法规范化水平稳步提升。"),
    (True, "二、存在的问题"),
    (False, "基层执法力量仍然不足，部分工作人员运用法治思维解决问题的能力有待提高。"),
    (True, "三、下一步工作打算"),
    (False, "1.持续深化法治宣传教育，推动普法工作进机关、进社区、进企业、进学校。"),
    (False, "2.加强执法队伍建设，提升依法行政水平。"),
)


def report_text() -> str:
    """The fixture report as plain text: title, then one paragraph a line."""
    return "\n".join([TITLE, *(text for _, text in BODY)])


# ---------------------------------------------------------------- PDF writing

@dataclass(frozen=True)
class PdfText:
    """One line of text placed on a PDF page (points from the bottom left)."""

    text: str
    x: float
    y: float
    size: float = 12.0


_FONT_OBJECTS = (
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} "
    "/DescendantFonts [{cid} 0 R] /ToUnicode {cmap} 0 R >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
    "/FontDescriptor {desc} 0 R /DW 1000 /W [1 95 500] >>",
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
    "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
)
_UCS2_TO_CID = CMapDB.get_cmap("UniGB-UCS2-H")


def _codes(text: str, encoding: str) -> list[int]:
    """The character codes a content stream shows ``text`` with.

    UniGB-UCS2-H: the UCS-2 code of each character (the viewer's CMap finds
    the glyph). Identity-H: the glyph's Adobe-GB1 CID itself, as word
    processors write, looked up in the same standard CMap.
    """
    ucs2 = [ord(ch) for ch in text]
    if encoding == "UniGB-UCS2-H":
        return ucs2
    return list(_UCS2_TO_CID.decode(text.encode("utf-16-be")))


class _PdfWriter:
    """Numbered objects in order, then the cross-reference table."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def reserve(self) -> int:
        self.objects.append(b"")
        return len(self.objects)

    def put(self, number: int, body: str | bytes) -> None:
        self.objects[number - 1] = body.encode("latin-1") if isinstance(body, str) else body

    def add(self, body: str | bytes) -> int:
        number = self.reserve()
        self.put(number, body)
        return number

    def stream(self, content: bytes, extra: str = "") -> int:
        head = f"<< /Length {len(content)} {extra}>>\nstream\n".encode("latin-1")
        return self.add(head + content + b"\nendstream")

    def finish(self, root: int, info: int | None) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(out.tell())
            out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
        for offset in offsets:
            out.write(f"{offset:010d} 00000 n \n".encode())
        info_ref = f" /Info {info} 0 R" if info else ""
        out.write(f"trailer\n<< /Size {len(offsets) + 1} /Root {root} 0 R{info_ref} >>\n"
                  f"startxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()


def _to_unicode_cmap(chars: set[str], encoding: str) -> bytes:
    """A ToUnicode CMap from each character's code back to the character."""
    pairs = sorted(f"<{_codes(ch, encoding)[0]:04X}> <{ord(ch):04X}>" for ch in chars)
    blocks = []
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(blocks) + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
            ).encode("ascii")


def _text_ops(lines: Sequence[PdfText], encoding: str) -> bytes:
    ops = ["BT"]
    for line in lines:
        hexcodes = "".join(f"{code:04X}" for code in _codes(line.text, encoding))
        ops.append(f"/F1 {line.size:g} Tf 1 0 0 1 {line.x:.2f} {line.y:.2f} Tm <{hexcodes}> Tj")
    ops.append("ET")
    return "\n".join(ops).encode("ascii")


def _scan_image_ops() -> bytes:
    return b"q 400 0 0 500 100 200 cm /Im1 Do Q"


def make_pdf(pages: Sequence[Sequence[PdfText]], title: str | None = None,
             scanned: bool = False, encoding: str = "Identity-H",
             rules: Sequence[Sequence[tuple[float, float, float, float]]] = ()) -> bytes:
    """A PDF with the given lines on each page; ``scanned`` puts an image instead.

    ``encoding`` is the font's CMap: Identity-H (as Word and WPS write) or
    UniGB-UCS2-H (as Java PDF libraries write with STSong-Light). ``rules``
    are each page's drawn line segments (x0, y0, x1, y1), a ruled table's grid.
    """
    w = _PdfWriter()
    catalog, page_tree = w.reserve(), w.reserve()
    font, cid_font, descriptor = w.reserve(), w.reserve(), w.reserve()
    chars = {ch for page in pages for line in page for ch in line.text}
    cmap = w.stream(_to_unicode_cmap(chars, encoding))
    w.put(font, _FONT_OBJECTS[0].format(encoding=encoding, cid=cid_font, cmap=cmap))
    w.put(cid_font, _FONT_OBJECTS[1].format(desc=descriptor))
    w.put(descriptor, _FONT_OBJECTS[2])
    image = w.stream(bytes(range(64)) * 4, "/Type /XObject /Subtype /Image /Width 16 /Height 16 "
                     "/ColorSpace /DeviceGray /BitsPerComponent 8 ") if scanned else None
    kids = []
    for n, lines in enumerate(pages):
        content = _scan_image_ops() if scanned else _text_ops(lines, encoding)
        if n < len(rules) and rules[n]:
            content += ("\n0.5 w\n" + "\n".join(f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S"
                                                 for a, b, c, d in rules[n])).encode("ascii")
        contents = w.stream(zlib.compress(content), "/Filter /FlateDecode ")
        resources = f"/Font << /F1 {font} 0 R >>" + (f" /XObject << /Im1 {image} 0 R >>" if image else "")
        kids.append(w.add(f"<< /Type /Page /Parent {page_tree} 0 R /MediaBox [0 0 595 842] "
                          f"/Resources << {resources} >> /Contents {contents} 0 R >>"))
    w.put(page_tree, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    w.put(catalog, f"<< /Type /Catalog /Pages {page_tree} 0 R >>")
    info = w.add(f"<< /Title <FEFF{title.encode('utf-16-be').hex().upper()}> >>") if title else None
    return w.finish(catalog, info)


# A4 in points, 12 pt text, lines 25 em wide from x=72.
LEFT, SIZE, PER_LINE = 72.0, 12.0, 25
TOP, LINE_GAP, BOTTOM = 770.0, 20.0, 80.0


def _ems(text: str) -> float:
    """Width in em: ASCII glyphs of Adobe-GB1 (CIDs 1-95) are half-width."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _wrap(text: str, first_indent: int) -> list[tuple[str, float]]:
    """Cut a paragraph into (line, x) as a word processor fills lines,
    with a 2-character first-line indent."""
    out, line, indent = [], "", first_indent
    for ch in text:
        if _ems(line + ch) > PER_LINE - indent:
            out.append((line, LEFT + indent * SIZE))
            line, indent = "", 0
        line += ch
    out.append((line, LEFT + indent * SIZE))
    return out


def layout_report() -> list[list[PdfText]]:
    """The fixture report laid out on two pages: centred title, indented
    paragraphs, a page number at each page's foot, and the page break inside
    the paragraph under （二）."""
    flowing: list[tuple[str, float]] = [(TITLE, LEFT + (PER_LINE - _ems(TITLE)) * SIZE / 2)]
    break_at = 0
    for _, text in BODY:
        if text.startswith("全面推行"):
            break_at = len(flowing) + 2  # after this paragraph's second line
        flowing.extend(_wrap(text, first_indent=2))
    pages: list[list[PdfText]] = []
    for chunk in (flowing[:break_at], flowing[break_at:]):
        page = [PdfText(t, x, TOP - i * LINE_GAP) for i, (t, x) in enumerate(chunk)]
        number = f"- {len(pages) + 1} -"
        page.append(PdfText(number, LEFT + (PER_LINE - _ems(number)) * SIZE / 2, BOTTOM, 10.5))
        pages.append(page)
    return pages


def report_pdf(encoding: str = "Identity-H") -> bytes:
    """The fixture report as a 2-page PDF with a text layer."""
    pages = layout_report()
    assert len(pages) == 2, len(pages)
    return make_pdf(pages, title=f"Microsoft Word - {TITLE}.docx", encoding=encoding)


def scanned_pdf() -> bytes:
    """A 1-page PDF holding only an image, as a scanner makes."""
    return make_pdf([[]], scanned=True)


def truncated_pdf() -> bytes:
    """The fixture PDF cut off in the middle, as an interrupted download."""
    data = report_pdf()
    return data[: len(data) // 2]


def encrypted_pdf(user_password: str) -> bytes:
    """The fixture PDF encrypted with AES; an empty user password opens it
    (owner restrictions only), any other needs that password."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(report_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def corrupt_pdf() -> bytes:
    """A PDF header and end marker around garbage."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"


# ---------------------------------------------------------------- Word

TABLE_ROWS = (
    ("项目", "2022年", "2023年"),
    ("审核文件（件）", "98", "120"),
    ("执法培训（期）", "4", "6"),
)


def report_docx() -> bytes:
    """A .docx: title, body paragraphs, and a table (with a merged header
    cell) between two paragraphs."""
    document = docx.Document()
    document.core_properties.title = TITLE
    document.add_paragraph(TITLE)
    for _, text in BODY[:4]:
        document.add_paragraph(text)
    table = document.add_table(rows=len(TABLE_ROWS) + 1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "主要指标对比"
    for r, row in enumerate(TABLE_ROWS, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for _, text in BODY[4:]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_expected_text() -> str:
    rows = ["主要指标对比", *("\t".join(row) for row in TABLE_ROWS)]
    return "\n".join([TITLE, *(t for _, t in BODY[:4]), *rows, *(t for _, t in BODY[4:])])


# ---------------------------------------------------------------- web page

PAGE_TITLE = "北辰区司法局关于2023年度法治政府建设情况的报告"
PAGE_SOURCE = "北辰区司法局"
PAGE_DATE = "2024-03-05"
PAGE_PARAGRAPHS = (
    "2023年，北辰区司法局在区委、区政府领导下，统筹推进依法行政各项工作，现将有关情况报告如下。",
    "一、主要举措和成效",
    "（一）完善制度建设。修订内部管理制度十二项，进一步规范执法流程和审批环节。",
    "（二）加强执法监督。开展案卷评查两次，评查案卷八十件，发现的问题已全部整改。",
    "二、存在的不足",
    "部分执法人员业务能力仍需提高，基层法治宣传的覆盖面还不够广。",
    "三、下一步工作安排",
    "持续深化法治宣传教育，推动法治政府建设各项任务落到实处。",
)
PAGE_CHROME = ("首页", "政务公开", "当前位置", "分享到", "打印页面", "关闭页面", "网站标识码", "浏览器")


def report_page(charset: str = "gbk", declare: str = "meta-http-equiv", with_meta: bool = True) -> bytes:
    """A saved government page: menus, breadcrumbs, info line, the article,
    share and print links, footer. ``declare``: how the charset is stated."""
    declaration = {
        "meta-http-equiv": f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "meta-charset": f'<meta charset="{charset}">',
        "none": "",
    }[declare]
    metas = (f'<meta name="ArticleTitle" content="{PAGE_TITLE}">\n'
             f'<meta name="PubDate" content="{PAGE_DATE} 09:30">\n'
             f'<meta name="ContentSource" content="{PAGE_SOURCE}">\n') if with_meta else ""
    paragraphs = "\n".join(f"<p>\u3000\u3000{p}</p>" for p in PAGE_PARAGRAPHS)
    html = f"""<!DOCTYPE html>
<html><head>
{declaration}
<title>{PAGE_TITLE}_政务公开_天津市北辰区人民政府</title>
{metas}<script>var tracker = "统计代码";</script>
</head><body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hd">互动交流</a></div>
<div class="notice">您的浏览器版本较旧，建议升级后访问本站</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设年度报告</div>
<div class="article">
<h1>{PAGE_TITLE}</h1>
<div class="info">来源：{PAGE_SOURCE}　发布时间：{PAGE_DATE} 09:30　浏览次数：123</div>
<div class="content" id="zoom">
{paragraphs}
</div>
<div class="attach">附件：</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="tools">【打印页面】 【关闭页面】</div>
</div>
<div class="footer">主办单位：天津市北辰区人民政府办公室　网站标识码：1200000000</div>
</body></html>
"""
    return html.encode(charset)


def report_page_table_layout(charset: str = "gbk") -> bytes:
    """An older government page laid out with one big table, the article in
    a cell with <br> line breaks, the info line in a row above it."""
    body = "<br>\n".join(f"\u3000\u3000{p}" for p in PAGE_PARAGRAPHS)
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{PAGE_TITLE}</title></head><body>
<table width="100%"><tr><td><a href="/">首页</a> | <a href="/zwgk">政务公开</a></td></tr>
<tr><td align="center"><b>{PAGE_TITLE}</b></td></tr>
<tr><td>来源：{PAGE_SOURCE}　发布日期：2024年3月5日</td></tr>
<tr><td>{body}</td></tr>
<tr><td>【打印页面】【关闭页面】</td></tr></table></body></html>"""
    return html.encode(charset)


# ---------------------------------------------------------------- folders

def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


class _GbkNamedInfo(zipfile.ZipInfo):
    """A member whose name is stored in GBK without the UTF-8 flag, as
    Windows' built-in zip tool writes Chinese names."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's own hook)
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def zip_bytes(members: dict[str, bytes], utf8_names: bool = True) -> bytes:
    """A ZIP archive of ``members``; ``utf8_names=False`` stores GBK names."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name) if utf8_names else _GbkNamedInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


# ---------------------------------------------------------------- a whole inbox

def build_inbox(root: Path, max_bytes: int) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Write a mixed folder as analysts leave one under ``root``.

    Returns what reading it must give, keyed by location relative to
    ``root``: the format of each good report, and (stage, reason start) of
    each bad input. Dotfolders are there too, and must be skipped.
    """
    text = report_text()
    good = {
        "a_gbk.txt": (text.encode("gbk"), "txt"),
        "b_utf16.txt": (text.encode("utf-16"), "txt"),
        "c_page.html": (report_page("gbk"), "html"),
        "d_report.pdf": (report_pdf(), "pdf"),
        "e_report.docx": (report_docx(), "docx"),
    }
    bad = {
        "f_empty.txt": (b"", ("decode", "empty file (0 bytes)")),
        "g_junk.txt": (bytes(range(256)) * 4, ("decode", "binary data, not text (contains NUL bytes)")),
        "h_scan.pdf": (scanned_pdf(), ("extract", "no text layer (scanned?)")),
        "i_cut.pdf": (truncated_pdf(), ("parse", "truncated PDF: no %%EOF at the end")),
        "j_photo.jpg": (b"\xff\xd8\xff\xe0 jpeg", ("read", "unsupported file type '.jpg'")),
        "l_huge.txt": (b"x" * (max_bytes + 1), ("read", "too large:")),
    }
    for name, (data, _) in {**good, **bad}.items():
        write(root / name, data)
    write(root / "k_batch.zip", zip_bytes({"sub/utf8.txt": text.encode("utf-8"), "sub/old.doc": b"\xd0\xcf\x11\xe0"}))
    write(root / ".cache" / "skip.txt", b"never read")
    write(root / ".notes.txt", b"never read")
    formats = {name: fmt for name, (_, fmt) in good.items()} | {"k_batch.zip!sub/utf8.txt": "txt"}
    errors = {name: outcome for name, (_, outcome) in bad.items()} | {
        "k_batch.zip!sub/old.doc": ("parse", "not a Word binary (.doc)")}
    return formats, errors
