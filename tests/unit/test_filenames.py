import pytest

from pipelines.filenames import safe_filename


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
