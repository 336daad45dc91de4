# The aikg CLI and GraphQL API with the bundled dataset (data/), for docker-compose.yml.

# The explorer and GraphiQL assets, built from npm at the versions web/package-lock.json pins.
FROM node:20-bookworm-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/build.mjs ./
COPY web/src ./src
RUN node build.mjs

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY queries ./queries
COPY ingest ./ingest
COPY api ./api
COPY data ./data
COPY --from=web /web/dist ./web/dist
RUN pip install . \
    && useradd --create-home --uid 10001 aikg

USER aikg
# The package is installed into site-packages, so say where the bundled dataset is.
ENV AIKG_BUNDLED_DATA=/app/data \
    AIKG_WEB_DIR=/app/web/dist \
    AIKG_DATA_DIR=/home/aikg/.aikg \
    AIKG_HOST=0.0.0.0 \
    AIKG_PORT=8000
EXPOSE 8000
CMD ["aikg", "serve"]
