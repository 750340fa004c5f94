"""The hall kiosk: a Flask application for a State Corporation service hall.

Packages by the hall's work: ``line`` (tickets, windows, board), ``casework`` (applications,
the provider's decisions, handover, registry), ``certificates`` (issue, print, verify), ``hall``
(services, hours, calendar), ``staff`` (accounts, sign-in, roles) and ``admin``; ``web`` is the
shell around them and ``forms`` the fields they share. ARCHITECTURE.md draws the picture.
"""

from kiosk.app import create_app

__all__ = ["create_app"]
