"""Live fragments that screens poll: the ETag is the fragment itself, so an unchanged one is a 304.

A fragment holds nothing that changes by the second (a clock is its origin in data-since, which
the page's script keeps ticking), so two renderings of an unchanged screen are the same text.
"""

from flask import g, make_response, render_template, request

STAFF_CACHE = "private, no-cache"


def live_fragment(template: str, cache: str = STAFF_CACHE, **context):
    """Render ``template`` for polling and answer with it (see ``live_answer``)."""
    g.polled = True  # the clocks' macros leave out the time spent (see _macros.html)
    return live_answer(render_template(template, **context), cache)


def live_answer(text: str, cache: str = STAFF_CACHE):
    """Answer a poll with a fragment's ``text``, tagged with an ETag of that text (its language
    included): a 304 with no body when the browser already shows it.

    Revalidated on every poll (``no-cache``) and, by default, kept by no shared cache: staff
    fragments name applicants.
    """
    response = make_response(text)
    response.add_etag()
    response.headers["Cache-Control"] = cache
    response.headers["Vary"] = "HX-Request, Cookie"
    return response.make_conditional(request)
