"""Security headers on every response; the proxies in front, as far as they are trusted."""

from flask import Flask, current_app
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])


def secure_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # Ticket pages carry their token in the address: never send it elsewhere.
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config["HSTS_SECONDS"]:  # production: browsers keep to HTTPS from then on
        response.headers.setdefault(
            "Strict-Transport-Security", f"max-age={current_app.config['HSTS_SECONDS']}")
    return response


def init_security(app: Flask) -> None:
    app.after_request(secure_headers)
    hops = app.config["PROXY_HOPS"]
    if hops:  # the client's address and scheme as the trusted proxies report them
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
