"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, a free port
on 127.0.0.1, trust authentication, stopped and removed at the end.

PostgreSQL refuses to run as root; as root the server runs as the ``postgres`` user that
the distribution's package creates (``runuser -u postgres --``).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

USER = "tregua"


def binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    candidates = [shutil.which("initdb"), *map(str, installed)]
    for found in candidates:
        if found:
            folder = Path(found).resolve().parent
            if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
                return folder
    return None


def missing_reason() -> str | None:
    """Why no server can be started here, or None when one can."""
    if binaries() is None:
        return (
            "no PostgreSQL server binaries (initdb, pg_ctl, postgres) on PATH or under "
            "/usr/lib/postgresql/*/bin; install the postgresql package to run the store "
            "tests on PostgreSQL"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PgServer:
    """One server; ``fast`` turns off fsync for tests that never crash it."""

    def __init__(self, *, fast: bool) -> None:
        folder = binaries()
        assert folder is not None, missing_reason()
        self.bin = folder
        self.root = Path(tempfile.mkdtemp(prefix="tregua-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.fast = fast
        self._databases = 0
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self._as, str(self.bin / tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.root,
        )

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root}"
        )
        if self.fast:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            options,
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        """``mode="immediate"`` is a crash: no checkpoint, recovery on the next start."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database; its name."""
        self._databases += 1
        name = f"t{self._databases}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return name
