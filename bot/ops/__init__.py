"""Running KIM Hub for real: `kim-bot doctor` (a checklist of a deployment), `kim-bot backup`
and `kim-bot restore` (the database, copied consistently while the bot runs)."""
