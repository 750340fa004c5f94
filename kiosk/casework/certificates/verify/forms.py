"""The verification pages' forms: the short code a verifier types, and the holder's child IIN."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Regexp, ValidationError

from kiosk.forms.fields import KioskForm
from queue_mgr.certificates.short_codes import read_short_code

IIN_MESSAGE = _l("Enter the child's IIN: 12 digits, as printed on the certificate.")
SHORT_CODE_MESSAGE = _l("Type the code printed under the QR code: 12 letters and digits, "
                        "such as 7K3M-Q9XD-2HBF.")


def digits_only(value: str | None) -> str | None:
    """People copy IINs with spaces: «150601 600785»."""
    return value.replace(" ", "") if value else value


def short_code_check(form, field) -> None:
    if read_short_code(field.data or "") is None:
        raise ValidationError(SHORT_CODE_MESSAGE)


class ShortCodeForm(KioskForm):
    """The code printed under the certificate's QR, typed by a verifier with no scanner."""

    class Meta:
        csrf = False  # a GET form: it changes nothing, and a verifier who checks gets no cookie

    code = StringField(_l("Code under the QR"),
                       validators=[InputRequired(SHORT_CODE_MESSAGE), short_code_check])

    @property
    def short_code(self) -> str | None:
        """The typed code as printed (XXXX-XXXX-XXXX), once the form is valid."""
        return read_short_code(self.code.data or "")


class RevealForm(KioskForm):
    """The child's IIN, as printed on the certificate."""

    iin = StringField(
        _l("Child's IIN"), filters=[digits_only],
        validators=[InputRequired(IIN_MESSAGE), Regexp(r"^[0-9]{12}$", message=IIN_MESSAGE)],
    )
