"""Exports for people: the Excel action list. Qt-free."""
