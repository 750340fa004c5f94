"""The kiosk's ticket form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from kiosk.catalogue import Entry, catalogue

CODE = r"^[a-z][a-z0-9_-]*$"
KEY = r"^[A-Za-z0-9_-]{16,64}$"


class TicketForm(FlaskForm):
    """Take a ticket for a service, optionally in a priority category."""

    class Meta:
        csrf = False  # CSRFProtect checks every POST before the view runs; once is enough

    chosen_service: Entry | None = None
    chosen_category: Entry | None = None

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
        self.chosen_service = catalogue().service(field.data)
        if self.chosen_service is None:
            raise ValidationError(_l("This service is not offered. Choose another one."))

    def validate_category(self, field):
        self.chosen_category = catalogue().category(field.data) if field.data else None
        if field.data and self.chosen_category is None:
            raise ValidationError(_l("Unknown priority group."))
