"""The one settings object; built from AIKG_* and NEO4J_* variables only by the entry points."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
    web_dir: Path = PROJECT_ROOT / "web" / "dist"  # AIKG_WEB_DIR: the built explorer and GraphiQL
    max_page_size: int = 100  # AIKG_MAX_PAGE_SIZE: largest `first`/`last` a list accepts
    neo4j_uri: str = "bolt://127.0.0.1:7687"  # NEO4J_URI
    neo4j_user: str = "neo4j"  # NEO4J_USER
    neo4j_password: str | None = field(default=None, repr=False)  # NEO4J_PASSWORD: no default
    neo4j_database: str = "neo4j"  # NEO4J_DATABASE
    batch_size: int = 1000  # AIKG_BATCH_SIZE: rows per Neo4j write transaction
    # Limits of the GraphQL API (api/gql/limits.py): every request is checked against them.
    max_query_depth: int = 12  # AIKG_MAX_QUERY_DEPTH: deepest field nesting a query may have
    max_tokens: int = 2000  # AIKG_MAX_TOKENS: largest query document, in tokens
    max_aliases: int = 20  # AIKG_MAX_ALIASES: most aliased fields in one query
    cost_budget: int = 50_000  # AIKG_COST_BUDGET: largest estimated cost (objects returned)
    request_timeout: float = 10.0  # AIKG_REQUEST_TIMEOUT: seconds before a request is stopped
    max_body_bytes: int = 8 * 1024 * 1024  # AIKG_MAX_BODY_BYTES: largest request body accepted
    introspection: bool = True  # AIKG_INTROSPECTION: answer __schema / __type queries
    hub_degree: int = 500  # AIKG_HUB_DEGREE: entities with more relations are hubs
    max_neighbours: int = 5000  # AIKG_MAX_NEIGHBOURS: neighbours one neighbourhood may find
    traversal_budget: int = 200_000  # AIKG_TRAVERSAL_BUDGET: relations a path search may read
    max_paths: int = 20  # AIKG_MAX_PATHS: the largest k of `paths(first: k)`
    # AIKG_WRITE_KEYS: comma-separated keys that may call mutations; none means read-only.
    write_keys: tuple[str, ...] = field(default=(), repr=False)

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
            web_dir=Path(env.get("AIKG_WEB_DIR", str(defaults.web_dir))),
            max_page_size=_integer(env, "AIKG_MAX_PAGE_SIZE", defaults.max_page_size),
            neo4j_uri=env.get("NEO4J_URI", defaults.neo4j_uri),
            neo4j_user=env.get("NEO4J_USER", defaults.neo4j_user),
            neo4j_password=env.get("NEO4J_PASSWORD"),
            neo4j_database=env.get("NEO4J_DATABASE", defaults.neo4j_database),
            batch_size=_integer(env, "AIKG_BATCH_SIZE", defaults.batch_size),
            max_query_depth=_integer(env, "AIKG_MAX_QUERY_DEPTH", defaults.max_query_depth),
            max_tokens=_integer(env, "AIKG_MAX_TOKENS", defaults.max_tokens),
            max_aliases=_integer(env, "AIKG_MAX_ALIASES", defaults.max_aliases),
            cost_budget=_integer(env, "AIKG_COST_BUDGET", defaults.cost_budget),
            request_timeout=_seconds(env, "AIKG_REQUEST_TIMEOUT", defaults.request_timeout),
            max_body_bytes=_integer(env, "AIKG_MAX_BODY_BYTES", defaults.max_body_bytes),
            introspection=_flag(env, "AIKG_INTROSPECTION", defaults.introspection),
            hub_degree=_integer(env, "AIKG_HUB_DEGREE", defaults.hub_degree),
            max_neighbours=_integer(env, "AIKG_MAX_NEIGHBOURS", defaults.max_neighbours),
            traversal_budget=_integer(env, "AIKG_TRAVERSAL_BUDGET", defaults.traversal_budget),
            max_paths=_integer(env, "AIKG_MAX_PATHS", defaults.max_paths),
            write_keys=_keys(env, "AIKG_WRITE_KEYS"),
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


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InvalidInput(f"{name}={raw!r} is not a number of seconds") from None
    if not value > 0:
        raise InvalidInput(f"{name}={raw!r} must be positive")
    return value


def _keys(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Comma-separated secrets; each must be long enough not to be guessed."""
    keys = tuple(k.strip() for k in env.get(name, "").split(",") if k.strip())
    if any(len(k) < 16 for k in keys):
        raise InvalidInput(f"{name}: every key must be at least 16 characters long")
    return keys


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise InvalidInput(f"{name}={raw!r} must be true or false")
