"""Options that change how readers interpret their input."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReadOptions:
    """Reader settings. ``today`` dates listings that give no year (Daily Papers' "Apr 21")."""

    today: dt.date = field(default_factory=dt.date.today)
    listing_year: int | None = None
