"""The guardianship registry's screens: find, add, correct and end records, import a CSV file."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from kiosk.accounts.access import may
from kiosk.casework.models import GuardianshipRecord
from kiosk.casework.registry import bp
from kiosk.casework.registry.csv_import import MAX_ERRORS, ImportResult, RowError, read_records
from kiosk.casework.registry.forms import EndForm, ImportForm, RecordForm, SearchForm, import_limit
from kiosk.casework.registry.queries import active_duplicate, existing_bases, search_records
from kiosk.casework.registry.saving import children_of, fill_record, records_from_import
from kiosk.casework.wording import basis_name, in_language
from kiosk.forms.fields import today
from kiosk.web.errors import render_error
from kiosk.web.extensions import db

FORM = "registry/record_form.html"


@bp.after_request
def never_store(response):
    """The registry holds children's data: never keep its pages in a cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def basis_words() -> dict:
    return {"basis_name": basis_name, "in_language": in_language}


def record_or_404(record_id: int) -> GuardianshipRecord:
    return db.get_or_404(GuardianshipRecord, record_id)


def no_duplicate(form: RecordForm, own_id: int | None = None) -> bool:
    """Refuse a second active record of the same guardian and child."""
    iins = [child.iin for child in children_of(form)]
    found = active_duplicate(form.guardian_iin.data, iins, own_id)
    if found is not None:
        form.form_errors.append(_("An active record already names this guardian and child "
                                  "(order %(number)s). Edit that record instead.",
                                  number=found.basis_number))
    return found is None


def ends_after_order(form: EndForm, record: GuardianshipRecord) -> bool:
    if form.ended_on.data < record.basis_date:
        form.ended_on.errors.append(_("A guardianship cannot end before its order's date."))
        return False
    return True


def record_page(form: RecordForm, record: GuardianshipRecord | None, rows_changed: bool):
    """The form again: 200 after adding or removing a row, 400 with the messages otherwise."""
    status = 200 if rows_changed or not form.is_submitted() else 400
    end_form = EndForm(formdata=None, ended_on=today()) if record and record.active else None
    return render_template(FORM, form=form, record=record, end_form=end_form), status


@bp.route("/", methods=["GET", "POST"])
def records():
    """List the newest records, or those whose guardian or child has the IIN or name searched
    for (posted, so that no IIN or name gets into an address or a log)."""
    form = SearchForm()
    query = (form.q.data or "") if form.validate_on_submit() else ""
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template("registry/records.html", form=form, records=search_records(query),
                           query=query), status


@bp.route("/new", methods=["GET", "POST"])
def new_record():
    """Add a record: the guardian, the order it rests on, and each child."""
    form = RecordForm()
    rows_changed = form.change_rows(request.form.get("row_action", ""))
    if not rows_changed and form.validate_on_submit() and no_duplicate(form):
        record = fill_record(GuardianshipRecord(active=True), form)
        db.session.add(record)
        db.session.commit()
        flash(_("Record of order %(number)s saved.", number=record.basis_number))
        return redirect(url_for("staff.registry.records"))
    return record_page(form, None, rows_changed)


@bp.route("/<int:record_id>", methods=["GET", "POST"])
def edit_record(record_id: int):
    """Correct a record, add or remove its children."""
    record = record_or_404(record_id)
    form = RecordForm(obj=record)
    rows_changed = form.change_rows(request.form.get("row_action", ""))
    if not rows_changed and form.validate_on_submit() and no_duplicate(form, record.id):
        fill_record(record, form)
        db.session.commit()
        flash(_("Record of order %(number)s saved.", number=record.basis_number))
        return redirect(url_for("staff.registry.records"))
    return record_page(form, record, rows_changed)


@bp.post("/<int:record_id>/end")
def end_record(record_id: int):
    """End an active guardianship on a date: the certificate can no longer rest on it."""
    record = record_or_404(record_id)
    form = EndForm()
    if not record.active:
        form.form_errors.append(_("This guardianship has already ended."))
    elif form.validate_on_submit() and ends_after_order(form, record):
        record.active, record.ended_on = False, form.ended_on.data
        db.session.commit()
        flash(_("The guardianship of order %(number)s ended on %(day)s.",
                number=record.basis_number, day=record.ended_on.strftime("%d.%m.%Y")))
        return redirect(url_for("staff.registry.records"))
    status = 409 if not record.active else 400
    return render_template(FORM, form=RecordForm(formdata=None, obj=record), record=record,
                           end_form=form), status


def checked_import(form: ImportForm) -> ImportResult:
    """The file's records, refused as a whole when a row is bad or already in the registry."""
    result = read_records(form.file.data.read(), today())
    held = existing_bases({record.key for record in result.records})
    for record in result.records:
        if record.key in held:
            result.errors.append(RowError(record.first_row, _(
                "The registry already holds order %(number)s of this guardian.",
                number=record.basis_number)))
    if result.errors:
        result.records = []
    return result


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A file over the request limit is refused before any view runs: say so on the import page."""
    if request.endpoint != "staff.registry.import_records" or not may(request.endpoint):
        return render_error(413)
    form = ImportForm(formdata=None)
    form.file.errors = [_("The file is larger than %(size)d KB. Split it into parts.",
                          size=import_limit() // 1024)]
    return render_template("registry/import.html", form=form, errors=[]), 413


@bp.route("/import", methods=["GET", "POST"])
def import_records():
    """Import records from a CSV file: all of them, or none when any row is wrong."""
    form = ImportForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("registry/import.html", form=form, errors=[]), status
    result = checked_import(form)
    if result.errors:
        return render_template("registry/import.html", form=form,
                               errors=result.errors[:MAX_ERRORS],
                               more=max(len(result.errors) - MAX_ERRORS, 0)), 400
    db.session.add_all(records_from_import(result.records))
    db.session.commit()
    flash(_("Import done. Records added: %(records)d; children: %(children)d.",
            records=len(result.records), children=result.children))
    return redirect(url_for("staff.registry.records"))

