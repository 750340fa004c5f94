"""The service's casework: accepting or refusing an application, the provider's decision,
handing over, storage. Views call these and commit once; a refused rule raises and changes
nothing.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from flask import current_app
from sqlalchemy import select

from kiosk.accounts.models import User
from kiosk.casework.certificates.issuing import certifies, hall_day, issue_certificate
from kiosk.casework.models import (
    Application,
    ApplicationEvent,
    GuardianshipRecord,
    Handover,
    ReasonedRefusal,
    RegistryChild,
)
from kiosk.casework.people import applicant_name
from kiosk.hall.numbering import hall_year, number_in_year
from kiosk.hall.settings import hall_zone
from kiosk.hall.workdays import working_calendar
from kiosk.web.extensions import db
from kiosk.web.statuses import change_status
from queue_mgr import DomainError
from queue_mgr.casework.applications import (
    OPEN,
    ApplicationStatus,
    Document,
    Outcome,
    application_transition,
    missing_documents,
    required_documents,
    return_due,
    service_term,
    storage_expired,
    stored_until,
)
from queue_mgr.casework.handover import (
    PowerOfAttorney,
    Taker,
    check_power_of_attorney,
    named_person,
)


class GuardianshipGateway(Protocol):
    """The state information system's guardianship records, as the service needs them.

    The hall's own registry (``LocalRegistry``) stands in for it; an adapter for the real
    system implements the same method and is set as ``app.extensions["registry"]``.
    """

    def find_active(self, guardian_iin: str, child_iin: str) -> GuardianshipRecord | None: ...


class LocalRegistry:
    """The guardianship registry kept by provider officers in this database."""

    def find_active(self, guardian_iin: str, child_iin: str) -> GuardianshipRecord | None:
        return db.session.execute(
            select(GuardianshipRecord)
            .join(RegistryChild)
            .where(GuardianshipRecord.active.is_(True),
                   GuardianshipRecord.guardian_iin == guardian_iin,
                   RegistryChild.iin == child_iin)
            .limit(1)
        ).scalar_one_or_none()


def registry() -> GuardianshipGateway:
    return current_app.extensions["registry"]


def request_number(now: datetime) -> str:
    """The next request number of the year, e.g. ``2026-00042``."""
    return number_in_year("", "request", hall_year(now))


def new_application(now: datetime, ticket_id: int | None = None) -> Application:
    """An empty draft, identified in addresses by an unguessable token."""
    application = Application(token=secrets.token_urlsafe(16), status=ApplicationStatus.DRAFT,
                               ticket_id=ticket_id, created_at=now, documents=[],
                               missing_documents=[])
    db.session.add(application)
    return application


def add_event(application: Application, action: str, user: User | None, now: datetime,
              note: str = "") -> None:
    """Add a step to the application's history: who did what, when."""
    db.session.add(ApplicationEvent(application=application, at=now, action=action,
                                    user_id=user.id if user else None, note=note))


def move(application: Application, target: ApplicationStatus, **values) -> None:
    """Change the status if the rules allow it, as a conditional update (no double moves)."""
    source = application.status
    change_status(Application, application.id, source, application_transition(source, target),
                  "application_stale", **values)
    db.session.expire(application)


def checklist(application: Application) -> list[Document]:
    return required_documents(application.child_birth_date, application.child_born_abroad,
                              application.by_proxy)


def guardian_iin(application: Application) -> str:
    """The guardian's IIN: the represented guardian's when a representative applies."""
    return application.principal_iin if application.by_proxy else application.applicant_iin


def has_open_request(child_iin: str, other_than: int | None = None) -> bool:
    found = db.session.execute(
        select(Application.id).where(Application.open_child_iin == child_iin,
                                     Application.id != (other_than or 0))
    ).first()
    return found is not None


def refuse_intake(application: Application, received: set[str], user: User,
                  now: datetime) -> list[Document]:
    """Refuse an incomplete package: the refusal receipt lists what is missing."""
    missing = missing_documents(checklist(application), received)
    if not missing:
        raise DomainError("application_complete")
    move(application, ApplicationStatus.INTAKE_REFUSED, accepted_by_id=user.id,
         documents=sorted(received), missing_documents=[str(d) for d in missing])
    add_event(application, "intake_refused", user, now, ", ".join(missing))
    return missing


def accept(application: Application, received: set[str], user: User | None,
           now: datetime) -> None:
    """Accept a complete package: a request number, the term, and the quick path when the
    registry already holds the guardianship. ``user`` is the window's operator; None for a
    request the portal sent, accepted on receipt."""
    if missing_documents(checklist(application), received):
        raise DomainError("application_incomplete")
    if not application.consent:
        raise DomainError("application_no_consent")
    if has_open_request(application.child_iin, application.id):
        raise DomainError("application_open_request")
    found = registry().find_active(guardian_iin(application), application.child_iin)
    # The quick path only when the certificate would name the child: a record may hold a
    # child who has turned 18 since; the provider then decides.
    if found is not None and not certifies(found, application.child_iin, hall_day(now)):
        found = None
    term = service_term(now, found is not None, working_calendar(), hall_zone())
    values = {"number": request_number(now), "accepted_at": now,
              "accepted_by_id": user.id if user else None,
              "due_at": term.due_at, "term_due_at": term.due_at, "documents": sorted(received),
              "open_child_iin": application.child_iin}
    if term.ready_now:
        move(application, ApplicationStatus.READY, registry_record_id=found.id,
             outcome=Outcome.CERTIFICATE, ready_at=now, **values,
             stored_until=stored_until(now.astimezone(hall_zone()).date()))
        issue_certificate(application, found, now, user)
    else:
        move(application, ApplicationStatus.AT_PROVIDER, **values)
    add_event(application, "accepted", user, now, "registry" if found else "provider")


def confirm(application: Application, guardianship: GuardianshipRecord, user: User,
            now: datetime) -> None:
    """The provider confirms the guardianship: the certificate is ready at the hall."""
    move(application, ApplicationStatus.READY, outcome=Outcome.CERTIFICATE,
         registry_record_id=guardianship.id, ready_at=now,
         stored_until=stored_until(now.astimezone(hall_zone()).date()))
    issue_certificate(application, guardianship, now, user)
    add_event(application, "confirmed", user, now, guardianship.basis_number)


def refusal_number(body_code: str, year: int) -> str:
    """The next outgoing number of the provider's reasoned refusals in ``year``, e.g.
    ``AST-R-2026-00007`` (a register of their own beside the certificates')."""
    return number_in_year(f"{body_code}-R-", f"refusal-{body_code}", year)


def refuse(application: Application, reason: str, user: User, now: datetime) -> None:
    """The provider refuses with a reason: the reasoned refusal is the result, a document with
    its outgoing number, the provider and its head as they are today."""
    move(application, ApplicationStatus.READY, outcome=Outcome.REFUSAL, refusal_reason=reason,
         ready_at=now, stored_until=stored_until(now.astimezone(hall_zone()).date()))
    config, issued_on = current_app.config, hall_day(now)
    body_code = config["ISSUING_BODY_CODE"]
    db.session.add(ReasonedRefusal(
        application_id=application.id, number=refusal_number(body_code, issued_on.year),
        issued_on=issued_on, body_code=body_code, issuing_body_kk=config["ISSUING_BODY_KK"],
        issuing_body_ru=config["ISSUING_BODY_RU"], head_name=config["ISSUING_BODY_HEAD"],
        officer_id=user.id if user else None, created_at=now))
    add_event(application, "refused", user, now, reason[:300])


@dataclass(frozen=True)
class Receiver:
    """Who takes a result: the IIN of the identity document shown and, for a representative,
    the name in it and the notarised power of attorney."""

    taker: Taker
    iin: str
    name: str = ""
    proxy: PowerOfAttorney | None = None


def receiver_record(application: Application, receiver: Receiver, today: date) -> Handover:
    """The handover's record of who took the result, once the rules accept them."""
    if receiver.taker == Taker.APPLICANT:
        person = named_person(receiver.iin, application.applicant_iin, guardian_iin(application))
        name = (application.principal_name if person == "guardian"
                else applicant_name(application))
        return Handover(receiver_name=name, receiver_iin=receiver.iin)
    check_power_of_attorney(receiver.proxy, today)
    if not receiver.name.strip():
        raise DomainError("application_no_receiver_name")
    proxy = receiver.proxy
    return Handover(receiver_name=receiver.name.strip(), receiver_iin=receiver.iin,
                    proxy_number=proxy.number.strip(), proxy_date=proxy.issued_on,
                    proxy_notary=proxy.notary.strip(), proxy_valid_until=proxy.valid_until)


def hand_over(application: Application, receiver: Receiver, user: User, now: datetime) -> None:
    """Hand the result over against an identity document: to the applicant (or the guardian
    they represent), or to a representative with a notarised power of attorney in force today;
    the handover records who took it."""
    if application.status != ApplicationStatus.READY:
        raise DomainError("application_not_ready")
    record = receiver_record(application, receiver, now.astimezone(hall_zone()).date())
    move(application, ApplicationStatus.HANDED_OVER, handed_over_at=now,
         handed_to=str(receiver.taker), open_child_iin=None)
    record.application_id = application.id
    db.session.add(record)
    add_event(application, "handed_over", user, now, str(receiver.taker))


def transfer_unclaimed(now: datetime) -> list[Application]:
    """Hand the results kept a month unclaimed to the provider; return the transfer list."""
    today = now.astimezone(hall_zone()).date()
    ready = db.session.execute(
        select(Application).where(Application.status == ApplicationStatus.READY)
        .order_by(Application.number)
    ).scalars().all()
    moved = []
    for application in ready:
        if application.stored_until and storage_expired(application.stored_until, today):
            move(application, ApplicationStatus.TRANSFERRED, transferred_at=now)
            add_event(application, "transferred", None, now)
            moved.append(application)
    return moved


def request_back(application: Application, user: User, now: datetime) -> None:
    """The applicant came after the month: the provider sends the result back in a working day."""
    move(application, ApplicationStatus.REQUESTED_BACK,
         due_at=return_due(now, working_calendar(), hall_zone()))
    add_event(application, "requested_back", user, now)


def returned(application: Application, user: User, now: datetime) -> None:
    """The provider's copy is back at the hall: ready again, kept another month."""
    move(application, ApplicationStatus.READY, ready_at=now,
         stored_until=stored_until(now.astimezone(hall_zone()).date()))
    add_event(application, "returned", user, now)


def is_open(application: Application) -> bool:
    return application.status in OPEN
