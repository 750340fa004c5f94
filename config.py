"""Configuration classes; every setting can be given as a ``KIOSK_*`` environment variable."""

import os
import tempfile

DEV_SECRET = "dev-only-not-secret"


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"KIOSK_{name}", default)


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


class Config:
    SECRET_KEY = env("SECRET_KEY", DEV_SECRET)
    # None: an SQLite file in the instance folder (set by create_app).
    SQLALCHEMY_DATABASE_URI = env("DATABASE_URL")
    PUBLIC_URL = env("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
    TIMEZONE = env("TIMEZONE", "Asia/Almaty")
    HALL_NAME = env("HALL_NAME", "")
    # The hall on its printed forms (receipts, refusals), in the forms' two languages: the
    # department of the State Corporation's branch it is, its address; and its front office's
    # phone, which a form gives as the executor's.
    HALL_DEPARTMENT_KK = env("HALL_DEPARTMENT_KK", "")
    HALL_DEPARTMENT_RU = env("HALL_DEPARTMENT_RU", "")
    HALL_ADDRESS_KK = env("HALL_ADDRESS_KK", "")
    HALL_ADDRESS_RU = env("HALL_ADDRESS_RU", "")
    HALL_PHONE = env("HALL_PHONE", "")
    HALL_HOURS = env("HALL_HOURS", "09:00-18:00")
    HALL_DAYS = env("HALL_DAYS", "mon-fri")
    WAIT_LIMIT_MINUTES = env_int("WAIT_LIMIT_MINUTES", 15)
    SERVICE_LIMIT_MINUTES = env_int("SERVICE_LIMIT_MINUTES", 15)
    WARNING_MINUTES = env_int("WARNING_MINUTES", 10)
    # The calling order's least ceiling: past it (or nine tenths of the day's longest wait at a
    # call, if longer) an applicant is called before everyone younger, oldest first; see
    # queue_mgr/line/ordering.py and `make simulate`.
    OVERDUE_CEILING_MINUTES = env_int("OVERDUE_CEILING_MINUTES", 20)
    # An applicant marked absent who turns up within this time is put back in line by the window.
    NO_SHOW_RETURN_MINUTES = env_int("NO_SHOW_RETURN_MINUTES", 15)
    # Booked appointments: slots this long; each window takes this many booked applicants a
    # slot; a booking checks in as booked from EARLY minutes before its slot until LATE after,
    # and may be made this many days ahead.
    BOOKING_SLOT_MINUTES = env_int("BOOKING_SLOT_MINUTES", 30)
    BOOKING_SEATS = env_int("BOOKING_SEATS", 1)
    BOOKING_EARLY_MINUTES = env_int("BOOKING_EARLY_MINUTES", 15)
    BOOKING_LATE_MINUTES = env_int("BOOKING_LATE_MINUTES", 15)
    BOOKING_DAYS_AHEAD = env_int("BOOKING_DAYS_AHEAD", 30)
    # The e-government portal's gateway: its API tokens, comma-separated (none: no API access).
    PORTAL_TOKENS = env("PORTAL_TOKENS", "")
    # Requests a minute from one address to the portal's APIs (bookings and requests alike),
    # counted in the limits' shared store before the token is checked.
    PORTAL_RATE_LIMIT = env("PORTAL_RATE_LIMIT", "300 per minute")
    # The kiosk returns to its start screen this long after showing a ticket, and after this
    # much idle time on any other screen.
    TICKET_SCREEN_SECONDS = env_int("TICKET_SCREEN_SECONDS", 30)
    IDLE_RESET_SECONDS = env_int("IDLE_RESET_SECONDS", 60)
    # Before it starts over, the kiosk asks "Do you need more time?" for this long (WCAG 2.2.1).
    MORE_TIME_SECONDS = env_int("MORE_TIME_SECONDS", 20)
    # Taps this soon after a kiosk screen appears are the rest of a double tap on the screen
    # before: they are ignored.
    TAP_GUARD_MS = env_int("TAP_GUARD_MS", 500)
    # Each worker keeps the services and priority groups this long: an admin's change reaches
    # every kiosk within it.
    CATALOGUE_SECONDS = env_int("CATALOGUE_SECONDS", 10)
    # Each worker works the staffing advice out at most this often (every staff screen shows it).
    ADVICE_SECONDS = env_int("ADVICE_SECONDS", 5)
    POLL_SECONDS = env_int("POLL_SECONDS", 5)
    STAFF_POLL_SECONDS = env_int("STAFF_POLL_SECONDS", 3)
    BOARD_POLL_SECONDS = env_int("BOARD_POLL_SECONDS", 1)
    # Each worker renders the board's live part at most this often (milliseconds): a call shows
    # within a poll and this, and a hall of screens asking each second costs a few renderings.
    BOARD_KEPT_MS = env_int("BOARD_KEPT_MS", 500)
    # The board says each call in Kazakh, then Russian, with Debian's espeak-ng (offline), or
    # with the clips a hall records into BOARD_VOICE_CLIPS/<kk|ru>/<part>.wav, which come first.
    BOARD_VOICE = env("BOARD_VOICE", "1") == "1"
    BOARD_VOICE_CLIPS = env("BOARD_VOICE_CLIPS", "")  # default: <instance>/voice/recorded
    BOARD_VOICE_CACHE = env("BOARD_VOICE_CACHE", "")  # espeak-ng's clips; <instance>/voice/espeak
    # A staff screen with no action for this long signs out; polling does not count as action.
    STAFF_IDLE_MINUTES = env_int("STAFF_IDLE_MINUTES", 30)
    LOGIN_RATE_LIMIT = env("LOGIN_RATE_LIMIT", "10 per minute;50 per hour")
    # Where the limits count. memory:// counts in each worker process: enough for `make run`'s
    # single one. Several workers or machines share redis://host:6379/0 (production needs it).
    RATELIMIT_STORAGE_URI = env("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_KEY_PREFIX = env("RATELIMIT_KEY_PREFIX", "kiosk")
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # the store down: count per worker meanwhile
    RATELIMIT_HEADERS_ENABLED = True
    # How many proxies stand in front of the app, each adding to X-Forwarded-For: the client's
    # address is read from the last of them only (0: the header is not believed at all).
    PROXY_HOPS = env_int("PROXY_HOPS", 0)

    # Certificates: the issuing body (the provider) and the Ed25519 signing keys, kept in a
    # file outside the database (created by `flask --app kiosk keys generate`).
    SIGNING_KEY_FILE = env("SIGNING_KEY_FILE")  # None: instance/signing-keys.json
    ISSUING_BODY_CODE = env("ISSUING_BODY_CODE", "AST")
    ISSUING_BODY_KK = env("ISSUING_BODY_KK", "Астана қаласы әкімдігінің білім басқармасы")
    ISSUING_BODY_RU = env("ISSUING_BODY_RU", "Управление образования акимата города Астаны")
    ISSUING_BODY_HEAD = env("ISSUING_BODY_HEAD", "Сейтқали Н. А.")
    VERIFY_RATE_LIMIT = env("VERIFY_RATE_LIMIT", "60 per minute")
    REVEAL_TRIES_PER_HOUR = env_int("REVEAL_TRIES_PER_HOUR", 5)

    BABEL_DEFAULT_LOCALE = "kk"
    BABEL_TRANSLATION_DIRECTORIES = "translations"
    # A failed statement's values (names, IINs) stay out of its error and the engine's log;
    # kiosk/web/logs.py hides what the database itself repeats of them.
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True, "hide_parameters": True}
    # Every message is our own, translated; WTForms' catalogue would be read on every request.
    WTF_I18N_ENABLED = False
    WTF_CSRF_TIME_LIMIT = None  # a kiosk screen may stay open all day; the session bounds it
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 64 * 1024
    HSTS_SECONDS = 0  # production sends Strict-Transport-Security (KIOSK_HSTS_SECONDS)
    # `flask demo-data` makes accounts with a published password: never in production.
    DEMO_DATA = True

    @classmethod
    def check(cls) -> None:
        """Refuse a configuration the app must not start with."""


class DevelopmentConfig(Config):
    DEBUG = False
    # The demo hall's details on its forms (a real hall sets its own).
    HALL_DEPARTMENT_KK = env("HALL_DEPARTMENT_KK", "Алматы қаласы бойынша филиалының № 1 бөлімі")
    HALL_DEPARTMENT_RU = env("HALL_DEPARTMENT_RU", "отдел № 1 филиала по городу Алматы")
    HALL_ADDRESS_KK = env("HALL_ADDRESS_KK", "Алматы қ., Абай даңғылы, 1")
    HALL_ADDRESS_RU = env("HALL_ADDRESS_RU", "г. Алматы, проспект Абая, 1")
    HALL_PHONE = env("HALL_PHONE", "+7 727 000 00 00")
    PORTAL_TOKENS = env("PORTAL_TOKENS", "demo-portal-token")  # the README's example


class TestingConfig(Config):
    TESTING = True
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast for tests; production keeps scrypt
    SQLALCHEMY_DATABASE_URI = env("TEST_DATABASE_URL")
    HALL_NAME = "Test hall"
    HALL_DEPARTMENT_KK = "Сынақ бөлімі"
    HALL_DEPARTMENT_RU = "тестовый отдел"
    HALL_ADDRESS_KK = "Сынақ көшесі, 1"
    HALL_ADDRESS_RU = "улица Тестовая, 1"
    HALL_PHONE = "+7 727 111 22 33"
    PORTAL_TOKENS = "test-portal-token"
    ADVICE_SECONDS = 0  # always worked out afresh (tests/test_staffing.py checks the keeping)
    BOARD_KEPT_MS = 0  # always rendered afresh (tests/test_board.py checks the keeping)
    TAP_GUARD_MS = 0  # browser tests tap at once; the guard's own test sets it as in a hall
    # The board's voice from espeak-ng alone, its clips kept out of the project's instance folder.
    BOARD_VOICE_CLIPS = os.path.join(tempfile.gettempdir(), "kiosk-tests-voice", "recorded")
    BOARD_VOICE_CACHE = os.path.join(tempfile.gettempdir(), "kiosk-tests-voice", "espeak")
    # A failing test shows its statement's values.
    SQLALCHEMY_ENGINE_OPTIONS = {**Config.SQLALCHEMY_ENGINE_OPTIONS, "hide_parameters": False}


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = env("COOKIE_SECURE", "1") == "1"
    HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000 if SESSION_COOKIE_SECURE else 0)
    REQUIRE_SIGNING_KEY = True  # never make up a key: certificates must check out for years
    DEMO_DATA = False
    RATELIMIT_STORAGE_URI = env("RATELIMIT_STORAGE_URI")  # no default: the workers share it

    @classmethod
    def check(cls) -> None:
        if not cls.SECRET_KEY or cls.SECRET_KEY == DEV_SECRET or len(cls.SECRET_KEY) < 32:
            raise RuntimeError("KIOSK_SECRET_KEY must be set to a random value of 32+ characters")
        if not cls.RATELIMIT_STORAGE_URI or cls.RATELIMIT_STORAGE_URI.startswith("memory"):
            raise RuntimeError(
                "KIOSK_RATELIMIT_STORAGE_URI must name the store every worker counts limits in, "
                "e.g. redis://127.0.0.1:6379/0"
            )
        # Only named here: `keys generate` runs with this config before the file exists;
        # /healthz reports a missing file and signing refuses to make one up.
        if not cls.SIGNING_KEY_FILE:
            raise RuntimeError(
                "KIOSK_SIGNING_KEY_FILE must name the key file made by `flask --app kiosk keys "
                "generate`"
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def from_env() -> type[Config]:
    """Return the config class named by ``KIOSK_ENV`` (development by default)."""
    return CONFIGS[env("ENV", "development")]
