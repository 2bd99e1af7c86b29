import base64
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from schemas.settings import (
    DEV_SECRET_KEY,
    SECRET_DEFAULTS,
    InsecureSettingsError,
    Settings,
    SettingsError,
    required,
    revealed,
)

STRONG = "whsec_" + base64.b64encode(bytes(range(32))).decode()
GOOD_SECRETS = {
    "SALESBOY_SECRET_KEY": "s" * 48,
    "CHAT_ENCRYPTION_KEYS": "k2:" + "A" * 43 + "=",
    "WHATSAPP_WEBHOOK_SECRETS": STRONG,
    "N8N_SIGNING_SECRET": STRONG,
    "N8N_CALLBACK_SECRETS": STRONG,
    "FLOWER_PASSWORD": "a-long-operator-password",
    "PUBLIC_URL": "https://salesboy.example",
}


def test_development_runs_on_defaults():
    settings = Settings(_env_file=None)
    assert settings.env == "development"
    assert settings.secret_key.get_secret_value() == DEV_SECRET_KEY
    assert settings.database_url is None


def test_production_with_a_default_secret_names_it():
    values = {**GOOD_SECRETS, "N8N_SIGNING_SECRET": SECRET_DEFAULTS["N8N_SIGNING_SECRET"]}
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, SALESBOY_ENV="production", **values)
    message = str(caught.value)
    assert "N8N_SIGNING_SECRET still has its development default" in message
    assert "FLOWER_PASSWORD" not in message


def test_production_with_every_secret_missing_names_each(monkeypatch):
    monkeypatch.setenv("SALESBOY_ENV", "production")
    for name in SECRET_DEFAULTS:
        monkeypatch.setenv(name, "")
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)
    for name in SECRET_DEFAULTS:
        assert f"{name} is missing" in str(caught.value)


def test_production_short_secret_key_is_refused():
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(_env_file=None, SALESBOY_ENV="production", **{**GOOD_SECRETS, "SALESBOY_SECRET_KEY": "short"})


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("WHATSAPP_WEBHOOK_SECRETS", "whsec_" + base64.b64encode(b"x").decode(), "at least 32 random bytes"),
    ("N8N_CALLBACK_SECRETS", STRONG + ",whsec_c2hvcnQ=", "at least 32 random bytes"),
    ("N8N_SIGNING_SECRET", "whsec_not base64!", "at least 32 random bytes"),
    ("FLOWER_PASSWORD", "x", "FLOWER_PASSWORD must be at least 16 characters"),
    ("PUBLIC_URL", "", "PUBLIC_URL is missing"),
    ("PUBLIC_URL", "http://salesboy.example", "PUBLIC_URL must start with https://"),
])
def test_production_refuses_weak_secrets_and_a_missing_public_url(monkeypatch, name, value, expected):
    monkeypatch.delenv(name, raising=False)
    values = {**GOOD_SECRETS, name: value} if value else {k: v for k, v in GOOD_SECRETS.items() if k != name}
    with pytest.raises(ValidationError, match=expected):
        Settings(_env_file=None, SALESBOY_ENV="production", **values)


def test_production_with_real_secrets_starts():
    settings = Settings(_env_file=None, SALESBOY_ENV="production", **GOOD_SECRETS)
    assert settings.is_production


def test_insecure_error_is_a_value_error():
    assert issubclass(InsecureSettingsError, ValueError)


def test_environment_is_read_when_settings_are_built_not_at_import(monkeypatch):
    monkeypatch.setenv("API_PORT", "9123")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = Settings(_env_file=None)
    assert settings.api_port == 9123
    assert settings.log_level == "DEBUG"


def test_dotenv_file_is_read(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("API_PORT=9345\nSALESBOY_DATA_DIR=/srv/salesboy\n")
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert settings.api_port == 9345
    assert str(settings.resolved_log_dir) == "/srv/salesboy/logs"


def test_bad_values_are_rejected_with_the_field_named():
    with pytest.raises(ValidationError, match="API_PORT"):
        Settings(_env_file=None, API_PORT=70000)


def test_visibility_timeout_must_outlast_task_time_limit():
    with pytest.raises(ValidationError, match="BROKER_VISIBILITY_TIMEOUT_SECONDS"):
        Settings(_env_file=None, TASK_TIME_LIMIT_SECONDS=600, BROKER_VISIBILITY_TIMEOUT_SECONDS=300)


def test_env_example_documents_every_setting_and_nothing_else():
    text = (Path(__file__).resolve().parents[2] / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", text, re.M))
    expected = {field.alias for field in Settings.model_fields.values()}
    assert documented == expected


def test_env_example_values_load_in_development(tmp_path, monkeypatch):
    example = Path(__file__).resolve().parents[2] / ".env.example"
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(example.read_text())
    settings = Settings()
    assert settings.api_port == 8000 and settings.database_url in (None, "")


def test_a_setting_used_unset_says_which():
    with pytest.raises(SettingsError, match="PINECONE_HOST is not set"):
        required(None, "PINECONE_HOST")
    assert required("https://h.example", "PINECONE_HOST") == "https://h.example"
    with pytest.raises(SettingsError, match="OUTBOUND_GATEWAY_SECRET is not set"):
        revealed(None, "OUTBOUND_GATEWAY_SECRET")
    assert revealed(Settings(_env_file=None).secret_key, "SALESBOY_SECRET_KEY") == DEV_SECRET_KEY
