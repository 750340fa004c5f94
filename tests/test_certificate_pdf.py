"""The certificate as a PDF: WeasyPrint renders it with its fonts embedded, and the QR code on
the printed page, read back by a scanner (zbarimg) from the rasterised page (pdftoppm), is the
public verification address that says the certificate is valid; the short code printed under it,
read back from the PDF's text (pdftotext), is the one the verification page takes typed."""

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kiosk.casework.certificates.keys import keyring
from kiosk.casework.certificates.printing import verification_url
from queue_mgr.certificates.codes import CodeFields, DocumentType, read_code
from tests.conftest import csrf_of, require
from tests.test_certificates import events, quick_certificate

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
RESOLUTION = "150"
SHORT_CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")


def require_tools() -> None:
    missing = [tool for tool in ("pdftoppm", "pdffonts", "pdfinfo", "pdftotext", "zbarimg")
               if shutil.which(tool) is None]
    require(not missing, f"{' and '.join(missing)} not installed "
                         "(apt-get install poppler-utils zbar-tools)")


def rasterise(pdf: Path, stem: str) -> list[Path]:
    """The PDF's pages as PNG images at 150 dpi, as a scanner or a phone camera would see them."""
    prefix = pdf.parent / stem
    subprocess.run(["pdftoppm", "-r", RESOLUTION, "-png", str(pdf), str(prefix)], check=True,
                   timeout=60)
    return sorted(pdf.parent.glob(f"{stem}-*.png"))


def poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def embedded_fonts(pdf: Path) -> dict[str, bool]:
    """Each font of the PDF and whether the file carries it (pdffonts' "emb" column)."""
    rows = poppler("pdffonts", str(pdf)).splitlines()[2:]
    return {row.split()[0]: row.split()[-5] == "yes" for row in rows}


def scanned(image: Path) -> str:
    """What a QR scanner reads from the image."""
    result = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, f"no code found in {image}: {result.stderr}"
    return result.stdout.strip()


@pytest.fixture
def printer(staff_client):
    return staff_client("supervisor", username="printer")


def pdf_of(client, certificate, version: str | None) -> bytes:
    query = f"?lang_version={version}" if version else ""
    response = client.post(f"/staff/certificates/{certificate.id}.pdf{query}",
                           data={"csrf_token": csrf_of(client)})
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    return response.data


# The hall's public address as configured, in any case: the QR holds it in lower case.
@pytest.mark.parametrize(("version", "public_url"), [("kk", "https://Hall.Example.KZ"),
                                                     ("ru", "http://127.0.0.1:5000")])
def test_the_pdf_carries_a_qr_that_scans_to_the_verification_page_saying_valid(
        app, client, printer, version, public_url):
    app.config["PUBLIC_URL"] = public_url
    certificate = quick_certificate(app)
    document = pdf_of(printer, certificate, version)
    assert document.startswith(b"%PDF")
    SCREENSHOTS.mkdir(exist_ok=True)
    saved = SCREENSHOTS / f"certificate-{version}.pdf"
    saved.write_bytes(document)
    assert events(app, certificate.id)[-1] == ("printed", "printer", f"{version} pdf")

    require_tools()
    fonts = embedded_fonts(saved)
    assert fonts and all(fonts.values()), fonts  # the fonts travel inside the file
    assert 'pdfaid:part="3" pdfaid:conformance="B"' in poppler("pdfinfo", "-meta", str(saved))
    [page] = rasterise(saved, f"certificate-{version}-page")
    shutil.move(page, SCREENSHOTS / f"certificate-{version}.png")
    decoded = scanned(SCREENSHOTS / f"certificate-{version}.png")
    with app.test_request_context():
        assert decoded == verification_url(certificate.code)
        assert decoded == public_url.lower() + f"/v/{certificate.code}"
        assert read_code(decoded.rsplit("/v/", 1)[1], keyring().public_keys()) == CodeFields(
            certificate.key_id, certificate.id, certificate.issued_on,
            DocumentType.GUARDIANSHIP_CERTIFICATE)

    path = urlsplit(decoded).path
    page = client.get(f"{path}?lang=en")
    assert page.status_code == 200
    assert "Authentic and valid" in page.get_data(as_text=True)
    assert client.get(f"/api/v1/verify/{path.rsplit('/', 1)[1]}").get_json()["status"] == "valid"

    printed = SHORT_CODE.findall(poppler("pdftotext", "-layout", str(saved), "-"))
    assert printed == [certificate.short_code]
    typed = client.get("/v/", query_string={"code": printed[0].lower().replace("-", " ")})
    assert typed.status_code == 303 and typed.headers["Location"] == path


def test_the_pdf_without_a_version_has_the_kazakh_page_then_the_russian(
        app, printer, tmp_path):
    certificate = quick_certificate(app)
    document = tmp_path / "both.pdf"
    document.write_bytes(pdf_of(printer, certificate, None))
    require_tools()
    pages = rasterise(document, "both")
    assert len(pages) == 2
    with app.test_request_context():
        assert [scanned(page) for page in pages] == [verification_url(certificate.code)] * 2


def test_a_pdf_of_an_unknown_language_is_refused(app, printer):
    certificate = quick_certificate(app)
    assert printer.post(f"/staff/certificates/{certificate.id}.pdf?lang_version=en",
                        data={"csrf_token": csrf_of(printer)}).status_code == 400


def test_a_pdf_is_made_only_when_printing_is_asked_for(app, printer):
    certificate = quick_certificate(app)
    assert printer.get(f"/staff/certificates/{certificate.id}.pdf").status_code == 405
    assert "printed" not in [action for action, _, _ in events(app, certificate.id)]
