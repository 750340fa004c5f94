"""The kiosk's ticket form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from kiosk.extensions import db
from kiosk.models import PriorityCategory, Service

CODE = r"^[a-z][a-z0-9_-]*$"
KEY = r"^[A-Za-z0-9_-]{16,64}$"


def active_by_code(model, code: str):
    return db.session.execute(
        db.select(model).filter_by(code=code, active=True)
    ).scalar_one_or_none()


class TicketForm(FlaskForm):
    """Take a ticket for a service, optionally in a priority category."""

    chosen_service: Service | None = None
    chosen_category: PriorityCategory | None = None

    service = HiddenField(validators=[
        InputRequired(_l("Choose a service.")), Length(max=40),
        Regexp(CODE, message=_l("Choose a service.")),
    ])
    category = HiddenField(validators=[
        Optional(), Length(max=40, message=_l("Unknown priority group.")),
        Regexp(CODE, message=_l("Unknown priority group.")),
    ])
    idempotency_key = HiddenField(validators=[
        InputRequired(_l("This screen has expired. Please start again.")),
        Regexp(KEY, message=_l("This screen has expired. Please start again.")),
    ])

    def validate_service(self, field):
        self.chosen_service = active_by_code(Service, field.data)
        if self.chosen_service is None:
            raise ValidationError(_l("This service is not offered. Choose another one."))

    def validate_category(self, field):
        self.chosen_category = active_by_code(PriorityCategory, field.data) if field.data else None
        if field.data and self.chosen_category is None:
            raise ValidationError(_l("Unknown priority group."))
