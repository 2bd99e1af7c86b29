"""Upload sizes: every refusal names the limit in MB, and the files the page allows fit in one request."""

from __future__ import annotations

import io

from services.usecases.apikeys import create_api_key

MB = 1024 * 1024


def _text(size: int, word: str) -> io.BytesIO:
    return io.BytesIO((f"{word} costs 12 EUR. " * (size // 20 + 1)).encode()[:size])


def test_files_each_under_the_limit_are_uploaded_together_though_the_request_is_over_25_mb(browser, settings):
    assert settings.kb_max_upload_bytes == 20 * MB and settings.max_request_bytes == 25 * MB
    browser.sign_up()
    page = browser.get("/dashboard/kb").get_data(as_text=True)
    assert "up to 20 files at a time" in page and "20.0 MB each" in page
    files = [(_text(14 * MB, word), f"{word}.txt") for word in ("Espresso", "Filter")]
    sent = browser.post("/dashboard/kb/upload", {"files": files}, page="/dashboard/kb",
                        content_type="multipart/form-data", follow_redirects=True)
    text = sent.get_data(as_text=True)
    assert sent.status_code == 200, text[:2000]
    assert "Espresso.txt: uploaded" in text and "Filter.txt: uploaded" in text


def test_every_size_refusal_names_the_limit_in_megabytes(browser, container):
    email = browser.sign_up()
    sent = browser.post("/dashboard/kb/upload", {"files": [(_text(21 * MB, "Espresso"), "big.txt")]},
                        page="/dashboard/kb", content_type="multipart/form-data", follow_redirects=True)
    assert "big.txt: the file is 21.0 MB; files can be up to 20.0 MB each" in sent.get_data(as_text=True)

    with container.system_uow() as uow:
        user_id = uow.conn.execute("select id from auth.users where email = %s", [email]).fetchone()[0]
    key = {"X-API-KEY": create_api_key(container.tenant_uow, user_id, "uploads")[0]}
    client = browser.client
    over_file = client.post("/api/kb/upload", headers=key, content_type="multipart/form-data",
                            data={"file": (_text(21 * MB, "Filter"), "big.txt")})
    assert over_file.status_code == 413
    assert over_file.get_json()["message"] == "the file is 21.0 MB; files can be up to 20.0 MB each"
    over_request = client.post("/api/kb/upload", headers=key, content_type="multipart/form-data",
                               data={"file": (_text(30 * MB, "Filter"), "huge.txt")})
    assert over_request.status_code == 413
    message = over_request.get_json()["message"]
    assert "25.0 MB in all" in message and "each file can be up to 20.0 MB" in message, message
