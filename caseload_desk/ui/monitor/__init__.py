"""The Monitor window: timeliness and betekenisvol cliëntcontact over a period of peildata."""
