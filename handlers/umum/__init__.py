"""Umum (general): what is not one activity's — /start, /bantuan, /batal, /hapusdata, the
answers to whatever no activity took (short help, unknown commands, stale buttons), and the
bookkeeping of people and groups (the bot added or removed, a group become a supergroup).
"""
