"""The portal's requests API (``/api/v1/requests``): the e-government portal's gateway sends a
request for the certificate (idempotent by its own request id), which is received and accepted
at once with the hall's term; it reads the request's status, number, term and result, and the
certificate as the same PDF the hall prints. Every call carries ``Authorization: Bearer
<token>`` with a token of ``KIOSK_PORTAL_TOKENS``; the answers are JSON, refusals too
(``{"error", "message"}``, with ``fields`` when the body's fields are wrong). The contract:
``/api/v1/openapi.json``.
"""

from datetime import datetime
from functools import wraps

from flask import Response, jsonify, request, url_for
from sqlalchemy.exc import IntegrityError

from kiosk.casework.cases import has_open_request
from kiosk.casework.certificates.issuing import certificate_of
from kiosk.casework.certificates.printing import render_pdf
from kiosk.casework.models import Application
from kiosk.casework.portal import bp
from kiosk.casework.portal.body import Invalid, PortalRequest, read_request, rule_problems
from kiosk.casework.portal_requests import portal_application, receive_portal_request
from kiosk.hall.settings import to_local
from kiosk.web.clock import now
from kiosk.web.extensions import csrf, db
from kiosk.web.portal import REQUEST_ID, api_refusal, portal_only
from queue_mgr import DomainError
from queue_mgr.casework.applications import ApplicationStatus, Outcome

csrf.exempt(bp)  # a token in the header, never a cookie: nothing for a forged form to ride on

MESSAGES = {
    "bad_request": "The body is not a JSON object.",
    "invalid_fields": "Some fields are wrong: see fields.",
    "consent_required": "The applicant's consent to the use of legally protected secret "
                        "information held in information systems is required: send "
                        "\"consent\": true. No consent, no application.",
    "request_id_reused": "This request id was used for another request.",
    "open_request": "This child already has an open request for the certificate.",
    "not_found": "No request has this id.",
    "no_certificate": "No certificate has been issued for this request (yet, or its result "
                      "is a reasoned refusal).",
}
# The gateway's stable status codes (its contract: the stored statuses may change).
STATUSES = {
    ApplicationStatus.AT_PROVIDER: "at_provider",  # the provider checks: 3 working days
    ApplicationStatus.READY: "ready",  # the result (outcome) is there
    ApplicationStatus.HANDED_OVER: "handed_over",  # and was handed over at the hall on paper
    ApplicationStatus.TRANSFERRED: "transferred",  # kept a month at the hall, then to the provider
    ApplicationStatus.REQUESTED_BACK: "requested_back",  # asked back for the applicant
}
API_ERRORS = {"application_open_request": "open_request"}


@bp.after_request
def never_store(response):
    """Requests and certificates carry personal data: never keep them in a cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


def refuse(error: str, status: int, **details):
    return api_refusal(error, MESSAGES[error], status, **details)


def invalid(problems) -> Response:
    return refuse("invalid_fields", 422, fields=[p.as_json() for p in problems])


def moment(value: datetime | None) -> str | None:
    """A stored moment in the hall's time, with its offset (RFC 3339)."""
    return to_local(value).isoformat(timespec="seconds") if value else None


def as_json(application: Application) -> dict:
    """The request as the gateway reads it: no names, no IINs."""
    certificate = certificate_of(application) \
        if application.outcome == Outcome.CERTIFICATE else None
    return {
        "request_id": application.portal_request_id, "number": application.number,
        "status": STATUSES[application.status], "outcome": application.outcome,
        "received_at": moment(application.accepted_at), "due_at": moment(application.term_due_at),
        "ready_at": moment(application.ready_at),
        "refusal_reason": application.refusal_reason
        if application.outcome == Outcome.REFUSAL else None,
        "certificate": None if certificate is None else {
            "number": certificate.number, "issued_on": certificate.issued_on.isoformat(),
            "status": certificate.status,
            "pdf": url_for(".certificate", request_id=application.portal_request_id)},
    }


def answer(application: Application, status: int) -> Response:
    response = jsonify(as_json(application))
    response.status_code = status
    if status == 201:
        response.headers["Location"] = url_for(".read", request_id=application.portal_request_id)
    return response


def same_request(application: Application, asked: PortalRequest) -> Response:
    """A request id sent again: the same request, if it asks the same."""
    if application.portal_digest != asked.digest:
        return refuse("request_id_reused", 409)
    return answer(application, 200)


@bp.post("")
@portal_only
def make():
    """Send a request (the application's fields, the documents' data, the consent): 201 with
    the request received and accepted; 200 with the same request when its id is sent again."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return refuse("bad_request", 400)
    try:
        asked = read_request(body)
    except Invalid as wrong:
        return invalid(wrong.problems)
    existing = portal_application(asked.request_id)
    if existing is not None:
        return same_request(existing, asked)
    if not asked.consent:
        return refuse("consent_required", 422)
    if problems := rule_problems(asked, to_local(now()).date()):
        return invalid(problems)
    return receive(asked)


def receive(asked: PortalRequest) -> Response:
    """Receive the request and commit once; a race for its id or its child is settled by the
    database, and the loser answered with what the winner made."""
    try:
        application = receive_portal_request(asked.request_id, asked.digest, asked.values,
                                             asked.documents, now())
        db.session.commit()
    except (DomainError, IntegrityError) as refused:
        db.session.rollback()
        existing = portal_application(asked.request_id)  # the same request, sent twice at once
        if existing is not None:
            return same_request(existing, asked)
        key = refused.key if isinstance(refused, DomainError) else "application_open_request"
        if key in API_ERRORS and has_open_request(asked.values["child_iin"]):
            return refuse(API_ERRORS[key], 409)
        raise
    return answer(application, 201)


def with_request(view):
    """The request the address names (404 when none has the id) as the view's argument."""
    @wraps(view)
    def found(request_id: str):
        application = portal_application(request_id) if REQUEST_ID.fullmatch(request_id) \
            else None
        return refuse("not_found", 404) if application is None else view(application)

    return found


@bp.get("/<request_id>")
@portal_only
@with_request
def read(application: Application):
    """A request's status, number, times of receipt, term and result."""
    return answer(application, 200)


@bp.get("/<request_id>/certificate.pdf")
@portal_only
@with_request
def certificate(application: Application):
    """The certificate as the electronic result: the PDF the hall prints, with its signed QR."""
    issued = certificate_of(application) if application.outcome == Outcome.CERTIFICATE else None
    if issued is None:
        return refuse("no_certificate", 404)
    return Response(render_pdf(issued), mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{issued.number}.pdf"'})
