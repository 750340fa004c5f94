"""The provider's decisions: confirm with a registry record (or a basis entered as a new record,
see ``kiosk.casework.registry.forms.RecordForm``), or refuse with a reason."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import HiddenInput

from kiosk.forms.fields import KioskForm, WholeNumberField, strip

REASON_MAX = 2000


class ChooseRecordForm(KioskForm):
    """The registry record the certificate rests on: each record the page lists has a button."""

    record_id = WholeNumberField(_l("Registry record"), widget=HiddenInput(), validators=[
        InputRequired(_l("Choose a registry record.")),
    ])


class RefuseForm(KioskForm):
    """A reasoned refusal: the reason is the result handed to the applicant."""

    reason = TextAreaField(_l("Reason for the refusal"), filters=[strip], validators=[
        DataRequired(_l("Give the reason for the refusal.")),
        Length(max=REASON_MAX, message=_l("The reason takes at most %(max)d characters.",
                                          max=REASON_MAX)),
    ], render_kw={"rows": 5, "maxlength": REASON_MAX})
