from tregua.settings import Settings


def test_every_setting_is_documented() -> None:
    undocumented = [name for name, f in Settings.model_fields.items() if not f.description]
    assert undocumented == []


def test_settings_from_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TREGUA_DB", "sqlite:///other.db")
    assert Settings().db == "sqlite:///other.db"
