import base64
import uuid

import pytest

from schemas.settings import DEV_ENCRYPTION_KEYS
from services.adapters.signing import SignatureError, WebhookVerifier, parse_secrets, secret_key, sign, signed_headers
from services.core.crypto import DecryptionError, Keyring, Sealed

SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TS = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


class MemoryGuard:
    def __init__(self):
        self.seen = set()

    def first_time(self, message_id, ttl_seconds):
        if message_id in self.seen:
            return False
        self.seen.add(message_id)
        return True


def verifier(*secrets):
    return WebhookVerifier([secret_key(s) for s in secrets], MemoryGuard())


def spec_headers(signature=SPEC_SIGNATURE, ts=SPEC_TS, msg_id=SPEC_ID):
    return {"webhook-id": msg_id, "webhook-timestamp": str(ts), "webhook-signature": signature}


def test_published_test_vector():
    assert sign(secret_key(SPEC_SECRET), SPEC_ID, SPEC_TS, SPEC_BODY) == SPEC_SIGNATURE
    assert verifier(SPEC_SECRET).verify(spec_headers(), SPEC_BODY, now=SPEC_TS) == SPEC_ID


def test_any_of_several_signatures_and_secrets_is_accepted():
    old, new = "whsec_" + base64.b64encode(b"old-secret").decode(), SPEC_SECRET
    headers = spec_headers(signature=f"v1,bogus= {SPEC_SIGNATURE}")
    assert verifier(old, new).verify(headers, SPEC_BODY, now=SPEC_TS + 10) == SPEC_ID


@pytest.mark.parametrize(("headers", "body", "now", "reason"), [
    (spec_headers(), SPEC_BODY + b" ", SPEC_TS, "no valid signature"),
    (spec_headers(signature="v1,AAAA"), SPEC_BODY, SPEC_TS, "no valid signature"),
    (spec_headers(signature="v2," + SPEC_SIGNATURE[3:]), SPEC_BODY, SPEC_TS, "no valid signature"),
    (spec_headers(), SPEC_BODY, SPEC_TS + 301, "outside the allowed window"),
    (spec_headers(), SPEC_BODY, SPEC_TS - 301, "outside the allowed window"),
    (spec_headers(ts="yesterday"), SPEC_BODY, SPEC_TS, "whole seconds"),
    ({"webhook-id": SPEC_ID}, SPEC_BODY, SPEC_TS, "missing"),
    (spec_headers(msg_id="x" * 201), SPEC_BODY, SPEC_TS, "too long"),
])
def test_bad_requests_are_refused_with_a_reason(headers, body, now, reason):
    with pytest.raises(SignatureError, match=reason):
        verifier(SPEC_SECRET).verify(headers, body, now=now)


def test_a_replayed_id_is_refused():
    v = verifier(SPEC_SECRET)
    v.verify(spec_headers(), SPEC_BODY, now=SPEC_TS)
    with pytest.raises(SignatureError, match="replay"):
        v.verify(spec_headers(), SPEC_BODY, now=SPEC_TS)


def test_signed_headers_round_trip():
    key = secret_key(SPEC_SECRET)
    headers = signed_headers(key, "task-1", b"{}")
    assert WebhookVerifier([key], MemoryGuard()).verify(headers, b"{}") == "task-1"


def test_secrets_parse_and_reject_garbage():
    assert len(parse_secrets(f"{SPEC_SECRET}, whsec_{base64.b64encode(b'two').decode()}")) == 2
    assert parse_secrets("plain-secret") == [b"plain-secret"]
    with pytest.raises(ValueError, match="at least one"):
        parse_secrets(" , ")
    with pytest.raises(ValueError, match="base64"):
        parse_secrets("whsec_***")


TENANT = uuid.uuid4()


def test_encryption_round_trip_and_fresh_nonces():
    ring = Keyring.parse(DEV_ENCRYPTION_KEYS)
    first = ring.seal("Hello, do you deliver to Accra?", tenant=TENANT, chat="233200000000@c.us")
    second = ring.seal("Hello, do you deliver to Accra?", tenant=TENANT, chat="233200000000@c.us")
    assert first.nonce != second.nonce and first.ciphertext != second.ciphertext
    assert len(first.nonce) == 12 and first.key_id == "dev1"
    assert b"Accra" not in first.ciphertext
    assert ring.open(first, tenant=TENANT, chat="233200000000@c.us") == "Hello, do you deliver to Accra?"


def test_tampering_and_moving_records_are_detected():
    ring = Keyring.parse(DEV_ENCRYPTION_KEYS)
    sealed = ring.seal("price list please", tenant=TENANT, chat="a@c.us")
    flipped = bytes([sealed.ciphertext[0] ^ 1]) + sealed.ciphertext[1:]
    with pytest.raises(DecryptionError, match="altered"):
        ring.open(Sealed(flipped, sealed.nonce, sealed.key_id), tenant=TENANT, chat="a@c.us")
    with pytest.raises(DecryptionError):
        ring.open(sealed, tenant=uuid.uuid4(), chat="a@c.us")
    with pytest.raises(DecryptionError):
        ring.open(sealed, tenant=TENANT, chat="b@c.us")


def test_rotation_keeps_old_records_readable():
    old_key = base64.b64encode(b"o" * 32).decode()
    new_key = base64.b64encode(b"n" * 32).decode()
    before = Keyring.parse(f"k1:{old_key}")
    sealed = before.seal("old message", tenant=TENANT, chat="c")
    after = Keyring.parse(f"k2:{new_key},k1:{old_key}")
    assert after.open(sealed, tenant=TENANT, chat="c") == "old message"
    assert after.seal("new", tenant=TENANT, chat="c").key_id == "k2"
    with pytest.raises(DecryptionError, match="not configured"):
        Keyring.parse(f"k2:{new_key}").open(sealed, tenant=TENANT, chat="c")


@pytest.mark.parametrize(("raw", "reason"), [
    ("", "no encryption key"),
    ("nokeyid", "key_id:base64"),
    ("k1:***", "not valid base64"),
    ("k1:" + base64.b64encode(b"short").decode(), "32 bytes"),
])
def test_bad_keyrings_are_refused(raw, reason):
    with pytest.raises(ValueError, match=reason):
        Keyring.parse(raw)
