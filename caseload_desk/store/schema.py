"""The schema, built up by ordered migrations; `PRAGMA user_version` holds the version.

Never edit a migration that has shipped: add a new one. Conversations, actions and
follow-ups are the users' own work, so no migration may drop or rewrite them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# Marks a file as ours, so a stray SQLite file is not mistaken for a caseload.
APPLICATION_ID = 0x43534C44  # "CSLD"

_V1 = """
CREATE TABLE medewerkers (
    medewerker_id TEXT PRIMARY KEY,
    naam TEXT NOT NULL,
    team TEXT NOT NULL DEFAULT '',
    regio TEXT NOT NULL DEFAULT '',
    praktijkbegeleider TEXT NOT NULL DEFAULT '',
    in_export INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE maatregelen (
    maatregel_id TEXT PRIMARY KEY,
    medewerker_id TEXT REFERENCES medewerkers(medewerker_id),
    jeugdige TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('OTS', 'voogdij', 'JR')),
    startdatum TEXT NOT NULL,
    einddatum TEXT,
    regie TEXT NOT NULL CHECK (regie IN ('vast', 'CRT', 'CCP')),
    in_export INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX maatregelen_medewerker ON maatregelen(medewerker_id);
CREATE TABLE contacten (
    id INTEGER PRIMARY KEY,
    maatregel_id TEXT NOT NULL REFERENCES maatregelen(maatregel_id),
    datum TEXT NOT NULL,
    met TEXT NOT NULL,
    vorm TEXT NOT NULL DEFAULT ''
);
-- Covering index: the latest client contact per measure is read from it alone.
CREATE INDEX contacten_maatregel ON contacten(maatregel_id, datum, met, vorm);
CREATE TABLE plannen_van_aanpak (
    id INTEGER PRIMARY KEY,
    maatregel_id TEXT NOT NULL REFERENCES maatregelen(maatregel_id),
    vastgesteld_op TEXT NOT NULL
);
CREATE INDEX plannen_maatregel ON plannen_van_aanpak(maatregel_id, vastgesteld_op);
CREATE TABLE risicotaxaties (
    id INTEGER PRIMARY KEY,
    maatregel_id TEXT NOT NULL REFERENCES maatregelen(maatregel_id),
    datum TEXT NOT NULL,
    instrument TEXT NOT NULL DEFAULT ''
);
CREATE INDEX risicotaxaties_maatregel ON risicotaxaties(maatregel_id, datum);
CREATE TABLE gesprekken (
    id INTEGER PRIMARY KEY,
    medewerker_id TEXT NOT NULL REFERENCES medewerkers(medewerker_id),
    praktijkbegeleider TEXT NOT NULL DEFAULT '',
    datum TEXT NOT NULL,
    notities TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'afgerond')),
    peildatum TEXT,
    aantal_maatregelen INTEGER,
    aantal_onder_druk INTEGER,
    aantal_met_signaal INTEGER,
    aangemaakt_op TEXT NOT NULL,
    afgerond_op TEXT
);
CREATE INDEX gesprekken_medewerker ON gesprekken(medewerker_id, datum);
CREATE TABLE acties (
    id INTEGER PRIMARY KEY,
    gesprek_id INTEGER NOT NULL REFERENCES gesprekken(id),
    medewerker_id TEXT NOT NULL REFERENCES medewerkers(medewerker_id),
    maatregel_id TEXT REFERENCES maatregelen(maatregel_id),
    omschrijving TEXT NOT NULL,
    eigenaar TEXT NOT NULL CHECK (eigenaar IN ('medewerker', 'praktijkbegeleider')),
    deadline TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'loopt_nog', 'afgerond', 'vervallen')),
    aangemaakt_op TEXT NOT NULL
);
CREATE INDEX acties_maatregel ON acties(maatregel_id, status);
CREATE INDEX acties_medewerker ON acties(medewerker_id, status);
CREATE INDEX acties_gesprek ON acties(gesprek_id);
CREATE TABLE opvolgingen (
    id INTEGER PRIMARY KEY,
    actie_id INTEGER NOT NULL REFERENCES acties(id),
    gesprek_id INTEGER NOT NULL REFERENCES gesprekken(id),
    status TEXT NOT NULL CHECK (status IN ('loopt_nog', 'afgerond', 'vervallen')),
    notitie TEXT NOT NULL DEFAULT '',
    datum TEXT NOT NULL,
    UNIQUE (actie_id, gesprek_id)
);
CREATE INDEX opvolgingen_gesprek ON opvolgingen(gesprek_id);
CREATE TABLE instellingen (
    sleutel TEXT PRIMARY KEY,
    waarde TEXT NOT NULL
);
CREATE TABLE importlog (
    id INTEGER PRIMARY KEY,
    tijdstip TEXT NOT NULL,
    bron TEXT NOT NULL,
    samenvatting TEXT NOT NULL
);
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


_V2 = """
CREATE TABLE auditlog (
    id INTEGER PRIMARY KEY,
    tijdstip TEXT NOT NULL,
    gebruiker TEXT NOT NULL,
    gebeurtenis TEXT NOT NULL,
    medewerker_id TEXT NOT NULL DEFAULT '',
    maatregelen TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '',
    vorige_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX auditlog_medewerker ON auditlog(medewerker_id);
-- A row per instance that has the file open for writing: who, where, since when.
-- A row left behind by a process that no longer runs means an unclean shutdown.
CREATE TABLE sessie (
    id INTEGER PRIMARY KEY,
    gebruiker TEXT NOT NULL,
    computer TEXT NOT NULL,
    proces INTEGER NOT NULL,
    sinds TEXT NOT NULL
);
"""


def _run(script: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(statement)

    return apply


# Owners become free text (worker, praktijkbegeleider, or a named other), so the CHECK on
# acties.eigenaar goes: SQLite can only do that by rebuilding the table (migrate() turns
# foreign keys off around it, as SQLite's documentation prescribes). Every change to an
# action's text, owner or deadline is kept, with the conversation it was made in.
_V3 = """
CREATE TABLE acties_nieuw (
    id INTEGER PRIMARY KEY,
    gesprek_id INTEGER NOT NULL REFERENCES gesprekken(id),
    medewerker_id TEXT NOT NULL REFERENCES medewerkers(medewerker_id),
    maatregel_id TEXT REFERENCES maatregelen(maatregel_id),
    omschrijving TEXT NOT NULL,
    eigenaar TEXT NOT NULL CHECK (eigenaar != ''),
    deadline TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'loopt_nog', 'afgerond', 'vervallen')),
    aangemaakt_op TEXT NOT NULL
);
INSERT INTO acties_nieuw SELECT id, gesprek_id, medewerker_id, maatregel_id, omschrijving,
    eigenaar, deadline, status, aangemaakt_op FROM acties;
DROP TABLE acties;
ALTER TABLE acties_nieuw RENAME TO acties;
CREATE INDEX acties_maatregel ON acties(maatregel_id, status);
CREATE INDEX acties_medewerker ON acties(medewerker_id, status);
CREATE INDEX acties_gesprek ON acties(gesprek_id);
CREATE TABLE actiewijzigingen (
    id INTEGER PRIMARY KEY,
    actie_id INTEGER NOT NULL REFERENCES acties(id),
    gesprek_id INTEGER NOT NULL REFERENCES gesprekken(id),
    veld TEXT NOT NULL CHECK (veld IN ('omschrijving', 'eigenaar', 'deadline')),
    oud TEXT NOT NULL,
    nieuw TEXT NOT NULL,
    tijdstip TEXT NOT NULL
);
CREATE INDEX actiewijzigingen_actie ON actiewijzigingen(actie_id);
"""

# Two sessions can edit the same conversation's notes, follow-up or action: each row
# gets a version, raised by every save, so a save made on an older version is refused
# instead of silently overwriting (conversations.EditConflict). Who changed it and when
# is kept beside it, to say so in the conflict message (an action's edits are already
# kept with their time in actiewijzigingen).
_V4 = """
ALTER TABLE gesprekken ADD COLUMN versie INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gesprekken ADD COLUMN gewijzigd_op TEXT NOT NULL DEFAULT '';
ALTER TABLE gesprekken ADD COLUMN gewijzigd_door TEXT NOT NULL DEFAULT '';
ALTER TABLE opvolgingen ADD COLUMN versie INTEGER NOT NULL DEFAULT 0;
ALTER TABLE opvolgingen ADD COLUMN gewijzigd_op TEXT NOT NULL DEFAULT '';
ALTER TABLE opvolgingen ADD COLUMN gewijzigd_door TEXT NOT NULL DEFAULT '';
ALTER TABLE acties ADD COLUMN versie INTEGER NOT NULL DEFAULT 0
"""

# A measure missing from an export has ended or moved: it ends on that export's date
# (`uit_export_op`, cleared when an export holds it again), and each import records the
# date its export was made. The organisation's own non-working days (royal-decree days,
# closing days) extend the law's. Workload: hours per worker, a weight and region per
# measure, and the load at the moment a conversation was finished. Measures that already
# left an export before this version get the date of the last import: the latest it can
# have been, so they never lose a signal they had before.
_V5 = """
ALTER TABLE maatregelen ADD COLUMN uit_export_op TEXT;
ALTER TABLE importlog ADD COLUMN exportdatum TEXT;
UPDATE maatregelen SET uit_export_op = (SELECT substr(max(tijdstip), 1, 10) FROM importlog)
    WHERE in_export = 0;
CREATE TABLE vrije_dagen (
    datum TEXT PRIMARY KEY,
    omschrijving TEXT NOT NULL DEFAULT ''
);
ALTER TABLE medewerkers ADD COLUMN contracturen REAL;
ALTER TABLE medewerkers ADD COLUMN vrijstelling_uren REAL;
ALTER TABLE maatregelen ADD COLUMN zwaarte REAL;
ALTER TABLE maatregelen ADD COLUMN regio TEXT NOT NULL DEFAULT '';
ALTER TABLE gesprekken ADD COLUMN gewogen REAL;
ALTER TABLE gesprekken ADD COLUMN capaciteit REAL;
ALTER TABLE gesprekken ADD COLUMN belasting_pct INTEGER
"""

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1,
    _run(_V2),
    _run(_V3),
    _run(_V4),
    _run(_V5),
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date in one transaction; returns the version found.

    The connection must be in autocommit mode; a failure half-way rolls back to the old
    file, because SQLite's DDL is transactional.
    """
    found = schema_version(conn)
    if found >= SCHEMA_VERSION:
        return found
    # A table rebuild drops a table others refer to: foreign keys off for the migration
    # (a no-op inside a transaction, so here), checked by hand before committing.
    keys_on = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for version in range(found, SCHEMA_VERSION):
                MIGRATIONS[version](conn)
            # Only what a rebuild can break: older files may hold unrelated dangling rows.
            if conn.execute("PRAGMA foreign_key_check(opvolgingen)").fetchone() is not None:
                raise sqlite3.IntegrityError("verwijzingen kloppen niet na de migratie")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if keys_on else 'OFF'}")
    return found
