"""The report's range of days, checked on the server (a GET form: nothing changes)."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, ValidationError

from kiosk.forms.fields import DayField, KioskForm, not_in_future

LONGEST = timedelta(days=366)


class RangeForm(KioskForm):
    """From which day to which day (both included); at most a year and a day."""

    class Meta:
        csrf = False

    start = DayField(_l("From"), validators=[
        DataRequired(_l("Enter the first day, for example 01.11.2026.")), not_in_future])
    end = DayField(_l("To"), validators=[
        DataRequired(_l("Enter the last day, for example 30.11.2026.")), not_in_future])

    def validate_end(self, field) -> None:
        start = self.start.data
        if start is None or field.data is None:
            return
        if field.data < start:
            raise ValidationError(_l("The last day comes before the first. Swap them."))
        if field.data - start >= LONGEST:
            raise ValidationError(_l("A report covers at most 366 days. Choose a shorter range."))
