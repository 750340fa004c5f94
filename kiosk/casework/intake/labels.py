"""What the intake screens and the receipts call things, translated at the moment of use."""

from flask_babel import lazy_gettext as _l

from queue_mgr.casework.applications import ApplicationStatus, Document, Outcome

DOCUMENT_NAMES = {
    Document.APPLICATION: _l("Application for the certificate (Appendix 2)"),
    Document.IDENTITY: _l("Identity document of the applicant (for identification)"),
    Document.BIRTH_CERTIFICATE: _l("Birth certificate of the child"),
    Document.POWER_OF_ATTORNEY: _l("Notarised power of attorney of the representative"),
}

STATUS_NAMES = {
    ApplicationStatus.DRAFT: _l("Not yet accepted"),
    ApplicationStatus.INTAKE_REFUSED: _l("Refused at intake: incomplete package"),
    ApplicationStatus.AT_PROVIDER: _l("At the provider: waiting for the decision"),
    ApplicationStatus.READY: _l("Ready at the hall"),
    ApplicationStatus.HANDED_OVER: _l("Handed over"),
    ApplicationStatus.TRANSFERRED: _l("Handed to the provider after a month of storage"),
    ApplicationStatus.REQUESTED_BACK: _l("Requested back from the provider"),
}

OUTCOME_NAMES = {
    Outcome.CERTIFICATE: _l("Certificate on guardianship and trusteeship"),
    Outcome.REFUSAL: _l("Reasoned refusal"),
}

# To whom a result was given (a dative phrase: "handed over to ...").
HANDED_TO_NAMES = {
    "applicant": _l("to the applicant"),
    "representative": _l("to a representative with a notarised power of attorney"),
}

def document_name(code: str) -> str:
    return str(DOCUMENT_NAMES.get(Document(code), code))


def status_name(status: str) -> str:
    return str(STATUS_NAMES.get(ApplicationStatus(status), status))


def outcome_name(outcome: str | None) -> str:
    return str(OUTCOME_NAMES[Outcome(outcome)]) if outcome else ""


def handed_to_name(to: str) -> str:
    return str(HANDED_TO_NAMES.get(to, to))


TEMPLATE_HELPERS = {
    "document_name": document_name, "status_name": status_name, "outcome_name": outcome_name,
    "handed_to_name": handed_to_name,
}
