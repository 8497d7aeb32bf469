"""Laporan: ADINDA activity reports for Diskominfo (/laporan: month, scope, then a summary,
an HTML report, a CSV and a chart), and each KIM's own month in /profil."""
