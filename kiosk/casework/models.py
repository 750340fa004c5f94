"""The service's casework: applications and their events, the guardianship registry, home
visits.

Personal data lives only here, never in tickets, URLs or logs."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.accounts.models import User
from kiosk.hall.models import Service
from kiosk.line.models import (
    Ticket,
)
from kiosk.web.columns import UtcDateTime
from kiosk.web.extensions import db


class GuardianshipRecord(db.Model):
    """An established guardianship or trusteeship, as the state information system holds it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_name: Mapped[str] = mapped_column(String(200))
    guardian_iin: Mapped[str] = mapped_column(String(12), index=True)
    # The order or resolution (``queue_mgr.casework.basis.BasisKind``) the guardianship rests
    # on, and the body that issued it, named in each language the certificate is printed in.
    basis_kind: Mapped[str] = mapped_column(String(12), server_default="order")
    basis_number: Mapped[str] = mapped_column(String(60))
    basis_date: Mapped[date] = mapped_column(Date)
    basis_body_kk: Mapped[str] = mapped_column(String(300))
    basis_body_ru: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    ended_on: Mapped[date | None] = mapped_column(Date)
    children: Mapped[list["RegistryChild"]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="RegistryChild.id"
    )


class RegistryChild(db.Model):
    """A child under an established guardianship or trusteeship."""

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("guardianship_record.id", ondelete="CASCADE"), index=True
    )
    full_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date] = mapped_column(Date)
    iin: Mapped[str] = mapped_column(String(12), index=True)
    record: Mapped[GuardianshipRecord] = relationship(back_populates="children")


class Application(db.Model):
    """An application for the certificate (Appendix 2) and everything that happens to it."""

    __table_args__ = (
        UniqueConstraint("open_child_iin"),
        # A unique index, not a constraint: a hall's database gets it without copying the table
        # (SQLite adds a constraint only by copying, which the certificates' keys refuse).
        Index("uq_application_portal_request_id", "portal_request_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The request number printed on the receipt; set at acceptance.
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    # Identifies the application in the status page's address: unguessable, no personal data.
    token: Mapped[str] = mapped_column(String(32), unique=True)
    channel: Mapped[str] = mapped_column(String(10), default="hall")  # hall | portal
    # A request from the e-government portal: the gateway's own id of it (its idempotency
    # key), and the digest of what it asked, so that the same id asking otherwise is told so.
    portal_request_id: Mapped[str | None] = mapped_column(String(64))
    portal_digest: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), index=True)
    outcome: Mapped[str | None] = mapped_column(String(12))  # certificate | refusal
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)

    applicant_surname: Mapped[str] = mapped_column(String(100), default="")
    applicant_name: Mapped[str] = mapped_column(String(100), default="")
    applicant_patronymic: Mapped[str] = mapped_column(String(100), default="")
    applicant_iin: Mapped[str] = mapped_column(String(12), default="")
    applicant_phone: Mapped[str] = mapped_column(String(20), default="")
    applicant_address: Mapped[str] = mapped_column(String(300), default="")
    child_surname: Mapped[str] = mapped_column(String(100), default="")
    child_name: Mapped[str] = mapped_column(String(100), default="")
    child_patronymic: Mapped[str] = mapped_column(String(100), default="")
    child_birth_date: Mapped[date | None] = mapped_column(Date)
    child_iin: Mapped[str] = mapped_column(String(12), default="")
    child_born_abroad: Mapped[bool] = mapped_column(default=False)
    by_proxy: Mapped[bool] = mapped_column(default=False)
    principal_name: Mapped[str] = mapped_column(String(200), default="")
    principal_iin: Mapped[str] = mapped_column(String(12), default="")
    proxy_number: Mapped[str] = mapped_column(String(40), default="")
    proxy_date: Mapped[date | None] = mapped_column(Date)
    consent: Mapped[bool] = mapped_column(default=False)
    # The child's IIN while the application is open, else NULL: at most one open request a child.
    open_child_iin: Mapped[str | None] = mapped_column(String(12))

    documents: Mapped[list] = mapped_column(JSON, default=list)  # received, by code
    missing_documents: Mapped[list] = mapped_column(JSON, default=list)
    # The particulars of documents sent as data rather than shown on paper (a portal request's
    # birth certificate: its number and date), by document code.
    document_details: Mapped[dict | None] = mapped_column(JSON)
    registry_record_id: Mapped[int | None] = mapped_column(ForeignKey("guardianship_record.id"))
    refusal_reason: Mapped[str] = mapped_column(Text, default="")

    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the deadline now running
    # The term promised at acceptance, as the acceptance receipt prints it (a request back
    # from the provider sets a new ``due_at``, never this).
    term_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ready_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    stored_until: Mapped[date | None] = mapped_column(Date)
    transferred_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    handed_over_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    handed_to: Mapped[str] = mapped_column(String(20), default="")  # applicant | representative

    ticket: Mapped[Ticket | None] = relationship()
    accepted_by: Mapped[User | None] = relationship()
    registry_record: Mapped[GuardianshipRecord | None] = relationship()
    events: Mapped[list["ApplicationEvent"]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id",
        cascade="all, delete-orphan",
    )
    handover: Mapped["Handover | None"] = relationship(
        back_populates="application", cascade="all, delete-orphan", uselist=False,
    )


class ApplicationEvent(db.Model):
    """One recorded step of an application: who did what, when."""

    # A day's steps of one kind (the results handed to the provider that day), without reading
    # the days before.
    __table_args__ = (Index("ix_application_event_action_at", "action", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(30))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str] = mapped_column(String(300), default="")

    application: Mapped[Application] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()


class ReasonedRefusal(db.Model):
    """The provider's reasoned refusal as a document: its outgoing number and day, the provider
    and its head as they stood that day, and the officer who refused (the reason is the
    application's)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)  # per provider and year
    issued_on: Mapped[date] = mapped_column(Date)
    body_code: Mapped[str] = mapped_column(String(20))
    issuing_body_kk: Mapped[str] = mapped_column(String(300))
    issuing_body_ru: Mapped[str] = mapped_column(String(300))
    head_name: Mapped[str] = mapped_column(String(200))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    application: Mapped[Application] = relationship()
    officer: Mapped[User | None] = relationship()
class Handover(db.Model):
    """Who took a result away (rules 10-11): the person named by the identity document shown,
    and a representative's notarised power of attorney.

    A table of its own, not more columns of ``Application``: the application already holds a
    power of attorney (the one its applicant applied by), which need not be this one, and the
    receiver's IIN is kept in this one row, for handed-over results only.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), unique=True
    )
    receiver_name: Mapped[str] = mapped_column(String(200), default="")
    receiver_iin: Mapped[str] = mapped_column(String(12), default="")
    proxy_number: Mapped[str] = mapped_column(String(40), default="")
    proxy_date: Mapped[date | None] = mapped_column(Date)
    proxy_notary: Mapped[str] = mapped_column(String(200), default="")
    proxy_valid_until: Mapped[date | None] = mapped_column(Date)

    application: Mapped[Application] = relationship(back_populates="handover")


class HomeVisit(db.Model):
    """A request for the service at home, registered at the hall, and its visit."""

    __table_args__ = (
        # The hall's list (visits still to come, by their time) and an employee's own visits:
        # each reads only what it shows, however many years of visits the hall keeps.
        Index("ix_home_visit_open", "status", "scheduled_at"),
        Index("ix_home_visit_employee", "employee_id", "status", "scheduled_at"),
        Index("ix_home_visit_closed", "status", "closed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # e.g. Ү-2026-00001
    # The registration form's own key: the same form sent twice registers one request.
    form_key: Mapped[str] = mapped_column(String(32), unique=True)
    purpose: Mapped[str] = mapped_column(String(10))  # intake | handover
    status: Mapped[str] = mapped_column(String(10))  # requested | scheduled | done | cancelled
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    contact_line: Mapped[str] = mapped_column(String(20))  # the number the applicant called
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))

    applicant_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    phone: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(500))

    scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # The application taken at home, or (a handover visit) the request whose result is taken.
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), unique=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancel_reason: Mapped[str] = mapped_column(String(300), default="")

    service: Mapped[Service] = relationship()
    registered_by: Mapped[User] = relationship(foreign_keys=[registered_by_id])
    employee: Mapped[User | None] = relationship(foreign_keys=[employee_id])
    application: Mapped[Application | None] = relationship()
