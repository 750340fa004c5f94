"""Issuing a certificate, and what the supervisor may do to it afterwards: annul, reissue.

Every function here writes into the caller's transaction and records who did what; the caller
commits once. A refused rule raises a ``DomainError`` (``certificate_...``) and changes nothing.
"""

from datetime import date, datetime

from flask import current_app

from kiosk.accounts.models import User
from kiosk.casework.certificates.keys import keyring
from kiosk.casework.certificates.models import Certificate, CertificateEvent
from kiosk.casework.models import Application, GuardianshipRecord
from kiosk.hall.numbering import number_in_year
from kiosk.hall.settings import hall_zone
from kiosk.web.extensions import db
from kiosk.web.statuses import change_status
from queue_mgr.casework.applications import is_minor, is_trusteeship
from queue_mgr.certificates.codes import CodeFields, DocumentType, sign_code
from queue_mgr.certificates.statuses import CertificateStatus, certificate_transition
from queue_mgr.errors import DomainError

NOTE_LENGTH = 300


def hall_day(moment: datetime) -> date:
    return moment.astimezone(hall_zone()).date()


def certificate_number(body_code: str, year: int) -> str:
    """The next outgoing number of the issuing body in ``year``, e.g. ``AST-2026-00042``."""
    return number_in_year(f"{body_code}-", f"certificate-{body_code}", year)


def child_rows(record: GuardianshipRecord, issued_on: date) -> list[dict]:
    """The certificate's rows: each child under 18 that day (a record may still hold one come
    of age since), and whether it is trusteeship (14 or older) that day. With no child under
    18 there is no certificate (``certificate_no_minor``)."""
    rows = [{"name": child.full_name, "birth_date": child.birth_date.isoformat(),
             "iin": child.iin, "trusteeship": is_trusteeship(child.birth_date, issued_on)}
            for child in record.children if is_minor(child.birth_date, issued_on)]
    if not rows:
        raise DomainError("certificate_no_minor")
    return rows


def certifies(record: GuardianshipRecord, child_iin: str, day: date) -> bool:
    """Whether a certificate resting on the record on ``day`` names this child (under 18)."""
    return any(child.iin == child_iin and is_minor(child.birth_date, day)
               for child in record.children)


def add_event(certificate: Certificate, action: str, user: User | None, now: datetime,
              note: str = "") -> None:
    """Add a step to the certificate's history: who did what, when."""
    db.session.add(CertificateEvent(certificate=certificate, at=now, action=action,
                                    user_id=user.id if user else None,
                                    note=note[:NOTE_LENGTH]))


def issue_certificate(application: Application, record: GuardianshipRecord, now: datetime,
                      user: User | None = None) -> Certificate:
    """Issue the certificate of a ready application from its registry record, with its number
    and signed code (in the caller's transaction)."""
    config = current_app.config
    issued_on = hall_day(now)
    children = child_rows(record, issued_on)  # refused before a number is taken
    body_code = config["ISSUING_BODY_CODE"]
    number = certificate_number(body_code, issued_on.year)
    key = keyring().active
    certificate = Certificate(
        number=number, application_id=application.id,
        doc_type=DocumentType.GUARDIANSHIP_CERTIFICATE, issued_on=issued_on, key_id=key.key_id,
        code=f"pending-{number}",  # unique until the serial is known and the code signed
        body_code=body_code, issuing_body_kk=config["ISSUING_BODY_KK"],
        issuing_body_ru=config["ISSUING_BODY_RU"], head_name=config["ISSUING_BODY_HEAD"],
        guardian_name=record.guardian_name, guardian_iin=record.guardian_iin,
        children=children, basis_kind=record.basis_kind,
        basis_number=record.basis_number, basis_date=record.basis_date,
        basis_body_kk=record.basis_body_kk, basis_body_ru=record.basis_body_ru,
        status=CertificateStatus.VALID, annul_reason="", created_at=now,
    )
    db.session.add(certificate)
    db.session.flush()  # the row id is the serial the code carries
    # The short code printed under the QR comes with the code (Certificate.short_code_follows).
    certificate.code = sign_code(
        CodeFields(key.key_id, certificate.id, issued_on, DocumentType.GUARDIANSHIP_CERTIFICATE),
        key.private)
    add_event(certificate, "issued", user, now, application.number or "")
    return certificate


def leave_valid(certificate: Certificate, status: CertificateStatus, **values) -> None:
    """Move a valid certificate out of validity, once: a second annul or reissue (another
    supervisor, a double tap) finds it changed and is refused by the status it now has."""
    source = certificate.status
    certificate_transition(source, status)
    try:
        change_status(Certificate, certificate.id, source, status, "certificate_stale", **values)
    except DomainError:
        db.session.refresh(certificate)
        certificate_transition(certificate.status, status)
        raise
    db.session.expire(certificate)


def annul(certificate: Certificate, reason: str, user: User, now: datetime) -> None:
    """Annul a valid certificate with a reason: the verification page shows it annulled."""
    reason = reason.strip()
    if not reason:
        raise DomainError("certificate_no_reason")
    leave_valid(certificate, CertificateStatus.ANNULLED, annulled_on=hall_day(now),
                annul_reason=reason)
    add_event(certificate, "annulled", user, now, reason)


def reissue(certificate: Certificate, user: User, now: datetime) -> Certificate:
    """Replace a valid certificate by a new one (new number, serial and code) from the
    registry's current record; the old one becomes superseded."""
    certificate_transition(certificate.status, CertificateStatus.SUPERSEDED)
    application = certificate.application
    record = application.registry_record
    if record is None:
        raise DomainError("certificate_no_record")
    if not record.active:
        raise DomainError("certificate_record_ended")
    successor = issue_certificate(application, record, now, user)
    leave_valid(certificate, CertificateStatus.SUPERSEDED, superseded_by_id=successor.id)
    add_event(certificate, "reissued", user, now, successor.number)
    add_event(successor, "reissued", user, now, certificate.number)
    return successor


def certificate_of(application: Application) -> Certificate | None:
    """The application's current certificate: the newest issued for it."""
    return db.session.execute(
        db.select(Certificate).where(Certificate.application_id == application.id)
        .order_by(Certificate.id.desc()).limit(1)
    ).scalar_one_or_none()
