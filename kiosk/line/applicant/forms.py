"""The kiosk's ticket form."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from kiosk.forms.fields import KioskForm
from kiosk.hall.catalogue import Entry, catalogue
from queue_mgr.line.bookings import ALPHABET, CODE_LENGTH, normalize_code

CODE = r"^[a-z][a-z0-9_-]*$"
KEY = r"^[A-Za-z0-9_-]{16,64}$"
CODE_PATTERN = rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$"
BAD_CODE = _l("A booking code is 6 letters and digits, as on your booking.")


class TicketForm(KioskForm):
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
        if self.chosen_category is not None and self.chosen_category.booked:
            raise ValidationError(_l("A booked ticket is taken with the booking's code."))


class CheckInForm(KioskForm):
    """Check a booking in with its code, for the service chosen."""

    class Meta:
        csrf = False  # CSRFProtect checks every POST before the view runs

    chosen_service: Entry | None = None

    service = TicketForm.service
    idempotency_key = TicketForm.idempotency_key
    code = StringField(_l("Booking code"), filters=[normalize_code], validators=[
        InputRequired(_l("Type the code of your booking.")),
        Length(max=12, message=BAD_CODE), Regexp(CODE_PATTERN, message=BAD_CODE),
    ])

    validate_service = TicketForm.validate_service
