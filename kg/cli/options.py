"""Options shared by every command, so they read and write the same graph the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from kg.store import DEFAULT_STORE

F = TypeVar("F", bound=Callable[..., Any])

# Exit statuses (documented in README): 0 all input used; 1 built, but some input was skipped;
# 2 usage error (click's own); 3 nothing could be done (no store, unreadable store).
EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_FAILED = 3


def store_option(func: F) -> F:
    """``--store PATH``: the graph file every command reads or writes (env KG_STORE, default kg.sqlite)."""
    return click.option(
        "--store",
        "store",
        type=click.Path(dir_okay=False),
        default=DEFAULT_STORE,
        envvar="KG_STORE",
        show_default=True,
        help="Graph store file (SQLite).",
    )(func)


def json_option(func: F) -> F:
    """``--json``: print machine-readable JSON instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)
