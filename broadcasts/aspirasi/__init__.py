"""Aspirasi, on a schedule: the OPD list (opd.yaml), working days and deadlines (verification
due within 3 working days; the desk reminded daily, escalation after 7), and the export.

Not wired yet (for the lead, once the conversations and the store have landed): `start(app)`
loads opd.yaml (`opd.load_opd_config`) and the holidays (`holidays.load_holidays`) from
`config.opd_file` / `config.holidays_file`, announces their notes to the desk
(`bot.config_files.announce`, a notice template with samples) and warns when the current year
`is_complete` is false; a daily job on working days sends `deadlines.desk_reminder(...)` through
the outbox (escalations keyed by ticket code, so each is sent once); `kim-bot aspirasi export`
writes `export.write_csv(export.export_rows(export.select_period(...), events, ...))`.
"""
