"""A real single-node Elasticsearch for development and tests.

No Elasticsearch distribution can be downloaded here, so the node is assembled from the
Elasticsearch 7.17 jars on Maven Central (see ``search/es_node/``) and run by our own launcher.
It is a development and test engine only: it skips Elasticsearch's bootstrap checks and security
manager. The project's code targets Elasticsearch 8.x and uses only APIs 7.17 shares with it.

Plain Python on purpose (no Django import): the test plugin and ``make es`` use it before, or
without, Django settings.

    python -m search.devnode [--port 9200] [--data DIR | --ephemeral]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = Path(__file__).resolve().parent / "es_node"
BUILD_DIR = REPO_ROOT / "var" / "es_node"
DEFAULT_DATA_DIR = REPO_ROOT / "var" / "es_data"

LAUNCHER_CLASS = "UnionEsNode"
HEAP = "512m"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0


class BuildError(RuntimeError):
    pass


class NodeStartError(RuntimeError):
    pass


def _java_home_tool(name: str) -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def missing_java_tools() -> list[str]:
    """Names of the tools (java, javac, mvn) that cannot be found."""
    tools = {"java": _java_home_tool("java"), "javac": _java_home_tool("javac"), "mvn": shutil.which("mvn")}
    return [name for name, path in tools.items() if path is None]


def java_tools_available() -> bool:
    return not missing_java_tools()


def _digest(*paths: Path) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def _run(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, cwd=SOURCE_DIR, capture_output=True, text=True)  # noqa: S603 (our own command)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise BuildError(f"{what} failed ({' '.join(cmd)}):\n" + "\n".join(output[-40:]))


def _classpath(build_dir: Path) -> str:
    jars = sorted((build_dir / "lib").glob("*.jar"))
    return os.pathsep.join([str(build_dir / "classes"), *map(str, jars)])


def build(build_dir: Path = BUILD_DIR) -> str:
    """Fetch the jars and compile the launcher unless already done; return the classpath.

    Each step is redone only when its sources changed. A file lock keeps parallel test
    workers from building over each other.
    """
    build_dir.mkdir(parents=True, exist_ok=True)
    pom = SOURCE_DIR / "pom.xml"
    launcher = SOURCE_DIR / f"{LAUNCHER_CLASS}.java"
    lib_dir, classes_dir = build_dir / "lib", build_dir / "classes"
    lib_stamp, classes_stamp = build_dir / "lib.sha256", build_dir / "classes.sha256"

    with open(build_dir / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)

        lib_digest = _digest(pom)
        if not lib_stamp.is_file() or lib_stamp.read_text() != lib_digest:
            lib_stamp.unlink(missing_ok=True)
            shutil.rmtree(lib_dir, ignore_errors=True)
            mvn = shutil.which("mvn")
            if mvn is None:
                raise BuildError("Maven (mvn) is needed to fetch the Elasticsearch jars")
            _run(
                [
                    mvn,
                    "-q",
                    "-B",
                    "-f",
                    str(pom),
                    "dependency:copy-dependencies",
                    "-DincludeScope=runtime",
                    f"-DoutputDirectory={lib_dir}",
                ],
                "Fetching the jars",
            )
            lib_stamp.write_text(lib_digest)

        classes_digest = _digest(pom, launcher)
        if not classes_stamp.is_file() or classes_stamp.read_text() != classes_digest:
            classes_stamp.unlink(missing_ok=True)
            shutil.rmtree(classes_dir, ignore_errors=True)
            javac = _java_home_tool("javac")
            if javac is None:
                raise BuildError("javac is needed to compile the Elasticsearch launcher")
            jars = os.pathsep.join(str(jar) for jar in sorted(lib_dir.glob("*.jar")))
            _run(
                [
                    javac,
                    "-encoding",
                    "UTF-8",
                    "--release",
                    "11",
                    "-Xlint:all",
                    "-d",
                    str(classes_dir),
                    "-cp",
                    jars,
                    str(launcher),
                ],
                "Compiling the launcher",
            )
            classes_stamp.write_text(classes_digest)

    return _classpath(build_dir)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


class ElasticsearchNode:
    """One managed Elasticsearch process on 127.0.0.1.

    ``stop()`` then ``start()`` reuses the same port and data, so a test can simulate an
    outage. ``close()`` (or leaving the ``with`` block) also deletes a temporary data dir.
    """

    managed = True  # tests tell it from an external cluster, which they cannot stop

    def __init__(
        self,
        data_dir: str | os.PathLike | None = None,
        *,
        heap: str = HEAP,
        cluster_name: str = "union-dev",
        log_to_terminal: bool = False,
    ):
        self.heap = heap
        self.cluster_name = cluster_name
        self.log_to_terminal = log_to_terminal
        self.port: int | None = None
        self._owns_dir = data_dir is None
        self.base_dir = Path(data_dir) if data_dir else None
        self._process: subprocess.Popen | None = None
        self._log_file = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("the node has not been started")
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self.running else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def log_path(self) -> Path:
        return self.base_dir / "node.log"

    def start(self, port: int | None = None, timeout: float = START_TIMEOUT) -> ElasticsearchNode:
        if self.running:
            raise RuntimeError(f"the node is already running at {self.url}")
        classpath = build()
        java = _java_home_tool("java")
        if java is None:
            raise NodeStartError("java is needed to run Elasticsearch")
        if port is not None:
            self.port = port
        elif self.port is None:
            self.port = free_port()
        if _port_in_use(self.port):
            raise NodeStartError(f"127.0.0.1:{self.port} is already in use (is `make es` or another node running?)")
        if self.base_dir is None:
            self.base_dir = Path(tempfile.mkdtemp(prefix="union-es-"))
        home, data, tmp = self.base_dir / "home", self.base_dir / "data", self.base_dir / "tmp"
        for path in (home, data, tmp):
            path.mkdir(parents=True, exist_ok=True)

        cmd = [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            "-Dfile.encoding=UTF-8",
            "-Djava.awt.headless=true",
            f"-Djava.io.tmpdir={tmp}",
            # Elasticsearch 7.x parses dates with these locale providers (its jvm.options sets them).
            "-Djava.locale.providers=SPI,COMPAT",
            # Netty's pooled buffers and recycler cost memory a small node does not need.
            "-Dio.netty.noUnsafe=true",
            "-Dio.netty.noKeySetOptimization=true",
            "-Dio.netty.recycler.maxCapacityPerThread=0",
            "-Dio.netty.allocator.numDirectArenas=0",
            "-XX:+ExitOnOutOfMemoryError",
            # A managed node dies with its parent (stdin pipe closes) instead of lingering.
            f"-Dunion.es.exitOnStdinEof={str(not self.log_to_terminal).lower()}",
            "-cp",
            classpath,
            LAUNCHER_CLASS,
            str(self.port),
            str(home),
            str(data),
            self.cluster_name,
        ]
        if self.log_to_terminal:
            output = None
        else:
            self._log_file = open(self.log_path, "ab")  # noqa: SIM115 (held open while the node runs)
            output = self._log_file
        self._process = subprocess.Popen(  # noqa: S603 (our own command)
            cmd,
            stdin=subprocess.DEVNULL if self.log_to_terminal else subprocess.PIPE,
            stdout=output,
            stderr=subprocess.STDOUT,
            # A test run's Ctrl-C must not kill the node before fixtures tear down.
            start_new_session=not self.log_to_terminal,
        )
        try:
            self._wait_until_healthy(timeout)
        except BaseException:
            self._terminate()
            raise
        return self

    def _wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        health_url = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise NodeStartError(self._failure(f"Elasticsearch exited with code {self._process.returncode}"))
            try:
                with urllib.request.urlopen(health_url, timeout=2) as response:  # noqa: S310 (our http URL)
                    status = json.load(response).get("status")
                if status in ("yellow", "green"):
                    if self._answering_pid() == self._process.pid:
                        return
                    last_error = "another process answers on this port"
                else:
                    last_error = f"cluster status {status}"
            except urllib.error.HTTPError as error:  # 408 while the wait_for_status times out
                last_error = f"HTTP {error.code}"
            except (OSError, ValueError) as error:
                last_error = str(error)
            time.sleep(0.2)
        raise NodeStartError(
            self._failure(f"Elasticsearch at {self.url} not yellow/green within {timeout:.0f}s ({last_error})")
        )

    def _answering_pid(self) -> int | None:
        url = f"{self.url}/_nodes/_local/process?filter_path=nodes.*.process.id"
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our http URL)
            nodes = json.load(response).get("nodes", {})
        return next((node.get("process", {}).get("id") for node in nodes.values()), None)

    def _failure(self, message: str) -> str:
        if self.log_to_terminal:
            return message
        with contextlib.suppress(OSError), open(self.log_path, encoding="utf-8", errors="replace") as log:
            tail = "".join(deque(log, maxlen=30))
            return f"{message}\n--- last lines of {self.log_path} ---\n{tail}"
        return message

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """SIGTERM the node and wait: its shutdown hook closes the node cleanly."""
        self._terminate(timeout)

    def _terminate(self, timeout: float = STOP_TIMEOUT) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.send_signal(signal.SIGTERM)
                try:
                    self._process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process = None
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def wait(self) -> int:
        """Block until the node exits by itself; return its exit code."""
        if self._process is None:
            raise RuntimeError("the node has not been started")
        return self._process.wait()

    def close(self) -> None:
        """Stop the node and delete its data if it lives in a temporary dir."""
        self.stop()
        if self._owns_dir and self.base_dir is not None:
            shutil.rmtree(self.base_dir, ignore_errors=True)
            self.base_dir = None

    def __enter__(self) -> ElasticsearchNode:
        if not self.running:
            self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<ElasticsearchNode {self.url if self.port else 'unstarted'} {state}>"


def _interrupt(signum, frame):
    """Give SIGTERM (e.g. from a process manager) the same clean path as Ctrl-C."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m search.devnode", description="Run a development Elasticsearch in the foreground."
    )
    parser.add_argument("--port", type=int, default=9200)
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"kept between runs (default: {DEFAULT_DATA_DIR.relative_to(REPO_ROOT)})",
    )
    where.add_argument("--ephemeral", action="store_true", help="use a temporary dir, deleted on exit")
    args = parser.parse_args(argv)

    missing = missing_java_tools()
    if missing:
        parser.exit(1, f"Cannot run Elasticsearch: {', '.join(missing)} not found (install Java 17 and Maven).\n")

    # The node logs straight to this terminal; Ctrl-C reaches it too (same process group).
    node = ElasticsearchNode(None if args.ephemeral else args.data, log_to_terminal=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        started = time.monotonic()
        node.start(port=args.port)
        print(  # noqa: T201 (command-line output)
            f"Elasticsearch ready at {node.url} in {time.monotonic() - started:.1f}s "
            f"(data: {node.base_dir}). Ctrl-C stops it.",
            flush=True,
        )
        code = node.wait()
        print(f"Elasticsearch exited with code {code}", file=sys.stderr)  # noqa: T201
        return code or 1
    except KeyboardInterrupt:
        return 0
    except (BuildError, NodeStartError) as error:
        print(error, file=sys.stderr)  # noqa: T201
        return 1
    finally:
        node.close()


if __name__ == "__main__":
    sys.exit(main())
