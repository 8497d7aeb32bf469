"""Aspirasi, on a schedule: the OPD list (opd.yaml), working days and deadlines (verification
due within 3 working days; the desk reminded daily, escalation after 7), and the export.
"""
