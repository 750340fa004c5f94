"""The verification pages' fixed wording, translated once per language and process.

This is the hall's busiest public page (every QR scan of every certificate), and each ``_()``
in a template costs a trip through Flask-Babel; the fixed wording is looked up once, then it is a
dict. Wording with values (a date, a number) stays ``_()`` in the templates.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l

WORDING = {
    "hall": _l("Government for Citizens service hall"),
    "language": _l("Language"),
    "free": _l("The public service is free of charge."),
    "contact": _l("Questions and complaints: the unified contact centre 1414, or 8 800 080 7777 "
                  "(free of charge)."),
    "title": _l("Certificate check"),
    "verdict_valid": _l("Authentic and valid"),
    "valid": _l("This certificate was issued by the hall and is in force."),
    "verdict_annulled": _l("Annulled"),
    "annulled": _l("This certificate was annulled and is no longer valid."),
    "verdict_superseded": _l("Replaced"),
    "superseded": _l("This certificate was replaced by a new one and is no longer valid."),
    "document": _l("Document"),
    "type": _l("Certificate on guardianship and trusteeship"),
    "number": _l("Number"),
    "issued_on": _l("Date of issue"),
    "issued_by": _l("Issued by"),
    "guardian": _l("Guardian"),
    "children": _l("Children"),
    "names_hidden": _l("Names are hidden: compare the first letter of the surname and the "
                       "initials with the paper."),
    "names_shown": _l("The names as printed on the certificate."),
    "reveal": _l("Show the names in full"),
    "reveal_hint": _l("If you hold this certificate, enter the IIN of a child named on it."),
    "iin": _l("Child's IIN"),
    "reveal_button": _l("Show the names"),
    "verdict_not_found": _l("Not found"),
    "not_found": _l("This code does not belong to a certificate issued by the hall."),
    "not_found_hint": _l("Check that the whole QR code was scanned, or the code under it typed "
                         "without a mistake. A certificate whose code does not check out may be "
                         "forged: ask the body named on it."),
    "enter": _l("Check a certificate by its code"),
    "enter_hint": _l("No scanner at hand? Type the code printed under the QR code on the "
                     "certificate: 12 letters and digits."),
    "short_code": _l("Code under the QR"),
    "check": _l("Check"),
}


def wording(language: str) -> dict[str, str]:
    """The fixed wording in ``language``, the current one."""
    translated = current_app.extensions.setdefault("verify.wording", {})
    if language not in translated:
        translated[language] = {key: str(text) for key, text in WORDING.items()}
    return translated[language]
