"""The rules of domain.md as pure functions: no Qt, no SQL, no I/O."""

from caseload_desk.signals.evaluate import (
    CaseloadSummary,
    MeasureSignals,
    SignalCode,
    evaluate_caseload,
    evaluate_measure,
    summarize,
)
from caseload_desk.signals.facts import Contact, Measure, MeasureFacts, MeasureRecords, facts_on
from caseload_desk.signals.settings import DEFAULT_SETTINGS, Periods, SignalSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "CaseloadSummary",
    "Contact",
    "Measure",
    "MeasureFacts",
    "MeasureRecords",
    "MeasureSignals",
    "Periods",
    "SignalCode",
    "SignalSettings",
    "evaluate_caseload",
    "evaluate_measure",
    "facts_on",
    "summarize",
]
