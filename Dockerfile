# The portal's image: the web server by default; compose.yaml runs the release step and the worker
# from the same image with other commands.
#   docker build -t budget-portal .
#   docker compose up
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (support plan PDFs) needs Pango and HarfBuzz; PDFs use Liberation Sans, falling back to
# DejaVu Sans (see README).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-liberation fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Every package pinned, each file checked against its hash (requirements.lock, from `make lock`).
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .
# Compiled UI text catalogues (the .mo files are not kept in git), checked first: a broken translation
# stops the build (scripts/check_translations.py), as it stops `make translations`.
RUN python scripts/check_translations.py translations \
 && pybabel compile -d translations -f --statistics \
 && useradd --system --uid 10001 --no-create-home --home-dir /app portal \
 && mkdir -p instance \
 && chown portal:portal instance

USER portal
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=4)"]

# gunicorn.conf.py sets the workers, timeouts and JSON logs. PORTAL_ENV and the other settings come from
# the environment (see README, "Configuration"): the portal will not start without them.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "portal:create_app()"]
