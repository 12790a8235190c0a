#!/usr/bin/env python3
"""Builds the DOCX and PDF fixtures of the sample plans.

For each seed plan (`../shared/seeds/*.txt` by default) this script takes the normalised
lines that `doingoai parse --text SEED` prints and lays them out the way an official's Word
file looks (Decree 30/2020 layout: A4, Times New Roman 14 pt, the header as a borderless
two-column table, the type name and title centred in bold, justified body paragraphs with a
first-line indent, the recipients and the signature as a borderless two-column table, page
numbers from page 2). Each normalised line becomes exactly one paragraph (or one table
cell), with its text unchanged, so a reader of the DOCX or of the PDF should give back the
same lines. A trailing summary table (an appendix with column headers and a row of column
numbers) becomes a real Word table on a landscape page.

Outputs, in `crates/document/tests/fixtures/`:
  seeds/<seed-stem>.docx   python-docx
  seeds/<seed-stem>.pdf    LibreOffice (`soffice --headless --convert-to pdf`)
  scanned.pdf              page 1 of the first seed PDF as a black-and-white image only
                           (pdftoppm + img2pdf), without a text layer

Needs: python-docx, img2pdf and Pillow (pip); LibreOffice Writer, poppler-utils and
fonts-liberation2 (Debian). Run from anywhere:

    python3 scripts/make-fixtures.py [--seeds DIR] [--doingoai BIN]

Without --doingoai the lines come from `cargo run -q -p cli -- parse --text SEED`.
"""

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "crates" / "document" / "tests" / "fixtures"
FONT = "Times New Roman"

TYPE_NAMES = ("KẾ HOẠCH", "BÁO CÁO", "QUYẾT ĐỊNH", "THÔNG BÁO", "TỜ TRÌNH", "CÔNG VĂN")
RE_NUMBER = re.compile(r"^Số\s*:")
RE_PLACE_DATE = re.compile(r"^[^,.;:]{2,40}, ngày\b.*\bnăm\b")
RE_NATION = re.compile(r"^CỘNG H[OÒ]A XÃ H[ỘO]I CHỦ NGHĨA VIỆT NAM")
RE_MOTTO = re.compile(r"^Độc lập\s*-")
RE_BODY_START = re.compile(r"^(Thực hiện|Căn cứ|Kính gửi|[IVX]+\.|\d+\.|[-+*•])")
RE_PART = re.compile(r"^[IVX]+\.")
RE_ITEM_HEADING = re.compile(r"^\d+(\.\d+)*\.\s")
RE_COLUMN_NUMBERS = re.compile(r"^\d+( \d+)+$")


def is_caps(s):
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


def normalised_lines(seed, doingoai):
    cmd = (
        [doingoai, "parse", "--text", str(seed)]
        if doingoai
        else ["cargo", "run", "-q", "-p", "cli", "--", "parse", "--text", str(seed)]
    )
    out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
    lines = []
    for raw in out.splitlines():
        m = re.match(r"^ *\d+  (.*)$", raw)
        if not m:
            sys.exit(f"{seed}: unexpected output line {raw!r}")
        lines.append(m.group(1))
    return lines


# ---------------------------------------------------------------------------------------
# Splitting a plan into its blocks


def split_blocks(lines):
    """Returns a dict of the plan's blocks: header fields, type, title, body, recipients,
    signature, appendix. Missing blocks are empty; nothing is invented."""
    i = 0
    header = {"issuer": [], "number": None, "nation": [], "date": None}
    while i < len(lines):
        s = lines[i]
        if RE_NUMBER.match(s):
            header["number"] = s
        elif RE_NATION.match(s) or RE_MOTTO.match(s):
            header["nation"].append(s)
        elif RE_PLACE_DATE.match(s):
            header["date"] = s
        elif (
            is_caps(s)
            and not s.startswith(TYPE_NAMES)
            and header["number"] is None
            and not header["nation"]
            and len(s) < 60
        ):
            header["issuer"].append(s)
        else:
            break
        i += 1
    doc_type = None
    if i < len(lines) and lines[i].startswith(TYPE_NAMES):
        doc_type = lines[i]
        i += 1
    title = []
    while (
        i < len(lines)
        and len(title) < 3
        and not RE_BODY_START.match(lines[i])
        and len(lines[i]) < 150
    ):
        title.append(lines[i])
        i += 1
    body = []
    while i < len(lines) and not lines[i].startswith("Nơi nhận"):
        body.append(lines[i])
        i += 1
    recipients = []
    if i < len(lines):
        recipients.append(lines[i])
        i += 1
        while i < len(lines) and lines[i][:1] in "-+•":
            recipients.append(lines[i])
            i += 1
    # The signature: the authority and position lines (capitals), then the signer's name.
    signature = []
    while i < len(lines) and recipients:
        signature.append(lines[i])
        i += 1
        if not is_caps(signature[-1]):
            break
    appendix = lines[i:]
    return {
        "header": header,
        "type": doc_type,
        "title": title,
        "body": body,
        "recipients": recipients,
        "signature": signature,
        "appendix": appendix,
    }


# ---------------------------------------------------------------------------------------
# python-docx helpers


def set_run_font(run, size=None, bold=None, italic=None):
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


def para(container, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=14, bold=False,
         italic=False, indent=True, before=0, after=6):
    p = container.add_paragraph()
    p.alignment = align
    pf = p.paragraph_format
    pf.first_line_indent = Cm(1.27) if indent else None
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = 1.0
    set_run_font(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def cell_para(cell, text, first, **kw):
    """Writes `text` as a paragraph of `cell` (reusing the cell's empty first paragraph)."""
    kw.setdefault("align", WD_ALIGN_PARAGRAPH.CENTER)
    kw.setdefault("indent", False)
    kw.setdefault("after", 0)
    if first:
        p = cell.paragraphs[0]
        p.alignment = kw["align"]
        p.paragraph_format.space_after = Pt(kw["after"])
        p.paragraph_format.space_before = Pt(kw.get("before", 0))
        set_run_font(p.add_run(text), size=kw.get("size", 14), bold=kw.get("bold", False),
                     italic=kw.get("italic", False))
        return p
    return para(cell, text, **kw)


def fill_cell(cell, items):
    """items: (text, kwargs) pairs, one paragraph each."""
    for k, (text, kw) in enumerate(items):
        cell_para(cell, text, k == 0, **kw)


def borderless_table(doc, rows, widths):
    table = doc.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for j, w in enumerate(widths):
        table.columns[j].width = w
        for row in table.rows:
            row.cells[j].width = w
    return table


def add_page_number_header(section):
    """Page numbers centred at the top from page 2 on, as Decree 30 asks."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    set_run_font(run, size=14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


# ---------------------------------------------------------------------------------------
# Layout


def build_docx(lines, path):
    blocks = split_blocks(lines)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    core = doc.core_properties
    core.author = "doingoai fixtures"
    core.last_modified_by = "doingoai fixtures"
    core.created = core.modified = datetime(2026, 1, 1)
    core.revision = 1

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    add_page_number_header(section)
    text_width = Mm(165)

    # Header: issuer and number on the left; national title, motto, place and date on the
    # right. Only the lines the seed has.
    h = blocks["header"]
    if h["issuer"] or h["number"] or h["nation"] or h["date"]:
        left_top = [(s, {"size": 13, "bold": k > 0}) for k, s in enumerate(h["issuer"])]
        right_top = [(s, {"size": 13 if RE_NATION.match(s) else 14, "bold": True})
                     for s in h["nation"]]
        left_bottom = [(h["number"], {"size": 13, "before": 6})] if h["number"] else []
        right_bottom = ([(h["date"], {"size": 14, "italic": True, "before": 6})]
                        if h["date"] else [])
        rows = [r for r in ((left_top, right_top), (left_bottom, right_bottom)) if r[0] or r[1]]
        table = borderless_table(doc, len(rows), [Mm(60), Mm(105)])
        for r, (left, right) in enumerate(rows):
            fill_cell(table.rows[r].cells[0], left)
            fill_cell(table.rows[r].cells[1], right)
    if blocks["type"]:
        para(doc, blocks["type"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False,
             before=12, after=0)
    for k, s in enumerate(blocks["title"]):
        para(doc, s, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False,
             before=0 if blocks["type"] or k else 12, after=0)
    if blocks["type"] or blocks["title"]:
        doc.paragraphs[-1].paragraph_format.space_after = Pt(12)

    for s in blocks["body"]:
        heading = bool(RE_PART.match(s)) or (
            bool(RE_ITEM_HEADING.match(s)) and len(s) < 100 and s[-1] not in ".;:"
        )
        para(doc, s, bold=heading)

    # Recipients (left) and signature (right).
    if blocks["recipients"] or blocks["signature"]:
        table = borderless_table(doc, 1, [Mm(80), Mm(85)])
        left = []
        for k, s in enumerate(blocks["recipients"]):
            left.append((s, {"size": 12, "bold": True, "italic": True,
                             "align": WD_ALIGN_PARAGRAPH.LEFT, "before": 12})
                        if k == 0 else
                        (s, {"size": 11, "align": WD_ALIGN_PARAGRAPH.LEFT}))
        right = []
        for k, s in enumerate(blocks["signature"]):
            is_name = k == len(blocks["signature"]) - 1 and not is_caps(s)
            right.append((s, {"size": 14, "bold": True,
                              "before": 70 if is_name else (12 if k == 0 else 0)}))
        fill_cell(table.rows[0].cells[0], left)
        fill_cell(table.rows[0].cells[1], right)

    if blocks["appendix"]:
        add_appendix(doc, blocks["appendix"])
    doc.save(path)
    make_zip_deterministic(path)


def add_appendix(doc, lines):
    """An appendix on a landscape page: its title, then a table when the lines hold column
    headers followed by a row of column numbers ("1 2 3 … n"), then the remaining lines."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(20)
    width = Mm(257)
    i = 0
    while i < len(lines) and is_caps(lines[i]) and len(lines[i]) >= 12:
        para(doc, lines[i], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False,
             after=12)
        i += 1
    numbers_at = next((k for k in range(i, len(lines)) if RE_COLUMN_NUMBERS.match(lines[k])),
                      None)
    if numbers_at is None or numbers_at - i < 2:
        for s in lines[i:]:
            para(doc, s)
        return
    headers = lines[i:numbers_at]
    numbers = lines[numbers_at].split(" ")
    ncols = len(headers)
    # Rows until the notes ("Ghi chú:") or any line that is not a row: a group heading
    # ("I. …", spanning all columns) or an item number alone (an empty row).
    rows = []
    k = numbers_at + 1
    while k < len(lines) and not lines[k].startswith("Ghi chú"):
        s = lines[k]
        if RE_PART.match(s):
            rows.append(("group", s))
        elif re.fullmatch(r"\d+", s):
            rows.append(("item", s))
        else:
            break
        k += 1
    table = doc.add_table(rows=2 + len(rows), cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    narrow = Mm(12)
    wide = int((width - narrow) / (ncols - 1))
    widths = [narrow] + [wide] * (ncols - 1)
    for j, w in enumerate(widths):
        table.columns[j].width = w
        for row in table.rows:
            row.cells[j].width = w
    for j, s in enumerate(headers):
        cell_para(table.rows[0].cells[j], s, True, size=12, bold=True)
    # Column numbers: one per column, or one per column after "TT" when there is one less.
    offset = ncols - len(numbers) if len(numbers) in (ncols, ncols - 1) else 0
    for j, s in enumerate(numbers):
        if offset + j < ncols:
            cell_para(table.rows[1].cells[offset + j], s, True, size=12, italic=True)
    for r, (kind, s) in enumerate(rows, start=2):
        row = table.rows[r]
        if kind == "group":
            merged = row.cells[0].merge(row.cells[ncols - 1])
            cell_para(merged, s, True, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        else:
            cell_para(row.cells[0], s, True, size=12)
    for s in lines[k:]:
        para(doc, s, size=12, indent=False, after=0, align=WD_ALIGN_PARAGRAPH.LEFT,
             bold=s.startswith("Ghi chú"), before=6 if s.startswith("Ghi chú") else 0)


def make_zip_deterministic(path):
    """Rewrites the DOCX zip with fixed timestamps so that the bytes only change when the
    content does."""
    with zipfile.ZipFile(path) as z:
        items = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    Path(path).write_bytes(buf.getvalue())


# ---------------------------------------------------------------------------------------


def convert_to_pdf(docx_paths, outdir):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice not found (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(outdir)] + [str(p) for p in docx_paths],
            check=True, capture_output=True)


def make_scanned(pdf, out):
    """Page 1 of `pdf` as a black-and-white 150 dpi image (what an office scanner makes)
    wrapped in a PDF: no text layer."""
    import img2pdf
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "150", "-mono", "-singlefile",
                        str(pdf), str(base)], check=True)
        png = base.with_suffix(".png")
        Image.open(base.with_suffix(".pbm")).save(png, optimize=True)
        out.write_bytes(img2pdf.convert(str(png), layout_fun=img2pdf.get_layout_fun(
            (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    ap.add_argument("--doingoai", help="the doingoai binary (default: cargo run)")
    args = ap.parse_args()
    seeds = sorted(args.seeds.glob("*.txt"))
    if not seeds:
        sys.exit(f"no seeds in {args.seeds}")
    outdir = FIXTURES / "seeds"
    outdir.mkdir(parents=True, exist_ok=True)
    docx_paths = []
    for seed in seeds:
        path = outdir / f"{seed.stem}.docx"
        build_docx(normalised_lines(seed, args.doingoai), path)
        docx_paths.append(path)
        print(f"wrote {path.relative_to(REPO)}")
    convert_to_pdf(docx_paths, outdir)
    for p in docx_paths:
        print(f"wrote {p.with_suffix('.pdf').relative_to(REPO)}")
    make_scanned(docx_paths[0].with_suffix(".pdf"), FIXTURES / "scanned.pdf")
    print(f"wrote {(FIXTURES / 'scanned.pdf').relative_to(REPO)}")


if __name__ == "__main__":
    main()
