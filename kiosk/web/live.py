"""Live fragments that screens poll: an unchanged fragment costs a 304 and no rendering."""

import hashlib

from flask import make_response, render_template, request
from flask_babel import get_locale


def live_fragment(template: str, state: tuple, **context):
    """Render ``template`` unless the screen already shows ``state`` (in this language): then 304.

    ``state`` holds what the fragment shows that can change; clocks that tick between refreshes
    are left out, since the screen's script keeps them running.
    """
    etag = hashlib.sha1(repr((*state, str(get_locale()))).encode()).hexdigest()
    if request.if_none_match.contains(etag):
        response = make_response("", 304)
    else:
        response = make_response(render_template(template, **context))
    response.set_etag(etag)
    # Revalidated on every poll, and kept by no shared cache: staff fragments name applicants.
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Vary"] = "HX-Request, Cookie"
    return response
