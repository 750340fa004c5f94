"""A browser as the benchmarks drive it: cookies kept, redirects not followed, htmx's header."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

FIELD = re.compile(r'name="(csrf_token|ticket_id|idempotency_key|service)"[^>]*value="([^"]*)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One person's browser on the served hall."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())
        self.token = ""

    def send(self, path: str, fields: dict | None = None,
             headers: dict | None = None) -> tuple[int, str, dict]:
        """GET ``path`` (POST ``fields`` if given); return the status, the body, the headers."""
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        request = urllib.request.Request(self.base_url + path, data=data,
                                         headers={"HX-Request": "true", **(headers or {})})
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.read().decode(), dict(answer.headers)
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode(), dict(answer.headers)

    @staticmethod
    def fields(html: str) -> dict[str, str]:
        return dict(FIELD.findall(html))

    def sign_in(self, username: str, password: str, window: int = 0) -> None:
        """Sign in through the login form (an operator at ``window``)."""
        page = self.send("/staff/login")[1]
        self.token = self.fields(page)["csrf_token"]
        login = {"csrf_token": self.token, "username": username, "password": password,
                 "window": str(window)}
        status = self.send("/staff/login", login)[0]
        if status != 302:
            raise RuntimeError(f"{username} could not sign in: {status}")
