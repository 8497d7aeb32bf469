"""Admin: Diskominfo's own tools — /peran (who may broadcast or curate) and /gagal (messages
the outbox could not deliver, sent again with one button).
"""
