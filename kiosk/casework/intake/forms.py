"""The day of the transfer list (the results kept a month, handed to the provider)."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import Optional

from kiosk.forms.fields import DayField, KioskForm


class TransferDayForm(KioskForm):
    """The day whose transfer list is shown: a filter in the address, no CSRF (it changes
    nothing and names no one)."""

    class Meta:
        csrf = False

    day = DayField(_l("Day"), validators=[Optional()])
