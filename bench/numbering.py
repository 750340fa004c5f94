"""The tickets a benchmark issued, read back from the scratch database with sqlite3."""

import sqlite3
from contextlib import closing
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


def numbering_column(connection: sqlite3.Connection) -> str:
    """Numbers run per the service a ticket was issued for, where the schema records it."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(ticket)")}
    return "issued_service_id" if "issued_service_id" in columns else "service_id"


def issued(database: Path) -> list[ServiceDay]:
    """Group the issued tickets by service and day."""
    with closing(sqlite3.connect(database)) as connection:
        column = numbering_column(connection)
        return [ServiceDay(*row) for row in connection.execute(
            "SELECT service.code, ticket.day, COUNT(*), COUNT(DISTINCT ticket.number),"
            " MIN(ticket.number), MAX(ticket.number)"
            f" FROM ticket JOIN service ON service.id = ticket.{column}"
            f" GROUP BY ticket.{column}, ticket.day ORDER BY service.code, ticket.day"
        )]
