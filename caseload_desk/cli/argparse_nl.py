"""Dutch for argparse's own words (usage, headings, errors), so every --help speaks Dutch.

argparse looks its strings up through its module-level gettext functions `_` and
`ngettext`; `install()` replaces them with a Dutch catalogue before any parser is built.
The catalogue holds every string of argparse in Python 3.11 to 3.13 (tests/test_cli_dutch.py
checks it against the running Python). One string is not looked up in 3.11: the help of
`--version`, which main.py passes itself (VERSION_HELP).
"""

from __future__ import annotations

import argparse

VERSION_HELP = "toon het versienummer en stop"

_NL = {
    # Help
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "subcommands": "opdrachten",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": VERSION_HELP,
    " (default: %(default)s)": " (standaard: %(default)s)",
    "%(heading)s:": "%(heading)s:",
    # Errors and warnings of the user
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: waarschuwing: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "de volgende argumenten zijn verplicht: %s",
    "one of the arguments %s is required": "één van de argumenten %s is verplicht",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected at most one argument": "verwacht hooguit één waarde",
    "expected %s argument": "verwacht %s waarde",
    "expected %s arguments": "verwacht %s waarden",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s past op %(matches)s"
    ),
    "ignored explicit argument %r": "waarde %r genegeerd",
    "unexpected option string: %s": "onverwachte optie: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "onbekende opdracht %(parser_name)r (kies uit: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    'argument "-" with mode %r': 'argument "-" met modus %r',
    "option '%(option)s' is deprecated": "optie '%(option)s' is verouderd",
    "argument '%(argument_name)s' is deprecated": "argument '%(argument_name)s' is verouderd",
    "command '%(parser_name)s' is deprecated": "opdracht '%(parser_name)s' is verouderd",
    # Mistakes in building a parser: for developers, but Dutch all the same
    "%r is not callable": "%r is niet aanroepbaar",
    ".__call__() not defined": ".__call__() is niet gedefinieerd",
    "'required' is an invalid argument for positionals": (
        "'required' kan niet bij een positioneel argument"
    ),
    "cannot have multiple subparser arguments": "er kan maar één argument met opdrachten zijn",
    "cannot merge actions - two groups are named %r": (
        "kan acties niet samenvoegen: twee groepen heten %r"
    ),
    "conflicting option string: %s": "conflicterende optie: %s",
    "conflicting option strings: %s": "conflicterende opties: %s",
    "conflicting subparser: %s": "conflicterende opdracht: %s",
    "conflicting subparser alias: %s": "conflicterende alias van een opdracht: %s",
    "dest= is required for options like %r": "dest= is verplicht voor opties zoals %r",
    "invalid conflict_resolution value: %r": "ongeldige waarde voor conflict_resolution: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "ongeldige optie %(option)r: moet beginnen met een teken uit %(prefix_chars)r"
    ),
    "mutually exclusive arguments must be optional": (
        "argumenten die elkaar uitsluiten moeten optioneel zijn"
    ),
}


def translate(message: str) -> str:
    return _NL.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def install() -> None:
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
