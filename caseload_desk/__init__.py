"""Caseload Desk: signalen en acties voor het caseloadgesprek in de jeugdbescherming."""

__version__ = "0.1.0"
APP_NAME = "Caseload Desk"
