"""The supervisor's certificate forms: annul with a reason, reissue, and the list's filter."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from kiosk.forms.fields import KioskForm

REASON_LENGTH = 500


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class AnnulForm(KioskForm):
    """Annul a certificate: the reason is required and goes into its history."""

    reason = TextAreaField(_l("Reason for the annulment"), filters=[strip], validators=[
        DataRequired(_l("Write why the certificate is annulled.")),
        Length(max=REASON_LENGTH, message=_l("The reason is too long (at most %(max)d "
                                             "characters).", max=REASON_LENGTH)),
    ])


class ListFilterForm(KioskForm):
    """Find certificates by number, request number or guardian, and by status: a POST, so a
    guardian's name never stands in an address or an access log."""

    q = StringField(_l("Number, request number or guardian"), filters=[strip],
                    validators=[Optional(), Length(max=100)])
    status = SelectField(_l("Status"), validators=[Optional()], choices=[
        SelectChoice("", _l("Any status")), SelectChoice("valid", _l("Valid")),
        SelectChoice("annulled", _l("Annulled")), SelectChoice("superseded", _l("Superseded")),
    ])
