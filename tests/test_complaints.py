"""The complaint register (the passport's appeal procedure): a written complaint registered at the
hall or at the provider's office with an incoming number and its term in working days, the
confirmation and the reasoned answer printed in Kazakh and Russian, the answer recorded once, and
the complainant's public status page, which shows nothing of them."""

import html
import re
from datetime import datetime, timedelta
from pathlib import Path

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask_babel import force_locale
from sqlalchemy import func, insert, inspect, select

import tests.test_query_plans as plans
from config import TestingConfig
from kiosk import create_app
from kiosk.accounts.models import User
from kiosk.casework.complaints.models import Complaint
from kiosk.casework.complaints.register import (
    Particulars,
    answer_complaint,
    register_complaint,
)
from kiosk.hall.models import CalendarOverride, SequenceCounter
from kiosk.web.extensions import db
from kiosk.web.logs import redact
from kiosk.web.statuses import change_status
from queue_mgr.casework.complaints import ComplaintStatus
from queue_mgr.errors import DomainError
from tests.conftest import ALMATY, OPEN_MOMENT, ROOT, csrf_of
from tests.helpers import hidden_inputs
from tests.helpers import text_of as raw_text
from tests.test_migrations import scratch_url  # noqa: F401 - a fixture this module uses

REGISTER = "/staff/complaints/"
NEW = "/staff/complaints/new"
NAME = "Сейітова Гүлмира Асқарқызы"
ADDRESS = "Астана қ., Сарыарқа ауданы, Жеңіс даңғылы, 5-12"
PHONE = "+7 702 555 44 33"
TEXT = "Терезе маманы өтінішті қабылдаудан негізсіз бас тартты."
ANSWER = "Шағым негізді деп танылды: маманға тәртіптік жаза қолданылды."
ANSWERED_TWICE = "This complaint has already been answered"
ELSEWHERE = "This complaint was registered at another office"


def text_of(response) -> str:
    """The page's visible text, entities decoded."""
    return html.unescape(raw_text(response))


def at(year, month, day, hour=11, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def complaint_fields(**changes) -> dict[str, str]:
    """A complete, valid complaint as the registration form posts it."""
    fields = {"addressee": "corporation", "complainant_name": NAME,
              "complainant_address": ADDRESS, "complainant_phone": PHONE, "subject": "window",
              "reference": "4", "text": TEXT}
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def register(client, **changes):
    """Fill the registration form and send it: the POST's response."""
    form = hidden_inputs(client.get(NEW).get_data(as_text=True))
    return client.post(NEW, data={**form, **complaint_fields(**changes)})


def registered_number(response) -> int:
    """The id of the complaint a registration's redirect names."""
    assert response.status_code == 303, text_of(response)
    match = re.fullmatch(r"/staff/complaints/(\d+)/confirmation", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def stored(app, complaint_id: int | None = None):
    """The stored complaint (or all of them, oldest first), detached for reading."""
    with app.app_context():
        if complaint_id is not None:
            complaint = db.session.get(Complaint, complaint_id)
            db.session.expunge(complaint)
            return complaint
        rows = db.session.execute(select(Complaint).order_by(Complaint.id)).scalars().all()
        for row in rows:
            db.session.expunge(row)
        return rows


def counter(app, key: str) -> int | None:
    with app.app_context():
        row = db.session.get(SequenceCounter, key)
        return row.value if row else None


def answer(client, complaint_id: int, **fields):
    page = f"/staff/complaints/{complaint_id}"
    data = {"csrf_token": csrf_of(client, page), "answer_text": ANSWER, "channel": "post",
            **fields}
    return client.post(f"{page}/answer", data={k: v for k, v in data.items() if v is not None})


def in_language(app, lang: str, text: str, **values) -> str:
    """A message as the catalogue of ``lang`` gives it."""
    from flask_babel import gettext

    with app.test_request_context(), force_locale(lang):
        return gettext(text, **values)


@pytest.fixture
def head(staff_client):
    """The head of the hall (a supervisor) signed in, in English."""
    def sign_in():
        client = staff_client("supervisor", username=f"head{len(signed)}")
        client.set_cookie("lang", "en")
        signed.append(client)
        return client

    signed = []
    return sign_in


@pytest.fixture
def hall(head):
    return head()


@pytest.fixture
def officer(staff_client):
    client = staff_client("provider")
    client.set_cookie("lang", "en")
    return client


def register_at(app, moment: datetime, username: str, addressee: str = "corporation",
                **changes) -> int:
    """Register a complaint at ``moment`` as ``username`` (in the service, as the form does)."""
    with app.app_context():
        user = db.session.execute(select(User).filter_by(username=username)).scalar_one()
        values = {"addressee": addressee, "complainant_name": NAME,
                  "complainant_address": ADDRESS, "complainant_phone": PHONE,
                  "subject": "other", "reference": "", "text": TEXT, **changes}
        complaint = register_complaint(Particulars(**values), None, user, moment)
        db.session.commit()
        return complaint.id


# Registration

def test_a_complaint_registered_at_the_hall_gets_the_next_incoming_number_and_its_term(
        app, hall):
    first = registered_number(register(hall))
    confirmation = hall.get(f"/staff/complaints/{first}/confirmation")
    assert "Complaint Ш-2026-00001 is registered." in text_of(confirmation)
    second = registered_number(register(hall, addressee="quality_body", subject="ticket",
                                        reference=" g007 "))
    one, two = stored(app, first), stored(app, second)
    assert (one.number, two.number) == ("Ш-2026-00001", "Ш-2026-00002")
    assert one.place == two.place == "hall"
    assert one.status == "registered" and one.registered_at == OPEN_MOMENT
    assert (one.complainant_name, one.complainant_address, one.complainant_phone, one.text) \
        == (NAME, ADDRESS, PHONE, TEXT)
    assert (one.subject, one.reference, two.reference) == ("window", "4", "G007")
    # Wed 25 Nov 2026: 5 working days → Wed 2 Dec; 15 → Wed 16 Dec is a holiday → Thu 17 Dec
    assert one.due_at.astimezone(ALMATY) == at(2026, 12, 2, 23, 59).replace(second=59)
    assert two.due_at.astimezone(ALMATY).date() == at(2026, 12, 17).date()
    assert len(one.token) >= 20 and one.token != two.token


def test_the_provider_officer_registers_at_the_providers_office_in_its_own_register(
        app, hall, officer):
    hall_complaint = registered_number(register(hall))
    provider_complaint = registered_number(register(officer, addressee="provider",
                                                    subject="request", reference="2026-00042"))
    assert stored(app, provider_complaint).place == "provider_office"
    assert stored(app, provider_complaint).number == "Ш-2026-00002"
    assert "Ш-2026-00002" in text_of(officer.get(REGISTER))
    assert "Ш-2026-00001" not in text_of(officer.get(REGISTER))
    assert "Ш-2026-00002" not in text_of(hall.get(REGISTER))
    refused = officer.get(f"/staff/complaints/{hall_complaint}")
    assert refused.status_code == 403 and ELSEWHERE in text_of(refused)
    assert hall.get(f"/staff/complaints/{provider_complaint}/confirmation").status_code == 403


def test_the_registration_form_starts_with_the_offices_usual_addressee(hall, officer):
    def chosen(client) -> str:
        page = client.get(NEW).get_data(as_text=True)
        return re.search(r'<option selected value="(\w+)">', page).group(1)

    assert chosen(hall) == "corporation"
    assert chosen(officer) == "provider"


BAD_INPUTS = [
    ({"complainant_name": ""}, "Fill in this field."),
    ({"complainant_name": "   "}, "Fill in this field."),
    ({"complainant_name": None}, "Fill in this field."),
    ({"complainant_name": "Я" * 201}, "Enter at most 200 characters."),
    ({"complainant_address": ""}, "Fill in this field."),
    ({"complainant_address": "к" * 301}, "Enter at most 300 characters."),
    ({"complainant_phone": ""}, "Fill in this field."),
    ({"complainant_phone": "call me"}, "Enter a phone number, e.g. +7 701 234 56 78."),
    ({"complainant_phone": "+7 701 234 56 78 99 00 11"},
     "Enter a phone number, e.g. +7 701 234 56 78."),
    ({"complainant_phone": "+" + "7" * 20}, "Enter at most 20 characters."),
    ({"addressee": "akim"}, "Choose from the list."),
    ({"addressee": None}, "Choose from the list."),
    ({"subject": "weather"}, "Choose from the list."),
    ({"subject": "request", "reference": ""},
     "Enter the request number as the receipt prints it, e.g. 2026-00042."),
    ({"subject": "request", "reference": "42"},
     "Enter the request number as the receipt prints it, e.g. 2026-00042."),
    ({"subject": "ticket", "reference": "007"},
     "Enter the ticket number as printed on it: a letter and three digits, e.g. G007."),
    ({"subject": "window", "reference": "0"},
     "Enter the window number: a whole number from 1 to 999."),
    ({"subject": "window", "reference": "1000"},
     "Enter the window number: a whole number from 1 to 999."),
    ({"subject": "staff", "reference": " "},
     "Enter the name of the member of staff the complaint is about."),
    ({"subject": "other", "reference": "ж" * 201}, "Enter at most 200 characters."),
    ({"text": ""}, "Fill in this field."),
    ({"text": "ш" * 4001}, "Enter at most 4000 characters."),
    ({"form_key": ""}, "This screen has expired. Please start again."),
    ({"form_key": "../../etc"}, "This screen has expired. Please start again."),
]


@pytest.mark.parametrize(("changes", "message"), BAD_INPUTS)
def test_every_bad_input_is_refused_at_its_field_and_nothing_is_saved(app, hall, changes,
                                                                      message):
    response = register(hall, **changes)
    assert response.status_code == 400
    assert message in text_of(response)
    assert stored(app) == []
    assert counter(app, "complaint-2026") is None  # no incoming number was taken


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_refusal_speaks_the_screens_language(app, hall, lang):
    hall.set_cookie("lang", lang)
    response = register(hall, complainant_phone="call me", subject="ticket", reference="7")
    page = text_of(response)
    assert response.status_code == 400
    assert in_language(app, lang, "Enter a phone number, e.g. +7 701 234 56 78.") in page
    assert in_language(app, lang, "Enter the ticket number as printed on it: a letter and "
                                  "three digits, e.g. G007.") in page
    assert "Enter a phone number" not in page


def test_the_same_form_sent_twice_registers_one_complaint(app, hall):
    form = hidden_inputs(hall.get(NEW).get_data(as_text=True))
    first = hall.post(NEW, data={**form, **complaint_fields()})
    again = hall.post(NEW, data={**form, **complaint_fields()})
    assert registered_number(first) == registered_number(again)
    assert len(stored(app)) == 1


# The term, across weekends and holidays

@pytest.mark.parametrize(("registered", "addressee", "due"), [
    # Fri 27 Nov 2026: the weekend is not counted → Fri 4 Dec
    (at(2026, 11, 27), "provider", at(2026, 12, 4)),
    # Fri 20 Mar 2026: 21-25 Mar Nauryz and the weekend → Wed 1 Apr
    (at(2026, 3, 20), "corporation", at(2026, 4, 1)),
    # Tue 1 Dec 2026, 15 working days: Independence Day (Wed 16 Dec) skipped → Wed 23 Dec
    (at(2026, 12, 1), "quality_body", at(2026, 12, 23)),
    # Late on a Saturday: counted from that day, in the hall's time zone → Fri 4 Dec
    (at(2026, 11, 28, 23, 30), "provider", at(2026, 12, 4)),
])
def test_the_term_counts_working_days_after_the_registration_day(app, clock, staff_client,
                                                                 registered, addressee, due):
    clock.set(registered)
    client = staff_client("supervisor")
    complaint = stored(app, registered_number(register(client, addressee=addressee)))
    assert complaint.due_at.astimezone(ALMATY).date() == due.date()
    assert complaint.due_at.astimezone(ALMATY).time().hour == 23


def test_a_decree_day_off_of_the_halls_calendar_moves_the_term(app, clock, hall):
    with app.app_context():
        db.session.add(CalendarOverride(day=at(2026, 11, 30).date(), working=False,
                                        note="Decree"))
        db.session.commit()
    complaint = stored(app, registered_number(register(hall, addressee="provider")))
    assert complaint.due_at.astimezone(ALMATY).date() == at(2026, 12, 3).date()


# The register: overdue and near-due first

def register_order(client) -> list[str]:
    page = client.get(REGISTER).get_data(as_text=True)
    waiting = page.split('class="data complaint-register waiting"')[1].split("</table>")[0]
    return re.findall(r'class="complaint-number">([^<]+)<', waiting)


def rows_of(client) -> dict[str, str]:
    """Each waiting complaint's row of the register, as text."""
    page = client.get(REGISTER).get_data(as_text=True)
    waiting = page.split('class="data complaint-register waiting"')[1].split("</table>")[0]
    return {re.search(r'complaint-number">([^<]+)<', row).group(1):
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())
            for row in re.findall(r"<tr class=.*?</tr>", waiting, re.S)}


def test_the_register_lists_overdue_then_near_due_complaints_first_with_the_time_left(
        app, clock, head, make_user):
    clerk = make_user("supervisor", "clerk")
    # Registered (and due): Tue 24 Nov (Tue 1 Dec), Mon 16 Nov to the authorised body (Mon 7
    # Dec), Thu 19 Nov (Thu 26 Nov), Mon 16 Nov (Mon 23 Nov), Wed 18 Nov (Wed 25 Nov).
    for moment, addressee in [(at(2026, 11, 24), "corporation"),
                              (at(2026, 11, 16), "quality_body"),
                              (at(2026, 11, 19), "corporation"),
                              (at(2026, 11, 16), "corporation"),
                              (at(2026, 11, 18), "corporation")]:
        register_at(app, moment, clerk, addressee)
    answered = register_at(app, at(2026, 11, 10), clerk)
    with app.app_context():
        answer_complaint(db.session.get(Complaint, answered), ANSWER, "post",
                         db.session.execute(select(User).filter_by(username=clerk)).scalar_one(),
                         at(2026, 11, 12))
        db.session.commit()

    clock.set(at(2026, 11, 25, 11))  # Wed 25 Nov, 11:00
    hall = head()
    assert register_order(hall) == ["Ш-2026-00004", "Ш-2026-00005", "Ш-2026-00003",
                                    "Ш-2026-00001", "Ш-2026-00002"]
    rows = rows_of(hall)
    assert "Overdue Overdue by 2 working days" in rows["Ш-2026-00004"]
    assert "Due soon 12 hours left" in rows["Ш-2026-00005"]
    assert "Due soon 1 working day left" in rows["Ш-2026-00003"]
    assert "4 working days left" in rows["Ш-2026-00001"]
    assert "Due soon" not in rows["Ш-2026-00001"] + rows["Ш-2026-00002"]
    assert "Ш-2026-00006" not in rows and "Ш-2026-00006" in text_of(hall.get(REGISTER))

    clock.set(at(2026, 11, 27, 10))  # Fri 27 Nov: two more passed their term
    hall = head()
    assert register_order(hall) == ["Ш-2026-00004", "Ш-2026-00005", "Ш-2026-00003",
                                    "Ш-2026-00001", "Ш-2026-00002"]
    rows = rows_of(hall)
    assert all(rows[number].startswith(number) and "Overdue" in rows[number]
               for number in ("Ш-2026-00004", "Ш-2026-00005", "Ш-2026-00003"))
    assert "Overdue" not in rows["Ш-2026-00001"] and "Due soon" not in rows["Ш-2026-00001"]

    clock.set(at(2026, 11, 30, 10))  # Mon 30 Nov: the first of the 1 December one is near
    assert "Due soon 1 working day left" in rows_of(head())["Ш-2026-00001"]


# The answer, once

def test_the_reasoned_answer_is_recorded_once_and_a_second_is_refused_unchanged(app, hall,
                                                                                head):
    complaint = registered_number(register(hall))
    response = answer(hall, complaint)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/staff/complaints/{complaint}/reasoned-answer"
    first = stored(app, complaint)
    assert (first.status, first.answer_text, first.answer_channel) == ("answered", ANSWER, "post")
    assert first.answered_at == OPEN_MOMENT and first.answered_by_id is not None

    again = answer(head(), complaint, answer_text="Another answer.", channel="in_person")
    assert again.status_code == 409
    page = text_of(again)
    assert ANSWERED_TWICE in page and ANSWER in page
    second = stored(app, complaint)
    assert (second.answer_text, second.answer_channel, second.answered_at,
            second.answered_by_id) == (ANSWER, "post", first.answered_at, first.answered_by_id)


def test_an_answer_given_meanwhile_by_another_officer_wins_and_the_later_one_is_refused(
        app, hall):
    complaint = registered_number(register(hall))
    with app.app_context():
        user = db.session.execute(select(User).filter_by(username="head0")).scalar_one()
        row = db.session.get(Complaint, complaint)  # as read before the other answer landed
        db.session.expunge(row)
        change_status(Complaint, complaint, "registered", "answered", "complaint_answered",
                      answer_text="The first answer.", answer_channel="in_person",
                      answered_at=OPEN_MOMENT)
        db.session.commit()
        assert row.status == "registered"
        with pytest.raises(DomainError) as refusal:
            answer_complaint(row, ANSWER, "post", user, OPEN_MOMENT)
        assert refusal.value.key == "complaint_answered"
        db.session.rollback()
    assert stored(app, complaint).answer_text == "The first answer."


@pytest.mark.parametrize(("fields", "message"), [
    ({"answer_text": ""}, "Fill in this field."),
    ({"answer_text": "ж" * 4001}, "Enter at most 4000 characters."),
    ({"channel": "pigeon"}, "Choose from the list."),
    ({"channel": None}, "Choose from the list."),
])
def test_a_bad_answer_is_refused_at_its_field_and_the_complaint_stays_unanswered(
        app, hall, fields, message):
    complaint = registered_number(register(hall))
    response = answer(hall, complaint, **fields)
    assert response.status_code == 400 and message in text_of(response)
    assert stored(app, complaint).status == "registered"


# The papers: the confirmation and the reasoned answer, Kazakh and Russian on one sheet

def halves(response) -> dict[str, str]:
    page = response.get_data(as_text=True)
    found = dict(re.findall(r'<article class="receipt-half" lang="(kk|ru)">(.*?)</article>',
                            page, re.S))
    return {lang: html.unescape(re.sub(r"<(svg)\b.*?</\1>|<[^>]+>", " ", part, flags=re.S))
            for lang, part in found.items()}


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_confirmation_is_in_kazakh_and_russian_with_the_number_term_and_who_accepted(
        app, staff_client):
    client = staff_client("supervisor", username="head")
    with app.app_context():
        db.session.execute(db.update(User).filter_by(username="head")
                           .values(full_name="Тоқтарова Сәуле"))
        db.session.commit()
    complaint = registered_number(register(client, addressee="provider"))
    response = client.get(f"/staff/complaints/{complaint}/confirmation?lang=en")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert response.get_data(as_text=True).count('<svg class="qr"') == 2
    kk, ru = (words(text) for text in halves(response).values())
    for half in (kk, ru):
        assert "Ш-2026-00001" in half and "25.11.2026 11:00" in half
        assert NAME in half and ADDRESS in half and PHONE in half
        assert "Тоқтарова Сәуле" in half and "Test hall" in half
    assert "ШАҒЫМНЫҢ ТІРКЕЛГЕНІН РАСТАУ" in kk.upper()
    assert "Кіріс нөмірі" in kk
    assert "Көрсетілетін қызметті берушінің басшысы" in kk
    assert "Астана қаласы әкімдігінің білім басқармасы" in kk
    assert "5 жұмыс күні ішінде" in kk and "2026 жылғы 2 желтоқсаннан кешіктірмей" in kk
    assert "пошта арқылы" in kk and "Көрсетілетін қызметті алушы" in kk
    assert "ПОДТВЕРЖДЕНИЕ РЕГИСТРАЦИИ ЖАЛОБЫ" in ru.upper()
    assert "Входящий № Ш-2026-00001 от 25.11.2026 11:00" in ru
    assert "Руководитель услугодателя" in ru
    assert "Управление образования акимата города Астаны" in ru
    assert "в течение 5 рабочих дней" in ru and "не позднее 02.12.2026" in ru
    assert "по почте" in ru and "Услугополучатель" in ru


def test_the_confirmations_qr_code_holds_the_public_status_address(app, hall, monkeypatch):
    seen = []
    monkeypatch.setattr("kiosk.casework.complaints.papers.qr_svg",
                        lambda data, label: seen.append(data) or "<svg></svg>")
    complaint = registered_number(register(hall))
    hall.get(f"/staff/complaints/{complaint}/confirmation")
    token = stored(app, complaint).token
    assert seen == [f"{app.config['PUBLIC_URL']}/c/{token}"] * 2
    assert hall.get(f"/c/{token}").status_code == 200


def test_the_reasoned_answer_is_printed_in_kazakh_and_russian_once_recorded(app, hall):
    complaint = registered_number(register(hall, subject="staff", reference="Ким Марина"))
    early = hall.get(f"/staff/complaints/{complaint}/reasoned-answer")
    assert early.status_code == 409 and "has not been answered yet" in text_of(early)
    answer(hall, complaint, channel="in_person")
    response = hall.get(f"/staff/complaints/{complaint}/reasoned-answer")
    assert response.status_code == 200
    kk, ru = (words(text) for text in halves(response).values())
    for half in (kk, ru):
        assert ANSWER in half and NAME in half and "Ш-2026-00001" in half
        assert "25.11.2026" in half and "Test Staff" in half and "Ким Марина" in half
    assert "ШАҒЫМҒА ДӘЛЕЛДІ ЖАУАП" in kk.upper()
    assert "Кеңседе қолма-қол берілді" in kk
    assert "уәкілетті органға" in kk and "сотқа" in kk
    assert "МОТИВИРОВАННЫЙ ОТВЕТ НА ЖАЛОБУ" in ru.upper()
    assert "Вручён лично в канцелярии" in ru
    assert "в уполномоченный орган" in ru and "в суд" in ru


# The public status page

def test_the_public_page_shows_the_number_date_addressee_status_and_term_and_no_personal_data(
        app, hall, client):
    complaint = registered_number(register(hall, subject="staff", reference="Ким Марина"))
    token = stored(app, complaint).token
    client.set_cookie("lang", "en")
    page = client.get(f"/c/{token}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    body, text = page.get_data(as_text=True), text_of(page)
    assert "Ш-2026-00001" in text and "25 November 2026" in text
    assert 'The head of the State Corporation "Government for Citizens"' in text
    assert "Under review" in text and "2 December 2026" in text
    assert "1414" in text  # the phone layout's contact centre
    for private in (NAME, "Сейітова", ADDRESS, PHONE, "702 555", TEXT, "Ким Марина"):
        assert private not in body, private

    answer(hall, complaint)
    answered = text_of(client.get(f"/c/{token}"))
    assert "Answered on 25 November 2026" in answered
    assert "sent to you by post" in answered
    assert ANSWER not in client.get(f"/c/{token}").get_data(as_text=True)


def test_the_public_page_speaks_kazakh_by_default(app, hall, client):
    token = stored(app, registered_number(register(hall))).token
    text = text_of(client.get(f"/c/{token}"))
    assert "Шағым" in text and "2026" in text


def test_the_public_page_says_when_the_term_has_passed(app, hall, client, clock):
    token = stored(app, registered_number(register(hall))).token
    clock.set(at(2026, 12, 3, 10))
    client.set_cookie("lang", "en")
    assert "the term for the answer has passed" in text_of(client.get(f"/c/{token}"))


@pytest.mark.parametrize("token", ["unknown-token-1234567890", "x" * 33, "a"])
def test_an_unknown_complaint_address_gets_the_same_friendly_404_as_a_request(client, token):
    client.set_cookie("lang", "en")
    complaint, request = client.get(f"/c/{token}"), client.get(f"/r/{token}")
    assert complaint.status_code == request.status_code == 404
    assert text_of(complaint) == text_of(request)
    assert "This page does not exist." in text_of(complaint)


def test_the_logs_hide_the_complaints_token():
    assert redact('"GET /c/AbC-123_x HTTP/1.1" 200') == '"GET /c/[token] HTTP/1.1" 200'


# Who may do what

@pytest.mark.parametrize("address", [REGISTER, NEW, "/staff/complaints/1",
                                     "/staff/complaints/1/confirmation"])
def test_an_operator_is_refused_every_complaint_screen(app, hall, staff_client, address):
    registered_number(register(hall))
    assert staff_client("operator", window=1).get(address).status_code == 403


def test_a_signed_out_browser_is_sent_to_sign_in(app, hall, client):
    complaint = registered_number(register(hall))
    for address in (REGISTER, NEW, f"/staff/complaints/{complaint}"):
        response = client.get(address)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    posted = client.post(f"/staff/complaints/{complaint}/answer", data=complaint_fields())
    assert posted.status_code in (302, 400)
    assert stored(app, complaint).status == "registered"


def test_the_admin_reads_both_registers_but_registers_and_answers_nothing(app, hall, officer,
                                                                          staff_client):
    at_hall = registered_number(register(hall))
    at_provider = registered_number(register(officer, addressee="provider"))
    admin = staff_client("admin")
    admin.set_cookie("lang", "en")
    listing = text_of(admin.get(REGISTER))
    assert "Ш-2026-00001" in listing and "Ш-2026-00002" in listing
    assert "At the office of the service provider" in listing
    assert admin.get(f"/staff/complaints/{at_provider}").status_code == 200
    assert admin.get(f"/staff/complaints/{at_hall}/confirmation").status_code == 200
    assert admin.get(NEW).status_code == 403
    assert answer(admin, at_hall).status_code == 403
    assert stored(app, at_hall).status == "registered"


def test_the_hall_head_cannot_answer_a_complaint_of_the_providers_office(app, hall, officer):
    complaint = registered_number(register(officer, addressee="provider"))
    response = hall.post(f"/staff/complaints/{complaint}/answer",
                         data={"csrf_token": csrf_of(hall, REGISTER), "answer_text": ANSWER,
                               "channel": "post"})
    assert response.status_code == 403 and ELSEWHERE in text_of(response)
    assert stored(app, complaint).status == "registered"


@pytest.mark.parametrize(("role", "shown"), [("supervisor", True), ("provider", True),
                                             ("admin", True), ("operator", False)])
def test_the_staff_navigation_offers_the_register_to_whom_it_may_concern(staff_client, role,
                                                                         shown):
    client = staff_client(role, window=1 if role == "operator" else None)
    page = client.get("/staff/?lang=en").get_data(as_text=True)
    nav = re.search(r'<nav class="staff-nav".*?</nav>', page, re.S).group(0)
    assert (f'href="{REGISTER}"' in nav) is shown


def test_every_post_needs_the_csrf_token(app, hall):
    form = hidden_inputs(hall.get(NEW).get_data(as_text=True))
    del form["csrf_token"]
    refused = hall.post(NEW, data={**form, **complaint_fields()})
    assert refused.status_code == 400 and "This screen has expired." in text_of(refused)
    assert stored(app) == []
    complaint = registered_number(register(hall))
    refused = hall.post(f"/staff/complaints/{complaint}/answer",
                        data={"answer_text": ANSWER, "channel": "post"})
    assert refused.status_code == 400 and "This screen has expired." in text_of(refused)
    wrong = hall.post(f"/staff/complaints/{complaint}/answer",
                      data={"csrf_token": "forged", "answer_text": ANSWER, "channel": "post"})
    assert wrong.status_code == 400
    assert stored(app, complaint).status == "registered"


# The register costs the same with a year of history

PLACES = ("hall", "provider_office")


def complaint_rows(first_id: int, count: int, start: datetime, step: timedelta, user: int,
                   answered: bool) -> list[dict]:
    rows = []
    for n in range(count):
        moment = start + n * step
        rows.append({
            "id": first_id + n, "number": f"Ш-H-{first_id + n:07d}",
            "token": f"history-{first_id + n:09d}", "place": PLACES[n % 2],
            "registered_at": moment, "registered_by_id": user, "addressee": "corporation",
            "complainant_name": NAME, "complainant_address": ADDRESS,
            "complainant_phone": PHONE, "subject": "other", "reference": "", "text": TEXT,
            "due_at": moment + timedelta(days=7),
            "status": "answered" if answered else "registered",
            "answer_text": ANSWER if answered else "",
            "answered_at": moment + timedelta(days=3) if answered else None,
            "answered_by_id": user if answered else None,
            "answer_channel": "post" if answered else None,
        })
    return rows


@pytest.fixture
def complaints_grow(monkeypatch):
    """The query-plan checks (tests/test_query_plans.py), the complaint table among the tables
    that grow with the years."""
    growing = (*plans.GROWING, "complaint")
    monkeypatch.setattr(plans, "GROWING", growing)
    monkeypatch.setattr(plans, "SQLITE_SCAN", re.compile(rf"^SCAN ({'|'.join(growing)})(_\d+)?\b"))


def test_the_register_reads_through_its_indexes_and_costs_the_same_with_a_year_of_history(
        app, complaints_grow):
    with app.app_context():
        user = db.session.execute(select(User.id).filter_by(username="supervisor")).scalar_one()
        # Today: the month's answered complaints and a few awaiting the answer.
        db.session.execute(insert(Complaint), complaint_rows(
            100_000, 120, OPEN_MOMENT - timedelta(days=30), timedelta(hours=6), user, True))
        db.session.execute(insert(Complaint), complaint_rows(
            100_200, 12, OPEN_MOMENT - timedelta(days=6), timedelta(hours=12), user, False))
        db.session.commit()
    clients = {name: plans.signed_in(app, name) for name in ("supervisor", "provider", "admin")}
    sent = {}
    for name, client in clients.items():
        with app.app_context(), plans.caught_statements() as sent[name]:
            assert client.get(REGISTER).status_code == 200
    reads = [(name, statement) for name, statements in sent.items() for statement in statements
             if "complaint" in statement.sql and statement.sql.lstrip().upper().startswith(
                 "SELECT")]
    assert len(reads) >= 8  # two per office and list: each office's own two
    with app.app_context():
        before = [plans.work_of(statement) for _, statement in reads]
        # A year before: some 1,400 complaints, all answered long ago.
        db.session.execute(insert(Complaint), complaint_rows(
            1, 1400, OPEN_MOMENT - timedelta(days=400), timedelta(hours=6), user, True))
        db.session.commit()
        walks = [f"{name}: {scans} in {' '.join(statement.sql.split())}"
                 for name, statement in reads if (scans := plans.scans_of(statement))]
        assert walks == [], "\n".join(walks)
        after = [plans.work_of(statement) for _, statement in reads]
        grown = [f"{name}: {b} → {a} in {' '.join(statement.sql.split())}"
                 for (name, statement), b, a in zip(reads, before, after, strict=True)
                 if not plans.same_work(b, a)]
    assert grown == [], "\n".join(grown)


# The schema and the words

def test_the_migration_builds_the_complaint_table_as_the_model_says(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert [diff for diff in differences if "complaint" in repr(diff)] == []


def test_the_migration_goes_down_to_0012_and_up_again(scratch_url):  # noqa: F811
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=scratch_url)
    migrations = str(ROOT / "migrations")
    with app.app_context():
        flask_migrate.upgrade(directory=migrations)
        assert "complaint" in inspect(db.engine).get_table_names()
        indexes = {index["name"] for index in inspect(db.engine).get_indexes("complaint")}
        assert {"ix_complaint_open", "ix_complaint_answered"} <= indexes
        flask_migrate.downgrade(directory=migrations, revision="0012")
        assert "complaint" not in inspect(db.engine).get_table_names()
        flask_migrate.upgrade(directory=migrations)
        assert "complaint" in inspect(db.engine).get_table_names()
        db.engine.dispose()


def complaint_messages() -> set[str]:
    """The messages of the complaint screens and papers, as `make extract` reads them."""
    kiosk = ROOT / "kiosk"
    found = set()
    for folder, method in ((kiosk / "casework" / "complaints", "python"),
                           (kiosk / "templates" / "complaints", "jinja2"),
                           (kiosk / "templates" / "complaint_status", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _file, _line, message, _comments, _context in extract_from_dir(
                str(folder), [(pattern, method)], keywords={"_": None, "_l": None,
                                                            "gettext": None,
                                                            "ngettext": (1, 2)}):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_word_of_the_complaints_is_translated(lang):
    catalog_path = Path(ROOT / "kiosk" / "translations" / lang / "LC_MESSAGES" / "messages.po")
    with catalog_path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    messages = complaint_messages()
    assert len(messages) > 60
    untranslated = sorted(message for message in messages
                          if message not in catalog or not catalog[message].string
                          or catalog[message].fuzzy)
    assert untranslated == []


def test_an_incoming_number_is_taken_per_year(app, clock, hall, head):
    registered_number(register(hall))
    clock.set(at(2027, 1, 4, 10))
    number = stored(app, registered_number(register(head())))
    assert number.number == "Ш-2027-00001"
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Complaint)).scalar() == 2
        assert ComplaintStatus(number.status) is ComplaintStatus.REGISTERED
