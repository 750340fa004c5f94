"""Who may do what: every route and method against every caller, as a table written by hand.

``ACCESS`` is the statement of intent, not read from the views' decorators: a wrong decorator,
or a new route without a row, fails here. Each cell is tried on real objects made for it (so
"ok" means the caller got through, not a 404), and every POST carries the caller's own valid
CSRF token, so the role check answers, not CSRF. The callers are the four staff roles (the
operator signed in at window 1), a browser with no session, and the portal's gateway with its
Bearer token. Where a route also asks whose the object is, the table says which it asks for:
the window's routes the applicant at the operator's own window; the receipt and certificate
rows another applicant's papers, the kiosk's ticket screens a ticket another kiosk issued, and
the complaint rows a complaint registered at the hall (which the provider's office does not read).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from itertools import count
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient

from kiosk.accounts.access import VISITING
from kiosk.accounts.models import User
from kiosk.casework import cases as casework
from kiosk.casework.certificates.issuing import certificate_of
from kiosk.casework.complaints.models import Complaint
from kiosk.casework.complaints.register import Particulars, answer_complaint, register_complaint
from kiosk.casework.home_visits.register import (
    VisitRequest,
    register_visit,
    save_home_draft,
    schedule_visit,
)
from kiosk.casework.models import Application, HomeVisit
from kiosk.casework.portal_requests import receive_portal_request
from kiosk.hall.catalogue import catalogue
from kiosk.hall.models import CalendarOverride, PriorityCategory, Service
from kiosk.hall.settings import hall_zone
from kiosk.line.help_calls import call_for_help
from kiosk.line.models import Booking, Window
from kiosk.line.tickets import ordered_token, take_ticket, ticket_by_token
from kiosk.line.windows import call_next
from kiosk.web.clock import now
from kiosk.web.extensions import db
from queue_mgr.casework.applications import ApplicationStatus
from queue_mgr.line.bookings import new_code
from tests.casework_helpers import (
    CHILD_BIRTH,
    GUARDIAN_IIN,
    REPRESENTATIVE_IIN,
    add_registry_record,
    application_fields,
    make_iin,
)
from tests.conftest import OPEN_MOMENT, csrf_of, sign_in

# The answers, as the caller sees them.
OK = "ok"  # 2xx or 3xx, not to sign-in: the caller got through
LOGIN = "login"  # sent to sign in (302 to /staff/login; 401 + HX-Redirect for htmx)
DENIED = "forbidden"  # 403: signed in, but not in a role the route admits
TOKEN = "no token"  # 401 from the portal's API: no Bearer token of the portal's
NO_WIN = "no window"  # 409: a window's route, and the caller holds no window
OUT = "signed out"  # the sign-out signed this caller out
OTHERS = "not theirs"  # 403: the role may, but these are another applicant's papers
START = "start screen"  # 3xx to the kiosk's start: not a ticket this kiosk has just issued
ELSEWHERE = "other office"  # 403: the role may, but the complaint is another office's

# anonymous: a browser with no session; portal: the portal's gateway with its Bearer token.
CALLERS = ("anonymous", "operator", "provider", "supervisor", "admin", "portal")

ACCESS = {
    # (endpoint, method):                           anon.  oper.   prov.   superv. admin   portal
    # The kiosk and the applicant's phone (the kiosk's screens of a ticket another kiosk issued)
    ("applicant.root", "GET"):                      (START, START,  START,  START,  START,  START),
    ("applicant.start", "GET"):                     (OK,    OK,     OK,     OK,     OK,     OK),
    ("applicant.services", "GET"):                  (OK,    OK,     OK,     OK,     OK,     OK),
    ("applicant.priority", "GET"):                  (OK,    OK,     OK,     OK,     OK,     OK),
    ("applicant.booking", "GET"):                   (OK,    OK,     OK,     OK,     OK,     OK),
    ("applicant.take", "POST"):                     (OK,    OK,     OK,     OK,     OK,     OK),
    ("applicant.check_in_booking", "POST"):         (OK,    OK,     OK,     OK,     OK,     OK),
    ("applicant.kiosk_ticket", "GET"):              (START, START,  START,  START,  START,  START),
    ("requests.application", "GET"):                (START, START,  START,  START,  START,  START),
    ("requests.send_application", "POST"):          (START, START,  START,  START,  START,  START),
    ("requests.application_sent", "GET"):           (START, START,  START,  START,  START,  START),
    ("requests.print_application", "POST"):         (START, START,  START,  START,  START,  START),
    ("applicant.ticket", "GET"):                    (OK,    OK,     OK,     OK,     OK,     OK),
    ("applicant.ticket_status", "GET"):             (OK,    OK,     OK,     OK,     OK,     OK),
    ("requests.request_status", "GET"):             (OK,    OK,     OK,     OK,     OK,     OK),
    ("requests.request_status_live", "GET"):        (OK,    OK,     OK,     OK,     OK,     OK),
    ("complaint_status.complaint_page", "GET"):     (OK,    OK,     OK,     OK,     OK,     OK),
    # The board, verification, health and static files: public
    ("board.board", "GET"):                         (OK,    OK,     OK,     OK,     OK,     OK),
    ("board.live", "GET"):                          (OK,    OK,     OK,     OK,     OK,     OK),
    ("board.voice", "GET"):                         (OK,    OK,     OK,     OK,     OK,     OK),
    # A call for help from the kiosk: without scripts it goes back to the start (htmx: a fragment)
    ("applicant.call_help", "POST"):                (START, START,  START,  START,  START,  START),
    ("staff.supervisor.answer_help", "POST"):       (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("verify.certificate_page", "GET"):             (OK,    OK,     OK,     OK,     OK,     OK),
    ("verify.enter_code", "GET"):                   (OK,    OK,     OK,     OK,     OK,     OK),
    ("verify.reveal_form", "GET"):                  (OK,    OK,     OK,     OK,     OK,     OK),
    ("verify.reveal", "POST"):                      (OK,    OK,     OK,     OK,     OK,     OK),
    ("verify.api_verify", "GET"):                   (OK,    OK,     OK,     OK,     OK,     OK),
    ("verify.published_keys", "GET"):               (OK,    OK,     OK,     OK,     OK,     OK),
    ("system.healthz", "GET"):                      (OK,    OK,     OK,     OK,     OK,     OK),
    ("static", "GET"):                              (OK,    OK,     OK,     OK,     OK,     OK),
    # The portal's bookings API: its Bearer token only, never a staff session
    ("portal.slots", "GET"):                        (TOKEN, TOKEN,  TOKEN,  TOKEN,  TOKEN,  OK),
    ("portal.make", "POST"):                        (TOKEN, TOKEN,  TOKEN,  TOKEN,  TOKEN,  OK),
    ("portal.read", "GET"):                         (TOKEN, TOKEN,  TOKEN,  TOKEN,  TOKEN,  OK),
    ("portal.remove", "DELETE"):                    (TOKEN, TOKEN,  TOKEN,  TOKEN,  TOKEN,  OK),
    # The portal's requests API: the same
    ("portal_requests.make", "POST"):               (TOKEN, TOKEN,  TOKEN,  TOKEN,  TOKEN,  OK),
    ("portal_requests.read", "GET"):                (TOKEN, TOKEN,  TOKEN,  TOKEN,  TOKEN,  OK),
    ("portal_requests.certificate", "GET"):         (TOKEN, TOKEN,  TOKEN,  TOKEN,  TOKEN,  OK),
    # The portal APIs' description: public
    ("system.openapi", "GET"):                      (OK,    OK,     OK,     OK,     OK,     OK),
    # Signing in and out, the staff home
    ("staff.login", "GET"):                         (OK,    OK,     OK,     OK,     OK,     OK),
    ("staff.login", "POST"):                        (OK,    OK,     OK,     OK,     OK,     OK),
    ("staff.logout", "POST"):                       (LOGIN, OUT,    OUT,    OUT,    OUT,    LOGIN),
    ("staff.home", "GET"):                          (LOGIN, OK,     OK,     OK,     OK,     LOGIN),
    # The window (a supervisor may work one, after choosing it)
    ("staff.operator.desk", "GET"):                 (LOGIN, OK,     DENIED, OK,     DENIED, LOGIN),
    ("staff.operator.line", "GET"):                 (LOGIN, OK,     DENIED, NO_WIN, DENIED, LOGIN),
    ("staff.operator.act", "POST"):                 (LOGIN, OK,     DENIED, NO_WIN, DENIED, LOGIN),
    ("staff.operator.choose", "GET"):               (LOGIN, OK,     DENIED, OK,     DENIED, LOGIN),
    ("staff.operator.choose", "POST"):              (LOGIN, OK,     DENIED, OK,     DENIED, LOGIN),
    # The application at the window: only the applicant called to the caller's own window
    ("staff.intake.at_window", "GET"):              (LOGIN, OK,     DENIED, NO_WIN, DENIED, LOGIN),
    ("staff.intake.save", "POST"):                  (LOGIN, OK,     DENIED, NO_WIN, DENIED, LOGIN),
    ("staff.intake.accept", "POST"):                (LOGIN, OK,     DENIED, NO_WIN, DENIED, LOGIN),
    ("staff.intake.refuse", "POST"):                (LOGIN, OK,     DENIED, NO_WIN, DENIED, LOGIN),
    # Papers: an operator's only of the applicant at their window (here another's request)
    ("staff.intake.receipt", "GET"):                (LOGIN, OTHERS, DENIED, OK,     DENIED, LOGIN),
    ("staff.intake.application_sheet", "GET"):      (LOGIN, OTHERS, DENIED, OK,     DENIED, LOGIN),
    # The month of storage ends with the transfer list: the hall's heads print it
    ("staff.intake.transfers", "GET"):              (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    # Handing results over: the search for the applicant called to the window; an operator
    # acts only on the result found for them (here another's, never searched for)
    ("staff.intake.handover", "GET"):               (LOGIN, OK,     DENIED, OK,     DENIED, LOGIN),
    ("staff.intake.hand_over", "POST"):             (LOGIN, OTHERS, DENIED, OK,     DENIED, LOGIN),
    ("staff.intake.request_back", "POST"):          (LOGIN, OTHERS, DENIED, OK,     DENIED, LOGIN),
    ("staff.intake.returned", "POST"):              (LOGIN, OTHERS, DENIED, OK,     DENIED, LOGIN),
    # Bookings a clerk makes for a caller
    ("staff.appointments.day_page", "GET"):         (LOGIN, OK,     DENIED, OK,     OK,     LOGIN),
    ("staff.appointments.make", "POST"):            (LOGIN, OK,     DENIED, OK,     OK,     LOGIN),
    ("staff.appointments.cancel_booking", "POST"):  (LOGIN, OK,     DENIED, OK,     OK,     LOGIN),
    # Certificates: printed at a window (an operator only their applicant's: here another's),
    # listed, annulled and reissued by the supervisor
    ("staff.certificates.show", "GET"):             (LOGIN, OTHERS, DENIED, OK,     OK,     LOGIN),
    ("staff.certificates.print_sheets", "POST"):    (LOGIN, OTHERS, DENIED, OK,     OK,     LOGIN),
    ("staff.certificates.pdf", "POST"):             (LOGIN, OTHERS, DENIED, OK,     OK,     LOGIN),
    ("staff.certificates.index", "GET"):            (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("staff.certificates.index", "POST"):           (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("staff.certificates.annul", "POST"):           (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("staff.certificates.reissue", "POST"):         (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    # The provider's requests: the hall's heads may read them, only the provider decides
    ("staff.provider.pending", "GET"):              (LOGIN, DENIED, OK,     OK,     OK,     LOGIN),
    ("staff.provider.pending_live", "GET"):         (LOGIN, DENIED, OK,     OK,     OK,     LOGIN),
    ("staff.provider.application", "GET"):          (LOGIN, DENIED, OK,     OK,     OK,     LOGIN),
    ("staff.provider.confirm_with_record", "POST"): (LOGIN, DENIED, OK,     DENIED, DENIED, LOGIN),
    ("staff.provider.confirm_with_basis", "POST"):  (LOGIN, DENIED, OK,     DENIED, DENIED, LOGIN),
    ("staff.provider.refuse", "POST"):              (LOGIN, DENIED, OK,     DENIED, DENIED, LOGIN),
    ("staff.provider.returned", "POST"):            (LOGIN, DENIED, OK,     DENIED, DENIED, LOGIN),
    # Complaints: registered and answered at the hall by its head, at the provider's office by
    # its officer, each in their own register (here a complaint of the hall); the admin reads both
    ("staff.complaints.index", "GET"):              (LOGIN, DENIED, OK,     OK,     OK,     LOGIN),
    ("staff.complaints.new", "GET"):                (LOGIN, DENIED, OK,     OK,     DENIED, LOGIN),
    ("staff.complaints.register", "POST"):          (LOGIN, DENIED, OK,     OK,     DENIED, LOGIN),
    ("staff.complaints.show", "GET"):               (LOGIN, DENIED, ELSEWHERE, OK,  OK,     LOGIN),
    ("staff.complaints.answer", "POST"):            (LOGIN, DENIED, ELSEWHERE, OK,  DENIED, LOGIN),
    ("staff.complaints.confirmation", "GET"):       (LOGIN, DENIED, ELSEWHERE, OK,  OK,     LOGIN),
    ("staff.complaints.reasoned_answer", "GET"):    (LOGIN, DENIED, ELSEWHERE, OK,  OK,     LOGIN),
    # Home visits: the hall's head registers and schedules them; the employee sent (the caller,
    # an operator or the head) does the casework at home; the admin reads them
    ("staff.visits.index", "GET"):                  (LOGIN, OK,     DENIED, OK,     OK,     LOGIN),
    ("staff.visits.new", "GET"):                    (LOGIN, DENIED, DENIED, OK,     DENIED, LOGIN),
    ("staff.visits.register_request", "POST"):      (LOGIN, DENIED, DENIED, OK,     DENIED, LOGIN),
    ("staff.visits.show", "GET"):                   (LOGIN, OK,     DENIED, OK,     OK,     LOGIN),
    ("staff.visits.schedule", "POST"):              (LOGIN, DENIED, DENIED, OK,     DENIED, LOGIN),
    ("staff.visits.cancel", "POST"):                (LOGIN, DENIED, DENIED, OK,     DENIED, LOGIN),
    ("staff.visits.save", "POST"):                  (LOGIN, OK,     DENIED, OK,     DENIED, LOGIN),
    ("staff.visits.accept", "POST"):                (LOGIN, OK,     DENIED, OK,     DENIED, LOGIN),
    ("staff.visits.refuse", "POST"):                (LOGIN, OK,     DENIED, OK,     DENIED, LOGIN),
    ("staff.visits.hand_over", "POST"):             (LOGIN, OK,     DENIED, OK,     DENIED, LOGIN),
    # The provider's reasoned refusal on paper: its officers and the hall's heads; an operator
    # only the applicant's at their window (here another's)
    ("staff.provider.refusal", "GET"):              (LOGIN, OTHERS, OK,     OK,     OK,     LOGIN),
    ("staff.provider.refusal_pdf", "POST"):         (LOGIN, OTHERS, OK,     OK,     OK,     LOGIN),
    # The guardianship registry: the provider's and the admin's
    ("staff.registry.records", "GET"):              (LOGIN, DENIED, OK,     DENIED, OK,     LOGIN),
    ("staff.registry.records", "POST"):             (LOGIN, DENIED, OK,     DENIED, OK,     LOGIN),
    ("staff.registry.new_record", "GET"):           (LOGIN, DENIED, OK,     DENIED, OK,     LOGIN),
    ("staff.registry.new_record", "POST"):          (LOGIN, DENIED, OK,     DENIED, OK,     LOGIN),
    ("staff.registry.edit_record", "GET"):          (LOGIN, DENIED, OK,     DENIED, OK,     LOGIN),
    ("staff.registry.edit_record", "POST"):         (LOGIN, DENIED, OK,     DENIED, OK,     LOGIN),
    ("staff.registry.end_record", "POST"):          (LOGIN, DENIED, OK,     DENIED, OK,     LOGIN),
    ("staff.registry.import_records", "GET"):       (LOGIN, DENIED, OK,     DENIED, OK,     LOGIN),
    ("staff.registry.import_records", "POST"):      (LOGIN, DENIED, OK,     DENIED, OK,     LOGIN),
    # The supervisor's hall and figures (the admin sees them too)
    ("staff.supervisor.overview", "GET"):           (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("staff.supervisor.hall", "GET"):               (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("staff.supervisor.days", "GET"):               (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("staff.supervisor.tickets", "GET"):            (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("staff.supervisor.ticket", "GET"):             (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("staff.reports.report_page", "GET"):           (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    ("staff.reports.report_csv", "GET"):            (LOGIN, DENIED, DENIED, OK,     OK,     LOGIN),
    # Administration: the admin only
    ("staff.admin.index", "GET"):                   (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.services", "GET"):                (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.new_service", "GET"):             (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.new_service", "POST"):            (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.edit_service", "GET"):            (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.edit_service", "POST"):           (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.priorities", "GET"):              (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.new_priority", "GET"):            (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.new_priority", "POST"):           (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.edit_priority", "GET"):           (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.edit_priority", "POST"):          (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.windows", "GET"):                 (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.new_window", "GET"):              (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.new_window", "POST"):             (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.edit_window", "GET"):             (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.edit_window", "POST"):            (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.delete_window", "POST"):          (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.users", "GET"):                   (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.new_user", "GET"):                (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.new_user", "POST"):               (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.edit_user", "GET"):               (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.edit_user", "POST"):              (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.reset_password", "GET"):          (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.reset_password", "POST"):         (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.calendar", "GET"):                (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.add_override", "POST"):           (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
    ("staff.admin.remove_override", "POST"):        (LOGIN, DENIED, DENIED, DENIED, OK,     LOGIN),
}

# Where each route is asked: {name} is an object made fresh for the cell (see ``Hall``).
ADDRESSES = {
    "applicant.root": "/",
    "applicant.start": "/kiosk",
    "applicant.services": "/kiosk/services",
    "applicant.priority": "/kiosk/services/guardianship",
    "applicant.booking": "/kiosk/services/guardianship/booking",
    "applicant.take": "/kiosk/tickets",
    "applicant.check_in_booking": "/kiosk/bookings",
    "applicant.kiosk_ticket": "/kiosk/ticket/{ticket.token}",
    "requests.application": "/kiosk/ticket/{ticket.token}/application",
    "requests.send_application": "/kiosk/ticket/{ticket.token}/application",
    "requests.application_sent": "/kiosk/ticket/{sent.token}/application/sent",
    "requests.print_application": "/kiosk/ticket/{sent.token}/application/print",
    "applicant.ticket": "/t/{ticket.token}",
    "applicant.ticket_status": "/t/{ticket.token}/status",
    "requests.request_status": "/r/{accepted.token}",
    "requests.request_status_live": "/r/{accepted.token}/status",
    "complaint_status.complaint_page": "/c/{complaint.token}",
    "board.board": "/board",
    "board.live": "/board/live",
    "board.voice": "/board/voice/kk/G016/3.wav",
    "applicant.call_help": "/kiosk/help",
    "staff.supervisor.answer_help": "/staff/supervisor/help/{help_call}",
    "verify.certificate_page": "/v/{certificate.code}",
    "verify.enter_code": "/v/?code={certificate.short_code}",
    "verify.reveal_form": "/v/{certificate.code}/reveal",
    "verify.reveal": "/v/{certificate.code}/reveal",
    "verify.api_verify": "/api/v1/verify/{certificate.code}",
    "verify.published_keys": "/.well-known/kiosk-keys.json",
    "system.healthz": "/healthz",
    "static": "/static/css/staff.css",
    "portal.slots": f"/api/v1/bookings/slots?service=guardianship&day={OPEN_MOMENT.date()}",
    "portal.make": "/api/v1/bookings",
    "portal.read": "/api/v1/bookings/{booking.code}",
    "portal.remove": "/api/v1/bookings/{booking.code}",
    "portal_requests.make": "/api/v1/requests",
    "portal_requests.read": "/api/v1/requests/{portal_request}",
    "portal_requests.certificate": "/api/v1/requests/{portal_request}/certificate.pdf",
    "system.openapi": "/api/v1/openapi.json",
    "staff.login": "/staff/login",
    "staff.logout": "/staff/logout",
    "staff.home": "/staff/",
    "staff.operator.desk": "/staff/window/",
    "staff.operator.line": "/staff/window/line",
    "staff.operator.act": "/staff/window/act/resume",
    "staff.operator.choose": "/staff/window/choose",
    "staff.intake.at_window": "/staff/applications/ticket/{at_window}",
    "staff.intake.save": "/staff/applications/ticket/{at_window}",
    "staff.intake.accept": "/staff/applications/{draft}/accept",
    "staff.intake.refuse": "/staff/applications/{draft}/refuse",
    "staff.intake.receipt": "/staff/applications/{accepted.id}/receipt",
    "staff.intake.application_sheet": "/staff/applications/{accepted.id}/sheet",
    "staff.intake.transfers": "/staff/applications/transfers",
    "staff.intake.handover": "/staff/applications/handover",
    "staff.intake.hand_over": "/staff/applications/{ready}/hand-over",
    "staff.intake.request_back": "/staff/applications/{transferred}/request-back",
    "staff.intake.returned": "/staff/applications/{requested_back}/returned",
    "staff.appointments.day_page": "/staff/bookings/",
    "staff.appointments.make": "/staff/bookings/",
    "staff.appointments.cancel_booking": "/staff/bookings/{booking.id}/cancel",
    "staff.certificates.show": "/staff/certificates/{certificate.id}",
    "staff.certificates.print_sheets": "/staff/certificates/{certificate.id}/print",
    "staff.certificates.pdf": "/staff/certificates/{certificate.id}.pdf?lang_version=kk",
    "staff.certificates.index": "/staff/certificates/",
    "staff.certificates.annul": "/staff/certificates/{certificate.id}/annul",
    "staff.certificates.reissue": "/staff/certificates/{certificate.id}/reissue",
    "staff.provider.pending": "/staff/provider/",
    "staff.provider.pending_live": "/staff/provider/pending",
    "staff.provider.application": "/staff/provider/{accepted.id}",
    "staff.provider.confirm_with_record": "/staff/provider/{confirmable.id}/confirm",
    "staff.provider.confirm_with_basis": "/staff/provider/{accepted.id}/basis",
    "staff.provider.refuse": "/staff/provider/{accepted.id}/refuse",
    "staff.provider.returned": "/staff/provider/{requested_back}/returned",
    "staff.complaints.index": "/staff/complaints/",
    "staff.complaints.new": "/staff/complaints/new",
    "staff.complaints.register": "/staff/complaints/new",
    "staff.complaints.show": "/staff/complaints/{complaint.id}",
    "staff.complaints.answer": "/staff/complaints/{complaint.id}/answer",
    "staff.complaints.confirmation": "/staff/complaints/{complaint.id}/confirmation",
    "staff.complaints.reasoned_answer": "/staff/complaints/{answered_complaint.id}/reasoned-answer",
    "staff.visits.index": "/staff/visits/",
    "staff.visits.new": "/staff/visits/new",
    "staff.visits.register_request": "/staff/visits/new",
    "staff.visits.show": "/staff/visits/{visit}",
    "staff.visits.schedule": "/staff/visits/{visit}/schedule",
    "staff.visits.cancel": "/staff/visits/{visit}/cancel",
    "staff.visits.save": "/staff/visits/{visit}/application",
    "staff.visits.accept": "/staff/visits/{home_draft}/accept",
    "staff.visits.refuse": "/staff/visits/{home_draft}/refuse",
    "staff.visits.hand_over": "/staff/visits/{home_handover}/hand-over",
    "staff.provider.refusal": "/staff/provider/{refused}/refusal",
    "staff.provider.refusal_pdf": "/staff/provider/{refused}/refusal.pdf?lang_version=ru",
    "staff.registry.records": "/staff/registry/",
    "staff.registry.new_record": "/staff/registry/new",
    "staff.registry.edit_record": "/staff/registry/{record.id}",
    "staff.registry.end_record": "/staff/registry/{record.id}/end",
    "staff.registry.import_records": "/staff/registry/import",
    "staff.supervisor.overview": "/staff/supervisor/",
    "staff.supervisor.hall": "/staff/supervisor/hall",
    "staff.supervisor.days": "/staff/supervisor/days",
    "staff.supervisor.tickets": "/staff/supervisor/tickets",
    "staff.supervisor.ticket": "/staff/supervisor/tickets/{ticket.id}",
    "staff.reports.report_page": "/staff/reports/",
    "staff.reports.report_csv": "/staff/reports/figures.csv",
    "staff.admin.index": "/staff/admin/",
    "staff.admin.services": "/staff/admin/services",
    "staff.admin.new_service": "/staff/admin/services/new",
    "staff.admin.edit_service": "/staff/admin/services/{service.id}",
    "staff.admin.priorities": "/staff/admin/priorities",
    "staff.admin.new_priority": "/staff/admin/priorities/new",
    "staff.admin.edit_priority": "/staff/admin/priorities/{priority.id}",
    "staff.admin.windows": "/staff/admin/windows",
    "staff.admin.new_window": "/staff/admin/windows/new",
    "staff.admin.edit_window": "/staff/admin/windows/{window.id}",
    "staff.admin.delete_window": "/staff/admin/windows/{window.id}/delete",
    "staff.admin.users": "/staff/admin/users",
    "staff.admin.new_user": "/staff/admin/users/new",
    "staff.admin.edit_user": "/staff/admin/users/{user}",
    "staff.admin.reset_password": "/staff/admin/users/{user}/password",
    "staff.admin.calendar": "/staff/admin/calendar",
    "staff.admin.add_override": "/staff/admin/calendar",
    "staff.admin.remove_override": "/staff/admin/calendar/{override}/delete",
}

DAY = OPEN_MOMENT.strftime("%d.%m.%Y")
PASSWORD = "a long new password"
NAMES = {"name_kk": "Атауы", "name_ru": "Название", "name_en": "Name"}
BASIS = {"guardian_name": "Ахметова Айгерим Болатқызы", "basis_kind": "order",
         "basis_number": "No 77", "basis_date": "12.03.2025",
         "basis_body_kk": "Астана қаласының білім басқармасы",
         "basis_body_ru": "Управление образования города Астаны",
         "children-0-full_name": "Ахметов Ерлан", "children-0-birth_date": "01.06.2015"}
REGISTRY_CSV = (
    "guardian_name,guardian_iin,basis_kind,basis_number,basis_date,basis_body_kk,basis_body_ru,"
    f"child_name,child_birth_date,child_iin\nКим Марина,{REPRESENTATIVE_IIN},order,No 9,"
    "2023-09-01,Астана білім басқармасы,Управление образования Астаны,Ким Алия,2015-06-01,"
    "{child_iin}\n"
)


@dataclass(frozen=True)
class Upload:
    """A file field of a form: its name and its text (a template like the rest)."""

    filename: str
    text: str


# What each POST sends besides the CSRF token (the values are templates like the addresses),
# so that "ok" is the action done, not a form sent back with errors.
FORMS = {
    "applicant.take": {"service": "guardianship", "category": "", "idempotency_key": "{key}"},
    "applicant.check_in_booking": {"service": "guardianship", "idempotency_key": "{key}",
                                   "code": "{booking.code}"},
    "requests.send_application": application_fields(child_iin="{child_iin}"),
    "verify.reveal": {"iin": "{certificate.child_iin}"},
    "staff.login": {"username": "provider", "password": "kiosk-demo", "window": "0"},
    "staff.operator.choose": {"window": "{window.number}"},
    "staff.intake.save": application_fields(child_iin="{child_iin}"),
    "staff.intake.accept": {"received": ["application", "identity"]},
    "staff.intake.refuse": {"received": ["application"]},
    "staff.intake.hand_over": {"to": "applicant", "iin": GUARDIAN_IIN},
    "staff.appointments.make": {"service": "guardianship", "day": DAY, "time": "16:00"},
    "staff.certificates.index": {"q": "", "status": ""},
    "staff.certificates.annul": {"reason": "Issued by mistake."},
    "staff.provider.confirm_with_record": {"record_id": "{confirmable.record}"},
    "staff.provider.confirm_with_basis": {**BASIS, "guardian_iin": GUARDIAN_IIN,
                                    "children-0-iin": "{accepted.child_iin}"},
    "staff.provider.refuse": {"reason": "No guardianship order was found."},
    "staff.complaints.register": {"form_key": "{form_key}", "addressee": "provider",
                                  "complainant_name": "Сейітова Гүлмира",
                                  "complainant_address": "Астана, Жеңіс даңғылы, 5",
                                  "complainant_phone": "+7 702 555 44 33", "subject": "request",
                                  "reference": "2026-00042", "text": "Жауап кешікті."},
    "staff.complaints.answer": {"answer_text": "Шағым қаралды.", "channel": "post"},
    "applicant.call_help": {"screen": "applicant.services"},
    "staff.visits.register_request": {
        "form_key": "{form_key}", "purpose": "intake", "contact_line": "1414",
        "service": "{guardianship}", "applicant_name": "Жұмабаева Сәуле",
        "address": "Астана, Тұран даңғылы, 24", "phone": "+7 701 222 33 44",
        "reason": "Үйден шықпайды.", "request_number": ""},
    "staff.visits.schedule": {"day": f"{OPEN_MOMENT:%d.%m.%Y}", "time": "16:30",
                              "employee": "{visit_employee}"},
    "staff.visits.cancel": {"cancel_reason": "Өтініш беруші өзі келді."},
    "staff.visits.save": application_fields(child_iin="{child_iin}"),
    "staff.visits.accept": {"received": ["application", "identity"]},
    "staff.visits.refuse": {"received": ["application"]},
    "staff.visits.hand_over": {"to": "applicant", "iin": GUARDIAN_IIN},
    "staff.registry.records": {"q": "Ахметова"},
    "staff.registry.new_record": {**BASIS, "guardian_iin": GUARDIAN_IIN,
                                  "children-0-iin": "{child_iin}"},
    "staff.registry.edit_record": {**BASIS, "guardian_iin": GUARDIAN_IIN,
                             "children-0-iin": "{record.child_iin}"},
    "staff.registry.end_record": {"ended_on": "20.11.2026"},
    "staff.registry.import_records": {"file": Upload("registry.csv", REGISTRY_CSV)},
    "staff.admin.new_service": {**NAMES, "code": "passport", "letter": "P", "minutes": "15",
                          "sort_order": "5", "active": "y"},
    "staff.admin.edit_service": {**NAMES, "letter": "{service.letter}", "minutes": "8",
                           "sort_order": "2", "active": "y"},
    "staff.admin.new_priority": {**NAMES, "code": "veterans", "rank": "5", "active": "y"},
    "staff.admin.edit_priority": {**NAMES, "code": "{priority.code}", "rank": "3", "active": "y"},
    "staff.admin.new_window": {"number": "9"},
    "staff.admin.edit_window": {"services": []},
    "staff.admin.new_user": {"username": "aigul.s", "full_name": "Айгүл Сейітова",
                             "role": "operator", "password": PASSWORD, "confirm": PASSWORD,
                             "active": "y"},
    "staff.admin.edit_user": {"full_name": "Марина Ким", "role": "operator", "active": "y"},
    "staff.admin.reset_password": {"password": PASSWORD, "confirm": PASSWORD},
    "staff.admin.add_override": {"day": "06.12.2026", "working": "1", "note": "Decree No 1"},
}
JSON_BODIES = {
    "portal.make": {"request_id": "{request_id}", "service": "guardianship",
                    "day": f"{OPEN_MOMENT.date()}", "time": "16:00"},
    "portal_requests.make": {
        "request_id": "{request_id}", "applicant_surname": "Ахметова", "applicant_name": "Айгерим",
        "applicant_iin": GUARDIAN_IIN, "applicant_phone": "+7 701 234 56 78",
        "applicant_address": "Астана, Абай даңғылы, 10", "child_surname": "Ахметов",
        "child_name": "Ерлан", "child_birth_date": CHILD_BIRTH.isoformat(),
        "child_iin": "{child_iin}", "consent": True},
}
HEADERS = {"staff.operator.act": {"HX-Request": "true"}}  # as the window's buttons send it
# Cells that change who is signed in, or at which window: each runs on a client of its own.
OWN_SESSION = {("staff.login", "POST"), ("staff.logout", "POST"), ("staff.operator.choose", "POST")}

PORTAL_TOKEN = "test-portal-token"  # TestingConfig.PORTAL_TOKENS
SIGNED_OUT_TEXT = "You have signed out."
REFUSALS = (  # a status and words of the page: the answer
    (409, "You hold no window.", NO_WIN),
    (409, "You no longer hold a window.", NO_WIN),
    (409, "This applicant is not at your window now.", "not at window"),
    (403, "Open this from the applicant at your window", OTHERS),
    (403, "This complaint was registered at another office", ELSEWHERE),
    (400, "This screen has expired.", "refused by CSRF"),
)
STATUSES = {400: "invalid", 401: TOKEN, 403: DENIED, 404: "not found", 405: "no such method",
            409: "conflict", 429: "too many", 500: "server error"}


class Hall:
    """The real objects the addresses name; each name makes a fresh one (in an app context)."""

    def __init__(self, window_ticket: int, clerk: int):
        self.window_ticket, self.clerk = window_ticket, clerk
        self.visitor = ""  # the caller's login (tests/test_access_table.py's test sets it)
        self.serials = count(1000)

    def serial(self) -> int:
        return next(self.serials)

    def child_iin(self) -> str:
        """A new child's IIN, born on the helpers' birth date."""
        while True:
            try:
                return make_iin(f"{CHILD_BIRTH:%y%m%d}6{self.serial():04d}")
            except ValueError:
                continue

    def key(self) -> str:
        return ordered_token(now())

    def request_id(self) -> str:
        return f"portal-{self.serial()}"

    def portal_request(self) -> str:
        """A request the portal sent, its certificate issued on receipt: its request id."""
        child, request_id = self.child_iin(), self.request_id()
        add_registry_record(child_iin=child)
        receive_portal_request(request_id, "0" * 64, application_values(child), {}, now())
        db.session.commit()
        return request_id

    def ticket(self) -> SimpleNamespace:
        """A guardianship ticket waiting in line."""
        token = take_ticket(catalogue().service("guardianship"), None, self.key(), "en", now())
        return SimpleNamespace(token=token, id=ticket_by_token(token).id)

    def at_window(self) -> int:
        """The ticket called to window 1."""
        return self.window_ticket

    def draft(self) -> int:
        """A complete application of the applicant at window 1, not yet decided."""
        application = complete(casework.new_application(now(), self.window_ticket),
                               self.child_iin())
        db.session.commit()
        return application.id

    def sent(self) -> SimpleNamespace:
        """A ticket whose application was sent from the kiosk."""
        ticket = self.ticket()
        complete(casework.new_application(now(), ticket.id), self.child_iin())
        db.session.commit()
        return ticket

    def accepted(self, registered: bool = False) -> SimpleNamespace:
        """A request accepted at a window: at the provider, or ready when ``registered``."""
        child = self.child_iin()
        if registered:
            add_registry_record(child_iin=child)
        application = complete(casework.new_application(now()), child)
        db.session.flush()
        casework.accept(application, {"application", "identity"},
                        db.session.get(User, self.clerk), now())
        db.session.commit()
        return SimpleNamespace(id=application.id, token=application.token, child_iin=child)

    def confirmable(self) -> SimpleNamespace:
        """A request at the provider whose guardianship the registry now holds."""
        request = self.accepted()
        record = add_registry_record(child_iin=request.child_iin)
        return SimpleNamespace(id=request.id, record=record.id)

    def ready(self) -> int:
        """A certificate ready at the hall (the registry held the guardianship)."""
        return self.accepted(registered=True).id

    def certificate(self) -> SimpleNamespace:
        request = self.accepted(registered=True)
        issued = certificate_of(db.session.get(Application, request.id))
        return SimpleNamespace(id=issued.id, code=issued.code, short_code=issued.short_code,
                               child_iin=request.child_iin)

    def refused(self) -> int:
        """A request the provider refused: its reasoned refusal is ready at the hall."""
        application = db.session.get(Application, self.accepted().id)
        casework.refuse(application, "No guardianship order was found.",
                        db.session.get(User, self.clerk), now())
        db.session.commit()
        return application.id

    def transferred(self) -> int:
        """A result kept a month unclaimed and handed to the provider."""
        application = db.session.get(Application, self.ready())
        casework.move(application, ApplicationStatus.TRANSFERRED, transferred_at=now())
        db.session.commit()
        return application.id

    def requested_back(self) -> int:
        """A result the hall asked the provider to send back."""
        application = db.session.get(Application, self.transferred())
        casework.request_back(application, db.session.get(User, self.clerk), now())
        db.session.commit()
        return application.id

    def record(self) -> SimpleNamespace:
        """An active guardianship in the registry."""
        child = self.child_iin()
        return SimpleNamespace(id=add_registry_record(child_iin=child).id, child_iin=child)

    def booking(self) -> SimpleNamespace:
        """A booking whose slot begins now."""
        moment = now()
        booking = Booking(code=new_code(), service_id=row(Service, "guardianship").id,
                          slot_at=moment, day=moment.astimezone(hall_zone()).date(),
                          status="booked", source="staff", created_at=moment)
        db.session.add(booking)
        db.session.commit()
        return SimpleNamespace(id=booking.id, code=booking.code)

    def override(self) -> str:
        """A day a decree made a working day."""
        day = date(2027, 3, 6) + timedelta(days=self.serial())
        db.session.add(CalendarOverride(day=day, working=True, note="Decree"))
        db.session.commit()
        return day.isoformat()

    def window(self) -> SimpleNamespace:
        """A window nobody holds and no ticket names."""
        window = Window(number=100 + self.serial() % 800)
        db.session.add(window)
        db.session.commit()
        return SimpleNamespace(id=window.id, number=window.number)

    def service(self) -> Service:
        return row(Service, "residence")

    def priority(self) -> PriorityCategory:
        return row(PriorityCategory, "elderly")

    def form_key(self) -> str:
        """A registration form's own key."""
        return f"access-table-form-{self.serial()}"

    def complaint(self) -> SimpleNamespace:
        """A complaint registered at the hall by its head, awaiting the answer."""
        head = db.session.execute(db.select(User).filter_by(username="supervisor")).scalar_one()
        complaint = register_complaint(Particulars(
            addressee="corporation", complainant_name="Сейітова Гүлмира",
            complainant_address="Астана, Жеңіс даңғылы, 5", complainant_phone="+7 702 555 44 33",
            subject="window", reference="4", text="Терезе маманы дөрекі сөйледі."),
            None, head, now())
        db.session.commit()
        return SimpleNamespace(id=complaint.id, token=complaint.token)

    def answered_complaint(self) -> SimpleNamespace:
        """A complaint of the hall with its reasoned answer."""
        registered = self.complaint()
        complaint = db.session.get(Complaint, registered.id)
        answer_complaint(complaint, "Шағым қаралды.", "post", complaint.registered_by, now())
        db.session.commit()
        return registered

    def help_call(self) -> int:
        """A kiosk's open call for help."""
        call = call_for_help(f"kiosk-{self.serial()}", "applicant.services", now())
        db.session.commit()
        return call.id

    def guardianship(self) -> int:
        return row(Service, "guardianship").id

    def visit_employee(self) -> int:
        """The employee home visits are scheduled with: the caller, if the role may be sent,
        else the demo's head of the hall."""
        employee = db.session.execute(db.select(User).filter_by(username=self.visitor)).scalar()
        if employee is None or employee.role not in VISITING:
            employee = db.session.execute(db.select(User).filter_by(username="supervisor")).scalar()
        return employee.id

    def visit(self, purpose: str = "intake", request_number: str = "") -> int:
        """A home visit scheduled this afternoon with the caller (see ``visit_employee``)."""
        head = db.session.get(User, self.visit_employee())
        visit = register_visit(VisitRequest(
            purpose, "1414", self.guardianship(), "Жұмабаева Сәуле", "Астана, Тұран даңғылы, 24",
            "+7 701 222 33 44", "Үйден шықпайды.", request_number), self.form_key(), head, now())
        schedule_visit(visit, now() + timedelta(hours=4), head, now())
        db.session.commit()
        return visit.id

    def home_draft(self) -> int:
        """A visit whose application is saved, complete, not yet decided."""
        visit = db.session.get(HomeVisit, self.visit())
        save_home_draft(visit, lambda draft: complete(draft, self.child_iin()),
                        visit.employee, now())
        db.session.commit()
        return visit.id

    def home_handover(self) -> int:
        """A visit to hand over a certificate ready at the hall."""
        number = db.session.get(Application, self.ready()).number
        return self.visit("handover", number)

    def user(self) -> int:
        return db.session.execute(db.select(User.id).filter_by(username="operator3")).scalar_one()


def row(model, code: str):
    return db.session.execute(db.select(model).filter_by(code=code)).scalar_one()


def complete(application: Application, child_iin: str) -> Application:
    """Fill a draft as a complete, consented application for the child."""
    for name, value in application_values(child_iin).items():
        setattr(application, name, value)
    return application


def application_values(child_iin: str) -> dict:
    """A complete, consented application's columns for the child."""
    return {
        "applicant_surname": "Ахметова", "applicant_name": "Айгерим",
        "applicant_patronymic": "Болатқызы", "applicant_iin": GUARDIAN_IIN,
        "applicant_phone": "+7 701 234 56 78", "applicant_address": "Астана, Абай даңғылы, 10",
        "child_surname": "Ахметов", "child_name": "Ерлан", "child_birth_date": CHILD_BIRTH,
        "child_iin": child_iin, "consent": True,
    }


class Cell(dict):
    """The objects one cell names: each made on first use, the same for address and form."""

    def __init__(self, hall: Hall):
        super().__init__()
        self.hall = hall

    def __missing__(self, name: str):
        self[name] = made = getattr(self.hall, name)()
        return made


def filled(template, cell: Cell):
    """A form value with the cell's objects in it."""
    if isinstance(template, list):
        return [filled(item, cell) for item in template]
    if isinstance(template, Upload):
        return BytesIO(template.text.format_map(cell).encode()), template.filename
    if not isinstance(template, str):
        return template  # a JSON body's true, false or number
    return template.format_map(cell)


@dataclass(frozen=True)
class Caller:
    """A client of one role, reading English, with its session's CSRF token."""

    role: str
    client: FlaskClient
    token: str
    username: str = ""


def caller(app, make_user, role: str, window: int | None = None) -> Caller:
    """A new client: with no session, the portal's gateway, or a member of staff signed in."""
    client, username = app.test_client(), ""
    client.set_cookie("lang", "en")
    if role == "portal":
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {PORTAL_TOKEN}"
    elif role != "anonymous":
        username = make_user(role)
        assert sign_in(client, username, window).status_code == 302
    return Caller(role, client, csrf_of(client, "/staff/login"), username)


def own_caller(app, make_user, hall: Hall, role: str) -> Caller:
    """A caller for one cell alone (an operator at a window of their own)."""
    with app.app_context():
        window = hall.window().number if role == "operator" else None
    return caller(app, make_user, role, window)


@pytest.fixture
def window_operator(app, make_user) -> Caller:
    return caller(app, make_user, "operator", window=1)


@pytest.fixture
def hall(app, window_operator) -> Hall:
    """The hall with an applicant called to window 1, whose operator is signed in."""
    with app.app_context():
        window = db.session.execute(db.select(Window).filter_by(number=1)).scalar_one()
        take_ticket(catalogue().service("guardianship"), None, ordered_token(now()), "en", now())
        called = call_next(window, db.session.get(User, window.operator_id), now())
        db.session.commit()
        return Hall(called, window.operator_id)


def request_of(app, hall: Hall, endpoint: str, method: str, token: str) -> tuple[str, dict]:
    """The cell's address and body, its objects made before the request is sent."""
    cell, headers = Cell(hall), HEADERS.get(endpoint, {})
    with app.app_context():
        address = ADDRESSES[endpoint].format_map(cell)
        if endpoint in JSON_BODIES:
            return address, {"headers": headers, "json": {
                name: filled(value, cell) for name, value in JSON_BODIES[endpoint].items()}}
        if method != "POST":
            return address, {"headers": headers}
        form = {name: filled(value, cell) for name, value in FORMS.get(endpoint, {}).items()}
    return address, {"headers": headers, "data": {"csrf_token": token, **form}}


def flashed(client, text: str) -> bool:
    with client.session_transaction() as session:
        return any(message == text for _category, message in session.get("_flashes", []))


def answer_of(response, client) -> str:
    """What the caller was told, in the table's words."""
    status = response.status_code
    target = response.headers.get("Location") or response.headers.get("HX-Redirect") or ""
    if urlsplit(target).path == "/staff/login":
        return OUT if flashed(client, SIGNED_OUT_TEXT) else LOGIN
    if 300 <= status < 400 and urlsplit(target).path == "/kiosk":
        return START
    if status < 400:
        return OK
    page = response.get_data(as_text=True)
    for refused, words, answer in REFUSALS:
        if status == refused and words in page:
            return answer
    return STATUSES.get(status, str(status))


def served_routes(app) -> set[tuple[str, str]]:
    return {(rule.endpoint, method) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


class Stand(str):
    """Any object a template names, standing in with "1" for each of its fields."""

    def __getattr__(self, name: str) -> "Stand":
        return Stand("1")


class StandIns(dict):
    """Every name a template uses, stood in for."""

    def __missing__(self, name: str) -> Stand:
        return Stand("1")


def test_the_table_has_one_row_for_every_route_and_method_and_no_other(app):
    lacking = sorted(served_routes(app) - set(ACCESS))
    assert not lacking, f"routes the table lacks: {lacking}"
    unserved = sorted(set(ACCESS) - served_routes(app))
    assert not unserved, f"rows of no route: {unserved}"
    assert {endpoint for endpoint, _method in ACCESS} == set(ADDRESSES)
    assert all(len(answers) == len(CALLERS) for answers in ACCESS.values())


def test_each_address_is_the_route_of_its_row(app):
    adapter = app.url_map.bind("localhost")
    for endpoint, method in ACCESS:
        path = ADDRESSES[endpoint].format_map(StandIns()).partition("?")[0]
        assert adapter.match(path, method)[0] == endpoint, (endpoint, method, path)


def ask(app, hall: Hall, who: Caller, endpoint: str, method: str) -> tuple[str, str, int]:
    """Send the cell's request as ``who``: the address, the answer in the table's words and
    the status."""
    address, body = request_of(app, hall, endpoint, method, who.token)
    response = who.client.open(address, method=method, **body)
    answer = answer_of(response, who.client)
    response.close()
    return address, answer, response.status_code


@pytest.mark.parametrize("role", CALLERS)
def test_every_route_answers_each_caller_as_the_table_says(role, app, make_user, hall,
                                                          window_operator):
    column = CALLERS.index(role)
    usual = window_operator if role == "operator" else caller(app, make_user, role)
    hall.visitor = usual.username  # a home visit's employee, if the role may be sent
    wrong = []
    for (endpoint, method), answers in ACCESS.items():
        own = (endpoint, method) in OWN_SESSION
        who = own_caller(app, make_user, hall, role) if own else usual
        address, got, status = ask(app, hall, who, endpoint, method)
        if got != answers[column]:
            wrong.append(f"{method} {address} ({endpoint}): {answers[column]} expected, "
                         f"{got} ({status}) answered")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
