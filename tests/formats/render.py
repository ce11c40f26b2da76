"""Renders the fixture report (``report_text``) into every format a site publishes.

Each function returns the file's bytes, made here from the tests' own text:

- ``scanned_pdf``  pages drawn as images with Pillow and a CJK font (no text layer)
- ``word_doc``     a Word 97 binary: a compound file (written here: olefile only
                   reads) holding a FIB, the text in pieces, and the piece table
- ``ofd``          an OFD package (a zip of XML), text as positioned runs, or a
                   page that is only an image
- ``mht``          a saved page: MIME multipart, HTML in GB2312, quoted-printable
- ``encrypt``      a PDF locked with a user password (pypdf)

The scanned PDF needs a CJK font (Debian's fonts-noto-cjk, installed by the
Makefile's ``chromium`` target for ``make test``); without one it fails loudly.
"""
from __future__ import annotations

import email.policy
import io
import math
import re
import shutil
import struct
import subprocess
import zipfile
from email.message import EmailMessage
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .report_text import BODY, TITLE, paragraphs

# ---------------------------------------------------------------- scanned PDF

_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)


def cjk_font() -> Path:
    """A font file with Chinese glyphs: fc-match's answer, else a known path."""
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True, text=True).stdout
        if found and Path(found).exists() and "CJK" in found.upper():
            return Path(found)
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).exists():
            return Path(candidate)
    raise RuntimeError("no CJK font found (fc-match :lang=zh-cn): install fonts-noto-cjk (make test does)")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float, indent: float) -> list[tuple[str, float]]:
    """Lines of ``text`` no wider than ``width`` pixels; the first is indented."""
    lines, current, offset = [], "", indent
    # as word processors do: digits and Latin stay together, and no line
    # starts with closing punctuation or a per cent sign
    for token in re.findall(r"[0-9A-Za-z.%]+[，。、；：）%]?|.[，。、；：）]?", text):
        if current and offset + font.getlength(current + token) > width:
            lines.append((current, offset))
            current, offset = "", 0.0
        current += token
    if current:
        lines.append((current, offset))
    return lines


def scanned_pdf(repeat: int = 1, dpi: int = 200, points: float = 15.0, text: list[str] | None = None) -> bytes:
    """The report (or ``text``: a title, then paragraphs) drawn on A4 pages as images,
    ``repeat`` times over, saved as an image-only PDF."""
    title, *body = text or paragraphs()
    font = ImageFont.truetype(str(cjk_font()), size=round(points * dpi / 72))
    page_w, page_h = round(8.27 * dpi), round(11.69 * dpi)
    margin = round(0.9 * dpi)
    line_h = round(font.size * 1.75)
    em = font.getlength("中")
    lines: list[tuple[str, float]] = []
    for _ in range(repeat):
        lines.append((title, (page_w - 2 * margin - font.getlength(title)) / 2))
        for paragraph in body:
            lines.extend(_wrap(paragraph, font, page_w - 2 * margin, 2 * em))
    pages: list[Image.Image] = []
    per_page = (page_h - 2 * margin) // line_h
    for start in range(0, len(lines), per_page):
        page = Image.new("L", (page_w, page_h), 255)
        draw = ImageDraw.Draw(page)
        for row, (text, x) in enumerate(lines[start:start + per_page]):
            draw.text((margin + x, margin + row * line_h), text, font=font, fill=20)
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


def encrypt(pdf: bytes, password: str = "fixture-secret") -> bytes:
    """The PDF locked with a user password."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------- Word 97 binary

_SECTOR = 512
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal compound file (CFB v3) holding ``streams`` in the root storage.

    Streams are padded to 4096 bytes so none belongs in the mini stream.
    """
    names = list(streams)
    padded = {n: streams[n].ljust(max(4096, len(streams[n])), b"\0") for n in names}
    blobs = [padded[n] for n in names]
    blobs = [b.ljust(math.ceil(len(b) / _SECTOR) * _SECTOR, b"\0") for b in blobs]
    fat: list[int] = []
    starts = []
    for blob in blobs:
        count = len(blob) // _SECTOR
        starts.append(len(fat))
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(_END)
    directory_start = len(fat)
    fat.append(_END)  # one directory sector: 4 entries
    fat_start = len(fat)
    fat.append(_FATSECT)
    if len(fat) > _SECTOR // 4:
        raise ValueError("fixture too large for one FAT sector")
    fat.extend([_FREE] * (_SECTOR // 4 - len(fat)))

    def entry(name: str, kind: int, start: int, size: int, child: int = _NOSTREAM, right: int = _NOSTREAM) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", _NOSTREAM, right, child) + bytes(16) + bytes(4) + bytes(16)
                + struct.pack("<IQ", start, size))

    entries = [entry("Root Entry", 5, _END, 0, child=1)]
    for i, (name, start) in enumerate(zip(names, starts), start=1):
        entries.append(entry(name, 2, start, len(padded[name]), right=i + 1 if i < len(names) else _NOSTREAM))
    directory = b"".join(entries).ljust(_SECTOR, b"\0")
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, directory_start, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<I", fat_start) + struct.pack("<I", _FREE) * 108)
    assert len(header) == _SECTOR
    return header + b"".join(blobs) + directory + struct.pack(f"<{_SECTOR // 4}I", *fat)


def word_doc(text: str | None = None, encrypted: bool = False, wps: bool = False) -> bytes:
    """A Word 97 .doc of the report: Chinese runs as UTF-16 pieces, ASCII runs as
    8-bit (compressed) pieces, one hyperlink field whose result is kept. ``wps``
    adds a stream of the writer's own, as WPS Office saves one."""
    if text is None:
        body = "\r".join(paragraphs()) + "\r"
        # a field: its instruction is dropped, its result kept
        body = body.replace("门户网站", '\x13 HYPERLINK "http://example.invalid/" \x14门户网站\x15', 1)
    else:
        body = text.replace("\n", "\r")
    fib = bytearray(1024)
    flags = 0x0200 | (0x0100 if encrypted else 0)  # fWhichTblStm: the table is "1Table"
    struct.pack_into("<HHHHHH", fib, 0, 0xA5EC, 0x00C1, 0, 0x0804, 0, flags)
    struct.pack_into("<H", fib, 32, 14)
    struct.pack_into("<H", fib, 62, 22)
    struct.pack_into("<i", fib, 76, len(body))  # ccpText
    struct.pack_into("<H", fib, 152, 0x5D)
    # the pieces: maximal runs of ASCII (8-bit) or not (UTF-16)
    runs: list[str] = []
    for ch in body:
        if runs and (runs[-1][-1].isascii() == ch.isascii()):
            runs[-1] += ch
        else:
            runs.append(ch)
    stream, cps, pcds, cp = bytearray(fib), [0], [], 0
    for run in runs:
        offset = len(stream)
        if run.isascii():
            stream += run.encode("cp1252")
            fc = (offset * 2) | 0x40000000
        else:
            stream += run.encode("utf-16-le")
            fc = offset
        cp += len(run)
        cps.append(cp)
        pcds.append(struct.pack("<HIH", 0, fc, 0))
    plc = struct.pack(f"<{len(cps)}i", *cps) + b"".join(pcds)
    table = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", stream, 418, 0, len(table))  # fcClx, lcbClx
    streams = {"WordDocument": bytes(stream), "1Table": table}
    if wps:
        streams["WpsCustomData"] = b"kingsoft fixture"
    return compound_file(streams)


# ---------------------------------------------------------------- OFD

_OFD_NS = "http://www.ofdspec.org/2016"


def _ofd_package(pages: list[str], resources: str | None = None, media: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0" '
                               f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>{TITLE}</ofd:Title>'
                               '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        page_refs = "".join(f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        res = "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>" if resources else ""
        zf.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{_OFD_NS}">'
                                          '<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea>'
                                          f'<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>{res}'
                                          f'</ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>')
        if resources:
            zf.writestr("Doc_0/DocumentRes.xml", resources)
        for name, data in (media or {}).items():
            zf.writestr(f"Doc_0/Res/{name}", data)
        for i, content in enumerate(pages):
            zf.writestr(f"Doc_0/Pages/Page_{i}/Content.xml",
                        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_OFD_NS}"><ofd:Content>'
                        f'<ofd:Layer ID="{500 + i}">{content}</ofd:Layer></ofd:Content></ofd:Page>')
    return out.getvalue()


def _advance(ch: str, size: float) -> float:
    return size / 2 if ch.isascii() else size


def ofd(size_mm: float = 5.6, measure_mm: float = 156.8) -> bytes:
    """The report as an OFD: one TextObject per visual line, justified as a word
    processor sets it (the last line of a paragraph ragged), pages of 36 lines."""
    left, top, step = 25.0, 30.0, size_mm * 1.6
    lines: list[tuple[str, float, bool]] = [(TITLE, 2 * size_mm, False)]
    for _heading, text in BODY:
        row, offset = "", 2 * size_mm
        for token in re.findall(r"[0-9A-Za-z.%]+[，。、；：）%]?|.[，。、；：）]?", text):
            if row and offset + sum(_advance(c, size_mm) for c in row + token) > measure_mm:
                lines.append((row, offset, True))
                row, offset = "", 0.0
            row += token
        lines.append((row, offset, False))
    pages, objects, object_id = [], [], 100
    for row, (text, indent, justify) in enumerate(lines):
        y = top + (row % 36) * step
        natural = sum(_advance(c, size_mm) for c in text)
        spread = (measure_mm - indent - natural) / max(len(text) - 1, 1) if justify else 0.0
        deltas = " ".join(f"{_advance(ch, size_mm) + spread:.3f}" for ch in text[:-1])
        x = left + indent
        width = natural + spread * (len(text) - 1)
        objects.append(f'<ofd:TextObject ID="{object_id}" Boundary="{x:g} {y - size_mm:g} {width:g} {size_mm * 1.4:g}" '
                       f'Font="1" Size="{size_mm:g}"><ofd:TextCode X="0" Y="{size_mm:g}" DeltaX="{deltas}">'
                       f'{text}</ofd:TextCode></ofd:TextObject>')
        object_id += 1
        if row % 36 == 35:
            pages.append("".join(objects))
            objects = []
    if objects:
        pages.append("".join(objects))
    return _ofd_package(pages)


def ofd_of_images(png_pages: list[bytes]) -> bytes:
    """An OFD whose pages are only images (a scan saved as OFD)."""
    media = "".join(f'<ofd:MultiMedia ID="{900 + i}" Type="Image" Format="PNG"><ofd:MediaFile>page{i}.png'
                    f'</ofd:MediaFile></ofd:MultiMedia>' for i in range(len(png_pages)))
    resources = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res">'
                 f'<ofd:MultiMedias>{media}</ofd:MultiMedias></ofd:Res>')
    pages = [f'<ofd:ImageObject ID="{700 + i}" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" ResourceID="{900 + i}"/>'
             for i in range(len(png_pages))]
    return _ofd_package(pages, resources, {f"page{i}.png": png for i, png in enumerate(png_pages)})


def page_images(pdf: bytes) -> list[bytes]:
    """The page images of an image-only PDF (as PNG), e.g. to build a scanned OFD."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for page in document:
            buffer = io.BytesIO()
            page.render(scale=200 / 72).to_pil().convert("L").save(buffer, "PNG")
            out.append(buffer.getvalue())
        return out
    finally:
        document.close()


# ---------------------------------------------------------------- MHT

def mht(charset: str = "gb2312") -> bytes:
    """A page saved as .mht: the article in HTML (``charset``, quoted-printable) and an image part."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs()[1:])
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f'<title>{TITLE}</title></head><body><div class="nav">首页 &gt; 政务公开 &gt; 法治政府建设</div>'
            f'<div class="article"><h1>{TITLE}</h1>{body}</div><div class="foot">网站地图 | 联系我们</div>'
            '</body></html>')
    message = EmailMessage(policy=email.policy.SMTP)
    message["MIME-Version"] = "1.0"
    message["Subject"] = "saved page"
    message["Snapshot-Content-Location"] = "http://example.invalid/fzzf/2024.html"
    message.make_related()
    message.add_related(html.encode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset),
                        maintype="text", subtype="html", cte="quoted-printable",
                        params={"charset": charset}, headers=["Content-Location: http://example.invalid/fzzf/2024.html"])
    message.add_related(b"\x89PNG\r\n\x1a\n" + bytes(32), maintype="image", subtype="png",
                        headers=["Content-Location: http://example.invalid/logo.png"])
    return message.as_bytes()
