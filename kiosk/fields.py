"""Form fields and checks the staff and kiosk forms share: IINs, dates, names, whole numbers."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import TextInput

from kiosk.clock import now
from kiosk.hall import hall_zone
from kiosk.inputs import DB_INT_MAX
from queue_mgr.iin import is_valid_iin

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
REQUIRED = _l("Fill in this field.")
TOO_LONG = _l("This is too long.")
BAD_DATE = _l("Enter a date as DD.MM.YYYY.")
BAD_IIN = _l("An IIN is 12 digits with a valid check digit. Check it against the document.")
FUTURE_DATE = _l("This date is in the future.")
BAD_NUMBER = _l("Enter a whole number.")


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
