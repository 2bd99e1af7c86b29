import pytest

from pipelines.filenames import display_filename, safe_filename


@pytest.mark.parametrize(("raw", "safe"), [
    ("price-list.pdf", "price-list.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
    ("/absolute/path/file.txt", "file.txt"),
    ("..", "document"),
    ("", "document"),
    ("   ", "document"),
    ("na\u00efve caf\u00e9 menu.docx", "naive cafe menu.docx"),
    ("evil\x00name\r\n.pdf", "evilname.pdf"),
    ("<script>alert(1)</script>.html", "script_.html"),
    ("\u202egnp.exe", "gnp.exe"),
    (".hidden", "document.hidden"),
    ("\u4ef7\u683c\u8868.xlsx", "document.xlsx"),
])
def test_safe_filename(raw, safe):
    assert safe_filename(raw) == safe


def test_long_names_keep_their_extension():
    name = safe_filename("a" * 300 + ".xlsx")
    assert len(name) <= 120 and name.endswith(".xlsx")


def test_long_names_without_extension_are_cut():
    assert len(safe_filename("b" * 300)) == 120


def test_a_storage_key_from_a_name_in_another_script_is_never_punctuation_alone():
    assert safe_filename("Прайс-лист 価格表 🍩.txt") == "document.txt"
    assert safe_filename("قائمة الأسعار.txt") == "document.txt"


@pytest.mark.parametrize(("raw", "shown"), [
    ("價格表.txt", "價格表.txt"),
    ("قائمة الأسعار.txt", "قائمة الأسعار.txt"),
    ("Прайс-лист 価格表 🍩.txt", "Прайс-лист 価格表 🍩.txt"),
    ("cafe\u0301 menu.docx", "caf\u00e9 menu.docx"),  # NFC: one letter é, as typed on most keyboards
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
    ("..", "document"),
    ("", "document"),
    ("   ", "document"),
    ("evil\x00name\r\n.pdf", "evilname.pdf"),
    ("\u202egnp.exe", "gnp.exe"),
    ("price\u200b list\u2066.pdf", "price list.pdf"),
    (".hidden", "document.hidden"),
    ("CON.txt", "_CON.txt"),
    ("nul", "_nul"),
    ('a&b <menu> "x".html', 'a&b <menu> "x".html'),  # kept as typed: every page escapes it
])
def test_the_name_shown_keeps_every_script_and_drops_only_the_unsafe(raw, shown):
    assert display_filename(raw) == shown


def test_a_long_name_shown_is_cut_in_bytes_on_a_letter_boundary_keeping_its_extension():
    name = display_filename("價" * 300 + ".xlsx")
    assert len(name.encode()) <= 200 and name.endswith("價.xlsx")
    assert len(display_filename("b" * 300).encode()) == 200
