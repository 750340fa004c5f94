"""The window's action form: which ticket the screen showed, and where to transfer it."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import Length, NumberRange, Optional, Regexp

from kiosk.forms.fields import KioskForm, WholeNumberField


class ActionForm(KioskForm):
    """Every action on a window names the ticket its screen showed, so a stale screen is caught."""

    ticket_id = WholeNumberField(validators=[
        Optional(), NumberRange(min=1, message=_l("Unknown applicant.")),
    ])
    service = StringField(validators=[
        Optional(), Length(max=40, message=_l("Unknown service.")),
        Regexp(r"^[a-z][a-z0-9_-]*$", message=_l("Unknown service.")),
    ])
    window = WholeNumberField(validators=[
        Optional(), NumberRange(min=1, max=999, message=_l("Unknown window.")),
    ])
