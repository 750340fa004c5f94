"""Form fields and checks the staff and kiosk forms share: IINs, dates, names, whole numbers,
and the base forms that speak WTForms' own messages in our words."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, Form, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Regexp,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import TextInput

from kiosk.hall.settings import hall_zone
from kiosk.web.clock import now
from kiosk.web.inputs import DB_INT_MAX
from queue_mgr.casework.iin import is_valid_iin

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
REQUIRED = _l("Fill in this field.")
TOO_LONG = _l("This is too long.")
BAD_DATE = _l("Enter a date as DD.MM.YYYY.")
BAD_IIN = _l("An IIN is 12 digits with a valid check digit. Check it against the document.")
FUTURE_DATE = _l("This date is in the future.")
BAD_NUMBER = _l("Enter a whole number.")
CHOOSE = _l("Choose from the list.")
CHECK = _l("Check what you entered.")
AT_MOST = _l("Enter at most %(max)d characters.")
EXPIRED = _l("This screen has expired. Please start again.")
FORM_KEY = r"^[A-Za-z0-9_-]{16,32}$"  # a registration form's own key (see form_key_field)
# WTForms' messages (its catalogue, wtforms/locale/wtforms.pot, and Flask-WTF's file checks)
# in our words: WTF_I18N_ENABLED is off, so without these a kk or ru page would show English.
WTFORMS_MESSAGES = {
    "This field is required.": REQUIRED,
    "Invalid input.": CHECK,
    "Not a valid choice.": CHOOSE,
    "Invalid Choice: could not coerce.": CHOOSE,
    "Invalid choice(s): one or more data inputs could not be coerced.": CHOOSE,
    "'%(value)s' is not a valid choice for this field.": CHOOSE,
    "Not a valid integer value.": BAD_NUMBER,
    "Not a valid decimal value.": CHECK,
    "Not a valid float value.": CHECK,
    "Not a valid date value.": BAD_DATE,
    "Not a valid datetime value.": CHECK,
    "Not a valid time value.": CHECK,
    "Not a valid week value.": CHECK,
    "Field must be at least %(min)d character long.": _l("Enter at least %(min)d characters."),
    "Field cannot be longer than %(max)d character.": AT_MOST,
    "Field must be exactly %(max)d character long.": _l("Enter exactly %(max)d characters."),
    "Field must be between %(min)d and %(max)d characters long.":
        _l("Enter %(min)d to %(max)d characters."),
    "Number must be at least %(min)s.": _l("Enter a number of at least %(min)s."),
    "Number must be at most %(max)s.": _l("Enter a number of at most %(max)s."),
    "Number must be between %(min)s and %(max)s.": _l("Enter a number from %(min)s to %(max)s."),
    "Date must be at least %(min)s.": CHECK,
    "Date must be at most %(max)s.": CHECK,
    "Date must be between %(min)s and %(max)s.": CHECK,
    "Field must be equal to %(other_name)s.": _l("The two entries differ."),
    "Invalid email address.": CHECK,
    "Invalid IP address.": CHECK,
    "Invalid Mac address.": CHECK,
    "Invalid URL.": CHECK,
    "Invalid UUID.": CHECK,
    "Invalid value, must be one of: %(values)s.": CHOOSE,
    "Invalid value, can't be any of: %(values)s.": CHECK,
    "This field cannot be edited.": CHECK,
    "This field is disabled and cannot have a value.": CHECK,
    "Invalid CSRF Token.": CHECK,
    "CSRF token missing.": CHECK,
    "CSRF failed.": CHECK,
    "CSRF token expired.": CHECK,
    "File does not have an approved extension: {extensions}": _l("This kind of file is not "
                                                                 "accepted."),
    "File does not have an approved extension.": _l("This kind of file is not accepted."),
}


class OurMessages:
    """WTForms' translations object: its messages in ours, in the page's language; anything
    else (a default label) as given."""

    def gettext(self, string: str) -> str:
        return str(WTFORMS_MESSAGES.get(string, string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return str(WTFORMS_MESSAGES.get(singular, singular if n == 1 else plural))


OUR_MESSAGES = OurMessages()


class KioskForm(FlaskForm):
    """Every form of ours: WTForms' messages come in our words and the page's language."""

    class Meta:
        def get_translations(self, form):
            return OUR_MESSAGES


class KioskSubform(Form):
    """A form nested in another (a row of a list), with the same messages."""

    class Meta:
        def get_translations(self, form):
            return OUR_MESSAGES


def strip(value):
    return value.strip() if isinstance(value, str) else value


def today() -> date:
    """The hall's date now."""
    return now().astimezone(hall_zone()).date()


def iin_check(form, field) -> None:
    """12 digits with the right check digit (spaces typed from a document are dropped)."""
    field.data = (field.data or "").replace(" ", "").strip()
    if field.data and not is_valid_iin(field.data):
        raise ValidationError(BAD_IIN)


def whole_number(value) -> int:
    """A whole number the database can hold (``int``'s ValueError otherwise): a choice's
    coercion."""
    number = int(value)
    if abs(number) > DB_INT_MAX:
        raise ValueError(value)
    return number


def not_in_future(form, field) -> None:
    if field.data and field.data > today():
        raise ValidationError(FUTURE_DATE)


class DayField(DateField):
    """A date typed as DD.MM.YYYY (or YYYY-MM-DD), with one clear message of ours."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "DD.MM.YYYY", "inputmode": "numeric",
                                        "autocomplete": "off"})
        super().__init__(label, validators, format=DATE_FORMATS, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist and not valuelist[0].strip():
            self.data = None  # left empty (or only spaces): InputRequired says what to enter
            self.raw_data = [""]
            return
        if valuelist:
            valuelist = [valuelist[0].strip()]
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(BAD_DATE) from None

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


class WholeNumberField(IntegerField):
    """A whole number the database can hold, whose bad input gets one clear message of ours."""

    def process_formdata(self, valuelist):
        if valuelist and not valuelist[0].strip():
            self.data = None  # left empty: InputRequired says what to enter
            return
        try:
            self.data = whole_number(valuelist[0]) if valuelist else self.data
        except (ValueError, TypeError):
            self.data = None
            raise ValueError(BAD_NUMBER) from None

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


def empty_if_left_out(text):
    """A field the browser did not send at all reads as empty, as one sent empty does."""
    return "" if text is None else text


def text_field(label, maximum: int, required: bool = True, area: bool = False):
    """A text (a line, or an ``area``) of at most ``maximum`` characters, trimmed."""
    checks = [DataRequired(REQUIRED)] if required else []
    kind = TextAreaField if area else StringField
    return kind(label, validators=[*checks, Length(max=maximum, message=AT_MOST)],
                filters=[strip, empty_if_left_out])


def form_key_field() -> HiddenField:
    """A registration form's own key, given with the empty form: the same form sent twice (a
    double tap) registers once."""
    return HiddenField(validators=[InputRequired(EXPIRED), Regexp(FORM_KEY, message=EXPIRED)])
