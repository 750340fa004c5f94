"""QR codes as inline SVG, built from the public address (never the kiosk's own host)."""

import re

import qrcode
import qrcode.constants
import qrcode.image.svg
from flask import current_app
from markupsafe import Markup

SIZE_ATTRIBUTES = re.compile(r' (width|height)="[^"]*"')


def public_url(path: str) -> str:
    """Return the address phones reach for a path of this app (``KIOSK_PUBLIC_URL`` + path)."""
    return current_app.config["PUBLIC_URL"] + path


def qr_svg(data: str, label: str) -> Markup:
    """Return an inline SVG QR code of ``data``, sized by CSS, with an accessible label."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        image_factory=qrcode.image.svg.SvgPathImage,
        border=2,
    )
    code.add_data(data)
    svg = code.make_image().to_string(encoding="unicode")
    svg = SIZE_ATTRIBUTES.sub("", svg, count=2)
    label = Markup.escape(label)
    svg = svg.replace("<svg ", f'<svg class="qr" role="img" aria-label="{label}" ', 1)
    return Markup(svg)
