"""argparse's own words in Dutch: help, version, and the errors a user can make."""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from caseload_desk.cli import argparse_nl
from caseload_desk.cli.main import build_parser, main

COMMANDS = [
    "import",
    "demo",
    "signals",
    "export",
    "backup",
    "restore",
    "audit",
    "instellingen",
    "gui",
]


def argparse_messages() -> set[str]:
    """Every string the running argparse passes to gettext (`_(...)`, `ngettext(...)`)."""
    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
            for arg in node.args[:2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def english_phrases() -> set[str]:
    """The English words of argparse's messages, without their placeholders:
    "usage", "options", "the following arguments are required", "invalid choice", ..."""
    phrases = {
        "show program's version number and exit",  # Python 3.11: not looked up
        "error:",  # "error" alone is also the placeholder %(error)s in the Dutch
    }
    dutch = " ".join(argparse_nl._NL.values()).lower()
    for message in argparse_messages():
        for part in re.split(r"%\(\w+\)[a-z]|%[a-z]", message):
            part = part.strip(" :.-'\"()\n")
            # "argument" is Dutch too: only what the Dutch text does not say itself
            if len(part) >= 5 and part.lower() not in dutch:
                phrases.add(part)
    return phrases


def test_every_argparse_message_has_dutch() -> None:
    messages = argparse_messages()
    assert "usage: " in messages and "show this help message and exit" in messages
    missing = sorted(m for m in messages if m not in argparse_nl._NL)
    assert not missing, f"argparse_nl mist: {missing}"
    assert "invalid choice" in english_phrases() and "options" in english_phrases()


def test_the_dutch_keeps_the_placeholders() -> None:
    """A placeholder lost or misspelt in the Dutch text would crash argparse's `%`: the
    positional ones (%s, %r) all, in order; a named one may be left out, not invented."""
    for english, dutch in argparse_nl._NL.items():
        assert re.findall(r"%[a-z]", english) == re.findall(r"%[a-z]", dutch), english
        named = set(re.findall(r"%\(\w+\)[a-z]", dutch))
        assert named <= set(re.findall(r"%\(\w+\)[a-z]", english)), english


def assert_dutch(text: str) -> None:
    found = sorted(p for p in english_phrases() if p.lower() in text.lower())
    assert not found, f"Engels in de uitvoer: {found}\n{text}"


def run(capsys, monkeypatch, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("COLUMNS", "200")  # no phrase split over two lines
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    return int(info.value.code or 0), out.out + out.err


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_dutch(capsys, monkeypatch, command: list[str]) -> None:
    code, text = run(capsys, monkeypatch, *command, "--help")
    assert code == 0
    assert text.startswith("gebruik: caseload-desk")
    assert "opties:" in text and "-h, --help  " in text and "toon deze hulp en stop" in text
    assert_dutch(text)


def test_main_help_lists_the_commands_in_dutch(capsys, monkeypatch) -> None:
    _, text = run(capsys, monkeypatch, "--help")
    assert re.search(r"--version +toon het versienummer en stop", text)
    assert "opdrachten:" in text
    for command in COMMANDS:
        # argparse puts the help of a long name ("instellingen") on the next line.
        assert re.search(rf"^ +{command}( +|\n +)\S", text, re.MULTILINE), command


def test_positional_arguments_heading(capsys, monkeypatch) -> None:
    _, text = run(capsys, monkeypatch, "import", "--help")
    assert "\nargumenten:\n  PAD" in text
    assert_dutch(text)


def test_version(capsys, monkeypatch) -> None:
    code, text = run(capsys, monkeypatch, "--version")
    assert code == 0 and re.fullmatch(r"Caseload Desk \d+\.\d+\.\d+\S*\n", text)


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["import"], "fout: de volgende argumenten zijn verplicht: PAD, --db"),
        (["signals"], "fout: de volgende argumenten zijn verplicht: --db"),
        (["export", "--db", "x.db"],
         "fout: één van de argumenten --medewerker --team --alle is verplicht"),
        (["restore", "--db", "x.db"], "fout: één van de argumenten --van --nieuwste is verplicht"),
        (["signals", "--db", "x.db", "--format", "xml"],
         "argument --format: ongeldige keuze: 'xml' (kies uit 'table', 'csv', 'json')"),
        (["opruimen"], "argument OPDRACHT: ongeldige keuze: 'opruimen' (kies uit 'import'"),
        (["signals", "--db", "x.db", "--extra"], "fout: onbekende argumenten: --extra"),
        (["signals", "--db"], "argument --db: verwacht één waarde"),
        (["demo", "--db", "x.db", "--seed", "tien"], "argument --seed: ongeldige waarde: 'tien'"),
        (["export", "--db", "x.db", "--alle", "--team", "Assen"],
         "argument --team: niet toegestaan samen met --alle"),
    ],
)  # fmt: skip
def test_errors_are_dutch(capsys, monkeypatch, args: list[str], dutch: str) -> None:
    code, text = run(capsys, monkeypatch, *args)
    assert code == 2
    assert text.startswith("gebruik: caseload-desk") and ": fout: " in text
    assert dutch in text
    assert_dutch(text)


def test_ambiguous_option_is_dutch(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    parser = build_parser()
    parser.add_argument("--self-check", action="store_true")  # two options start with --self
    with pytest.raises(SystemExit):
        parser.parse_args(["--self"])
    text = capsys.readouterr().err
    assert "fout: dubbelzinnige optie: --self past op --self-test, --self-check" in text
    assert_dutch(text)


def test_the_installed_command_speaks_dutch(tmp_path: Path) -> None:
    """The real entry point, as a user runs it: the catalogue is installed on import."""
    env = {**os.environ, "COLUMNS": "200"}
    root = Path(__file__).resolve().parents[1]
    shown = subprocess.run([sys.executable, "-m", "caseload_desk", "export", "--help"],
                           capture_output=True, text=True, env=env, cwd=root, check=False)  # fmt: skip
    assert shown.returncode == 0 and shown.stdout.startswith("gebruik: caseload-desk export")
    wrong = subprocess.run([sys.executable, "-m", "caseload_desk", "signals"],
                           capture_output=True, text=True, env=env, cwd=root, check=False)  # fmt: skip
    assert wrong.returncode == 2
    assert "fout: de volgende argumenten zijn verplicht: --db" in wrong.stderr
    assert_dutch(shown.stdout + wrong.stderr)
