"""The monitor's norms: defaults from the organisation, Dutch validation, stored, audited."""

from __future__ import annotations

import pytest

from caseload_desk.monitor.norms import (
    DEFAULT_NORMS,
    Norms,
    breached,
    format_norm,
    parse_norm,
)
from caseload_desk.store import memory_store
from caseload_desk.store.monitor_norms import load_norms, set_norm, show_rows


def test_defaults_are_the_organisations_table() -> None:
    n = Norms()
    assert (n.norm("eerste_contact_open"), n.norm("pva_termijn_open"),
            n.norm("risicotaxatie_niet_actueel")) == (8, 48, 48)  # fmt: skip
    assert (n.norm("tijdig_f2f_pct"), n.norm("tijdig_pva_pct")) == (80, 80)
    assert n.norm("lopend") is None


def test_counts_are_maxima_and_percentages_minima() -> None:
    assert not breached("eerste_contact_open", 8, 8)
    assert breached("eerste_contact_open", 9, 8)
    assert not breached("tijdig_f2f_pct", 80, 80)
    assert breached("tijdig_f2f_pct", 79, 80)
    assert not breached("tijdig_f2f_pct", None, 80)  # no deadline in the period
    assert not breached("lopend", 10_000, None)


def test_scaled_norm_for_part_of_the_organisation() -> None:
    n = Norms()
    assert n.scaled("pva_termijn_open", 0.25) == 12.0
    assert n.scaled("eerste_contact_open", 0.1) == 0.8
    assert n.scaled("tijdig_pva_pct", 0.1) == 80
    assert format_norm("eerste_contact_open", 0.8) == "≤ 0,8"
    assert format_norm("tijdig_pva_pct", 80) == "≥ 80 %"


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("monitor.norm.bestaat_niet", "3", "onbekende instelling"),
        ("signaal.norm.geen_contact", "3", "onbekende instelling"),
        ("monitor.norm.geen_contact", "drie", "heel getal"),
        ("monitor.norm.geen_contact", "-1", "0 of meer"),
        ("monitor.norm.tijdig_f2f_pct", "101", "0 tot en met 100"),
        ("monitor.norm.tijdig_f2f_pct", "7,5", "heel getal"),
    ],
)
def test_bad_values_are_refused_in_dutch(key: str, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_norm(key, text)


def test_parse_accepts_percent_sign_and_empty() -> None:
    assert parse_norm("monitor.norm.tijdig_pva_pct", " 75 % ") == ("tijdig_pva_pct", 75)
    assert parse_norm("monitor.norm.geen_contact", "") == ("geen_contact", None)
    assert parse_norm("monitor.norm.geen_contact", "geen") == ("geen_contact", None)


def test_set_is_stored_and_audited() -> None:
    store = memory_store()
    rows = {r.key: r for r in show_rows(store)}
    assert rows["monitor.norm.eerste_contact_open"].value == "≤ 8"
    assert len(rows) == len(DEFAULT_NORMS)
    message = set_norm(store, "monitor.norm.eerste_contact_open", "5")
    assert "≤ 8 → ≤ 5" in message
    assert load_norms(store).norm("eerste_contact_open") == 5
    assert {r.key: r for r in show_rows(store)}["monitor.norm.eerste_contact_open"].default == "≤ 8"
    details = [r[0] for r in store.conn.execute(
        "SELECT details FROM auditlog WHERE gebeurtenis = 'instellingen_gewijzigd'")]  # fmt: skip
    assert details == ["monitor.norm.eerste_contact_open: ≤ 8 → ≤ 5"]
    assert "niets gewijzigd" in set_norm(store, "monitor.norm.eerste_contact_open", "5")
    set_norm(store, "monitor.norm.eerste_contact_open", "8")  # back to the default
    assert (
        store.conn.execute(
            "SELECT waarde FROM instellingen WHERE sleutel = 'monitornormen'"
        ).fetchone()[0]
        == "{}"
    )
    with pytest.raises(ValueError):
        set_norm(store, "monitor.norm.tijdig_f2f_pct", "200")
    store.close()


def test_damaged_stored_value_falls_back_to_defaults() -> None:
    store = memory_store()
    store.conn.execute(
        'INSERT INTO instellingen VALUES (\'monitornormen\', \'{"geen_contact": "veel", "x": 1}\')'
    )
    assert load_norms(store) == Norms()
    store.conn.execute("UPDATE instellingen SET waarde = 'kapot' WHERE sleutel = 'monitornormen'")
    assert load_norms(store) == Norms()
    store.close()


def test_the_reading_order_holds_every_indicator_once_the_organisations_first() -> None:
    from caseload_desk.monitor import DISPLAY_ORDER, INDICATORS

    assert sorted(DISPLAY_ORDER) == sorted(INDICATORS) and len(set(DISPLAY_ORDER)) == 10
    assert DISPLAY_ORDER[:5] == ("eerste_contact_open", "pva_termijn_open",
                                 "risicotaxatie_niet_actueel", "tijdig_f2f_pct",
                                 "tijdig_pva_pct")  # fmt: skip
    assert DISPLAY_ORDER[-1] == "lopend"
    assert [r.key for r in show_rows(memory_store())][:2] == [
        "monitor.norm.eerste_contact_open", "monitor.norm.pva_termijn_open",
    ]  # fmt: skip


def test_saving_the_tab_writes_one_audit_row_and_nothing_when_unchanged() -> None:
    from caseload_desk.store.monitor_norms import save_changed_norms

    store = memory_store()

    def audit_rows() -> list[str]:
        return [r[0] for r in store.conn.execute(
            "SELECT details FROM auditlog WHERE gebeurtenis = 'instellingen_gewijzigd'")]  # fmt: skip

    assert save_changed_norms(store, Norms()) is False
    assert audit_rows() == []
    typed = Norms().with_norm("lopend", 900).with_norm("geen_contact", None)
    assert save_changed_norms(store, typed) is True
    assert load_norms(store) == typed
    assert audit_rows() == [
        "monitornormen: monitor.norm.geen_contact ≤ 46 → geen; monitor.norm.lopend geen → ≤ 900"
    ]
    assert save_changed_norms(store, typed) is False and len(audit_rows()) == 1
    store.close()
