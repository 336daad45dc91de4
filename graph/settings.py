"""The one settings object; built from AIKG_* and NEO4J_* variables only by the entry points."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InvalidInput

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Defaults are for a laptop: embedded store in ./.aikg."""

    store: str = "embedded"  # AIKG_STORE: embedded | neo4j
    data_dir: Path = Path(".aikg")  # AIKG_DATA_DIR: where the embedded store persists
    bundled_data: Path = PROJECT_ROOT / "data"  # AIKG_BUNDLED_DATA: what `aikg ingest` loads
    host: str = "127.0.0.1"  # AIKG_HOST: the API binds here (loopback by default)
    port: int = 8000  # AIKG_PORT
    graphiql: bool = True  # AIKG_GRAPHIQL: serve the GraphiQL IDE at /graphql
    max_page_size: int = 100  # AIKG_MAX_PAGE_SIZE: largest `first`/`last` a list accepts
    neo4j_uri: str = "bolt://127.0.0.1:7687"  # NEO4J_URI
    neo4j_user: str = "neo4j"  # NEO4J_USER
    neo4j_password: str | None = None  # NEO4J_PASSWORD: no default, on purpose
    neo4j_database: str = "neo4j"  # NEO4J_DATABASE
    batch_size: int = 1000  # AIKG_BATCH_SIZE: rows per Neo4j write transaction

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Settings from environment variables, with a clear error for a bad value."""
        defaults = cls()
        return cls(
            store=env.get("AIKG_STORE", defaults.store),
            data_dir=Path(env.get("AIKG_DATA_DIR", str(defaults.data_dir))),
            bundled_data=Path(env.get("AIKG_BUNDLED_DATA", str(defaults.bundled_data))),
            host=env.get("AIKG_HOST", defaults.host),
            port=_integer(env, "AIKG_PORT", defaults.port),
            graphiql=_flag(env, "AIKG_GRAPHIQL", defaults.graphiql),
            max_page_size=_integer(env, "AIKG_MAX_PAGE_SIZE", defaults.max_page_size),
            neo4j_uri=env.get("NEO4J_URI", defaults.neo4j_uri),
            neo4j_user=env.get("NEO4J_USER", defaults.neo4j_user),
            neo4j_password=env.get("NEO4J_PASSWORD"),
            neo4j_database=env.get("NEO4J_DATABASE", defaults.neo4j_database),
            batch_size=_integer(env, "AIKG_BATCH_SIZE", defaults.batch_size),
        )


def _integer(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(f"{name}={raw!r} is not a whole number") from None
    if value <= 0:
        raise InvalidInput(f"{name}={raw!r} must be positive")
    return value


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise InvalidInput(f"{name}={raw!r} must be true or false")
