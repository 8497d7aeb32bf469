"""Building blocks every activity shares: replies and pop-ups from templates, access checks,
callback codecs, typed drafts, wiring helpers, shared labels and the command menu.
"""
