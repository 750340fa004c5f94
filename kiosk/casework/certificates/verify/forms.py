"""The holder's form: the child's IIN printed on the paper shows the names in full."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Regexp

from kiosk.forms.fields import KioskForm

IIN_MESSAGE = _l("Enter the child's IIN: 12 digits, as printed on the certificate.")


def digits_only(value: str | None) -> str | None:
    """People copy IINs with spaces: «150601 600785»."""
    return value.replace(" ", "") if value else value


class RevealForm(KioskForm):
    """The child's IIN, as printed on the certificate."""

    iin = StringField(
        _l("Child's IIN"), filters=[digits_only],
        validators=[InputRequired(IIN_MESSAGE), Regexp(r"^[0-9]{12}$", message=IIN_MESSAGE)],
    )
