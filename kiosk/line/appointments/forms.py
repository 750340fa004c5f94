"""The staff's booking forms, checked on the server."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField
from wtforms.validators import DataRequired, InputRequired, Regexp, ValidationError

from kiosk.forms.fields import DayField, KioskForm
from kiosk.hall.catalogue import Entry, catalogue

SERVICE = r"^[a-z][a-z0-9_-]{0,39}$"
CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
NO_SERVICE = _l("Choose a service.")


class ServiceDay(KioskForm):
    """A service and a day: whose slots to show (a GET form, nothing changes)."""

    class Meta:
        csrf = False

    chosen_service: Entry | None = None

    service = HiddenField(validators=[
        DataRequired(NO_SERVICE), Regexp(SERVICE, message=NO_SERVICE)])
    day = DayField(_l("Day"), validators=[
        DataRequired(_l("Enter a day, for example 26.11.2026."))])

    def validate_service(self, field) -> None:
        self.chosen_service = catalogue().service(field.data)
        if self.chosen_service is None:
            raise ValidationError(_l("This service is not offered. Choose another one."))


class BookForm(ServiceDay):
    """Book a slot of a service's day."""

    class Meta:
        csrf = True

    time = HiddenField(validators=[
        InputRequired(_l("Choose a time.")), Regexp(CLOCK, message=_l("Choose a time."))])
