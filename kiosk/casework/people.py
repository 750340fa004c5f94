"""The people an application names, as the screens and the papers name them."""

from kiosk.casework.models import Application


def applicant_name(application: Application) -> str:
    parts = (application.applicant_surname, application.applicant_name,
             application.applicant_patronymic)
    return " ".join(part for part in parts if part)


def guardian_name(application: Application) -> str:
    """The guardian: the applicant, or the person a representative acts for."""
    return application.principal_name if application.by_proxy else applicant_name(application)


def child_name(application: Application) -> str:
    parts = (application.child_surname, application.child_name, application.child_patronymic)
    return " ".join(part for part in parts if part)
