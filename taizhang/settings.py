"""Settings for taizhang, read from the environment (after Healthchecks' hc/settings.py).

TAIZHANG_DATABASE_URL  sqlite:///path or postgres://user@host:port/db   (default: SQLite in the data dir)
TAIZHANG_DATA_DIR      where the database, the secret key and uploaded evidence live (default ./var)
TAIZHANG_SECRET_KEY    generated once and kept in the data dir when absent
TAIZHANG_DEBUG         off unless "1"/"true"/"yes"
TAIZHANG_ALLOWED_HOSTS comma-separated (default: 127.0.0.1,localhost)

Every threshold the product applies is a setting here, with the source of its default.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def envfloat(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    return float(value) if value.strip() else default


DATA_DIR = Path(os.environ.get("TAIZHANG_DATA_DIR") or "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := os.environ.get("TAIZHANG_SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("TAIZHANG_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("TAIZHANG_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("TAIZHANG_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",  # user and unit management for 管理员 (accounts only)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "ninja",
    "taizhang.core",
    "taizhang.accounts",
    "taizhang.audit",
    "taizhang.plans",
    "taizhang.ledgers",
    "taizhang.projects",
    "taizhang.enterprises",
    "taizhang.indicators",
    "taizhang.extraction",
    "taizhang.dashboards",
    "taizhang.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",  # every page needs a login
]

ROOT_URLCONF = "taizhang.urls"
WSGI_APPLICATION = "taizhang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "taizhang.core.context_processors.taizhang",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("TAIZHANG_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'taizhang.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on busy_timeout instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,  # seconds: sqlite3's busy timeout
    }
    DATABASES["default"]["TEST"] = (
        {"NAME": str(DATA_DIR / "test.sqlite3")} if envbool("TAIZHANG_TEST_FILE_DB") else {}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from <body hx-headers>, not from the cookie

# --- language ---------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- files -------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"  # never served directly: evidence is streamed through an access-checked view

# Evidence (佐证材料) limits: documents and photos that 督查 offices accept; size kept small so a county
# clerk's phone upload over a government network finishes.  [INFERRED defaults; settings]
EVIDENCE_MAX_BYTES = envint("TAIZHANG_EVIDENCE_MAX_MB", 10) * 1024 * 1024
EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "ofd", "txt"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- schedule thresholds (glossary §1) ---------------------------------------------------------
# 银川市发改委 重点项目"红黄绿灯"推进机制 (2025-03): yellow when 低于序时进度 10–30 个百分点(含),
# red when more than 30 pp behind. No 晋中-specific threshold was found (glossary open item 9).
TAIZHANG_YELLOW_LAG_PP = envfloat("TAIZHANG_YELLOW_LAG_PP", 10.0)
TAIZHANG_RED_LAG_PP = envfloat("TAIZHANG_RED_LAG_PP", 30.0)
# 序时进度 basis: "month" = m/12 as monthly dispatch reports use; "day" = days elapsed / days in year.
TAIZHANG_SCHEDULE_MODE = os.environ.get("TAIZHANG_SCHEDULE_MODE", "month")
# A period's report is due by this day of the following month; after it a missing report is 未报送.
# [INFERRED] 盘锦 asks for the 28th of the month itself; cumulative 1–m月 figures are only known after
# month end, so taizhang defaults to the 5th of the next month.
TAIZHANG_REPORT_DUE_DAY = envint("TAIZHANG_REPORT_DUE_DAY", 5)

# --- key projects (issue 3; glossary §1.2 银川市发改委 2025 重点项目"红黄绿灯") -----------------------------
# Investment lag against 序时 uses the same 10/30 pp pair as tasks (TAIZHANG_YELLOW_LAG_PP / _RED_LAG_PP).
# 开工: 计划当月开工但未开工 = yellow (1st month), 连续3个月应开工未开工 = red. The planned month counts as
# the first month [INFERRED reading of 银川; open item for 晋中].
TAIZHANG_PROJECT_START_YELLOW_MONTHS = envint("TAIZHANG_PROJECT_START_YELLOW_MONTHS", 1)
TAIZHANG_PROJECT_START_RED_MONTHS = envint("TAIZHANG_PROJECT_START_RED_MONTHS", 3)
# 入库: 开工后1个月无正当理由未入库 = yellow, 开工超2个月未入库 = red (银川 2025).
TAIZHANG_PROJECT_REGISTRATION_YELLOW_MONTHS = envint("TAIZHANG_PROJECT_REGISTRATION_YELLOW_MONTHS", 1)
TAIZHANG_PROJECT_REGISTRATION_RED_MONTHS = envint("TAIZHANG_PROJECT_REGISTRATION_RED_MONTHS", 2)
# 投资完成率 is compared with 序时进度 on a linear curve (m/12, glossary §1.1) unless 12 monthly shares are
# given (comma-separated, Jan..Dec, any scale, e.g. last years' monthly investment): northern winters stop
# construction, so a city may set a seasonal curve. Empty = linear. Pages say which curve they use.
TAIZHANG_PROJECT_SEASONAL_SHARES = [
    float(s) for s in os.environ.get("TAIZHANG_PROJECT_SEASONAL_SHARES", "").split(",") if s.strip()
]
if TAIZHANG_PROJECT_SEASONAL_SHARES and len(TAIZHANG_PROJECT_SEASONAL_SHARES) != 12:
    raise ValueError(
        "TAIZHANG_PROJECT_SEASONAL_SHARES: 应为12个月的占比（逗号分隔），收到"
        f"{len(TAIZHANG_PROJECT_SEASONAL_SHARES)}个"
    )
# Largest dispatch sheet the import page accepts [INFERRED: a county's sheet is well under 1 MB].
TAIZHANG_IMPORT_MAX_MB = envint("TAIZHANG_IMPORT_MAX_MB", 20)

# --- logging -------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

SILENCED_SYSTEM_CHECKS: list[str] = []
