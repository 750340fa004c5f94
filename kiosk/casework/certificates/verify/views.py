"""Public certificate verification: ``/v/<code>``, its JSON twin, the short code typed on
``/v/``, and the published keys.

The code's signature is checked before any query, and every code that does not name an
issued certificate (malformed, forged, signed by an unknown key, no such record, or a record
that does not match) gets one and the same answer; so does every well-formed short code that
does not lead to such a certificate. The pages speak the browser's language unless the verifier
chose one.
"""


from flask import current_app, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import Row
from werkzeug.exceptions import TooManyRequests

from kiosk.casework.certificates.keys import keyring
from kiosk.casework.certificates.verify import bp
from kiosk.casework.certificates.verify.forms import RevealForm, ShortCodeForm
from kiosk.casework.certificates.verify.lookup import (
    Names,
    PublicCertificate,
    holds_child_iin,
    no_longer_valid,
    no_longer_valid_count,
    verify_certificate,
    verify_short_code,
)
from kiosk.casework.certificates.verify.wording import wording
from kiosk.web.errors import render_error
from kiosk.web.i18n import browser_language, current_language
from kiosk.web.ratelimits import client_address, refuse, spend
from queue_mgr.certificates.codes import CODE_DIGITS

KEYS_MAX_AGE = 300
API_ENDPOINT = "verify.api_verify"
KEYS_ENDPOINT = "verify.published_keys"


@bp.before_request
def follow_the_browsers_language():
    """A verifier opens these pages from a printed code, on their own phone: with no language
    chosen (``?lang=``, the remembered cookie), the phone's own is the page's."""
    g.default_lang = browser_language()


@bp.before_request
def spend_from_the_address_budget():
    """One budget per address for the page, a typed short code, the reveal form and the JSON:
    guessing is slow everywhere. Each request is one hit on the limiter's storage (the same
    storage as every other limit), which costs this busiest public page far less than a
    per-route limit."""
    if request.endpoint == KEYS_ENDPOINT:
        return None
    budget = current_app.config["VERIFY_RATE_LIMIT"]
    if not spend(budget, "verify", client_address()):
        raise refuse(budget, "verify", client_address())
    return None


@bp.after_request
def private(response):
    """Never cache or index a verification answer (the well-known keys say otherwise)."""
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
    if request.endpoint not in (KEYS_ENDPOINT, API_ENDPOINT):  # the pages speak it
        response.vary.add("Accept-Language")
    return response


@bp.errorhandler(429)
def too_many(error: TooManyRequests):
    """The JSON address answers JSON; the page gets the translated error page."""
    if request.endpoint == API_ENDPOINT:
        response = jsonify(status="rate_limited"), 429
    else:
        response = render_error(429)
    retry_after = error.retry_after if isinstance(error, TooManyRequests) else None
    return (*response, {"Retry-After": str(retry_after)} if retry_after else {})


def render(template: str, status: int = 200, **context):
    language = current_language()
    return render_template(template, t=wording(language), lang=language, **context), status


def not_found_page():
    # The same body for every unknown code: nothing on it depends on the code.
    return render("verify/not_found.html", 404)


def render_page(certificate: Row, status: int = 200, names: Names | None = None,
                message: str | None = None, errors: tuple[str, ...] = (), form: bool = True):
    return render("verify/certificate.html", status, facts=PublicCertificate.of(certificate),
                  names=names, message=message, errors=errors, form=form)


@bp.get("/v/<code>")
def certificate_page(code: str):
    """Show whether a certificate is authentic and in force; names masked.

    The reveal form is a page of its own: a verifier who only checks gets no cookie.
    """
    certificate = verify_certificate(code)
    if certificate is None:
        return not_found_page()
    return render_page(certificate, form=False)


@bp.get("/v/<code>/reveal")
def reveal_form(code: str):
    """The certificate's page with the form the holder enters a child's IIN into."""
    certificate = verify_certificate(code)
    if certificate is None:
        return not_found_page()
    return render_page(certificate)


@bp.get("/v/")
def enter_code():
    """The form a verifier types the code printed under the QR into; a code that names a
    certificate leads to its page, as the QR does."""
    if "code" not in request.args:
        return render("verify/enter_code.html", form=ShortCodeForm(formdata=None))
    form = ShortCodeForm(formdata=request.args)
    if not form.validate():
        return render("verify/enter_code.html", 400, form=form)
    certificate = verify_short_code(form.short_code)
    if certificate is None:
        return not_found_page()
    return redirect(url_for("verify.certificate_page", code=certificate.code), 303)


def reveal_tries_left(certificate: Row) -> bool:
    """Count a try against the certificate from this address: a few an hour. A stranger who
    has the code spends only their own tries, never the holder's; guessing stays slow."""
    tries = f"{current_app.config['REVEAL_TRIES_PER_HOUR']} per hour"
    return spend(tries, "verify-reveal", str(certificate.id), client_address())


@bp.post("/v/<code>/reveal")
def reveal(code: str):
    """Show the names in full to whoever enters a child's IIN printed on the certificate."""
    certificate = verify_certificate(code)
    if certificate is None:
        return not_found_page()
    form = RevealForm()
    if not form.validate_on_submit():
        return render_page(certificate, 400, errors=tuple(form.iin.errors))
    if not reveal_tries_left(certificate):
        message = _("Too many tries for this certificate. Please try again in an hour.")
        return render_page(certificate, 429, message=message)
    if not holds_child_iin(certificate, form.iin.data):
        message = _("This IIN is not on this certificate. Check the digits on the paper.")
        return render_page(certificate, 403, message=message)
    return render_page(certificate, names=Names.of(certificate))


@bp.get("/api/v1/verify/<code>")
def api_verify(code: str):
    """The verification as JSON: status, type, number, date, issuer; names masked."""
    certificate = verify_certificate(code)
    if certificate is None:
        return jsonify(status="not_found"), 404
    return jsonify(PublicCertificate.of(certificate).as_json())


def keys_document() -> dict:
    """Every public key the hall ever signed with, and the certificates no longer valid."""
    ring = keyring()
    return {
        "algorithm": "Ed25519", "code_digits": CODE_DIGITS,
        "keys": [{"id": key.key_id, "created": key.created, "public_key": key.public_base64(),
                  "active": key is ring.active} for key in ring.keys],
        "annulled": no_longer_valid(),
    }


def kept_keys_document() -> str:
    """``keys_document`` as JSON, kept by each worker until a certificate leaves validity.

    The list grows with the years (every annulment stays published); its count is one index
    read, so a worker writes the document again only when the count has moved, or the keyring
    was read anew.
    """
    kept = current_app.extensions.setdefault("keys_document", {})
    version = (keyring(), no_longer_valid_count())
    if version not in kept:
        kept.clear()
        kept[version] = current_app.json.dumps(keys_document())
    return kept[version]


@bp.get("/.well-known/kiosk-keys.json")
def published_keys():
    """Every public key the hall ever signed with, and the certificates no longer valid."""
    response = current_app.response_class(kept_keys_document() + "\n",
                                          mimetype="application/json")
    response.headers["Cache-Control"] = f"public, max-age={KEYS_MAX_AGE}"
    return response
