"""The `kim-bot` command: run the bot, manage KIM lists, run the local Bot API emulator."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import os
import signal
import sys
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import Config, ConfigError, environment, load_config, utc_clock
from bot.logs import redacted_output, setup_logging
from bot.ops import command as ops
from bot.playground import command as playground

log = logging.getLogger("kim-bot")
INTERRUPTED = 130  # the shell's code for Ctrl-C


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand with its help text."""
    parser = argparse.ArgumentParser(
        prog="kim-bot",
        description="KIM Hub — bot Telegram Kelompok Informasi Masyarakat (KIM). "
        "Konfigurasi lewat environment atau file .env (lihat README).",
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    sub.add_parser("run", help="jalankan bot (long polling)")
    kim = sub.add_parser("kim", help="kelola daftar KIM Diskominfo").add_subparsers(
        dest="kim_command", metavar="AKSI", required=True
    )
    imp = kim.add_parser("import", help="impor daftar KIM dari CSV (aman dijalankan ulang)")
    imp.add_argument("file", type=Path, help="berkas CSV (kolom: lihat README)")
    kim.add_parser("list", help="tampilkan semua KIM")
    emu = sub.add_parser("emulator", help="jalankan emulator Bot API lokal (untuk uji dan sandbox)")
    emu.add_argument("--host", default="127.0.0.1")
    emu.add_argument("--port", type=int, default=8081)
    emu.add_argument("--flood-limits", action="store_true", help="terapkan batas kirim Telegram")
    emu.add_argument("--open-chats", action="store_true", help="chat id apa pun ada (bench)")
    _activities().add_activity_commands(sub)  # feeds check / poll --once (Akses)
    playground.add_parser(sub)
    ops.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None, clock: Callable[[], datetime] = utc_clock) -> int:
    """Entry point of `kim-bot`; returns the exit code (`clock`: "now", for tests).

    Everything it prints, by any path, goes through `redacted_output`: no token reaches the
    screen, even one pasted into the wrong variable or echoed by a server's error.
    """
    with redacted_output(_given_token()):
        try:
            return _main(argv, clock)
        except KeyboardInterrupt:  # Ctrl-C before a command's own handling is set up
            print("Dihentikan.", file=sys.stderr)
            return INTERRUPTED
        except Exception as error:  # outside a command's guard: still one line, redacted
            print(f"Berhenti karena kesalahan: {type(error).__name__}: {error}", file=sys.stderr)
            return 1


def _given_token() -> str | None:
    """TELEGRAM_BOT_TOKEN as given, valid or not (an unreadable .env is reported later)."""
    try:
        return environment().get("TELEGRAM_BOT_TOKEN")
    except ConfigError:
        return os.environ.get("TELEGRAM_BOT_TOKEN")


def _main(argv: list[str] | None, clock: Callable[[], datetime]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if args.command in ("emulator", "sandbox"):  # no configuration: their own world
        return _run_emulator(args) if args.command == "emulator" else playground.run(args)
    try:
        config = load_config(environment(), require_token=args.command in ("run", "doctor"))
    except ConfigError as error:
        print("Konfigurasi belum benar:", file=sys.stderr)
        for problem in error.problems:
            print(f"- {problem}", file=sys.stderr)
        return 2
    setup_logging(config.token or None)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_no_traceback_for_bad_json)
    if args.command == "run":  # a broken feeds.yaml is the bot's to report, not a refusal
        return _guard(config, _run_bot(config))
    if args.command in ops.COMMANDS:
        return _guard(config, ops.job(config, args, _activities().feed_sources, clock()))
    activity_job = _activities().run_activity_command(config, args)
    if activity_job is not None:
        return _guard(config, activity_job)
    if args.kim_command == "import":
        return _guard(config, _import_kims(replace(config, clock=clock), args.file))
    return _guard(config, _list_kims(config))


def _activities() -> Any:
    """The activities' subcommands, through the composition root (imported late: it pulls in
    the whole bot)."""
    from bot import app

    return app


def _guard(config: Config, job: Coroutine[Any, Any, int]) -> int:
    """Run a coroutine; an error is one line saying what to do (token redacted), no traceback."""
    from bot.failures import explain

    try:
        return asyncio.run(job)
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return INTERRUPTED
    except Exception as error:  # the last line of defence: one line, never the token
        line, code = explain(error, config)
        log.debug("Rincian kesalahan", exc_info=True)
        print(line, file=sys.stderr)
        return code


class _Stopper:
    """SIGINT/SIGTERM: while starting, cancel the start at once; once running, stop cleanly."""

    def __init__(self, task: asyncio.Task[Any]) -> None:
        self.requested = asyncio.Event()
        self.running = False
        self._task = task

    def __call__(self) -> None:
        if self.requested.is_set():
            return
        self.requested.set()
        if not self.running:  # start-up may be waiting on retries: do not wait for them
            self._task.cancel()


async def _run_bot(config: Config) -> int:
    from bot.app import running_bot

    task = asyncio.current_task()
    assert task is not None
    stopper = _Stopper(task)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopper)
    try:
        async with running_bot(config):
            stopper.running = True
            await stopper.requested.wait()
    except asyncio.CancelledError:
        if not stopper.requested.is_set():
            raise
        print("Dihentikan saat memulai; bot belum berjalan.", file=sys.stderr)
        return INTERRUPTED
    log.info("KIM Hub berhenti dengan rapi.")
    return 0


async def _import_kims(config: Config, path: Path) -> int:
    from bot.kim_import import read_kim_csv
    from bot.store import Store
    from bot.wilayah import load_region

    try:
        text = await asyncio.to_thread(path.read_text, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        print(f"Tidak bisa membaca {path}: {error}", file=sys.stderr)
        return 2
    rows, problems = read_kim_csv(text, load_region(config.kabupaten), config.today())
    for problem in problems:
        print(f"{path}:{problem.line}: {problem.reason}", file=sys.stderr)
    store = await Store.connect(config.db_path)
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    try:
        for row in rows:
            counts[await store.import_kim(row.draft, row.key)] += 1
    finally:
        await store.close()
    print(
        f"Ditambah {counts['added']}, diperbarui {counts['updated']}, "
        f"tidak berubah {counts['unchanged']}, ditolak {len(problems)}."
    )
    return 1 if problems else 0


async def _list_kims(config: Config) -> int:
    from bot.store import Store
    from bot.wilayah import load_region

    region = load_region(config.kabupaten)
    store = await Store.connect(config.db_path)
    try:
        kims = await store.list_kims()
    finally:
        await store.close()
    header = f"{'ID':>4}  {'NAMA':<32} {'DESA':<24} {'KECAMATAN':<20} {'STATUS':<14}"
    print(f"{header} {'GRUP':>15} ANGGOTA")
    for kim in kims:
        desa = region.desa_by_code(kim.desa_kode)
        kec = region.kecamatan_by_code(kim.kecamatan_kode)
        print(
            f"{kim.id:>4}  {kim.nama[:32]:<32} {(desa.nama if desa else kim.desa_kode)[:24]:<24} "
            f"{(kec.nama if kec else kim.kecamatan_kode)[:20]:<20} {kim.status.value:<14} "
            f"{kim.chat_id or '-':>15} {kim.member_count}"
        )
    print(f"{len(kims)} KIM.")
    return 0


def _run_emulator(args: argparse.Namespace) -> int:
    from bot.emulator import serve

    try:
        asyncio.run(serve(args.host, args.port, flood_limits=args.flood_limits,
                          open_chats=args.open_chats))  # fmt: skip
    except KeyboardInterrupt:
        return 0
    except OSError as error:  # the port is taken, or the host is not this machine's
        if error.errno == errno.EADDRINUSE:
            print(f"Port {args.port} di {args.host} sudah dipakai program lain (emulator lain "
                  f"masih berjalan?); pilih port lain, mis. --port {args.port + 1}.",
                  file=sys.stderr)  # fmt: skip
        else:
            print(f"Emulator tidak bisa dibuka di {args.host}:{args.port} "
                  f"({error.strerror or error}); periksa --host dan --port.",
                  file=sys.stderr)  # fmt: skip
        return 1
    return 0


def _no_traceback_for_bad_json(record: logging.LogRecord) -> bool:
    """PTB logs a non-JSON answer (a wrong TELEGRAM_API_BASE) with a traceback: keep the line."""
    if record.name.startswith("telegram") and "invalid JSON" in str(record.msg):
        record.exc_info, record.exc_text = None, None
    return True
