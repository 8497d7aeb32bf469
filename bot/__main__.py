"""`python -m bot` is the same as `kim-bot`."""

from bot.cli import main

raise SystemExit(main())
