"""The provider officer's screens: pending requests with their terms, and the decision on each."""

import html
import re
from datetime import date, datetime

import pytest

from kiosk.accounts.models import User
from kiosk.casework import cases as casework
from kiosk.casework.models import Application, ApplicationEvent, GuardianshipRecord
from kiosk.web.extensions import db
from kiosk.web.kazakh import date_from
from tests.casework_helpers import (
    CHILD_BIRTH,
    CHILD_IIN,
    GUARDIAN_IIN,
    OTHER_CHILD_IIN,
    add_registry_record,
    make_iin,
)
from tests.conftest import ALMATY, OPEN_MOMENT, csrf_of
from tests.helpers import text_of as raw_text

PENDING = "/staff/provider/"
CHILD = "Ахметов Ерлан"
GUARDIAN = "Ахметова Айгерим Болатқызы"
STALE = "This request was decided or changed meanwhile, so nothing was saved."


def text_of(response) -> str:
    """The page's visible text, entities decoded."""
    return html.unescape(raw_text(response))


def window_operator() -> User:
    """The operator who accepted the requests (inside an app context)."""
    user = db.session.execute(db.select(User).filter_by(username="window-op")).scalar_one_or_none()
    if user is None:
        user = User(username="window-op", role="operator", full_name="Марина Ким")
        user.set_password("window operator password")
        db.session.add(user)
        db.session.flush()
    return user


def accepted_request(app, moment: datetime = OPEN_MOMENT, child_iin: str = CHILD_IIN,
                     **fields) -> int:
    """Accept a complete application at a window at ``moment``; return its id. With no registry
    record it goes to the provider; with one it is ready at once."""
    with app.app_context():
        application = casework.new_application(moment)
        values = {
            "applicant_surname": "Ахметова", "applicant_name": "Айгерим",
            "applicant_patronymic": "Болатқызы", "applicant_iin": GUARDIAN_IIN,
            "applicant_phone": "+7 701 234 56 78", "applicant_address": "Астана, Абай даңғылы, 10",
            "child_surname": "Ахметов", "child_name": "Ерлан", "child_birth_date": CHILD_BIRTH,
            "child_iin": child_iin, "consent": True,
        }
        values.update(fields)
        for name, value in values.items():
            setattr(application, name, value)
        db.session.flush()
        casework.accept(application, {"application", "identity"}, window_operator(), moment)
        db.session.commit()
        return application.id


def load(app, application_id: int) -> Application:
    with app.app_context():
        application = db.session.get(Application, application_id)
        db.session.expunge(application)
        return application


def steps(app, application_id: int) -> list[tuple[str, str | None]]:
    """The request's recorded steps: what, and by whom."""
    with app.app_context():
        events = db.session.execute(
            db.select(ApplicationEvent).filter_by(application_id=application_id)
            .order_by(ApplicationEvent.id)).scalars()
        return [(event.action, event.user.username if event.user else None) for event in events]


@pytest.fixture
def officer(staff_client):
    """Sign a provider officer in (again after the clock jumps: an idle screen signs out)."""

    def sign_in():
        client = staff_client("provider", username=f"officer{len(signed)}")
        client.set_cookie("lang", "en")
        signed.append(client)
        return client

    signed = []
    return sign_in


@pytest.fixture
def provider(officer):
    return officer()


def post(client, url: str, page: str, **data):
    return client.post(url, data={"csrf_token": csrf_of(client, page), **data})


def basis_fields(**changes) -> dict[str, str]:
    fields = {
        "guardian_name": GUARDIAN, "guardian_iin": GUARDIAN_IIN, "basis_kind": "order",
        "basis_number": "No 77", "basis_date": "12.03.2025",
        "basis_body_kk": "Астана қаласының білім басқармасы",
        "basis_body_ru": "Управление образования города Астаны",
        "children-0-full_name": CHILD, "children-0-birth_date": "01.06.2015",
        "children-0-iin": CHILD_IIN,
    }
    fields.update(changes)
    return fields


def test_the_provider_sees_pending_requests_with_their_due_dates(app, provider):
    number = load(app, accepted_request(app)).number
    response = provider.get(PENDING)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    text = text_of(response)
    # Accepted Wednesday 25 November: due by the end of the third working day after it.
    assert f"{number} 25.11.2026 30.11.2026 23:59 3 working days left {CHILD} {GUARDIAN}" in text
    assert "Awaiting the decision" in text
    assert "row-breach" not in response.get_data(as_text=True)


def test_on_the_due_day_the_hours_left_are_shown(app, officer, clock):
    accepted_request(app)
    clock.set(datetime(2026, 11, 30, 11, 0, tzinfo=ALMATY))
    assert "12 hours left" in text_of(officer().get(PENDING))


def test_an_overdue_request_is_shown_in_red(app, officer, clock):
    accepted_request(app)
    clock.set(datetime(2026, 12, 1, 11, 0, tzinfo=ALMATY))
    response = officer().get(PENDING)
    page = response.get_data(as_text=True)
    assert "Overdue by 1 working day" in text_of(response)
    assert 'class="row-breach"' in page
    assert 'class="field-error overdue"' in page


def test_the_list_refreshes_itself_and_is_never_cached(app, provider):
    accepted_request(app)
    first = provider.get("/staff/provider/pending")
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "no-store"
    assert CHILD in text_of(first)
    again = provider.get("/staff/provider/pending",
                         headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_request_page_shows_the_application_and_the_decisions(app, provider):
    application_id = accepted_request(app)
    response = provider.get(f"/staff/provider/{application_id}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    text = text_of(response)
    for shown in (GUARDIAN, GUARDIAN_IIN, CHILD, CHILD_IIN, "01.06.2015", "+7 701 234 56 78",
                  "Guardianship (the child is under 14)", "Application, Identity document",
                  "The registry holds no record of this guardian or this child.",
                  "Confirm by entering the basis", "Refuse with this reason"):
        assert shown in text, shown


def test_confirming_with_a_registry_record_makes_the_result_ready_for_a_month(app, officer,
                                                                             clock):
    application_id = accepted_request(app)
    with app.app_context():
        record_id = add_registry_record().id
    clock.advance(days=1)
    provider = officer()
    page = f"/staff/provider/{application_id}"
    assert "Confirm with this record" in text_of(provider.get(page))
    response = post(provider, f"{page}/confirm", page, record_id=str(record_id))
    assert response.status_code == 302
    assert "is ready at the hall" in text_of(provider.get(response.headers["Location"]))
    application = load(app, application_id)
    assert (application.status, application.outcome) == ("ready", "certificate")
    assert application.registry_record_id == record_id
    assert application.stored_until == date(2026, 12, 26)
    assert steps(app, application_id)[-1] == ("confirmed", "officer0")
    assert "No requests are waiting for a decision." in text_of(provider.get(PENDING))


def test_a_record_of_another_child_cannot_confirm(app, provider):
    application_id = accepted_request(app)
    with app.app_context():
        record_id = add_registry_record(child_iin=OTHER_CHILD_IIN).id
    page = f"/staff/provider/{application_id}"
    assert "Another guardian or child" in text_of(provider.get(page))
    response = post(provider, f"{page}/confirm", page, record_id=str(record_id))
    assert response.status_code == 400
    assert "Choose an active record of this guardian and child." in text_of(response)
    assert load(app, application_id).status == "at_provider"


def test_confirming_by_entering_a_basis_adds_it_to_the_registry(app, provider):
    application_id = accepted_request(app)
    page = f"/staff/provider/{application_id}"
    response = post(provider, f"{page}/basis", page, **basis_fields())
    assert response.status_code == 302
    application = load(app, application_id)
    assert (application.status, application.outcome) == ("ready", "certificate")
    with app.app_context():
        record = db.session.get(GuardianshipRecord, application.registry_record_id)
        assert (record.basis_number, record.basis_date, record.active) == (
            "No 77", date(2025, 3, 12), True)
        assert [(c.full_name, c.iin) for c in record.children] == [(CHILD, CHILD_IIN)]
        assert casework.registry().find_active(GUARDIAN_IIN, CHILD_IIN).id == record.id
    assert steps(app, application_id)[-2:] == [("basis_entered", "officer0"),
                                               ("confirmed", "officer0")]


def test_the_basis_form_comes_filled_from_the_application(app, provider):
    application_id = accepted_request(app)
    page = provider.get(f"/staff/provider/{application_id}").get_data(as_text=True)
    values = dict(re.findall(r'<input [^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    assert values["guardian_name"] == GUARDIAN
    assert values["guardian_iin"] == GUARDIAN_IIN
    assert values["children-0-full_name"] == CHILD
    assert values["children-0-birth_date"] == "01.06.2015"
    assert values["children-0-iin"] == CHILD_IIN


def test_a_basis_may_name_siblings_on_added_rows(app, provider):
    application_id = accepted_request(app)
    page = f"/staff/provider/{application_id}"
    added = post(provider, f"{page}/basis", page, row_action="add", **basis_fields())
    assert added.status_code == 200
    assert "Child 2" in text_of(added)
    sibling = {"children-1-full_name": "Ахметова Дана", "children-1-birth_date": "2012-02-11",
               "children-1-iin": OTHER_CHILD_IIN}
    assert post(provider, f"{page}/basis", page, **basis_fields(**sibling)).status_code == 302
    with app.app_context():
        record = casework.registry().find_active(GUARDIAN_IIN, OTHER_CHILD_IIN)
        assert [c.full_name for c in record.children] == [CHILD, "Ахметова Дана"]


def test_a_basis_with_a_wrong_iin_or_another_child_is_refused_with_messages(app, provider):
    application_id = accepted_request(app)
    page = f"/staff/provider/{application_id}"
    bad = post(provider, f"{page}/basis", page,
               **basis_fields(**{"children-0-iin": "150101500002"}))
    assert bad.status_code == 400
    assert "An IIN is 12 digits with a valid check digit." in text_of(bad)
    other = post(provider, f"{page}/basis", page,
                 **basis_fields(**{"children-0-iin": OTHER_CHILD_IIN}))
    assert other.status_code == 400
    assert f"One of the children must be this request's child (IIN {CHILD_IIN})." in text_of(other)
    assert load(app, application_id).status == "at_provider"
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(GuardianshipRecord.id))).scalar() == 0


def test_refusing_with_a_reason_makes_the_refusal_the_result(app, provider):
    application_id = accepted_request(app)
    page = f"/staff/provider/{application_id}"
    reason = "Қорғаншылық туралы шешім табылмады / Решение об опеке не найдено."
    response = post(provider, f"{page}/refuse", page, reason=reason)
    assert response.status_code == 302
    application = load(app, application_id)
    assert (application.status, application.outcome) == ("ready", "refusal")
    assert application.refusal_reason == reason
    assert application.stored_until == date(2026, 12, 25)
    assert steps(app, application_id)[-1] == ("refused", "officer0")


def test_refusing_without_a_reason_asks_for_one(app, provider):
    application_id = accepted_request(app)
    page = f"/staff/provider/{application_id}"
    response = post(provider, f"{page}/refuse", page, reason="   ")
    assert response.status_code == 400
    assert "Give the reason for the refusal." in text_of(response)
    too_long = post(provider, f"{page}/refuse", page, reason="x" * 2001)
    assert "The reason takes at most 2000 characters." in text_of(too_long)
    assert load(app, application_id).status == "at_provider"


def test_a_second_decision_on_the_same_request_is_a_conflict(app, provider):
    application_id = accepted_request(app)
    page = f"/staff/provider/{application_id}"
    token = csrf_of(provider, page)
    first = provider.post(f"{page}/basis", data={"csrf_token": token, **basis_fields()})
    assert first.status_code == 302
    second = provider.post(f"{page}/refuse", data={"csrf_token": token, "reason": "Late"})
    assert second.status_code == 409
    assert STALE in text_of(second)
    again = provider.post(f"{page}/basis", data={"csrf_token": token,
                                                 **basis_fields(basis_number="No 78")})
    assert again.status_code == 409
    application = load(app, application_id)
    assert (application.outcome, application.refusal_reason) == ("certificate", "")
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(GuardianshipRecord.id))).scalar() == 1


def test_a_result_asked_back_by_the_hall_is_sent_back(app, officer, clock):
    application_id = accepted_request(app)
    with app.app_context():
        application = db.session.get(Application, application_id)
        record = add_registry_record()
        casework.confirm(application, record, window_operator(), OPEN_MOMENT)
        casework.transfer_unclaimed(datetime(2026, 12, 28, 9, 0, tzinfo=ALMATY))
        casework.request_back(application, window_operator(),
                              datetime(2027, 1, 5, 10, 0, tzinfo=ALMATY))
        db.session.commit()
    clock.set(datetime(2027, 1, 5, 11, 0, tzinfo=ALMATY))
    provider = officer()
    text = text_of(provider.get(PENDING))
    assert "Asked back by the hall" in text
    assert "06.01.2027 23:59" in text
    page = f"/staff/provider/{application_id}"
    assert "Refuse with this reason" not in text_of(provider.get(page))
    assert post(provider, f"{page}/returned", page).status_code == 302
    application = load(app, application_id)
    assert application.status == "ready"
    assert application.stored_until == date(2027, 2, 5)
    assert steps(app, application_id)[-1] == ("returned", "officer0")
    assert post(provider, f"{page}/returned", page).status_code == 409


def test_the_acceptance_receipt_keeps_its_term_after_the_result_is_asked_back(app,
                                                                             staff_client):
    application_id = accepted_request(app)
    promised_day = load(app, application_id).due_at.astimezone(ALMATY).date()
    promised = (date_from(promised_day), f"{promised_day:%d.%m.%Y}")  # the kk half, the ru half
    with app.app_context():
        application = db.session.get(Application, application_id)
        casework.confirm(application, add_registry_record(), window_operator(), OPEN_MOMENT)
        casework.transfer_unclaimed(datetime(2026, 12, 28, 9, 0, tzinfo=ALMATY))
        casework.request_back(application, window_operator(),
                              datetime(2027, 1, 5, 10, 0, tzinfo=ALMATY))
        db.session.commit()
    supervisor = staff_client("supervisor")

    receipt = supervisor.get(f"/staff/applications/{application_id}/receipt").get_data(
        as_text=True)

    terms = re.findall(r'<dd class="due">(.*?)</dd>', receipt, re.S)
    assert len(terms) == 2  # the Kazakh and the Russian half
    assert all(said in term for said, term in zip(promised, terms, strict=True))
    assert not any("06.01.2027" in term or "2027 жылғы 6 қаңтар" in term for term in terms)
    assert load(app, application_id).due_at.astimezone(ALMATY).date() == date(2027, 1, 6)


def test_a_request_not_asked_back_cannot_be_marked_as_sent_back(app, provider):
    application_id = accepted_request(app)
    page = f"/staff/provider/{application_id}"
    assert post(provider, f"{page}/returned", page).status_code == 409
    assert load(app, application_id).status == "at_provider"


def test_a_supervisor_sees_the_list_but_cannot_decide(app, staff_client):
    application_id = accepted_request(app)
    supervisor = staff_client("supervisor")
    supervisor.set_cookie("lang", "en")
    assert CHILD in text_of(supervisor.get(PENDING))
    page = f"/staff/provider/{application_id}"
    assert "Only a provider officer can decide on a request." in text_of(supervisor.get(page))
    assert post(supervisor, f"{page}/refuse", page, reason="No").status_code == 403


def test_an_operator_is_refused_and_an_anonymous_visitor_is_sent_to_sign_in(app, staff_client,
                                                                          client):
    application_id = accepted_request(app)
    operator = staff_client("operator", window=1)
    assert operator.get(PENDING).status_code == 403
    assert operator.get(f"/staff/provider/{application_id}").status_code == 403
    response = client.get(PENDING)
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_drafts_and_unknown_requests_are_not_found(app, provider):
    with app.app_context():
        draft = casework.new_application(OPEN_MOMENT)
        db.session.commit()
        draft_id = draft.id
    assert provider.get(f"/staff/provider/{draft_id}").status_code == 404
    assert provider.get("/staff/provider/9999").status_code == 404


def test_requests_of_several_children_are_listed_earliest_due_first(app, provider, clock):
    later = make_iin("16070170012")
    accepted_request(app, datetime(2026, 11, 26, 10, 0, tzinfo=ALMATY), child_iin=later,
                     child_name="Дана")
    accepted_request(app)
    text = text_of(provider.get(PENDING))
    assert text.index(CHILD) < text.index("Ахметов Дана")


def test_the_provider_screens_use_the_shared_stylesheet(provider):
    html = provider.get("/staff/provider/").get_data(as_text=True)
    assert "/static/css/provider.css" in html
    assert provider.get("/static/css/provider.css").status_code == 200
