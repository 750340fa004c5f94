"""The supervisor's searches: a ticket number of today, a day's figures; checked on the server."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Length, Regexp

from kiosk.forms.fields import DayField, KioskForm, not_in_future

# A service letter and the number, leading zeros optional: G5, G005, g005, G1000.
NUMBER = re.compile(r"^([A-Z])0*([1-9][0-9]{0,5})$")


def normalize(value: str | None) -> str | None:
    """Forgive spaces, a dash and lower case: " g-005 " is G005."""
    return value.strip().replace(" ", "").replace("-", "").upper() if value else value


class TicketSearchForm(KioskForm):
    """Find a ticket of today by the number printed on it (a GET form: nothing changes)."""

    class Meta:
        csrf = False

    number = StringField(_l("Ticket number"), filters=[normalize], validators=[
        InputRequired(_l("Enter a ticket number, for example G005.")),
        Length(max=12, message=_l("A ticket number is a letter and digits, for example G005.")),
        Regexp(NUMBER, message=_l("A ticket number is a letter and digits, for example G005.")),
    ])

    @property
    def letter_and_number(self) -> tuple[str, int]:
        """The validated number's service letter and its number."""
        letter, digits = NUMBER.match(self.number.data).groups()
        return letter, int(digits)


class DayForm(KioskForm):
    """Choose a day to see its figures (a GET form: nothing changes)."""

    class Meta:
        csrf = False

    day = DayField(_l("Day"), validators=[
        InputRequired(_l("Enter a day, for example 24.11.2026.")), not_in_future])
