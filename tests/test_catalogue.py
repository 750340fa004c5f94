"""The catalogue each worker keeps: changes reach the kiosk and the windows, nothing is missed."""

from sqlalchemy import insert, update

from kiosk.hall.models import PriorityCategory, Service
from kiosk.line.models import Ticket
from kiosk.web.extensions import db
from tests.conftest import csrf_of
from tests.helpers import take_ticket, text_of, token_of
from tests.test_operator import act, ticket_row

LIFETIME = 10


def change_elsewhere(app, statement) -> None:
    """A change another worker commits: a plain statement, which this worker does not see."""
    with app.app_context():
        db.session.execute(statement)
        db.session.commit()


def services_page(kiosk) -> str:
    return text_of(kiosk.get("/kiosk/services"))


def test_a_change_from_another_worker_reaches_the_kiosk_within_the_lifetime(
        app, kiosk, clock):
    app.config["CATALOGUE_SECONDS"] = LIFETIME
    assert "Registration of residence" in services_page(kiosk)
    change_elsewhere(app, update(Service).where(Service.code == "residence").values(active=False))

    clock.advance(seconds=LIFETIME - 1)
    before = services_page(kiosk)
    clock.advance(seconds=1)
    after = services_page(kiosk)

    assert "Registration of residence" in before
    assert "Registration of residence" not in after


def test_a_priority_group_renamed_on_the_admin_screen_shows_at_once_in_every_language(
        app, kiosk, staff_client):
    assert "Pregnant women" in text_of(kiosk.get("/kiosk/services/guardianship"))
    admin = staff_client("admin")
    with app.app_context():
        group = db.session.execute(
            db.select(PriorityCategory).filter_by(code="pregnant")).scalar_one()
        fields = {"code": group.code, "rank": str(group.rank), "active": "y",
                  "name_kk": group.name_kk, "name_ru": "Будущие мамы",
                  "name_en": "Expectant mothers"}
    page = f"/staff/admin/priorities/{group.id}"
    saved = admin.post(page, data={**fields, "csrf_token": csrf_of(admin, page)})
    assert saved.status_code == 302

    english = text_of(kiosk.get("/kiosk/services/guardianship"))
    russian = text_of(kiosk.get("/kiosk/services/guardianship?lang=ru"))

    assert "Expectant mothers" in english and "Pregnant women" not in english
    assert "Будущие мамы" in russian


def test_a_kiosk_screen_in_another_language_is_not_served_from_the_first_ones_copy(kiosk):
    kazakh = text_of(kiosk.get("/kiosk/services/guardianship?lang=kk"))
    russian = text_of(kiosk.get("/kiosk/services/guardianship?lang=ru"))

    assert "Талон алу" in kazakh and "Получить талон" not in kazakh
    assert "Получить талон" in russian and "Талон алу" not in russian


def test_a_ticket_of_a_group_made_after_the_window_read_the_catalogue_is_still_called(
        app, kiosk, window1):
    take_ticket(kiosk)  # the worker reads the catalogue
    with app.app_context():
        group_id = db.session.execute(insert(PriorityCategory).values(
            code="veterans", rank=1, booked=False, active=True, name_kk="Ардагерлер",
            name_ru="Ветераны", name_en="Veterans",
        ).returning(PriorityCategory.id)).scalar_one()
        db.session.commit()
    regular = token_of(take_ticket(kiosk))
    change_elsewhere(app, update(Ticket).where(Ticket.token == regular)
                     .values(category_id=group_id))

    called = act(window1, "call")

    assert called.status_code == 200
    assert ticket_row(app, regular).status == "called"  # its group ranks first: before G001
