"""Jaringan: the KIM network: the directory (/jaringan), what each KIM shows, stories shared
across the network with contact requests between KIMs, and the agenda (/agenda)."""
