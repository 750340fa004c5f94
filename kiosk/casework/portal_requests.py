"""Requests from the e-government portal: received at once and accepted on receipt, as a
complete package is at a window (the same request number, the same registry check, the same
term from the moment of receipt), with no operator. The signed e-request is the application,
and the applicant's identity comes from the state's information systems (the passport's list
for the portal), so those two documents are received with every request."""

from datetime import datetime

from sqlalchemy import select

from kiosk.casework.cases import accept, add_event, new_application
from kiosk.casework.models import Application
from kiosk.web.extensions import db
from queue_mgr.casework.applications import Document

PORTAL = "portal"
RECEIVED_WITH_EVERY_REQUEST = frozenset({Document.APPLICATION, Document.IDENTITY})


def portal_application(request_id: str) -> Application | None:
    """The application the portal sent under its request id, if any."""
    return db.session.execute(
        select(Application).where(Application.portal_request_id == request_id)
    ).scalar_one_or_none()


def receive_portal_request(request_id: str, digest: str, values: dict, documents: dict,
                           now: datetime) -> Application:
    """Create the application the portal sent and accept it on receipt (in the caller's
    transaction). ``values`` are the application's columns, ``documents`` the particulars of
    the documents sent as data, by code. A refused rule raises ``DomainError``; a request id or
    an open request for the child taken meanwhile, ``IntegrityError``."""
    application = new_application(now)
    application.channel = PORTAL
    application.portal_request_id = request_id
    application.portal_digest = digest
    application.document_details = documents or None
    for name, value in values.items():
        setattr(application, name, value)
    db.session.flush()  # the request id is taken here, or the database says who has it
    add_event(application, "received_from_portal", None, now, request_id)
    accept(application, set(RECEIVED_WITH_EVERY_REQUEST) | set(documents), None, now)
    return application
