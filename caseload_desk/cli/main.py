"""The `caseload-desk` command: GUI without arguments, headless subcommands otherwise."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from caseload_desk import __version__
from caseload_desk.cli import argparse_nl
from caseload_desk.cli.common import EXIT_BAD_INPUT, EXIT_UNEXPECTED, CliError, err
from caseload_desk.importer import FileRefused
from caseload_desk.store import StoreError

argparse_nl.install()

from caseload_desk.cli import (  # noqa: E402
    audit_cmd,
    backup_cmd,
    demo_cmd,
    export_cmd,
    gui_cmd,
    import_cmd,
    monitor_cmd,
    signals_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-desk",
        description="Caseload Desk: signalen en acties voor het caseloadgesprek. "
        "Zonder opdracht start de grafische toepassing.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Caseload Desk {__version__}",
        help=argparse_nl.VERSION_HELP,  # Python 3.11 does not translate its own
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="controleer of de installatie werkt (demo in een tijdelijke map) en stop",
    )
    sub = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", dest="command")
    import_cmd.register(sub)
    demo_cmd.register(sub)
    signals_cmd.register(sub)
    monitor_cmd.register(sub)
    export_cmd.register(sub)
    backup_cmd.register(sub)
    audit_cmd.register(sub)
    gui_cmd.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if os.name == "posix":
        # Every file the app creates (database, journal, backups, exports, reports) holds
        # children's names: the owner's only, whatever the umask of the shell (on Windows
        # the user profile's ACL protects them).
        os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from caseload_desk.ui.selftest import run_self_test  # deferred: needs Qt

        return run_self_test()
    if args.command is None:
        args = parser.parse_args(["gui"])
    try:
        return int(args.run(args))
    except (CliError, StoreError, FileRefused) as exc:
        err(f"Fout: {exc}")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error for us.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt:
        err("Afgebroken.")
        return EXIT_UNEXPECTED
    except Exception as exc:
        # No message text: it could hold personal data. The type helps support.
        err(f"Onverwachte fout ({type(exc).__name__}). Er is niets half opgeslagen.")
        if os.environ.get("CASELOAD_DESK_DEBUG"):
            traceback.print_exc()
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
