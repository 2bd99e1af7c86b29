import io
import zipfile

import pytest

from schemas.kb import TableSection, TextSection
from services.adapters import extract as ex
from tests import samples


@pytest.mark.parametrize(("data", "name", "mime"), [
    (samples.pdf(["Hello"]), "scan.pdf", ex.PDF),
    (samples.pdf(["Hello"]), "renamed.txt", ex.PDF),  # content wins over the name
    (samples.docx([("p", "Hi")]), "a.docx", ex.DOCX),
    (samples.xlsx({"S": [["a"], ["b"]]}), "a.xlsx", ex.XLSX),
    (samples.HTML_PAGE, "page.txt", ex.HTML),
    (b"# Title\n\ntext", "notes.md", ex.MARKDOWN),
    (b"a,b\n1,2\n", "prices.csv", ex.CSV),
    (b"just words", "readme", ex.TEXT),
    ("caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, tr\u00e8s d\u00e9licieux".encode("latin-1"), "menu.txt", ex.TEXT),
])
def test_type_is_sniffed_from_content(data, name, mime):
    assert ex.sniff_type(data, name) == mime


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "PNG image"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 20, "old Office file"),
    (b"\x00\x01\x02\x03" * 100, "binary"),
])
def test_unsupported_types_say_what_they_are(data, reason):
    with pytest.raises(ex.UnsupportedTypeError, match=reason):
        ex.sniff_type(data, "file.pdf")


def test_a_plain_zip_is_not_a_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photos/a.txt", "x")
    with pytest.raises(ex.UnsupportedTypeError, match="zip archive"):
        ex.sniff_type(out.getvalue(), "a.docx")


def test_pdf_keeps_page_numbers():
    doc = ex.extract(samples.pdf(["Blue widget costs 12 dollars.", "Red widget costs 15 dollars."]), ex.PDF)
    assert [(s.page, "widget" in s.text) for s in doc.sections] == [(1, True), (2, True)]


def test_encrypted_pdf_explains_itself():
    with pytest.raises(ex.ExtractionError, match="password-protected"):
        ex.extract(samples.pdf(["secret"], password="pw"), ex.PDF)


def test_corrupt_pdf_explains_itself():
    data = samples.pdf(["fine"])
    with pytest.raises(ex.ExtractionError, match="could not be read"):
        ex.extract(data[:200] + b"garbage" * 50, ex.PDF)


def test_pdf_page_cap():
    with pytest.raises(ex.ExtractionError, match="has 3 pages; the limit is 2"):
        ex.extract(samples.pdf(["a", "b", "c"]), ex.PDF, ex.ExtractionLimits(max_pages=2))


def test_pdf_without_text_is_refused_with_a_reason():
    with pytest.raises(ex.ExtractionError, match="No text could be extracted"):
        ex.extract(samples.pdf([""]), ex.PDF)


def test_docx_keeps_headings_and_tables():
    data = samples.docx([("h1", "Returns"), ("p", "Returns are accepted within 30 days."),
                         ("h2", "Warranty"), ("p", "Two years on all blenders.")],
                        table=[["Model", "Price"], ["B-100", "49"]])
    sections = ex.extract(data, ex.DOCX).sections
    texts = [(s.heading, s.text) for s in sections if isinstance(s, TextSection)]
    assert texts == [("Returns", "Returns are accepted within 30 days."), ("Warranty", "Two years on all blenders.")]
    table = next(s for s in sections if isinstance(s, TableSection))
    assert table.columns == ["Model", "Price"] and table.rows == [["B-100", "49"]]


def test_docx_zip_bomb_is_refused_before_parsing():
    with pytest.raises(ex.ExtractionError, match="zip bomb"):
        ex.extract(samples.zip_bomb_docx(300), ex.DOCX)


def test_xlsx_sheets_become_tables_with_row_numbers():
    data = samples.xlsx({"Prices": [[], ["Product", "Price"], ["Blue widget", 12.0], ["Red widget", 15.5]],
                         "Empty": []})
    (table,) = ex.extract(data, ex.XLSX).sections
    assert table.sheet == "Prices" and table.columns == ["Product", "Price"] and table.first_row == 3
    assert table.rows == [["Blue widget", "12"], ["Red widget", "15.5"]]


def test_xlsx_row_cap():
    data = samples.xlsx({"S": [["a"]] + [[str(i)] for i in range(10)]})
    with pytest.raises(ex.ExtractionError, match="more than 5 rows"):
        ex.extract(data, ex.XLSX, ex.ExtractionLimits(max_rows=5))


def test_html_drops_scripts_and_styles_and_splits_on_headings():
    sections = ex.extract(samples.HTML_PAGE, ex.HTML).sections
    assert [s.heading for s in sections] == ["Delivery information", "Opening hours"]
    everything = " ".join(s.text for s in sections)
    assert "do not index" not in everything and "color:red" not in everything
    assert "Saturday: 10am - 2pm" in sections[1].text


def test_markdown_headings():
    data = b"Intro line\n\n# Prices\nTea 2 USD\n\n## Coffee ##\nEspresso 3 USD\n"
    sections = ex.extract(data, ex.MARKDOWN).sections
    assert [(s.heading, s.text) for s in sections] == [(None, "Intro line"), ("Prices", "Tea 2 USD"),
                                                       ("Coffee", "Espresso 3 USD")]


def test_text_encoding_is_detected():
    data = "Prix: caf\u00e9 2 \u20ac, th\u00e9 3 \u20ac, cr\u00eape 4 \u20ac".encode("cp1252")
    (section,) = ex.extract(data, ex.TEXT).sections
    assert "caf\u00e9" in section.text and "\u20ac" in section.text


def test_csv_dialect_is_sniffed():
    (table,) = ex.extract(b"Product;Price\nMug;4\nCup;3\n", ex.CSV).sections
    assert table.columns == ["Product", "Price"] and table.rows == [["Mug", "4"], ["Cup", "3"]]


def test_unknown_type_is_refused():
    with pytest.raises(ex.UnsupportedTypeError):
        ex.extract(b"x", "image/png")
