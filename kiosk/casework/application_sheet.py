"""The application on paper (Appendix 2) for the applicant's signature: the Kazakh and the
Russian text on one sheet, printed at the kiosk right after it is saved, or at the window."""

from datetime import date

from kiosk.casework.models import Application
from kiosk.casework.people import applicant_name, child_name
from kiosk.casework.sheets import Half, halves, provider_details, when


def printable(application: Application) -> bool:
    """Whether the application is filled enough to print (a draft the kiosk began and never
    completed is not)."""
    return application.child_birth_date is not None


def application_halves(application: Application, today: date) -> list[Half]:
    """Appendix 2 in Kazakh and Russian, dated ``today`` (the hall's day of printing)."""
    facts = {"application": application, "applicant": applicant_name(application),
             "child": child_name(application), "dated": today, "when": when}
    return halves("casework/_application.html", facts, provider_details)
