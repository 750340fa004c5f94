"""The tickets a benchmark issued, read back from the scratch database with sqlite3."""

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ServiceDay:
    """One service's tickets of one day: how many, and whether their numbers run 1..n."""

    service: str
    day: str
    tickets: int
    distinct: int
    lowest: int
    highest: int

    @property
    def gapless(self) -> bool:
        return self.tickets == self.distinct == self.highest and self.lowest == 1


def issued(database: Path) -> list[ServiceDay]:
    """Group the issued tickets by service and day."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT service.code, ticket.day, COUNT(*), COUNT(DISTINCT ticket.number),"
            " MIN(ticket.number), MAX(ticket.number)"
            " FROM ticket JOIN service ON service.id = ticket.service_id"
            " GROUP BY ticket.service_id, ticket.day ORDER BY service.code, ticket.day"
        ).fetchall()
    connection.close()
    return [ServiceDay(*row) for row in rows]
