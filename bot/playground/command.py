"""`kim-bot sandbox`: run the sandbox until Ctrl-C (or SIGTERM), printing the URL to open."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import signal
from pathlib import Path

from bot.logs import setup_logging
from bot.playground import labels

DEFAULT_FOLDER = Path("data/sandbox")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The subcommand and its options."""
    box = sub.add_parser(
        "sandbox", help="coba semua fitur di peramban: tanpa token, tanpa internet"
    )
    box.add_argument("--port", type=int, default=8080, help="port halaman web (bawaan 8080)")
    box.add_argument("--folder", type=Path, default=DEFAULT_FOLDER,
                     help=f"tempat data sandbox (bawaan {DEFAULT_FOLDER})")  # fmt: skip
    box.add_argument("--reset", action="store_true", help="hapus data sandbox lama, mulai bersih")


def run(args: argparse.Namespace) -> int:
    """Run the sandbox; 0 after Ctrl-C, 1 when its port is taken."""
    from bot.playground.run import reset

    setup_logging(None, level=logging.WARNING)
    if args.reset and reset(args.folder):
        print(labels.RESET.format(folder=args.folder), flush=True)
    try:
        asyncio.run(_serve(args.folder, args.port))
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        print(labels.PORT_TAKEN.format(port=args.port, next=args.port + 1), flush=True)
        return 1
    print(labels.STOPPED.format(folder=args.folder), flush=True)
    return 0


async def _serve(folder: Path, port: int) -> None:
    from bot.playground.run import sandbox_running

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with sandbox_running(folder, port) as running:
        print(labels.STARTED.format(url=running.url), flush=True)
        await stop.wait()
