"""Build and run the test Neo4j (tests/neo4j/launcher): a real Neo4j 5.26 Community, embedded, on loopback.

The launcher is a tiny Maven project. ``launcher_classpath()`` compiles it when its output is missing or
older than its sources (offline first, ``mvn -o``, when the jars are in ~/.m2; online otherwise) and
returns the Java class path. ``Neo4jServer`` starts it with the password in the environment (never in
argv), waits until Bolt answers, and stops it on stdin EOF (or kills it, for the mid-load failure test).
"""

from __future__ import annotations

import fcntl
import os
import shlex
import shutil
import subprocess
import threading
import time
from pathlib import Path

import neo4j

LAUNCHER = Path(__file__).resolve().parent / "launcher"
TARGET = LAUNCHER / "target"
CLASSPATH_FILE = TARGET / "classpath.txt"
MAIN_CLASS = "kg.neo4j.Launcher"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
JAVA_OPTS = ["-Xms256m", "-Xmx1g", "-XX:+UseParallelGC"]
FAST_START = ["-XX:TieredStopAtLevel=1"]  # C1 only: starts in ~2/3 of the time; the tests' loads are small
_build_lock = threading.Lock()


class LauncherError(RuntimeError):
    """The launcher could not be built or started."""


def _stale() -> bool:
    if not CLASSPATH_FILE.exists() or not (TARGET / "classes" / "kg" / "neo4j" / "Launcher.class").exists():
        return True
    built = CLASSPATH_FILE.stat().st_mtime
    sources = [LAUNCHER / "pom.xml", *LAUNCHER.joinpath("src").rglob("*.java")]
    return any(s.stat().st_mtime > built for s in sources)


def launcher_classpath() -> str:
    """The class path of the built launcher (building it with Maven first if needed)."""
    TARGET.mkdir(exist_ok=True)
    with _build_lock, (TARGET / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test session may be building the launcher right now
        if _stale():
            mvn = shutil.which("mvn")
            if not mvn or not shutil.which("java"):
                raise LauncherError("the Neo4j tests need Java 17+ and Maven (Debian: openjdk-17-jdk-headless maven)")
            command = [mvn, "-q", "-B", "compile"]
            offline = subprocess.run([*command[:2], "-o", *command[2:]], cwd=LAUNCHER, capture_output=True, text=True)
            if offline.returncode != 0:
                online = subprocess.run(command, cwd=LAUNCHER, capture_output=True, text=True, timeout=1800)
                if online.returncode != 0:
                    raise LauncherError(
                        f"mvn compile failed in {LAUNCHER}:\n{online.stdout[-3000:]}{online.stderr[-3000:]}"
                    )
            CLASSPATH_FILE.touch()
    return f"{TARGET / 'classes'}{os.pathsep}{CLASSPATH_FILE.read_text().strip()}"


class Neo4jServer:
    """One launcher process. ``home`` keeps the database between starts; without it a temp home is used."""

    def __init__(
        self, password: str, home: Path | None = None, log: Path | None = None, java_opts: list[str] | None = None
    ) -> None:
        self.password = password
        self.java_opts = [*JAVA_OPTS, *FAST_START] if java_opts is None else java_opts
        self.home = home
        self.log = log
        self.uri = ""
        self.process: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 180.0) -> str:
        """Start the server and return its bolt URI once Bolt answers with the password."""
        java = shutil.which("java") or "java"
        args = [java, *self.java_opts, "-cp", launcher_classpath(), MAIN_CLASS]
        if self.home is not None:
            args.append(str(self.home))
        log = self.log.open("a") if self.log else subprocess.DEVNULL
        env = {**os.environ, "NEO4J_PASSWORD": self.password}
        self.process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, env=env
        )
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self._read_uri()), daemon=True)
        reader.start()
        reader.join(timeout)  # returns early when the URI is printed or the launcher exits
        if not line or not line[0].startswith("bolt://"):
            self.stop(timeout=20)
            raise LauncherError(f"the Neo4j launcher did not start within {timeout:.0f}s (see {self.log})")
        self.uri = line[0]
        self._wait_for_bolt(time.monotonic() + timeout)
        return self.uri

    def _read_uri(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        for text in self.process.stdout:
            if text.startswith("bolt://"):
                return text.strip()
        return ""

    def _wait_for_bolt(self, deadline: float) -> None:
        while True:
            try:
                with neo4j.GraphDatabase.driver(self.uri, auth=("neo4j", self.password)) as driver:
                    driver.verify_connectivity()
                return
            except neo4j.exceptions.DriverError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self, timeout: float = 60.0) -> None:
        """Close the launcher's stdin (a clean shutdown); kill it if it does not exit in time."""
        if self.process is None:
            return
        try:
            if self.process.stdin:
                self.process.stdin.close()
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        finally:
            if self.process.stdout:
                self.process.stdout.close()
            self.process = None

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            if self.process.stdin:
                self.process.stdin.close()
            if self.process.stdout:
                self.process.stdout.close()
            self.process = None


def neo4j_admin(
    args: list[str], home: Path, cwd: Path, timeout: float = 600, java_opts: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real neo4j-admin (``org.neo4j.cli.AdminTool`` from the Neo4j jars) against ``home``."""
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").touch()
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    java = shutil.which("java") or "java"
    opts = [*JAVA_OPTS, *FAST_START] if java_opts is None else java_opts
    command = [java, *opts, "-cp", launcher_classpath(), ADMIN_CLASS, *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def admin_args_from_script(script: Path) -> list[str]:
    """The arguments of the ``neo4j-admin`` command written in a bundle's import.sh."""
    for line in script.read_text().splitlines():
        words = shlex.split(line)
        if words[:2] == ["exec", "neo4j-admin"]:
            return words[2:]
    raise AssertionError(f"no neo4j-admin command in {script}")
