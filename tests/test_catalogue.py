"""The catalogue each worker keeps: changes reach the kiosk and the windows, nothing is missed."""

import pytest
from sqlalchemy import insert, update

from kiosk.hall import catalogue as catalogue_module
from kiosk.hall.models import PriorityCategory, Service
from kiosk.line.models import Ticket
from kiosk.web.extensions import db
from tests.helpers import take_ticket, text_of, token_of
from tests.test_operator import act, ticket_row

LIFETIME = 10.0


class Monotonic:
    """The catalogue's clock, moved by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic(monkeypatch) -> Monotonic:
    clock = Monotonic()
    monkeypatch.setattr(catalogue_module.time, "monotonic", clock)
    return clock


def change_elsewhere(app, statement) -> None:
    """A change another worker commits: a plain statement, which this worker does not see."""
    with app.app_context():
        db.session.execute(statement)
        db.session.commit()


def services_page(kiosk) -> str:
    return text_of(kiosk.get("/kiosk/services"))


def test_a_change_from_another_worker_reaches_the_kiosk_within_the_lifetime(
        app, kiosk, monotonic):
    app.config["CATALOGUE_SECONDS"] = LIFETIME
    assert "Registration of residence" in services_page(kiosk)
    change_elsewhere(app, update(Service).where(Service.code == "residence").values(active=False))

    monotonic.now += LIFETIME - 1
    before = services_page(kiosk)
    monotonic.now += 1
    after = services_page(kiosk)

    assert "Registration of residence" in before
    assert "Registration of residence" not in after


def test_a_renamed_priority_group_shows_at_once_in_every_language(app, kiosk, monotonic):
    assert "Pregnant women" in text_of(kiosk.get("/kiosk/services/guardianship"))
    with app.app_context():
        group = db.session.execute(
            db.select(PriorityCategory).filter_by(code="pregnant")).scalar_one()
        group.name_en, group.name_ru = "Expectant mothers", "Будущие мамы"
        db.session.commit()

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
        app, kiosk, window1, monotonic):
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
