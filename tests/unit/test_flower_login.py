import stat

from schemas.settings import Settings
from services.runtime.runtime import flower_login


def test_development_password_is_random_per_data_dir_kept_owner_only_and_reused(tmp_path):
    first = flower_login(Settings(_env_file=None, SALESBOY_DATA_DIR=str(tmp_path / "a")))
    again = flower_login(Settings(_env_file=None, SALESBOY_DATA_DIR=str(tmp_path / "a")))
    other = flower_login(Settings(_env_file=None, SALESBOY_DATA_DIR=str(tmp_path / "b")))
    assert first.created_at == (tmp_path / "a" / "flower-password").resolve()
    assert stat.S_IMODE(first.created_at.stat().st_mode) == 0o600
    assert len(first.password) >= 16
    assert again.password == first.password and again.created_at is None
    assert other.password != first.password


def test_flower_password_setting_wins_and_writes_nothing(tmp_path):
    login = flower_login(Settings(_env_file=None, SALESBOY_DATA_DIR=str(tmp_path),
                                  FLOWER_PASSWORD="an-operator-chosen-password"))
    assert login.password == "an-operator-chosen-password"
    assert login.created_at is None
    assert not (tmp_path / "flower-password").exists()
