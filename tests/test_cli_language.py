"""Choosing the language: --sprak, OVELSE_SPRAK, the settings file; unknown codes warn and fall back."""

from __future__ import annotations

import pytest

from ovelse import cli, i18n
from ovelse.settings import user_language


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("OVELSE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("OVELSE_SPRAK", raising=False)
    yield
    i18n.set_language("nb")


def _run_help(capsys, *argv: str) -> tuple[str, str]:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*argv, "--help"])
    assert exit_info.value.code == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def _help(capsys, *argv: str) -> str:
    return _run_help(capsys, *argv)[0]


def test_help_in_bokmal_by_default(capsys):
    assert "sjekk scenariofiler" in _help(capsys)


def test_flag_gives_nynorsk_help(capsys):
    out = _help(capsys, "--sprak", "nn")
    assert "Køyr diskusjonsøvingar" in out
    assert "Kjør diskusjonsøvelser" not in out


def test_flag_with_equals_and_alias(capsys):
    assert "Køyr" in _help(capsys, "--språk=nn")


def test_environment_gives_nynorsk(capsys, monkeypatch):
    monkeypatch.setenv("OVELSE_SPRAK", "nn")
    assert "Køyr" in _help(capsys)


def test_flag_beats_environment(capsys, monkeypatch):
    monkeypatch.setenv("OVELSE_SPRAK", "nn")
    assert "Kjør" in _help(capsys, "--sprak", "nb")


def test_saved_setting_is_used(capsys):
    assert cli.main(["sprak", "nn"]) == 0
    assert "nynorsk" in capsys.readouterr().out
    i18n.set_language("nb")
    assert user_language().language == "nn"
    assert "Køyr" in _help(capsys)


def test_unknown_code_in_environment_warns_and_falls_back(capsys, monkeypatch):
    monkeypatch.setenv("OVELSE_SPRAK", "xx\x1b[31m")
    out, err = _run_help(capsys)
    assert "Kjør" in out
    assert "OVELSE_SPRAK" in err and "xx" in err
    assert "\x1b" not in err  # the code is shown, not interpreted by the terminal


def test_unknown_code_in_settings_file(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "innstillinger.toml").write_text('sprak = "fr"\n', encoding="utf-8")
    choice = user_language()
    assert choice.language == "nb"
    assert choice.problem and "fr" in choice.problem


def test_broken_settings_file_is_reported(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "innstillinger.toml").write_text("sprak = = nn\n", encoding="utf-8")
    choice = user_language()
    assert choice.language is None
    assert choice.problem


def test_saving_an_unknown_code_is_refused(capsys):
    assert cli.main(["sprak", "fr"]) == 2
    assert "fr" in capsys.readouterr().err


def test_role_catalogue_in_nynorsk(capsys):
    assert cli.main(["--sprak", "nn", "roller"]) == 0
    out = capsys.readouterr().out
    assert "Kriseleiing:" in out and "Øvingsroller:" in out
    assert "Kriseledelse:" not in out
