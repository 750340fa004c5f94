"""The hall tests/test_fuzz.py works in: a row of each kind an address names, and good values for
every field, so that a request with one field made hostile gets past all the others."""

import io
import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.web.extensions import db
from queue_mgr.casework.iin import check_digit
from tests.casework_helpers import (
    CHILD_BIRTH,
    GUARDIAN_IIN,
    add_registry_record,
    application_fields,
    make_iin,
)

SERIALS = itertools.count(1)  # unique order numbers, logins and codes, across examples


def child_iin(prefix: str) -> str:
    """A valid IIN beginning with ``prefix`` (a child born in 2016-2018, say)."""
    for tail in itertools.count():
        first_eleven = f"{prefix}{tail:0{11 - len(prefix)}d}"
        if check_digit(first_eleven) is not None:
            return make_iin(first_eleven)
    raise AssertionError("unreachable")


@dataclass
class Hall:
    """The rows the addresses name, and the child of the application at window 1."""

    ticket_id: int
    ticket_token: str
    draft_id: int
    draft_child_iin: str
    pending_id: int
    ready_id: int
    ready_number: str
    ready_token: str
    certificate_id: int
    certificate_code: str
    certificate_short_code: str  # the code printed under its QR, typed on /v/
    record_id: int
    booking_id: int
    booking_code: str
    override_day: str
    complaint_id: int  # registered at the hall, awaiting the answer
    complaint_token: str
    answered_complaint_id: int
    # Rows the administrator's forms may change or delete: never those the others work with.
    spare_service_id: int
    spare_priority_id: int
    spare_window_id: int
    spare_user_id: int
    # A request the portal sent (its certificate issued), and a child the portal may ask for.
    portal_request_id: str
    portal_child_iin: str
    # Home visits scheduled this afternoon with the operator at window 1: one to take an
    # application (its draft saved), one to hand over the ready certificate.
    visit_id: int
    handover_visit_id: int
    visit_employee_id: int
    service_id: int
    help_call_id: int  # a kiosk's open call for help


def open_hall(app, kiosk, window, example: int) -> Hall:
    """A working morning: an applicant at window 1 with a draft, a request at the provider, a
    certificate ready, a booking, a calendar override, complaints registered at the hall (one
    answered) and spare rows (new ones each example)."""
    from kiosk.casework.certificates.models import Certificate
    from kiosk.casework.models import Application
    from tests.test_intake import applicant_at_window, kiosk_draft
    from tests.test_provider import accepted_request

    certificate = ready_certificate(app, example)
    pending = accepted_request(app, child_iin=child_iin(f"1607{example + 1:02d}"))
    ticket = applicant_at_window(app, kiosk, window)
    draft_child = child_iin(f"1708{example + 1:02d}")
    draft = kiosk_draft(app, ticket, child_iin=draft_child)
    with app.app_context():
        ready = db.session.get(Application, certificate.application_id)
        return Hall(ticket_id=ticket, ticket_token=ticket_token(ticket), draft_id=draft,
                    draft_child_iin=draft_child, pending_id=pending, ready_id=ready.id,
                    ready_number=ready.number, ready_token=ready.token,
                    certificate_id=certificate.id,
                    **certificate_codes(db.session.get(Certificate, certificate.id)),
                    record_id=ready.registry_record_id, **booking_and_override(example),
                    **complaints(), **spare_rows(example), **portal_request(example),
                    **home_visits(ready.number, example), help_call_id=help_call(example))


def certificate_codes(certificate) -> dict[str, str]:
    return {"certificate_code": certificate.code,
            "certificate_short_code": certificate.short_code}


def ready_certificate(app, example: int):
    """A request the registry confirms, accepted at a window: its certificate."""
    from tests.test_certificates import certificates_of
    from tests.test_provider import accepted_request

    child = child_iin(f"1506{example + 1:02d}")
    with app.app_context():
        add_registry_record(child_iin=child)
    [certificate] = certificates_of(app, accepted_request(app, child_iin=child))
    return certificate


def portal_request(example: int) -> dict:
    """A request the portal sent for a child the registry knows (inside an app context), and
    another child, for the requests the fuzz sends."""
    from kiosk.casework.portal_requests import receive_portal_request
    from kiosk.web.clock import now

    child = child_iin(f"1405{example + 1:02d}")
    add_registry_record(child_iin=child)
    request_id = f"fuzz-portal-{example}"
    values = {"applicant_surname": "Ахметова", "applicant_name": "Айгерим",
              "applicant_iin": GUARDIAN_IIN, "applicant_phone": "+7 701 234 56 78",
              "applicant_address": "Астана, Абай даңғылы, 10", "child_surname": "Ахметов",
              "child_name": "Ерлан", "child_birth_date": CHILD_BIRTH, "child_iin": child,
              "consent": True}
    receive_portal_request(request_id, "0" * 64, values, {}, now())
    db.session.commit()
    return {"portal_request_id": request_id,
            "portal_child_iin": child_iin(f"1909{example + 1:02d}")}


def portal_request_body(hall: Hall) -> dict:
    """A good body of the portal's request, for a child with no request yet."""
    return {"request_id": "fuzz-request-1", "applicant_surname": "Ахметова",
            "applicant_name": "Айгерим", "applicant_patronymic": "Болатқызы",
            "applicant_iin": GUARDIAN_IIN, "applicant_phone": "+7 701 234 56 78",
            "applicant_address": "Астана, Абай даңғылы, 10", "child_surname": "Ахметов",
            "child_name": "Ерлан", "child_birth_date": CHILD_BIRTH.isoformat(),
            "child_iin": hall.portal_child_iin, "child_born_abroad": False, "by_proxy": False,
            "documents": {}, "consent": True}


def ticket_token(ticket_id: int) -> str:
    from kiosk.line.models import Ticket

    return db.session.get(Ticket, ticket_id).token


def booking_and_override(example: int) -> dict:
    """A booking later today and a working Saturday (inside an app context)."""
    from kiosk.hall.catalogue import catalogue
    from kiosk.hall.models import CalendarOverride
    from kiosk.line.bookings import book
    from kiosk.web.clock import now

    moment = now()
    booking = book(catalogue().service("guardianship"),
                   moment + timedelta(hours=3, minutes=30 * example), moment, source="staff")
    saturday = date(2026, 12, 19) + timedelta(weeks=example)
    db.session.add(CalendarOverride(day=saturday, working=True, note="fuzz"))
    db.session.commit()
    return {"booking_id": booking.id, "booking_code": booking.code,
            "override_day": saturday.isoformat()}


def complaints() -> dict:
    """Two complaints registered at the hall by its head, one of them answered (inside an app
    context)."""
    from kiosk.accounts.models import User
    from kiosk.casework.complaints.register import (
        Particulars,
        answer_complaint,
        register_complaint,
    )
    from kiosk.web.clock import now

    head = db.session.execute(db.select(User).filter_by(username="supervisor")).scalar_one()
    written = Particulars(addressee="corporation", complainant_name="Сейітова Гүлмира",
                          complainant_address="Астана, Жеңіс даңғылы, 5",
                          complainant_phone="+7 702 555 44 33", subject="window", reference="4",
                          text="Терезе маманы дөрекі сөйледі.")
    waiting = register_complaint(written, None, head, now())
    answered = register_complaint(written, None, head, now())
    answer_complaint(answered, "Шағым қаралды.", "post", head, now())
    db.session.commit()
    return {"complaint_id": waiting.id, "complaint_token": waiting.token,
            "answered_complaint_id": answered.id}


def home_visits(ready_number: str, example: int) -> dict:
    """An intake visit with its application saved, and a handover visit of the ready result,
    both this afternoon with the operator at window 1 (inside an app context)."""
    from kiosk.accounts.models import User
    from kiosk.casework.home_visits.register import (
        VisitRequest,
        register_visit,
        save_home_draft,
        schedule_visit,
    )
    from kiosk.hall.models import Service
    from kiosk.line.models import Window
    from kiosk.web.clock import now

    employee = db.session.get(User, db.session.execute(
        db.select(Window.operator_id).filter_by(number=1)).scalar_one())
    service = db.session.execute(db.select(Service).filter_by(code="guardianship")).scalar_one()

    def visit(purpose: str, number: str = ""):
        made = register_visit(VisitRequest(
            purpose, "1414", service.id, "Жұмабаева Сәуле", "Астана, Тұран даңғылы, 24",
            "+7 701 222 33 44", "Үйден шықпайды.", number), f"fuzz-visit-{next(SERIALS)}",
            employee, now())
        schedule_visit(made, now() + timedelta(hours=4), employee, now())
        return made

    intake, handover = visit("intake"), visit("handover", ready_number)
    fields = application_fields(child_iin=child_iin(f"1810{example + 1:02d}"))

    def fill(draft):
        for name in ("applicant_surname", "applicant_name", "applicant_iin", "applicant_phone",
                     "applicant_address", "child_surname", "child_name", "child_iin"):
            setattr(draft, name, fields[name])
        draft.child_birth_date, draft.consent = CHILD_BIRTH, True

    save_home_draft(intake, fill, employee, now())
    db.session.commit()
    return {"visit_id": intake.id, "handover_visit_id": handover.id,
            "visit_employee_id": employee.id, "service_id": service.id}


def help_call(example: int) -> int:
    """A kiosk's open call for help (inside an app context)."""
    from kiosk.line.help_calls import call_for_help
    from kiosk.web.clock import now

    call = call_for_help(f"fuzz-{example}", "applicant.services", now())
    db.session.commit()
    return call.id


def spare_rows(example: int) -> dict:
    """A service, a priority group, a window and an account only the administrator touches."""
    from kiosk.accounts.models import User
    from kiosk.hall.models import PriorityCategory, Service
    from kiosk.line.models import Window

    names = {"name_kk": "Қосалқы", "name_ru": "Запасная", "name_en": "Spare"}
    service = Service(code=f"spare{example}", letter="STUVWXYZ"[example],
                      default_service_seconds=600, **names)
    priority = PriorityCategory(code=f"spare{example}", rank=50, **names)
    window = Window(number=950 + example)  # new windows get 100 to 899 (fresh)
    user = User(username=f"spare-{example}", role="operator", full_name="Запасной Сотрудник")
    user.set_password("spare password 1")
    db.session.add_all([service, priority, window, user])
    db.session.commit()
    return {"spare_service_id": service.id, "spare_priority_id": priority.id,
            "spare_window_id": window.id, "spare_user_id": user.id}


def address_values(hall: Hall, endpoint: str) -> dict[str, str]:
    """The address parts that name real rows, for an endpoint."""
    values = {
        "ticket_id": hall.ticket_id, "cert_id": hall.certificate_id, "record_id": hall.record_id,
        "booking_id": hall.booking_id, "day": hall.override_day, "action": "transfer",
        "filename": "css/kiosk.css", "service_id": hall.spare_service_id,
        "priority_id": hall.spare_priority_id, "window_id": hall.spare_window_id,
        "user_id": hall.spare_user_id, "token": hall.ticket_token, "code": "guardianship",
        "application_id": hall.ready_id, "lang": "kk", "window": "3",
        "call_id": hall.help_call_id,
    }
    if endpoint.startswith("staff.provider."):
        values["application_id"] = hall.pending_id
    if endpoint in ("staff.intake.accept", "staff.intake.refuse"):
        values["application_id"] = hall.draft_id
    if endpoint.startswith("requests.request_status"):
        values["token"] = hall.ready_token
    if endpoint.startswith("verify."):
        values["code"] = hall.certificate_code
    if endpoint.startswith("portal."):
        values["code"] = hall.booking_code
    if endpoint == "board.voice":
        values["code"] = "G016"
    if endpoint.startswith("complaint_status."):
        values["token"] = hall.complaint_token
    values["complaint_id"] = (hall.answered_complaint_id
                              if endpoint == "staff.complaints.reasoned_answer"
                              else hall.complaint_id)
    values["request_id"] = hall.portal_request_id
    values["visit_id"] = (hall.handover_visit_id if endpoint == "staff.visits.hand_over"
                          else hall.visit_id)
    return {name: str(value) for name, value in values.items()}


def field_values(hall: Hall, endpoint: str) -> dict[str, str]:
    """Good values of the fields no page fills in (a page's own values come first)."""
    good = {
        **application_fields(child_iin=hall.draft_child_iin), "q": "Ахмет", "iin": GUARDIAN_IIN,
        "reason": "Құжаттар толық емес", "to": "applicant", "number": hall.ready_number,
        "token": hall.ready_token, "day": "25.11.2026", "start": "01.11.2026",
        "end": "25.11.2026", "time": "15:00", "service": "guardianship",
        "code": hall.booking_code, "ticket_id": str(hall.ticket_id),
        "record_id": str(hall.record_id), "window": "1", "ended_on": "01.11.2026",
        "guardian_name": "Ахметова Айгерим", "guardian_iin": GUARDIAN_IIN,
        "basis_kind": "order", "basis_number": "No 77", "basis_date": "01.02.2024",
        "basis_body_kk": "Білім басқармасы", "basis_body_ru": "Управление образования",
        "children-0-full_name": "Ахметов Ерлан", "children-0-iin": child_iin("180901"),
        "children-0-birth_date": CHILD_BIRTH.strftime("%d.%m.%Y"), "late": "1",
        "lang_version": "kk", "next": "/staff/", "status": "valid", "category": "",
        "username": "spare-login", "password": "spare password 1", "confirm": "spare password 1",
        "full_name": "Жаңа Қызметкер", "role": "operator", "letter": "S", "minutes": "10",
        "sort_order": "5", "rank": "20", "note": "Жарлық", "working": "1",
        "request_id": "fuzz-1", "name_kk": "Атауы", "name_ru": "Название", "name_en": "Name",
        "addressee": "corporation", "complainant_name": "Сейітова Гүлмира",
        "complainant_address": "Астана, Жеңіс даңғылы, 5", "complainant_phone": "+7 702 555 44 33",
        "subject": "window", "reference": "4", "text": "Кезекте 40 минут күттім.",
        "answer_text": "Шағым қаралды.", "channel": "post",
    }
    if endpoint.startswith("verify."):
        good["code"] = hall.certificate_short_code
    if endpoint.startswith("staff.visits."):
        good |= {"purpose": "intake", "contact_line": "1414", "service": str(hall.service_id),
                 "applicant_name": "Жұмабаева Сәуле", "address": "Астана, Тұран даңғылы, 24",
                 "phone": "+7 701 222 33 44", "request_number": "",
                 "employee": str(hall.visit_employee_id), "cancel_reason": "Өзі келді."}
    return good | endpoint_values(endpoint)


def endpoint_values(endpoint: str) -> dict[str, str]:
    """Good values where a field's name means another thing."""
    if endpoint == "staff.admin.add_override":
        return {"day": "20.12.2026"}  # a Sunday made a working day
    if endpoint.startswith("staff.admin."):
        return {"code": "fuzzed", "number": "98", "letter": "F"}
    return {}


def fresh(endpoint: str, name: str) -> str | None:
    """A new value for a field that must be unique, so that a good request adds a row rather
    than being refused as the same as the one before."""
    if name == "basis_number":
        return f"No {next(SERIALS)}"
    if name == "username":
        return f"fuzz-{next(SERIALS)}"
    if endpoint in ("staff.admin.new_service", "staff.admin.new_priority") and name == "code":
        return f"fuzz{next(SERIALS)}"
    if endpoint == "staff.admin.new_window" and name == "number":
        return str(100 + next(SERIALS) % 800)
    return None


def csv_file(guardian_name: str) -> tuple[io.BytesIO, str]:
    """A registry import of one good row but for the guardian's name (each a new order)."""
    header = ("guardian_name,guardian_iin,basis_kind,basis_number,basis_date,basis_body_kk,"
              "basis_body_ru,child_name,child_birth_date,child_iin\n")
    row = (f'"{guardian_name}",{make_iin("80010130011")},order,No {next(SERIALS)},2024-01-01,'
           f'Орган,Орган,Бала Ұлы,2015-01-01,{make_iin("15010160044")}\n')
    return io.BytesIO((header + row).encode("utf-8", "surrogatepass")), "records.csv"
