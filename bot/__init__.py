"""KIM Hub: the Telegram bot of the Kelompok Informasi Masyarakat (KIM)."""

import os

# python-telegram-bot 22 reports durations (RetryAfter.retry_after, …) as timedelta only
# when this is set; without it every 429 raises a deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "true")
