"""Documents made on the fly for tests: a business's price list, FAQ, catalogue."""

from __future__ import annotations

import io
import random
import zipfile

import docx as python_docx
import openpyxl
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter


def pdf(pages: list[str], password: str | None = None) -> bytes:
    doc = FPDF()
    doc.set_font("helvetica", size=11)
    for text in pages:
        doc.add_page()
        doc.multi_cell(0, 6, text)
    data = bytes(doc.output())
    if password is None:
        return data

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(blocks: list[tuple[str, str]], table: list[list[str]] | None = None) -> bytes:
    """blocks: (style, text) with style "h1"/"h2" for headings or "p" for paragraphs."""
    document = python_docx.Document()
    for style, text in blocks:
        if style.startswith("h"):
            document.add_heading(text, level=int(style[1:]))
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bomb_docx(size_mb: int = 300) -> bytes:
    """A .docx-shaped zip whose one member expands to size_mb of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/filler.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size_mb):
                member.write(chunk)
    return out.getvalue()


HTML_PAGE = b"""<!DOCTYPE html><html><head><title>Acme</title><style>body{color:red}</style>
<script>var secret = "do not index";</script></head><body>
<h1>Delivery information</h1><p>We deliver to Lagos, Abuja and Accra within 3 working days.</p>
<p>Delivery is free for orders above 50,000 NGN.</p>
<h2>Opening hours</h2><ul><li>Monday to Friday: 8am - 6pm</li><li>Saturday: 10am - 2pm</li></ul>
</body></html>"""


_PRODUCTS = ["widget", "blender", "kettle", "sneaker", "handbag", "phone case", "desk lamp", "rice cooker",
             "water filter", "office chair", "backpack", "wristwatch", "yoga mat", "coffee grinder"]
_CITIES = ["Lagos", "Abuja", "Accra", "Nairobi", "Kano", "Ibadan", "Kumasi", "Port Harcourt"]
_TOPICS = ["delivery", "refunds", "warranty", "payment", "opening hours", "discounts", "sizes", "colours"]
_CHAT_WORDS = ["abeg", "wetin", "dey", "price", "deliver", "café", "naïve", "₦5,000", "😀", "refund", "ok", "pls",
               "how far", "I wan buy", "na", "this one", "Größe", "très bien", "asap", "tomorrow", "?", "!!"]


def realistic_texts(count: int, seed: int = 7) -> list[str]:
    """What the embedder sees: customer questions, catalogue lines, FAQ chunks of up to ~200 tokens
    (some longer than the model reads), chatty messages with pidgin, accents and emoji."""
    rng = random.Random(seed)
    texts = []
    for i in range(count):
        product, city, topic = rng.choice(_PRODUCTS), rng.choice(_CITIES), rng.choice(_TOPICS)
        kind = i % 5
        if kind == 0:
            texts.append(f"How much is the {product} in {city}, and can you deliver it by Friday?")
        elif kind == 1:
            texts.append(f"The {product} model {rng.randint(100, 999)} costs {rng.randint(2, 400) * 500} naira at "
                         f"our {city} store and ships in {rng.randint(1, 5)} days.")
        elif kind == 2:
            texts.append(" ".join(
                f"Section {j} on {topic}: when a customer asks about the {product}, explain that it is stocked in "
                f"warehouse {j % 7} and covered by our {1 + j % 3} year guarantee."
                for j in range(rng.randint(1, 9))))
        elif kind == 3:
            texts.append(" ".join(rng.choice(_CHAT_WORDS) for _ in range(rng.randint(1, 30))))
        else:
            texts.append(f"Q: Do you accept {topic} questions on WhatsApp?\nA: Yes. Send us a message any time; "
                         f"our {city} team answers within {rng.randint(1, 48)} hours.")
    return texts
