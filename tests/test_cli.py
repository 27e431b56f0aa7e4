"""The command line as a pharmacist meets it: names, languages, exit statuses, messages."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import REPO, run


@pytest.mark.parametrize("alias", ["zh-HK", "zh_HK", "zh-Hant-HK"])
def test_language_aliases_give_the_zh_hk_file(tmp_path, alias):
    result = run("build", "baclofen", "--lang", alias, "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["baclofen.zh-HK.pdf"]
    assert f"wrote {tmp_path}/baclofen.zh-HK.pdf (" in result.stdout
    assert re.search(r"^1 built, 0 up to date, 0 failed in \d+\.\d s\.\n\Z", result.stdout, re.M)


def test_unknown_leaflet_is_a_usage_error(tmp_path):
    result = run("build", "ibuprofin", "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no such leaflet: ibuprofin (known: ")
    assert "baclofen" in result.stderr


def test_unknown_language_is_a_usage_error(tmp_path):
    result = run("build", "baclofen", "--lang", "xx-QQ", "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 2
    assert result.stderr == "error: unknown language 'xx-QQ' (try en or zh-HK)\n"


def test_a_language_without_a_catalog_is_refused_with_advice_that_works(baclofen_only,
                                                                         tmp_path):
    project = baclofen_only
    result = run("build", "baclofen", "--lang", "ja", "--out", str(tmp_path), root=project)
    assert result.exit_code == 1
    assert "error: locales/ja/LC_MESSAGES/baclofen.po: [untranslated] no ja catalog: run " \
        "'medleaf i18n init ja'" in result.stderr
    assert run("i18n", "init", "ja", root=project).exit_code == 0
    (project / "locales/ja/LC_MESSAGES/baclofen.po").unlink()  # a leaflet added later
    result = run("build", "baclofen", "--lang", "ja", "--out", str(tmp_path), root=project)
    advice = "medleaf i18n update --locale ja baclofen"
    assert f"error: locales/ja/LC_MESSAGES/baclofen.po: [untranslated] no ja catalog: run " \
        f"'{advice}'" in result.stderr
    assert run(*advice.split()[1:], root=project).exit_code == 0
    assert (project / "locales/ja/LC_MESSAGES/baclofen.po").is_file()


def test_root_must_be_a_leaflet_project(tmp_path):
    result = run("list", root=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path} is not a medleaf project: it has no " \
        "leaflets/ folder\n"


def test_list_shows_languages_and_last_modified():
    result = run("list", root=REPO)
    assert result.exit_code == 0
    assert re.search(r"^baclofen\s+en zh-HK\s+2026-12-01$", result.stdout, re.M)


def test_html_prints_what_weasyprint_receives():
    result = run("html", "baclofen", "--lang", "zh-HK", root=REPO)
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-Hant-HK" dir="ltr">' in result.stdout
    assert "巴氯芬" in result.stdout


def test_the_installed_command_runs_as_a_new_process(tmp_path):
    """The console script a pharmacist types, from a clean process, in the project folder."""
    medleaf = REPO / ".venv" / "bin" / "medleaf"
    command = [str(medleaf)] if medleaf.exists() else [sys.executable, "-m", "medleaf"]
    done = subprocess.run([*command, "build", "baclofen", "--lang", "en", "--out",
                           str(tmp_path)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "baclofen.en.pdf").read_bytes().startswith(b"%PDF-")
    assert done.stderr == ""


def test_every_command_has_help():
    from medleaf.cli import cli

    def commands(group, prefix=()):
        for name, command in group.commands.items():
            yield (*prefix, name), command
            if hasattr(command, "commands"):
                yield from commands(command, (*prefix, name))

    for path, command in commands(cli):
        assert command.help, path
        assert run(*path, "--help").exit_code == 0


def help_text(result) -> str:
    """A --help as one line: click wraps it (after a hyphen too)."""
    return " ".join(result.stdout.split()).replace("- ", "-")


def test_lang_help_lists_the_projects_own_languages(project):
    (project / "locales/ja/LC_MESSAGES").mkdir(parents=True)
    result = run("build", "--help", root=project)
    assert result.exit_code == 0, result.output
    assert "--lang TEXT en, ja, zh-HK or all (this project's languages); also written " \
        "zh_HK, zh-Hant-HK; may be repeated. [default: all]" in help_text(result)
    result = run("html", "--help", root=project)
    assert "--lang TEXT en, ja or zh-HK (this project's languages); also written zh_HK, " \
        "zh-Hant-HK. [default: en]" in help_text(result)


@pytest.mark.parametrize("broken", ["no project", "a folder that is no locale"])
def test_lang_help_shows_where_the_projects_languages_cannot_be_read(project, tmp_path,
                                                                     broken):
    if broken == "no project":
        project = tmp_path / "nowhere"
    else:
        (project / "locales/xx_QQ/LC_MESSAGES").mkdir(parents=True)
    result = run("build", "--help", root=project)
    assert result.exit_code == 0, result.output
    assert "--lang TEXT en, zh-HK (also zh_HK, zh-Hant-HK) or all; may be repeated." \
        in help_text(result)
    assert run("check", "--help", root=project).exit_code == 0
