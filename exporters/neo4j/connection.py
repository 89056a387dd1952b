"""Opening a Neo4j driver, and one clear message for each way talking to the server can fail."""

from __future__ import annotations

import logging
from typing import Any

import neo4j
from neo4j import exceptions as nx


class Neo4jError(Exception):
    """Talking to Neo4j failed; the message says what happened and what to do."""


DEFAULT_RETRY_SECONDS = 30.0
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_uri(uri: str) -> str:
    """``uri`` if it is a Bolt URI the exporter supports; raise ``Neo4jError`` otherwise."""
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme.lower() not in SCHEMES or not rest:
        raise Neo4jError(f"bad Neo4j URI {uri!r}: expected {'|'.join(SCHEMES)}://HOST[:PORT]")
    return uri


def quiet_driver_logs() -> None:
    """Keep the driver's retry warnings off stderr: failures are reported once, as a ``Neo4jError``."""
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False


def connect(
    uri: str, user: str, password: str, *, retry_seconds: float = DEFAULT_RETRY_SECONDS, timeout: float = 10.0
) -> neo4j.Driver:
    """A driver for ``uri`` whose connectivity and credentials have been checked.

    ``retry_seconds`` is how long a transaction is retried on transient errors (deadlocks, a lost
    connection, a leader switch) before the failure is reported.
    """
    check_uri(uri)
    try:
        driver = neo4j.GraphDatabase.driver(
            uri,
            auth=(user, password),
            connection_timeout=timeout,
            max_transaction_retry_time=retry_seconds,
            user_agent="kg-neo4j-exporter",
        )
    except (ValueError, nx.ConfigurationError) as err:
        raise Neo4jError(f"bad Neo4j URI {uri!r}: {err}") from None
    except Exception as err:  # anything else the driver raises while setting up: still one clear line
        raise Neo4jError(f"cannot open a Neo4j driver for {uri}: {_first_line(err)}") from None
    try:
        driver.verify_connectivity()
    except BaseException as err:
        driver.close()
        raise explain(err, uri, user) from None
    return driver


def explain(err: BaseException, uri: str, user: str, doing: str = "") -> Neo4jError | BaseException:
    """Turn a driver exception into a ``Neo4jError`` with a clear message (other exceptions pass through)."""
    where = f" while {doing}" if doing else ""
    if isinstance(err, nx.AuthError):
        return Neo4jError(
            f"Neo4j at {uri} refused the credentials of user {user!r}{where}: wrong user or password "
            "(the password comes from NEO4J_PASSWORD or the prompt)"
        )
    if isinstance(err, (nx.ServiceUnavailable, nx.SessionExpired, OSError)):
        return Neo4jError(f"cannot reach Neo4j at {uri}{where}: {_first_line(err)}")
    if isinstance(err, nx.ClientError) and err.code and "DatabaseNotFound" in err.code:
        return Neo4jError(f"Neo4j at {uri} has no such database{where}: {err.message}")
    if isinstance(err, nx.Neo4jError):
        return Neo4jError(f"Neo4j at {uri} answered with an error{where}: {err.code}: {err.message}")
    if isinstance(err, nx.DriverError):
        return Neo4jError(f"Neo4j driver failed{where} ({uri}): {_first_line(err)}")
    return err


def _first_line(err: BaseException) -> str:
    """The driver's message on one line (its reasons span several)."""
    text = " ".join(str(err).split()) or type(err).__name__
    return text.rstrip(".")


def session_kwargs(database: str | None, **extra: Any) -> dict[str, Any]:
    """Keyword arguments for ``driver.session`` (the server's default database when ``database`` is None)."""
    return {"database": database, **extra} if database else dict(extra)
