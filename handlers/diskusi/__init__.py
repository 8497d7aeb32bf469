"""Diskusi: a news item, a broadcast or a question becomes a tracked discussion in a KIM group
(a forum topic or a reply thread), counted, and closed by /kesimpulan with a summary card.
"""
