"""Import fuzzing: whatever the file holds, a clear Dutch rejection or a clean import,
never an unhandled exception, never a changed database on rejection."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseload_desk.importer import FileRefused, ImportRejected, import_export
from caseload_desk.importer.writer import write_csv_folder, write_xlsx
from caseload_desk.store import open_store
from tests.conftest import data_checksum
from tests.exports import BASE, tables

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.dates(date(1800, 1, 1), date(2200, 1, 1)),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)),
    st.sampled_from(["OTS", "voogdij", "jr", "31-02-2025", "2025-02-29", "1-1-25", "=1+1", "@x",
                     "M1", "W1", "jeugdige", "face-to-face", "", " ", "\\x00"]),
)  # fmt: skip


@contextmanager
def fresh_db():
    folder = Path(tempfile.mkdtemp())
    try:
        db = folder / "c.db"
        with open_store(db, create=True) as s:
            import_export(_write(folder / "base.xlsx", tables()), s)
        yield folder, db
    finally:
        shutil.rmtree(folder)


def _write(path: Path, t: dict) -> Path:
    if path.suffix == ".xlsx":
        write_xlsx(t, path)
    else:
        write_csv_folder(t, path)
    return path


def attempt(db: Path, source: Path) -> None:
    before = data_checksum(db)
    with open_store(db, auto_backup=False) as s:
        try:
            import_export(source, s)
        except (ImportRejected, FileRefused) as exc:
            text = str(exc) + "".join(str(p) for p in getattr(exc, "problems", []))
            assert text.strip()
            rejected = True
        else:
            rejected = False
    if rejected:
        assert data_checksum(db) == before


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([".xlsx", ".xlsm", ".xls", ".csvdir"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    with fresh_db() as (folder, db):
        if suffix == ".csvdir":
            src = folder / "csv"
            src.mkdir()
            for name in BASE:
                (src / f"{name}.csv").write_bytes(data)
        else:
            src = folder / f"x{suffix}"
            src.write_bytes(data)
        attempt(db, src)


@FUZZ
@given(
    st.sampled_from(list(BASE)),
    st.lists(st.lists(cells, min_size=0, max_size=9), min_size=0, max_size=6),
    st.sampled_from([".xlsx", ".csvdir"]),
)
def test_random_cells(sheet: str, rows: list[list[object]], fmt: str) -> None:
    with fresh_db() as (folder, db):
        t = tables(**{sheet: rows})
        if fmt == ".csvdir":  # CSV holds text only
            t[sheet] = (t[sheet][0], [["" if c is None else str(c) for c in r] for r in rows])
        attempt(db, _write(folder / ("e.xlsx" if fmt == ".xlsx" else "csv"), t))


@FUZZ
@given(st.lists(st.text(max_size=12), min_size=0, max_size=8), st.sampled_from(list(BASE)))
def test_random_headers(header: list[str], sheet: str) -> None:
    with fresh_db() as (folder, db):
        t = tables()
        t[sheet] = (header, t[sheet][1])
        attempt(db, _write(folder / "e.xlsx", t))


def test_huge_rows_and_cells() -> None:
    with fresh_db() as (folder, db):
        wide = ["M1", "2025-01-01", "ouder", "video", *(["x" * 100] * 2000)]
        t = tables(contacten=[wide, ["M1", "2025-01-02", "ouder", "y" * 50_000]])
        attempt(db, _write(folder / "e.xlsx", t))
        attempt(db, _write(folder / "csv", t))
