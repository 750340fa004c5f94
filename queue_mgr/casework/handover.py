"""Handing a ready result over (rule 10): against an identity document, to the applicant (or the
guardian they represented), or to a representative holding a notarised power of attorney that
is in force on the day. A power of attorney that states no term is in force for one year from
the day it was made (the Civil Code of the Republic of Kazakhstan, Article 170)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from queue_mgr.errors import DomainError


class Taker(StrEnum):
    """Who takes the result: the person the application names, or a representative."""

    APPLICANT = "applicant"
    REPRESENTATIVE = "representative"


@dataclass(frozen=True)
class PowerOfAttorney:
    """A notarised power of attorney as the window reads it off the document."""

    number: str
    issued_on: date
    notary: str
    valid_until: date | None  # None: the document states no term

    @property
    def in_force_until(self) -> date:
        """The last day it serves: its own term, or a year from the day it was made."""
        if self.valid_until is not None:
            return self.valid_until
        try:
            return self.issued_on.replace(year=self.issued_on.year + 1)
        except ValueError:  # made on 29 February: the year ends on 28 February
            return self.issued_on.replace(year=self.issued_on.year + 1, day=28)


def named_person(presented_iin: str, applicant_iin: str, guardian_iin: str) -> str:
    """Whom the IIN shown names: ``"applicant"`` or ``"guardian"`` (the one they represented);
    anyone else is refused."""
    if presented_iin and presented_iin == applicant_iin:
        return "applicant"
    if presented_iin and presented_iin == guardian_iin:
        return "guardian"
    raise DomainError("application_wrong_person")


def check_power_of_attorney(proxy: PowerOfAttorney | None, today: date) -> None:
    """Refuse a power of attorney with a detail missing, dated after ``today`` (the hall's local
    day), or no longer in force (its term, or a year when it states none, ended before
    ``today``); one in force until ``today`` still serves."""
    if proxy is None or not proxy.number.strip() or not proxy.notary.strip():
        raise DomainError("application_no_power_of_attorney")
    if proxy.issued_on > today:
        raise DomainError("application_proxy_future")
    if proxy.in_force_until < today:
        raise DomainError("application_proxy_expired")
