"""Issue one valid certificate in the scratch hall, and time drawing the QR code of its page.

Run as ``python -m bench.verify_setup`` in the hall's environment (it builds the app from it and
signs with the hall's key file); prints one JSON line: the page's path and the QR timing.
"""

import json
import secrets
import statistics
import time
from datetime import UTC, datetime

from flask import current_app

from kiosk import create_app
from kiosk.casework.certificates.keys import keyring
from kiosk.casework.certificates.models import Certificate
from kiosk.casework.certificates.printing import certificate_qr, render_pdf
from kiosk.casework.models import Application
from kiosk.web.extensions import db
from kiosk.web.qr import public_url, qr_svg
from queue_mgr.certificates.codes import CodeFields, DocumentType, sign_code

QR_CALLS = 200
PDF_RENDERS = 20


def add_certificate() -> str:
    """A handed-over application and its valid certificate, with a real signed code."""
    config, key, now = current_app.config, keyring().active, datetime.now(UTC)
    application = Application(token=secrets.token_hex(16), status="handed_over",
                              outcome="certificate", created_at=now)
    certificate = Certificate(
        number="BENCH-0001", application=application,
        doc_type=DocumentType.GUARDIANSHIP_CERTIFICATE, issued_on=now.date(), key_id=key.key_id,
        code="unsigned", body_code=config["ISSUING_BODY_CODE"],
        issuing_body_kk=config["ISSUING_BODY_KK"], issuing_body_ru=config["ISSUING_BODY_RU"],
        head_name=config["ISSUING_BODY_HEAD"], guardian_name="Ахметова Айгерим Болатқызы",
        guardian_iin="850305400123",
        children=[{"name": "Ахметов Ерлан", "birth_date": "2015-06-01", "iin": "150601600785",
                   "trusteeship": False}],
        basis_number="No 1234", basis_date=now.date(),
        basis_body_kk="Астана қаласының білім басқармасы",
        basis_body_ru="Управление образования города Астаны", created_at=now,
    )
    db.session.add(certificate)
    db.session.flush()  # the row id is the serial the code carries
    certificate.code = sign_code(CodeFields(key.key_id, certificate.id, certificate.issued_on,
                                            certificate.doc_type), key.private)
    db.session.commit()
    return certificate.code


def qr_median_ms(url: str, calls: int = QR_CALLS) -> float:
    """The median time of ``qr_svg`` drawing ``url``, in milliseconds."""
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        qr_svg(url, "QR")
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def median_ms(work, calls: int, warm: int = 3) -> float:
    """The median time of ``work()`` in a warm process, in milliseconds."""
    for _ in range(warm):
        work()
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    app = create_app()
    with app.app_context(), app.test_request_context():
        code = add_certificate()
        path = f"/v/{code}"
        certificate = db.session.execute(db.select(Certificate).filter_by(code=code)).scalar_one()
        print(json.dumps({
            "path": path, "qr_ms": qr_median_ms(public_url(path)), "qr_calls": QR_CALLS,
            "certificate_qr_ms": median_ms(lambda: certificate_qr(code, "QR"), QR_CALLS),
            "pdf_ms": median_ms(lambda: render_pdf(certificate, ("kk",)), PDF_RENDERS),
            "pdf_renders": PDF_RENDERS,
        }))


if __name__ == "__main__":
    main()
