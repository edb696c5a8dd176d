"""Audit log in the style of NEN 7513: who did what, when, to which measure (ids only).

Each entry stores the hash of the previous one, so editing or deleting an entry in the
file breaks the chain, and `verify_chain` finds where.

Entries made while the file cannot be written (a read-only session, a locked file) are
kept in a side log in the user's settings folder (`side_log_path`) and written into the
file, with their own time, by the next write to it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from glob import escape as glob_escape
from pathlib import Path

from caseload_desk.store import session
from caseload_desk.store.backup import Backup, label, list_backups
from caseload_desk.store.connection import Store, writing
from caseload_desk.store.errors import StoreError
from caseload_desk.store.identity import current_user
from caseload_desk.words import count

GENESIS = "0" * 64


class Event(StrEnum):
    CASELOAD_BEKEKEN = "caseload_bekeken"
    DOSSIER_GEOPEND = "dossier_geopend"
    ACTIE_AANGEMAAKT = "actie_aangemaakt"
    ACTIE_GEWIJZIGD = "actie_gewijzigd"
    ACTIE_AFGESLOTEN = "actie_afgesloten"
    ACTIE_VERWIJDERD = "actie_verwijderd"
    GESPREK_GESTART = "gesprek_gestart"
    GESPREK_AFGEROND = "gesprek_afgerond"
    GESPREK_VERWIJDERD = "gesprek_verwijderd"  # a draft thrown away
    IMPORT = "import"
    EXPORT = "export"
    INSTELLINGEN_GEWIJZIGD = "instellingen_gewijzigd"
    RESERVEKOPIE = "reservekopie"
    HERSTEL = "herstel"
    NOTITIES_GEWIJZIGD = "notities_gewijzigd"
    SIGNALEN_OPGEVRAAGD = "signalen_opgevraagd"  # `caseload-desk signals`
    WERKLAST_OPGEVRAAGD = "werklast_opgevraagd"  # `caseload-desk werklast`
    VERSLAG_OPGESLAGEN = "verslag_opgeslagen"  # the conversation report as PDF
    VERSLAG_AFGEDRUKT = "verslag_afgedrukt"
    AFSPRAKEN_OPGESLAGEN = "afspraken_opgeslagen"  # the handout as PDF
    AFSPRAKEN_AFGEDRUKT = "afspraken_afgedrukt"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class AuditEntry:
    id: int
    tijdstip: str  # UTC, ISO 8601
    gebruiker: str
    gebeurtenis: str
    medewerker_id: str
    maatregelen: str  # comma-separated ids, never names
    details: str
    vorige_hash: str
    hash: str


def _digest(prev: str, tijdstip: str, gebruiker: str, gebeurtenis: str,
            medewerker_id: str, maatregelen: str, details: str) -> str:  # fmt: skip
    payload = json.dumps(
        [prev, tijdstip, gebruiker, gebeurtenis, medewerker_id, maatregelen, details],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# A cell starting with one of these is read as a formula by a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """`value` as a spreadsheet shows it literally, for the log's CSV exports: text that
    looks like a formula gets a leading apostrophe (a worker's name or the details could
    have been written to start with '=')."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def settings_folder() -> Path:
    """The user's own settings folder for Caseload Desk (no Qt here: the CLI uses it too).
    Linux and macOS: $XDG_CONFIG_HOME or ~/.config; Windows: %APPDATA%."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "Caseload Desk"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "caseload-desk"


def file_key(path: Path) -> str:
    """A short name for a database file (its full path hashed: the path itself may hold a
    name, and it is not needed to find the file's side log or anchor)."""
    return _key(str(path), os.getcwd())


@functools.cache
def _key(path: str, cwd: str) -> str:  # cached: it runs inside every audit write
    return hashlib.sha256(str(Path(cwd, path).resolve()).encode()).hexdigest()[:20]


def side_log_path(path: Path) -> Path:
    return settings_folder() / "auditlog-wachtrij" / f"{file_key(path)}.jsonl"


_made: set[Path] = set()  # folders already made by this process


def _private_folder(folder: Path) -> None:
    if folder in _made and folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
    _made.add(folder)


def _keep(store: Store, values: tuple[str, ...]) -> None:
    """Append an entry the file cannot take now to its side log (one JSON line each)."""
    if store.path is None:
        return
    target = side_log_path(store.path)
    _private_folder(target.parent)
    line = json.dumps(dict(zip(_FIELDS, values, strict=True)), ensure_ascii=False)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())


def kept(path: Path) -> list[dict[str, str]]:
    """The entries waiting in a file's side log, oldest first."""
    return _read_lines(side_log_path(path))


def _read_lines(target: Path) -> list[dict[str, str]]:
    try:
        text = target.read_text(encoding="utf-8")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        with contextlib.suppress(ValueError):  # a line cut off by a crash
            found.append(json.loads(line))
    return found


_FIELDS = ("tijdstip", "gebruiker", "gebeurtenis", "medewerker_id", "maatregelen", "details")


# Ids this process wrote since it last set the anchor, per file (`file_key`): a row after
# the anchor that is not among them was not written by this process.
_written: dict[str, set[int]] = {}


def _insert(store: Store, values: tuple[str, ...]) -> None:
    row = store.conn.execute("SELECT hash FROM auditlog ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    cur = store.conn.execute(
        "INSERT INTO auditlog (tijdstip, gebruiker, gebeurtenis, medewerker_id, maatregelen, "
        "details, vorige_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*values, prev, _digest(prev, *values)),
    )
    if store.path is not None and cur.lastrowid is not None:
        _written.setdefault(file_key(store.path), set()).add(int(cur.lastrowid))


# The praktijkbegeleider's name as entered in the app, recorded beside the account (the
# account is who is logged in; the name is who they say they are, for the reader).
_entered_name = ""


def set_entered_name(name: str) -> None:
    global _entered_name
    _entered_name = " ".join(name.split())[:80]


def who() -> str:
    """'account (name as entered)', or the account alone."""
    return f"{current_user()} ({_entered_name})" if _entered_name else current_user()


def account_of(gebruiker: str) -> str:
    """The OS account of a log row's `gebruiker` (without the entered name)."""
    return gebruiker.split(" (", 1)[0]


def _values(
    event: Event, medewerker_id: str | None, maatregelen: Iterable[str], details: str,
    at: datetime | None,
) -> tuple[str, ...]:  # fmt: skip
    tijdstip = (at or datetime.now(UTC)).isoformat(timespec="milliseconds")
    return (tijdstip, who(), event.value, medewerker_id or "", ",".join(maatregelen),
            details)  # fmt: skip


def record(
    store: Store,
    event: Event,
    *,
    medewerker_id: str | None = None,
    maatregelen: Iterable[str] = (),
    details: str = "",
    at: datetime | None = None,
) -> None:
    """Append an entry (for a moment `at`, default now). A read-only session keeps it in
    the side log, written into the file by the next write to it."""
    values = _values(event, medewerker_id, maatregelen, details, at)
    if store.read_only:
        _keep(store, values)
        return
    _write(store, values)


def _write(store: Store, values: tuple[str, ...] | None) -> int:
    """Insert `values` (if any) after the entries waiting in the side log; how many of
    those were written. The side log is only taken in a transaction of our own: inside
    someone else's, a rollback would lose them after the side log is gone."""
    outermost = not store.conn.in_transaction
    claimed = _claim(store.path) if outermost and store.path is not None else None
    waiting = _read_lines(claimed) if claimed is not None else []
    try:
        if waiting or values is not None:
            with writing(store):
                for entry in waiting:
                    _insert(store, tuple(str(entry.get(f, "")) for f in _FIELDS))
                if values is not None:
                    _insert(store, values)
    except BaseException:
        if claimed is not None and store.path is not None:
            _give_back(claimed, side_log_path(store.path))
        raise
    if claimed is not None:  # committed: they are in the file now
        claimed.unlink(missing_ok=True)
    if waiting or values is not None:
        if outermost:
            write_anchor(store)
        elif not any(getattr(f, "func", None) is write_anchor for f in store.after_commit):
            # Inside the caller's transaction: the anchor moves when that commits, so a
            # crash before it never leaves the anchor naming a row that was not written.
            store.after_commit.append(functools.partial(write_anchor, store))
    return len(waiting)


def _claim(path: Path) -> Path | None:
    """Take the side log for writing it into the file: renamed first, so a second process
    cannot write the same entries again, and entries added meanwhile go to a new one."""
    source = side_log_path(path)
    claimed = source.with_name(f"{source.name}.{os.getpid()}.bezig")
    try:
        os.replace(source, claimed)
    except OSError:  # none waiting (or another process has just taken it)
        return None
    return claimed


def _give_back(claimed: Path, source: Path) -> None:
    """The file could not take them after all: back into the side log, oldest first."""
    with contextlib.suppress(OSError):
        newer = source.read_bytes() if source.exists() else b""
        claimed.write_bytes(claimed.read_bytes() + newer)
        os.replace(claimed, source)


def write_kept(store: Store) -> int:
    """Write the entries waiting in the file's side log (from a read-only session) into
    the file now; how many (none while inside another transaction)."""
    if store.read_only or store.path is None or store.conn.in_transaction:
        return 0
    return _write(store, None)


def record_or_keep(
    store: Store,
    event: Event,
    *,
    medewerker_id: str | None = None,
    maatregelen: Iterable[str] = (),
    details: str = "",
) -> None:
    """Record something seen or taken out of the file (a report, a printout): when the
    file cannot take it now (read-only, locked, full), it waits in the side log rather
    than failing what the user already did."""
    values = _values(event, medewerker_id, maatregelen, details, None)
    if store.read_only:
        _keep(store, values)
        return
    try:
        _write(store, values)
    except StoreError:
        _keep(store, values)


_COLS = (
    "id, tijdstip, gebruiker, gebeurtenis, medewerker_id, maatregelen, details, vorige_hash, hash"
)


def entries(
    store: Store, *, medewerker_id: str | None = None, maatregel_id: str | None = None
) -> list[AuditEntry]:
    """Entries, newest first, optionally for one worker or one measure."""
    where, params = "1", []
    if medewerker_id is not None:
        where, params = "medewerker_id = ?", [medewerker_id]
    if maatregel_id is not None:
        where = "(',' || maatregelen || ',') LIKE ?"
        params = [f"%,{maatregel_id},%"]
    rows = store.conn.execute(
        f"SELECT {_COLS} FROM auditlog WHERE {where} ORDER BY id DESC", params
    )
    return [AuditEntry(*r) for r in rows]


def verify_chain(store: Store) -> list[int]:
    """Ids of entries whose hash or link does not match: empty when the log is intact."""
    broken = []
    prev = GENESIS
    for r in store.conn.execute(f"SELECT {_COLS} FROM auditlog ORDER BY id"):
        e = AuditEntry(*r)
        expected = _digest(prev, e.tijdstip, e.gebruiker, e.gebeurtenis, e.medewerker_id,
                           e.maatregelen, e.details)  # fmt: skip
        if e.vorige_hash != prev or e.hash != expected:
            broken.append(e.id)
        prev = e.hash
    return broken


# --- anchors: the chain's head kept outside the table ---------------------------------------
# Rows deleted from the end, or the whole chain recomputed after an edit, leave a chain that
# is consistent in itself. What still gives it away is a record of the head kept elsewhere:
# a small file in the user's settings folder (updated after every entry), every backup (its
# own copy of the table), and every export and report (in its properties).


@dataclass(frozen=True)
class Anchor:
    regel: int  # the highest id at the time (0: the log was empty)
    hash: str
    tijdstip: str  # UTC, ISO 8601: when the anchor was set
    bron: str  # where it was found, in Dutch: "het anker op deze computer", …
    begin: str = ""  # the first entry's time: which file (one made anew starts otherwise)


def head(store: Store) -> tuple[int, str]:
    row = store.conn.execute("SELECT id, hash FROM auditlog ORDER BY id DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def _begin(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT tijdstip FROM auditlog ORDER BY id LIMIT 1").fetchone()
    return str(row[0]) if row else ""


def anchor_path(db_path: Path) -> Path:
    return settings_folder() / "anker" / f"{file_key(db_path)}.json"


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def write_anchor(store: Store) -> None:
    """Keep the chain's head in the settings folder: one small file, replaced atomically.
    Never fails what was recorded: a settings folder that cannot be written costs only
    the anchor."""
    if store.path is None:
        return
    regel, digest = head(store)
    begin = _begin(store.conn)
    _keep_evidence(store, begin)
    target = anchor_path(store.path)
    text = json.dumps({"regel": regel, "hash": digest, "tijdstip": _now_iso(), "begin": begin})
    with contextlib.suppress(OSError):
        _private_folder(target.parent)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)
    _written.pop(file_key(store.path), None)  # all anchored now


def _keep_evidence(store: Store, begin: str) -> None:
    """Before the anchor moves on: keep aside whatever the check would report against the
    old anchor, or the app's next entry would hide what happened:
    - the table no longer matches it (rows cut off, the chain recomputed, the first row
      changed or every row deleted: a different begin). The same path holds the same file:
      the app forgets a path's anchor when it makes a new file there (`forget_file`);
      a restore confirmed by the restore log or by its backup is no evidence;
    - rows after it on this account that this process did not write (added outside the
      program), unless another live process on this computer has the file open."""
    if store.path is None:
        return
    old = local_anchor(store.path)
    if old is None:
        return
    other_file = bool(old.begin) and old.begin != begin
    foreign: list[tuple[int, str]] = []
    if old.regel == 0 and not old.begin:
        matches = True
    else:
        row = store.conn.execute("SELECT hash FROM auditlog WHERE id = ?", (old.regel,)).fetchone()
        matches = not other_file and (old.regel == 0 or (row is not None and row[0] == old.hash))
    if matches:
        mine = _written.get(file_key(store.path), set())
        me = current_user()
        later = store.conn.execute(
            "SELECT id, hash, gebruiker FROM auditlog WHERE id > ? ORDER BY id", (old.regel,)
        ).fetchall()
        foreign = [(int(i), str(h)) for i, h, g in later
                   if int(i) not in mine and account_of(str(g)) == me]  # fmt: skip
        if not foreign or session.others_here(store.conn):
            return
    elif _restored_since(store, old):
        return
    entry: dict[str, object] = {"regel": old.regel, "hash": old.hash, "tijdstip": old.tijdstip,
                                "begin": old.begin, "gezien": _now_iso()}  # fmt: skip
    if foreign:
        entry["buiten"] = foreign
    _append(evidence_path(store.path), json.dumps(entry))


def _append(target: Path, line: str) -> None:
    with contextlib.suppress(OSError):
        _private_folder(target.parent)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(line + "\n")
            f.flush()
            os.fsync(f.fileno())


def restore_log_path(db_path: Path) -> Path:
    return settings_folder() / "anker" / f"{file_key(db_path)}.herstel.jsonl"


def record_restore(store: Store, backup_path: Path) -> None:
    """After a backup was put back as `store`'s file: note it outside the table first (the
    time, which backup, and the head of the restored log), then record it in the log,
    which sets the anchor anew. A HERSTEL row without such a note (or a backup that
    confirms it) does not excuse a mismatch with an anchor: anyone can write that row."""
    if store.path is not None:
        regel, digest = head(store)
        _append(restore_log_path(store.path), json.dumps(
            {"tijdstip": _now_iso(), "kopie": label(backup_path), "regel": regel,
             "hash": digest}))  # fmt: skip
    record(store, Event.HERSTEL, details=label(backup_path))


def forget_file(db_path: Path) -> None:
    """A new file was made at `db_path`: the anchor and the restore notes of the file that
    was there before do not apply to it. Its kept evidence is set aside, not deleted."""
    with contextlib.suppress(OSError):
        anchor_path(db_path).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        restore_log_path(db_path).unlink(missing_ok=True)
    found = evidence_path(db_path)
    if found.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        with contextlib.suppress(OSError):
            os.replace(found, found.with_name(f"{file_key(db_path)}.vorig-bestand-{stamp}.jsonl"))
    _written.pop(file_key(db_path), None)


def evidence_path(db_path: Path) -> Path:
    return settings_folder() / "anker" / f"{file_key(db_path)}.afwijkingen.jsonl"


def earlier_anchors(db_path: Path) -> list[Anchor]:
    """Anchors of this computer that no longer matched the table when it wrote again."""
    found = []
    for e in _read_lines(evidence_path(db_path)):
        with contextlib.suppress(KeyError, ValueError, TypeError):
            found.append(Anchor(int(e["regel"]), str(e["hash"]), str(e["tijdstip"]),
                                EARLIER, str(e.get("begin", ""))))  # fmt: skip
    return found


LOCAL = "het anker op deze computer"
EARLIER = "een eerder anker op deze computer"


def kept_foreign(db_path: Path) -> list[tuple[int, str]]:
    """Rows once found after this computer's anchor on this account, not written by the
    app (id, when noticed), kept before the anchor moved past them."""
    found = []
    for e in _read_lines(evidence_path(db_path)):
        with contextlib.suppress(KeyError, ValueError, TypeError):
            found += [(int(i), str(e["gezien"])) for i, _ in e.get("buiten", [])]
    return found


def local_anchor(db_path: Path) -> Anchor | None:
    try:
        found = json.loads(anchor_path(db_path).read_text(encoding="utf-8"))
        return Anchor(int(found["regel"]), str(found["hash"]), str(found["tijdstip"]), LOCAL,
                      str(found.get("begin", "")))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None


def backup_anchors(db_path: Path) -> list[Anchor]:
    """The head of the log in every backup of the file (each holds its own copy)."""
    return [a for _, a in _backup_heads(db_path)]


def _backup_heads(db_path: Path) -> list[tuple[Backup, Anchor]]:
    found = []
    for b in list_backups(db_path):
        try:
            conn = sqlite3.connect(f"{b.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                row = conn.execute(
                    "SELECT id, hash FROM auditlog ORDER BY id DESC LIMIT 1"
                ).fetchone()
                begin = _begin(conn)
            finally:
                conn.close()
        except sqlite3.Error:
            continue  # not readable: the backup's own check says so
        regel, digest = (int(row[0]), str(row[1])) if row else (0, GENESIS)
        found.append((b, Anchor(regel, digest, b.made.isoformat(timespec="seconds"),
                                f"de reservekopie {b.path.name}", begin)))  # fmt: skip
    return found


_MARK = re.compile(r"auditlog tot regel (\d+) op (\S+), keten ([0-9a-f]{64})")


def anchor_mark(store: Store) -> str:
    """The head as one line for an export's or report's properties (read back by
    `file_anchor`)."""
    regel, digest = head(store)
    return f"auditlog tot regel {regel} op {_now_iso()}, keten {digest}"


def short_anchor(mark: str) -> str:
    """'Auditlog t/m regel 57 · keten 1a2b3c4d5e6f' from an anchor mark, for a printed
    footer (the full mark is in the file's properties)."""
    found = re.search(r"tot regel (\d+) .*keten ([0-9a-f]+)", mark)
    return f"Auditlog t/m regel {found[1]} · keten {found[2][:12]}" if found else ""


def file_anchor(path: Path) -> Anchor | None:
    """The head an export (.xlsx) or report (.pdf) was made with, from its properties."""
    try:
        if path.suffix.lower() == ".xlsx":
            import zipfile

            with zipfile.ZipFile(path) as z:  # docProps/core.xml: no need to load the book
                text = z.read("docProps/core.xml").decode("utf-8", "replace")
        else:
            text = path.read_bytes().decode("latin-1")
    except (OSError, KeyError, ValueError):
        return None
    match = _MARK.search(text)
    if match is None:
        return None
    return Anchor(int(match[1]), match[3], match[2], f"het bestand {path.name}")


def _day(tijdstip: str) -> str:
    try:
        return datetime.fromisoformat(tijdstip).astimezone().strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return tijdstip


@dataclass(frozen=True)
class Finding:
    text: str  # Dutch
    tampered: bool  # False: worth knowing, not a sign of tampering


def compare_anchors(store: Store, anchors: Iterable[Anchor]) -> list[Finding]:
    """What in the table does not match the anchors. An anchor set before a confirmed
    restore (`restores`) is not compared: a restore puts back an older log on purpose. A
    HERSTEL entry nothing confirms excuses nothing, and is a finding itself."""
    anchors = list(anchors)
    rows = {i: h for i, h in store.conn.execute("SELECT id, hash FROM auditlog")}
    last, _ = head(store)
    begin = _begin(store.conn)
    confirmed, unconfirmed = restores(store)
    findings = []
    now = _now_iso()
    for e in unconfirmed:
        # Only where it would have excused something of this computer: an old restore on
        # another computer whose backups have rotated away is no finding by itself.
        mine = (a for a in anchors if a.bron in (LOCAL, EARLIER))
        if _later(e.tijdstip, now) or any(_later(e.tijdstip, a.tijdstip) for a in mine):
            findings.append(Finding(
                f"Regel {e.id} meldt het terugzetten van een reservekopie, maar dat staat niet "
                "in het herstellogboek op deze computer en geen reservekopie bevestigt het: "
                "de ankers zijn daarom gewoon vergeleken.", True))  # fmt: skip
    for a in anchors:
        when = f"{a.bron} van {_day(a.tijdstip)}"
        if a.regel == 0:
            continue
        if any(_later(t, a.tijdstip) for t in confirmed):
            findings.append(Finding(f"{when} is van vóór het terugzetten van een "
                                    "reservekopie en is niet vergeleken.", False))  # fmt: skip
            continue
        if a.begin and begin and a.begin != begin:
            findings.append(Finding(
                f"Het log begint anders dan {when}: de eerste regel is gewijzigd of "
                "verwijderd (en de keten opnieuw berekend), of dit is een ander bestand op "
                "dezelfde plaats, daar buiten Caseload Desk neergezet.", True))  # fmt: skip
            continue
        if a.regel not in rows:
            if not rows:
                text = f"het log is leeg, maar {when} noemt regel {a.regel}: alle regels verwijderd"
            elif last < a.regel:
                text = (f"het log eindigt bij regel {last}, maar {when} noemt regel {a.regel}: "
                        "regels verwijderd")  # fmt: skip
                if a.bron in (LOCAL, EARLIER) and a.regel == last + 1:  # a crash window
                    text += (" (of het opslaan van die laatste regel is mislukt: een crash "
                             "of een volle schijf precies op dat moment)")  # fmt: skip
            else:
                text = f"regel {a.regel} ontbreekt, maar {when} noemt hem: regel verwijderd"
            findings.append(Finding(text[0].upper() + text[1:] + ".", True))
        elif rows[a.regel] != a.hash:
            findings.append(Finding(
                f"Regel {a.regel} is anders dan {when} vastlegde: het log is daarna gewijzigd "
                "of ingekort en de keten opnieuw berekend.", True))  # fmt: skip
    return findings


def _restored_since(store: Store, anchor: Anchor) -> bool:
    """Whether a confirmed restore came after the anchor was set."""
    return any(_later(t, anchor.tijdstip) for t in restores(store)[0])


RESTORE_WINDOW_S = 600  # a restore's note, its copy of the old file and its entry: minutes apart


def restores(store: Store) -> tuple[list[str], list[AuditEntry]]:
    """When backups were put back, as far as something outside the table confirms it; and
    the HERSTEL entries nothing confirms. Confirmed: a note in this computer's restore log
    (`record_restore`) whose restored head is still in the table; or, for a restore on
    another computer, a HERSTEL entry that directly follows the head of the backup it
    names (still in the backup folder), with the copy of the file from just before the
    restore beside it (a 'voor-herstel' backup, or a file set aside as damaged). Nothing
    dated in the future counts."""
    herstel = [AuditEntry(*r) for r in store.conn.execute(
        f"SELECT {_COLS} FROM auditlog WHERE gebeurtenis = ? ORDER BY id",
        (Event.HERSTEL.value,))]  # fmt: skip
    if store.path is None:
        return [], herstel
    now = _now_iso()
    noted = []
    for n in _read_lines(restore_log_path(store.path)):
        with contextlib.suppress(KeyError, ValueError, TypeError):
            regel, digest, t = int(n["regel"]), str(n["hash"]), str(n["tijdstip"])
            row = store.conn.execute("SELECT hash FROM auditlog WHERE id = ?", (regel,)).fetchone()
            if not _later(t, now) and (regel == 0 or (row is not None and row[0] == digest)):
                noted.append(t)
    confirmed = list(noted)
    unconfirmed = []
    heads = _backup_heads(store.path) if herstel else []
    copies = {k: a for b, a in heads for k in (label(b.path), b.path.name)}
    aside = [b for b, _ in heads if b.reason.startswith("voor-herstel")]
    before = [b.made.isoformat() for b in aside] + _set_aside_times(store.path)
    for e in herstel:
        if _later(e.tijdstip, now):
            unconfirmed.append(e)
        elif any(_within(t, e.tijdstip) for t in noted):
            pass  # noted on this computer just before the entry was written
        elif any(_within(t, e.tijdstip) for t in before) and (
            e.vorige_hash == GENESIS
            or ((a := copies.get(e.details)) is not None and e.vorige_hash == a.hash)
            # The named backup rotated away: the log it put back was a beginning of the
            # log kept aside just before (a chain only grows), so its last row is there.
            or any(
                _within(b.made.isoformat(), e.tijdstip) and _holds(b.path, e.vorige_hash)
                for b in aside
            )
        ):
            confirmed.append(e.tijdstip)
        else:
            unconfirmed.append(e)
    return confirmed, unconfirmed


def _holds(copy: Path, digest: str) -> bool:
    """Whether the backup `copy` has a log row with this hash."""
    try:
        conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return (
                conn.execute("SELECT 1 FROM auditlog WHERE hash = ?", (digest,)).fetchone()
                is not None
            )
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _within(first: str, then: str) -> bool:
    """Whether `first` came at most RESTORE_WINDOW_S before `then` (or at the same second)."""
    try:
        gap = (datetime.fromisoformat(then) - datetime.fromisoformat(first)).total_seconds()
    except ValueError:
        return False
    return -1 <= gap <= RESTORE_WINDOW_S


def _set_aside_times(db_path: Path) -> list[str]:
    """When the file was set aside as damaged (by a restore): from the names' stamps."""
    found = []
    for p in db_path.parent.glob(f"{glob_escape(db_path.stem)}.beschadigd-*"):
        stamp = p.name[len(db_path.stem) + len(".beschadigd-") :][:16]
        with contextlib.suppress(ValueError):
            found.append(datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).isoformat())
    return found


def _later(a: str, b: str) -> bool:
    try:
        return datetime.fromisoformat(a) > datetime.fromisoformat(b)
    except ValueError:
        return False


def unanchored(store: Store, anchor: Anchor | None) -> list[AuditEntry]:
    """Entries after this computer's anchor: written by another computer, or added to the
    file outside Caseload Desk. None for an anchor that is not compared (from before a
    restore, or of another file)."""
    if anchor is None or _restored_since(store, anchor):
        return []
    begin = _begin(store.conn)
    if anchor.begin and begin and anchor.begin != begin:
        return []
    rows = store.conn.execute(
        f"SELECT {_COLS} FROM auditlog WHERE id > ? ORDER BY id", (anchor.regel,)
    )
    return [AuditEntry(*r) for r in rows]


def anchor_findings(store: Store, db: Path, files: Iterable[Path] = ()) -> list[Finding]:
    """The table against every anchor found: this computer's, every backup's, and the
    exports and reports named on the command line."""
    local = local_anchor(db)
    anchors = [a for a in (local, *earlier_anchors(db), *backup_anchors(db)) if a is not None]
    findings = []
    for f in files:
        found = file_anchor(f)
        if found is None:
            findings.append(Finding(f"In {f.name} staat geen stand van het auditlog.", False))
        else:
            anchors.append(found)
    findings += compare_anchors(store, anchors)
    later = unanchored(store, local)
    me = current_user()
    mine = [e.id for e in later if account_of(e.gebruiker) == me]
    if mine and local is not None:
        findings.append(Finding(
            f"{count(len(mine), 'regel', 'regels')} na het anker van deze computer (regel "
            f"{local.regel}) {'staat' if len(mine) == 1 else 'staan'} op naam van {me} "
            f"({_ids(mine)}), maar {'is' if len(mine) == 1 else 'zijn'} niet door Caseload "
            "Desk op deze computer geschreven: toegevoegd buiten het programma, of door "
            "hetzelfde account op een andere computer.", True))  # fmt: skip
    foreign = kept_foreign(db)
    if foreign:
        n = len(foreign)
        noticed = ", ".join(sorted({_day(t) for _, t in foreign}))
        findings.append(Finding(
            f"{count(n, 'regel', 'regels')} ({_ids([i for i, _ in foreign])}) "
            f"{'stond' if n == 1 else 'stonden'} na het anker van deze computer op naam van "
            f"{me}, maar {'was' if n == 1 else 'waren'} niet door Caseload Desk op deze "
            f"computer geschreven (gezien op {noticed}, voordat het anker verder ging): "
            "toegevoegd buiten het programma, of door hetzelfde account op een andere "
            "computer.", True))  # fmt: skip
    others = len(later) - len(mine)
    if others and local is not None:
        findings.append(Finding(
            f"{count(others, 'regel', 'regels')} na het anker van deze computer "
            f"{'is' if others == 1 else 'zijn'} door andere gebruikers geschreven (op een "
            "andere computer); dit anker kan die niet bevestigen.", False))  # fmt: skip
    return findings


def _ids(ids: list[int]) -> str:
    shown = ", ".join(map(str, ids[:10]))
    return shown + (f" en nog {len(ids) - 10}" if len(ids) > 10 else "")
