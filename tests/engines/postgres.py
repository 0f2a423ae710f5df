"""A throw-away PostgreSQL cluster for the test suite.

Run the whole suite on it (this is what ``make test-postgres`` and CI do)::

    python -m tests.engines.postgres -- python -m pytest -q tests

The cluster is initialised in a temp dir (as ``nobody`` when running as root, because ``initdb``
refuses to run as root), started on a free loopback port, given one database, and the command runs
with ``DATABASE_URL`` pointing at it. The cluster is stopped and deleted afterwards, and the exit code
is the command's own. From Python, :func:`postgres_cluster` does the same as a context manager.

The binaries come from ``PG_BIN`` when set, else Debian's ``/usr/lib/postgresql/15/bin``, else ``PATH``.
"""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT_BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER = "postgres"
DATABASE = "union"
UNPRIVILEGED_USER = "nobody"
# Durability is pointless for a cluster that is deleted at the end; these make migrations much faster.
SERVER_OPTIONS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=50")


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server binaries are not installed or the cluster cannot start."""


def binaries_dir() -> Path:
    """Where initdb, pg_ctl and postgres live; raises PostgresUnavailable with install advice if nowhere."""
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    candidates.append(DEFAULT_BIN)
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).resolve().parent)
    for directory in candidates:
        if all((directory / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return directory
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in "
        f"{', '.join(str(c) for c in candidates)}. Install them with "
        "`apt-get install postgresql-15` (Debian) or point PG_BIN at their directory."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresCluster:
    """One initdb'd cluster in a temp dir; ``start()`` then ``url``, and ``close()`` removes everything."""

    def __init__(self, *, database: str = DATABASE):
        self.bin = binaries_dir()
        self.database = database
        self.port: int | None = None
        self.root = Path(tempfile.mkdtemp(prefix="union-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "sockets"
        self.log = self.root / "server.log"
        self._owner = pwd.getpwnam(UNPRIVILEGED_USER) if os.geteuid() == 0 else None
        self.sockets.mkdir()
        if self._owner:
            for path in (self.root, self.sockets):
                os.chown(path, self._owner.pw_uid, self._owner.pw_gid)
        self._running = False

    @property
    def url(self) -> str:
        return f"postgres://{SUPERUSER}@127.0.0.1:{self.port}/{self.database}"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._owner:
            command = ["runuser", "-u", self._owner.pw_name, "--", *command]
        result = subprocess.run(  # noqa: S603 - fixed binaries, arguments built here
            command, capture_output=True, text=True, timeout=timeout, cwd=self.root, check=False
        )
        if result.returncode != 0:
            output = f"{result.stdout}{result.stderr}{self._log_tail()}"
            raise PostgresUnavailable(f"`{' '.join(args[:2])}` failed ({result.returncode}):\n{output}")
        return result

    def _log_tail(self) -> str:
        try:
            return "\n--- server log ---\n" + "\n".join(self.log.read_text().splitlines()[-20:])
        except OSError:
            return ""

    def start(self) -> str:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        # A port found free can be taken before the server binds it: try a few.
        for attempt in range(5):
            self.port = free_port()
            options = " ".join(
                [f"-k {self.sockets}", f"-p {self.port}", "-h 127.0.0.1", *(f"-c {o}" for o in SERVER_OPTIONS)]
            )
            try:
                self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log), "-o", options)
                break
            except PostgresUnavailable:
                if attempt == 4:
                    raise
        self._running = True
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, self.database)
        return self.url

    def stop(self) -> None:
        if self._running:
            self._running = False
            with contextlib.suppress(PostgresUnavailable, subprocess.TimeoutExpired):
                self._run("pg_ctl", "stop", "-w", "-t", "30", "-m", "fast", "-D", str(self.data))

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def postgres_cluster(*, database: str = DATABASE) -> Iterator[str]:
    """Start a throw-away cluster and yield its DATABASE_URL; stop and delete it on exit."""
    cluster = PostgresCluster(database=database)
    try:
        yield cluster.start()
    finally:
        cluster.close()


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print("usage: python -m tests.engines.postgres -- COMMAND [ARGS...]", file=sys.stderr)  # noqa: T201
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    try:
        started = time.monotonic()
        with postgres_cluster() as url:
            print(  # noqa: T201
                f"PostgreSQL ready at {url} in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True
            )
            child = subprocess.Popen(argv, env={**os.environ, "DATABASE_URL": url})  # noqa: S603
            try:
                return child.wait()
            finally:
                if child.poll() is None:
                    child.terminate()
                    try:
                        child.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        child.kill()
    except PostgresUnavailable as error:
        print(f"tests.engines.postgres: {error}", file=sys.stderr)  # noqa: T201
        return 3
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
