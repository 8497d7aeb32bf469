"""`kim-bot sandbox`: the Bot API emulator, the bot and a web chat page in one process.

No token, no internet: demo people and groups live in the emulator, the page shows what the
emulator records and acts through its scripting API, so the bot sees real updates.
"""
