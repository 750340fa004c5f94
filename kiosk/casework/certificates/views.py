"""Staff screens of the certificate: print it (HTML and PDF, Kazakh and Russian), and the
supervisor's list, annulment and reissue."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from kiosk.casework.certificates import bp, issuing
from kiosk.casework.certificates.forms import AnnulForm, ListFilterForm
from kiosk.casework.certificates.issuing import certificate_of
from kiosk.casework.certificates.models import Certificate
from kiosk.casework.certificates.printing import LANGUAGES, asked_languages, render_pdf, sheets
from kiosk.casework.models import Application
from kiosk.casework.papers import openable
from kiosk.forms.buttons import ButtonForm
from kiosk.hall.settings import to_local
from kiosk.web.clock import now
from kiosk.web.extensions import db
from kiosk.web.refusals import withdraw
from queue_mgr.errors import DomainError

LIST_LIMIT = 50  # the newest; the search finds the rest

STATUS_NAMES = {"valid": _l("Valid"), "annulled": _l("Annulled"),
                "superseded": _l("Superseded")}
ACTION_NAMES = {"issued": _l("Issued"), "printed": _l("Printed"), "annulled": _l("Annulled"),
                "reissued": _l("Reissued")}


@bp.after_request
def never_store(response):
    """Certificates carry names and IINs: never keep them in a cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.app_template_global("certificate_of")
def certificate_of_application(application: Application) -> Certificate | None:
    """The application's current certificate, for the screens that link to it."""
    return certificate_of(application)


@bp.context_processor
def helpers() -> dict:
    return {"status_name": lambda status: STATUS_NAMES.get(status, status),
            "action_name": lambda action: ACTION_NAMES.get(action, action),
            "local": lambda moment: to_local(moment).strftime("%d.%m.%Y %H:%M")}


def printed(certificate: Certificate, how: str) -> None:
    issuing.add_event(certificate, "printed", current_user._get_current_object(), now(), how)
    db.session.commit()


def certificate_page(certificate: Certificate, annul_form: AnnulForm | None = None,
                     message: str | None = None, status: int = 200,
                     langs: tuple[str, ...] = LANGUAGES):
    """The certificate's sheets with the buttons, and the supervisor's actions and history."""
    return render_template(
        "certificates/certificate.html", certificate=certificate, langs=langs,
        sheets=sheets(certificate, langs), version=request.args.get("lang_version"),
        annul_form=annul_form or AnnulForm(formdata=None), button=ButtonForm(formdata=None),
        message=message,
    ), status


def openable_certificate(cert_id: int) -> Certificate:
    """The certificate, if this member of staff may open its application's papers."""
    certificate = db.get_or_404(Certificate, cert_id)
    openable(current_user, certificate.application)
    return certificate


def print_request() -> tuple[str, ...]:
    """The languages of a print asked for with the button (a POST with a valid CSRF token)."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    return asked_languages()


@bp.get("/<int:cert_id>")
def show(cert_id: int):
    """The certificate to print: the Kazakh and the Russian page (or one of them)."""
    return certificate_page(openable_certificate(cert_id), langs=asked_languages())


@bp.post("/<int:cert_id>/print")
def print_sheets(cert_id: int):
    """Record that the page is being printed (the Print button; its script opens the dialog)."""
    certificate = openable_certificate(cert_id)
    langs = print_request()
    printed(certificate, "+".join(langs))
    return redirect(url_for(".show", cert_id=cert_id, lang_version=request.args.get(
        "lang_version")), 303)


@bp.post("/<int:cert_id>.pdf")
def pdf(cert_id: int):
    """The certificate as a PDF with its fonts embedded (``?lang_version=kk|ru``), printed."""
    certificate = openable_certificate(cert_id)
    langs = print_request()
    document = render_pdf(certificate, langs)
    printed(certificate, "+".join(langs) + " pdf")
    name = f"{certificate.number}-{'-'.join(langs)}.pdf"
    return Response(document, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}"'})


@bp.route("/", methods=["GET", "POST"])
def index():
    """The certificates issued, newest first: find one by number, request or guardian (the
    search is posted: names stay out of addresses and logs)."""
    posted = request.method == "POST"
    form = ListFilterForm(formdata=request.form if posted else None)
    # Newest first along the primary key, then their requests and successors by id: the list
    # reads its LIST_LIMIT rows, however many certificates the years have made.
    query = (db.select(Certificate).order_by(Certificate.id.desc())
             .options(selectinload(Certificate.application),
                      selectinload(Certificate.superseded_by)))
    if posted and form.validate():
        if form.q.data:
            pattern = f"%{form.q.data}%"
            query = query.where(or_(Certificate.number.ilike(pattern),
                                    Certificate.application.has(Application.number.ilike(pattern)),
                                    Certificate.guardian_name.ilike(pattern)))
        if form.status.data:
            query = query.where(Certificate.status == form.status.data)
    found = db.session.execute(query.limit(LIST_LIMIT + 1)).scalars().all()
    return render_template("certificates/list.html", form=form, certificates=found[:LIST_LIMIT],
                           more=len(found) > LIST_LIMIT), 400 if form.errors else 200


def refused(certificate: Certificate, error: DomainError, form: AnnulForm | None = None):
    """The certificate as it now is, with why the action was refused (nothing is kept)."""
    message = withdraw(error)
    certificate = db.session.get(Certificate, certificate.id)
    return certificate_page(certificate, annul_form=form, message=message, status=409)


@bp.post("/<int:cert_id>/annul")
def annul(cert_id: int):
    """Annul the certificate with a reason; the verification page then says so."""
    certificate = db.get_or_404(Certificate, cert_id)
    form = AnnulForm()
    if not form.validate_on_submit():
        return certificate_page(certificate, annul_form=form, status=400)
    try:
        issuing.annul(certificate, form.reason.data, current_user._get_current_object(), now())
        db.session.commit()
    except DomainError as error:
        return refused(certificate, error, form)
    flash(_("Certificate %(number)s is annulled.", number=certificate.number))
    return redirect(url_for(".show", cert_id=certificate.id), 303)


@bp.post("/<int:cert_id>/reissue")
def reissue(cert_id: int):
    """Replace the certificate by a new one with a new number and code; the old is superseded."""
    certificate = db.get_or_404(Certificate, cert_id)
    if not ButtonForm().validate_on_submit():
        return certificate_page(certificate, status=400)
    try:
        successor = issuing.reissue(certificate, current_user._get_current_object(), now())
        db.session.commit()
    except DomainError as error:
        return refused(certificate, error)
    flash(_("Certificate %(old)s is replaced by %(new)s: print the new one.",
            old=certificate.number, new=successor.number))
    return redirect(url_for(".show", cert_id=successor.id), 303)
