"""The working calendar: the next weeks' working days and days off, and the decree overrides the
holidays package does not know (a day off moved by decree, a working Saturday)."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from kiosk.admin import bp
from kiosk.admin.saving import form_page
from kiosk.forms.buttons import ButtonForm
from kiosk.forms.fields import BAD_DATE, DayField, KioskForm, strip, today
from kiosk.hall.catalogue import catalogue_changed
from kiosk.hall.models import CalendarOverride
from kiosk.web.extensions import db
from queue_mgr.hall.workdays import WorkingCalendar

WEEKS_SHOWN = 9  # about the next 60 days, whole weeks from this Monday
NOTE_MAX = 200
CHOOSE_KIND = _l("Choose whether the day is worked or off.")
# The holidays package names holidays in English; these are the words the screen shows.
HOLIDAYS = {
    "New Year's Day": _l("New Year's Day"),
    "Orthodox Christmas": _l("Orthodox Christmas"),
    "International Women's Day": _l("International Women's Day"),
    "Nowruz Holiday": _l("Nauryz"),
    "Kazakhstan's People Solidarity Holiday": _l("Kazakhstan People's Unity Day"),
    "Defender of the Fatherland Day": _l("Defender of the Fatherland Day"),
    "Victory Day": _l("Victory Day"),
    "Capital Day": _l("Capital Day"),
    "Eid al-Adha": _l("Kurban Ait"),
    "Constitution Day": _l("Constitution Day"),
    "Republic Day": _l("Republic Day"),
    "Independence Day": _l("Independence Day"),
}
WEEKDAYS = (_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"),
            _l("Saturday"), _l("Sunday"))
WEEKDAYS_SHORT = (_l("Mon"), _l("Tue"), _l("Wed"), _l("Thu"), _l("Fri"), _l("Sat"), _l("Sun"))


def holiday_label(name: str | None) -> str:
    """The holiday's name in the reader's language; a moved day off says so."""
    if not name:
        return ""
    if name.startswith("Day off (substituted"):
        return _("Day off moved from another date")
    base = name.replace(" (observed)", "").replace(" (estimated)", "")
    label = str(HOLIDAYS.get(base, base))
    return _("%(holiday)s (day off moved)", holiday=label) if "(observed)" in name else label


class OverrideForm(KioskForm):
    """A decree's change to one day: made a working day or a day off."""

    day = DayField(_l("Date"), validators=[InputRequired(BAD_DATE)])
    working = SelectField(_l("The day becomes"), choices=[
        SelectChoice("", "—"), SelectChoice("0", _l("A day off")),
        SelectChoice("1", _l("A working day")),
    ], validate_choice=False, validators=[InputRequired(CHOOSE_KIND)])
    note = StringField(_l("Note"), filters=[strip], validators=[
        DataRequired(_l("Say which decree changes the day.")),
        Length(max=NOTE_MAX, message=_l("The note takes at most %(max)d characters.",
                                        max=NOTE_MAX)),
    ], render_kw={"maxlength": NOTE_MAX, "autocomplete": "off"})

    def validate_working(self, field):
        if field.data not in ("0", "1"):
            raise ValidationError(CHOOSE_KIND)


@dataclass(frozen=True)
class CalendarDay:
    day: date
    weekday: str
    working: bool
    holiday: str
    override: CalendarOverride | None
    estimated: bool = False  # a religious holiday's date computed ahead of its announcement


def all_overrides() -> list[CalendarOverride]:
    return list(db.session.execute(
        db.select(CalendarOverride).order_by(CalendarOverride.day)
    ).scalars())


def coming_weeks(today_: date, overrides: list[CalendarOverride]) -> list[list[CalendarDay]]:
    """The weeks from this one on, a list of seven days each, as the hall and the provider
    work them."""
    by_day = {override.day: override for override in overrides}
    calendar = WorkingCalendar({override.day: override.working for override in overrides})
    monday = today_ - timedelta(days=today_.weekday())
    days = [monday + timedelta(days=offset) for offset in range(7 * WEEKS_SHOWN)]
    entries = [CalendarDay(day, str(WEEKDAYS[day.weekday()]), calendar.is_working_day(day),
                           holiday_label(calendar.holiday_name(day)), by_day.get(day),
                           calendar.is_estimated(day))
               for day in days]
    return [entries[start:start + 7] for start in range(0, len(entries), 7)]


def calendar_page(form: OverrideForm):
    overrides, day = all_overrides(), today()
    return form_page("admin/calendar.html", form, weeks=coming_weeks(day, overrides),
                     weekdays=[str(name) for name in WEEKDAYS_SHORT], overrides=overrides,
                     delete_form=ButtonForm(formdata=None), today=day)


def changes_something(form: OverrideForm) -> bool:
    """Refuse an override that says what the calendar already says, or a second one for a day."""
    if db.session.get(CalendarOverride, form.day.data) is not None:
        form.day.errors.append(_("This date already has an override. Remove it first."))
        form.conflict = True
        return False
    working = form.working.data == "1"
    if WorkingCalendar().is_working_day(form.day.data) == working:
        form.working.errors.append(
            _("The calendar already has this day as a working day.") if working
            else _("The calendar already has this day as a day off."))
        return False
    return True


@bp.get("/calendar")
def calendar():
    """Show the coming weeks' working days and days off, and the overrides."""
    return calendar_page(OverrideForm(formdata=None))


@bp.post("/calendar")
def add_override():
    """Make a day a working day or a day off, as a decree says."""
    form = OverrideForm()
    if form.validate_on_submit() and changes_something(form):
        db.session.add(CalendarOverride(day=form.day.data, working=form.working.data == "1",
                                        note=form.note.data))
        db.session.commit()
        catalogue_changed()
        day = form.day.data.strftime("%d.%m.%Y")
        flash(_("%(day)s is now a working day.", day=day) if form.working.data == "1"
              else _("%(day)s is now a day off.", day=day))
        return redirect(url_for("staff.admin.calendar"))
    return calendar_page(form)


@bp.post("/calendar/<day>/delete")
def remove_override(day: str):
    """Remove an override: the day is as the Kazakhstan calendar has it again."""
    try:
        override = db.session.get(CalendarOverride, date.fromisoformat(day))
    except ValueError:
        override = None
    if override is None:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    db.session.delete(override)
    db.session.commit()
    catalogue_changed()
    flash(_("The override of %(day)s is removed.", day=override.day.strftime("%d.%m.%Y")))
    return redirect(url_for("staff.admin.calendar"))
