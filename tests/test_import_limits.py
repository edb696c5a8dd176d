"""The caps that bound an import's memory (issue 13): every sheet filled to its row cap and
the text budget spent still imports, and re-imports, under 600 MB; one row or one
character more is refused with its place. Names never appear in a problem's text."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from caseload_desk.importer import FileRefused, ImportRejected
from caseload_desk.importer.limits import (
    MAX_EXCEL_ROWS,
    MAX_ROWS,
    MAX_SHARED_CHARS,
    MAX_SHARED_STRINGS,
    MAX_TEXT_CHARS,
)
from caseload_desk.importer.spec import SHEETS
from tests.conftest import data_checksum
from tests.exports import csv_folder, tables, xlsx
from tests.test_hostile_import import (
    MAIN,
    MEMORY_BOUND_MB,
    import_in_child,
    sheet_member,
    with_shared_strings,
)
from tests.test_import import do_import, rows

HEADERS = {name: header for name, (header, _rows) in tables().items()}
# Four bytes a character in memory (CPython stores such a string as UCS-4), and a letter-like
# symbol that the import accepts: the most memory a character of text can cost.
WIDE = "\U0001f600"
MB = 1024 * 1024


def worst_rows(
    text_chars: int = MAX_TEXT_CHARS, excel_rows: int = 2**63
) -> dict[str, Iterator[list[str]]]:
    """Every sheet at its cap; the children's names spend the text budget given."""
    w, m = MAX_ROWS["medewerkers"], MAX_ROWS["maatregelen"]
    other_text = w * (1 + 5 + 1 + 5 + 3 + 3 + 1) + m * (1 + 6 + 1 + 5)  # ids, names, teams
    name = WIDE * ((text_chars - other_text) // m - 7)

    def day(i: int) -> str:
        return f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"

    return {
        "medewerkers": ([f"W{i}", f"N{i}", f"T{i % 50}", f"R{i % 5}", "P"] for i in range(w)),
        "maatregelen": (
            [f"M{i}", f"W{i % w}", f"{name}{i}", "OTS", "2025-01-06", "", ""] for i in range(m)
        ),
        "contacten": (
            [f"M{i % m}", day(i), "jeugdige", "face-to-face"]
            for i in range(min(MAX_ROWS["contacten"], excel_rows))
        ),
        "plannen_van_aanpak": (
            [f"M{i % m}", day(i)] for i in range(MAX_ROWS["plannen_van_aanpak"])
        ),
        "risicotaxaties": ([f"M{i % m}", day(i), "X"] for i in range(MAX_ROWS["risicotaxaties"])),
    }


def write_csv(folder: Path, content: dict[str, Iterator[list[str]]]) -> Path:
    folder.mkdir()
    for name, body in content.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            fh.write(";".join(HEADERS[name]) + "\r\n")
            fh.writelines(";".join(r) + "\r\n" for r in body)
    return folder


def write_xlsx(path: Path, content: dict[str, Iterator[list[str]]], entries: int = 0) -> Path:
    """A workbook written as a stream, every text in the shared-strings table (as Excel
    writes it), which is padded with unused short texts up to `entries`."""
    base = xlsx(path.with_name("base.xlsx"))
    strings: dict[str, int] = {}

    def ref(text: str) -> int:
        return strings.setdefault(text, len(strings))

    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        sheets = {sheet_member(name): name for name in content}
        for info in src.infolist():
            if info.filename not in sheets:
                data = src.read(info)
                if info.filename == "[Content_Types].xml":
                    data = with_shared_strings(data)
                out.writestr(info.filename, data)
        for member, name in sheets.items():
            with out.open(member, "w") as fh:
                fh.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
                body = [HEADERS[name], *content[name]]
                for n, values in enumerate(body, start=1):
                    cells = "".join(f'<c t="s"><v>{ref(v)}</v></c>' for v in values)
                    fh.write(f'<row r="{n}">{cells}</row>'.encode())
                fh.write(b"</sheetData></worksheet>")
        with out.open("xl/sharedStrings.xml", "w") as fh:
            fh.write(f'<sst xmlns="{MAIN}">'.encode())
            for text in strings:
                fh.write(f"<si><t>{escape(text)}</t></si>".encode())
            for n in range(len(strings), entries):
                fh.write(f"<si><t>{n}</t></si>".encode())
            fh.write(b"</sst>")
    base.unlink()
    return path


# --- the worst file that passes stays under the bound ---------------------------------------
def test_csv_export_at_every_cap_imports_and_reimports_in_bounded_memory(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "csv", worst_rows())
    db = tmp_path / "c.db"
    first = import_in_child(folder, db, timeout=600)
    again = import_in_child(folder, db, timeout=600)
    assert first["outcome"] == again["outcome"] == "ingelezen", (first, again)
    assert first["peak_mb"] < MEMORY_BOUND_MB, first
    assert again["peak_mb"] < MEMORY_BOUND_MB, again
    counts = {s.name: rows(db, f"SELECT count(*) FROM {s.name}")[0][0] for s in SHEETS}
    assert counts == MAX_ROWS


def test_xlsx_export_at_every_cap_imports_in_bounded_memory(tmp_path: Path) -> None:
    """A workbook can hold fewer rows (Excel's last row) but its shared-strings table is
    held whole: that table filled to both of its caps, the names spending its characters."""
    text = MAX_SHARED_CHARS - 2_000_000  # room for the ids, dates and the padding
    content = worst_rows(text_chars=text, excel_rows=MAX_EXCEL_ROWS - 1)
    path = write_xlsx(tmp_path / "worst.xlsx", content, entries=MAX_SHARED_STRINGS)
    result = import_in_child(path, tmp_path / "c.db", timeout=600)
    assert result["outcome"] == "ingelezen", result
    assert result["peak_mb"] < MEMORY_BOUND_MB, result


# --- one more is refused, with its place, and nothing is written ---------------------------
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("sheet", ["medewerkers", "maatregelen"])
def test_a_row_past_the_sheets_cap_is_refused_where_it_is(
    tmp_path: Path, fmt: str, sheet: str
) -> None:
    cap = MAX_ROWS[sheet]
    content = {name: iter([list(map(str, r)) for r in body]) for name, (_h, body) in
               tables().items()}  # fmt: skip
    if sheet == "medewerkers":
        content[sheet] = iter([[f"W{i}", "N", "", "", ""] for i in range(1, cap + 2)])
    else:
        content[sheet] = iter(
            [[f"M{i}", "W1", "K", "OTS", "2025-01-06", "", ""] for i in range(1, cap + 2)]
        )
    src = (write_xlsx(tmp_path / "e.xlsx", content) if fmt == "xlsx"
           else write_csv(tmp_path / "csv", content))  # fmt: skip
    db = tmp_path / "c.db"
    do_import(xlsx(tmp_path / "base.xlsx"), db)
    before = data_checksum(db)
    with pytest.raises(ImportRejected) as caught:
        do_import(src, db)
    (problem,) = caught.value.problems
    assert problem.row == cap + 2  # the header is row 1
    assert f"meer dan {cap:,} rijen".replace(",", ".") in str(problem)
    assert data_checksum(db) == before


def test_text_past_the_budget_is_refused_where_it_is(tmp_path: Path) -> None:
    per_name = 10_000  # the longest cell allowed
    n = MAX_TEXT_CHARS // per_name + 1
    measures = [[f"M{i}", "W1", "x" * per_name, "OTS", "2025-01-06", "", ""] for i in range(n)]
    folder = csv_folder(tmp_path / "csv", tables(maatregelen=measures))
    with pytest.raises(ImportRejected) as caught:
        do_import(folder, tmp_path / "c.db")
    (problem,) = caught.value.problems
    assert problem.sheet == "maatregelen.csv" and problem.column == "jeugdige"
    assert problem.row is not None and problem.row <= n + 1
    assert "tekens aan tekst" in str(problem)


# --- problems point at a cell without repeating a name -------------------------------------
def with_cell(t: dict, sheet: str, row: int, column: int, value: str) -> dict:
    t[sheet][1][row][column] = value
    return t


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_problem_in_a_name_shows_its_place_not_the_name(tmp_path: Path, fmt: str) -> None:
    t = with_cell(tables(), "maatregelen", 0, 2, "Sophie\u202eJansen")  # a bidi override
    t = with_cell(t, "medewerkers", 0, 1, "Anna\u2066de Boer")
    t = with_cell(t, "medewerkers", 0, 4, "Piet\u200bKlaas")
    src = xlsx(tmp_path / "e.xlsx", t) if fmt == "xlsx" else csv_folder(tmp_path / "csv", t)
    with pytest.raises(ImportRejected) as caught:
        do_import(src, tmp_path / "c.db")
    text = "\n".join(str(p) for p in caught.value.problems)
    assert {p.column for p in caught.value.problems} >= {"jeugdige", "naam", "praktijkbegeleider"}
    for part in ("Sophie", "Jansen", "Anna", "Boer", "Piet", "Klaas"):
        assert part not in text
    assert "waarde" not in text


def test_a_problem_in_an_id_or_date_still_shows_the_value(tmp_path: Path) -> None:
    t = with_cell(tables(), "maatregelen", 0, 4, "31-02-2025")
    with pytest.raises(ImportRejected) as caught:
        do_import(xlsx(tmp_path / "e.xlsx", t), tmp_path / "c.db")
    assert "(waarde: '31-02-2025')" in "\n".join(str(p) for p in caught.value.problems)


def test_a_csv_problem_names_the_file_not_a_sheet(tmp_path: Path) -> None:
    t = with_cell(tables(), "maatregelen", 0, 4, "31-02-2025")
    with pytest.raises(ImportRejected) as caught:
        do_import(csv_folder(tmp_path / "csv", t), tmp_path / "c.db")
    (problem,) = caught.value.problems
    assert str(problem).startswith("bestand maatregelen.csv, rij 2, kolom startdatum:")


# --- the shared-strings table is read as openpyxl reads it, only faster --------------------
def test_shared_strings_read_as_openpyxl_reads_them() -> None:
    import io

    from openpyxl.reader.strings import read_string_table

    from caseload_desk.importer.limits import read_shared_strings

    entries = [
        "<si><t>Zoë de Vries</t></si>",
        '<si><t xml:space="preserve">  spaties  </t></si>',
        '<si><r><rPr><b/></rPr><t>vet</t></r><r><t xml:space="preserve"> en gewoon</t></r></si>',
        '<si><t>Kana</t><rPh sb="0" eb="1"><t>かな</t></rPh><phoneticPr fontId="1"/></si>',
        "<si><t/></si>",
        "<si><t>a_x005F_x000D_b &amp; &lt;c&gt;</t></si>",
    ]
    xml = f'<sst xmlns="{MAIN}">{"".join(entries)}</sst>'.encode()
    ours = read_shared_strings("t.xlsx", io.BytesIO(xml))
    assert ours == read_string_table(io.BytesIO(xml))
    assert ours[0] == "Zoë de Vries" and ours[2] == "vet en gewoon" and ours[3] == "Kana"


# --- one text, tag, row or line too big to hold is refused before it is held ---------------
def _with_sheet(path: Path, sheet: str, chunks: Iterator[bytes], pad: int = 0) -> Path:
    """The small export as xlsx with one sheet written as a stream from `chunks`, plus `pad`
    bytes of random padding stored (so that the packing ratio passes)."""
    import os

    base = xlsx(path.with_name("base.xlsx"))
    member = sheet_member(sheet)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != member:
                out.writestr(info.filename, src.read(info))
        with out.open(member, "w") as fh:
            for chunk in chunks:
                fh.write(chunk)
        if pad:
            out.writestr("xl/media/opvulling.bin", os.urandom(pad), zipfile.ZIP_STORED)
    base.unlink()
    return path


def _sheet_with_cell(text_chars: int) -> Iterator[bytes]:
    yield f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode()
    yield b'<c r="A1" t="inlineStr"><is><t>'
    block = b"a" * MB
    for _ in range(text_chars // MB):
        yield block
    yield b"</t></is></c></row></sheetData></worksheet>"


def test_one_huge_cell_in_a_sheet_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """300 million characters in one inline cell (a 3 MB file, within every size cap): it
    cost 1.5 GB before openpyxl even handed the cell over."""
    path = _with_sheet(tmp_path / "cel.xlsx", "risicotaxaties", _sheet_with_cell(300 * MB),
                       pad=3 * MB)  # fmt: skip
    assert path.stat().st_size < 5 * MB
    result = import_in_child(path, tmp_path / "c.db")
    assert result["outcome"] == "geweigerd", result
    assert "(sheet5.xml) bevat een tekst of element van meer dan 1 MB" in result["text"]
    assert result["peak_mb"] < MEMORY_BOUND_MB / 4, result


def test_one_huge_row_is_refused(tmp_path: Path) -> None:
    cell = b'<c t="inlineStr"><is><t>' + b"b" * 9_000 + b"</t></is></c>"
    row = b'<row r="2">' + cell * 1_000 + b"</row>"  # 9 MB, every text small

    def chunks() -> Iterator[bytes]:
        yield f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c t="inlineStr"><is><t>'.encode()
        yield b"maatregel_id</t></is></c></row>" + row + b"</sheetData></worksheet>"

    path = _with_sheet(tmp_path / "rij.xlsx", "contacten", chunks(), pad=MB)
    with pytest.raises(FileRefused, match=r"\(sheet3.xml\) bevat een rij van meer dan 4 MB"):
        do_import(path, tmp_path / "c.db")


def test_a_big_workbook_part_that_is_parsed_whole_is_refused(tmp_path: Path) -> None:
    styles = b'<styleSheet xmlns="' + MAIN.encode() + b'">' + b"<x/>" * (3 * MB) + b"</styleSheet>"
    path = tmp_path / "stijl.xlsx"
    base = xlsx(tmp_path / "base.xlsx")
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = styles if info.filename == "xl/styles.xml" else src.read(info)
            out.writestr(info.filename, data, zipfile.ZIP_STORED)
    with pytest.raises(FileRefused, match="uitpakt tot meer dan 10 MB"):
        do_import(path, tmp_path / "c.db")


def test_a_wide_sheet_is_refused_at_its_first_wide_row(tmp_path: Path) -> None:
    """1,000 columns on every row (14,500 rows, under the member cap) read for minutes
    before; now the first such row stops it."""
    header = "".join(f'<c t="inlineStr"><is><t>k{i}</t></is></c>' for i in range(1_000))

    def chunks() -> Iterator[bytes]:
        yield f'<worksheet xmlns="{MAIN}"><sheetData>'.encode()
        for n in range(1, 5_001):
            yield f'<row r="{n}">{header}</row>'.encode()
        yield b"</sheetData></worksheet>"

    path = _with_sheet(tmp_path / "breed.xlsx", "contacten", chunks())
    with pytest.raises(ImportRejected) as caught:
        do_import(path, tmp_path / "c.db")
    assert str(caught.value.problems[0]).startswith(
        "blad contacten, rij 1, kolom ALL: meer dan 100"
    )


def test_one_line_of_99_mb_in_a_csv_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """Below the 100 MB file cap; the file iterator and the csv module held it whole: 1.3 GB."""
    folder = csv_folder(tmp_path / "csv")
    with (folder / "risicotaxaties.csv").open("w", encoding="utf-8") as fh:
        fh.write("maatregel_id;datum;instrument\nM1;2025-02-01;" + WIDE)
        for _ in range(99):
            fh.write("a" * MB)
        fh.write("\n")
    result = import_in_child(folder, tmp_path / "c.db")
    assert result["outcome"] == "geweigerd", result
    assert "bestand risicotaxaties.csv, rij 2: regel langer dan 1.000.000 tekens" in result["text"]
    assert result["peak_mb"] < MEMORY_BOUND_MB / 4, result


def test_a_quoted_cell_over_many_lines_past_the_limit_is_refused_where_it_starts(
    tmp_path: Path,
) -> None:
    folder = csv_folder(tmp_path / "csv")
    line = "x" * 50_000 + "\n"
    with (folder / "risicotaxaties.csv").open("w", encoding="utf-8") as fh:
        fh.write('maatregel_id;datum;instrument\nM1;2025-02-01;"' + line * 30 + '"\n')
    with pytest.raises(ImportRejected) as caught:
        do_import(folder, tmp_path / "c.db")
    (problem,) = caught.value.problems
    assert problem.sheet == "risicotaxaties.csv" and problem.row is not None
    assert "een cel langer dan 1.000.000 tekens" in str(problem)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize(
    "bad", ["\u3164", "\u115f", "\ufe00", "\u034f", "\u17b4", "\u2800", "\U000e0100"]
)
def test_fillers_and_selectors_that_look_like_nothing_are_refused(
    tmp_path: Path, fmt: str, bad: str
) -> None:
    t = with_cell(tables(), "maatregelen", 0, 2, f"Finn{bad}GEHEIM")
    src = xlsx(tmp_path / "e.xlsx", t) if fmt == "xlsx" else csv_folder(tmp_path / "csv", t)
    with pytest.raises(ImportRejected) as caught:
        do_import(src, tmp_path / "c.db")
    (problem,) = caught.value.problems
    assert problem.column == "jeugdige"
    assert f"bevat een onzichtbaar of stuurteken (U+{ord(bad):04X})" in str(problem)


def test_a_name_of_only_soft_hyphens_is_refused_but_accents_stay(tmp_path: Path) -> None:
    t = with_cell(tables(), "maatregelen", 0, 2, "\u00ad\u00ad")
    t = with_cell(t, "maatregelen", 1, 2, "Zoe\u0308 Ren\u00e9e")  # e + combining diaeresis
    with pytest.raises(ImportRejected) as caught:
        do_import(csv_folder(tmp_path / "csv", t), tmp_path / "c.db")
    assert [str(p) for p in caught.value.problems] == [
        "bestand maatregelen.csv, rij 2, kolom jeugdige: bevat geen letter of cijfer"
    ]
