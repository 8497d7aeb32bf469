"""Umum (general): what is not one activity's — /start, /bantuan, /batal, /hapusdata, and the
bookkeeping of people and groups (the bot added or removed, a group become a supergroup).
"""
