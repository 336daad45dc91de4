"""The one settings declaration: each setting once, with its variable, default and meaning.

`Settings` is a frozen dataclass (cheap to import, `dataclasses.replace` works); each field
declares its environment variable and description. `Settings.from_env` reads a mapping (the
entry points pass `os.environ`; nothing else reads the environment) through a pydantic-settings
model built from these same fields, loaded only when the mapping sets one of the variables
(with none set the settings are the defaults, which that model accepts unchanged: a test
checks), so `aikg --help`, and a command run with no variable set, do not pay for it.
docs/configuration.md's table is generated from the fields (`make docs`; a test checks it).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import InvalidInput

if TYPE_CHECKING:
    from pydantic_settings import BaseSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIN_KEY_LENGTH = 16
MAX_WRITERS = 16  # more write transactions at once than Bolt workers help nothing


def setting(env: str, doc: str, *, positive: bool = False, most: int | None = None,
            secret: bool = False) -> dict[str, Any]:
    """A field's declaration: its environment variable, what it means, how it is checked."""
    return {"env": env, "doc": doc, "positive": positive, "most": most, "secret": secret}


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Defaults are for a laptop: embedded store in ./.aikg."""

    store: str = field(default="embedded", metadata=setting(
        "AIKG_STORE", "which store to use: `embedded` (one SQLite file) or `neo4j`"))
    data_dir: Path = field(default=Path(".aikg"), metadata=setting(
        "AIKG_DATA_DIR",
        "where the embedded store keeps `graph.sqlite` (git-ignored); relative to the folder a "
        "command runs in, resolved once and named on stderr"))
    bundled_data: Path = field(default=PROJECT_ROOT / "data", metadata=setting(
        "AIKG_BUNDLED_DATA", "what `aikg ingest` loads when given no path"))
    host: str = field(default="127.0.0.1", metadata=setting(
        "AIKG_HOST", "where `aikg serve` listens (loopback)"))
    port: int = field(default=8000, metadata=setting(
        "AIKG_PORT", "the port `aikg serve` listens on", positive=True))
    graphiql: bool = field(default=True, metadata=setting(
        "AIKG_GRAPHIQL", "serve the GraphiQL IDE at `/graphql`"))
    web_dir: Path = field(default=PROJECT_ROOT / "web" / "dist", metadata=setting(
        "AIKG_WEB_DIR", "the explorer and GraphiQL assets `make web` builds"))
    max_page_size: int = field(default=100, metadata=setting(
        "AIKG_MAX_PAGE_SIZE", "the largest `first`/`last` a list accepts", positive=True))
    neo4j_uri: str = field(default="bolt://127.0.0.1:7687", metadata=setting(
        "NEO4J_URI", "the Neo4j store's server"))
    neo4j_user: str = field(default="neo4j", metadata=setting("NEO4J_USER", "the Neo4j user"))
    neo4j_password: str | None = field(default=None, repr=False, metadata=setting(
        "NEO4J_PASSWORD", "the Neo4j password (no default)", secret=True))
    neo4j_database: str = field(default="neo4j", metadata=setting(
        "NEO4J_DATABASE", "the Neo4j database"))
    batch_size: int = field(default=5000, metadata=setting(
        "AIKG_BATCH_SIZE", "rows per Neo4j write transaction", positive=True))
    writers: int = field(default=2, metadata=setting(
        "AIKG_WRITERS",
        f"Neo4j write transactions at once during an ingest (1 to {MAX_WRITERS})", positive=True,
        most=MAX_WRITERS))
    # Limits of the GraphQL API (api/gql/limits.py): every request is checked against them.
    max_query_depth: int = field(default=12, metadata=setting(
        "AIKG_MAX_QUERY_DEPTH", "the deepest field nesting a query may have", positive=True))
    max_tokens: int = field(default=2000, metadata=setting(
        "AIKG_MAX_TOKENS", "the largest query document, in tokens", positive=True))
    max_aliases: int = field(default=20, metadata=setting(
        "AIKG_MAX_ALIASES", "the most aliased fields in one query", positive=True))
    cost_budget: int = field(default=50_000, metadata=setting(
        "AIKG_COST_BUDGET",
        "the largest estimated cost of a query (objects it can return)", positive=True))
    request_timeout: float = field(default=10.0, metadata=setting(
        "AIKG_REQUEST_TIMEOUT",
        "seconds before a request is stopped (its work too)", positive=True))
    max_body_bytes: int = field(default=8 * 1024 * 1024, metadata=setting(
        "AIKG_MAX_BODY_BYTES", "the largest request body accepted (else 413)", positive=True))
    introspection: bool = field(default=True, metadata=setting(
        "AIKG_INTROSPECTION", "answer `__schema` / `__type` queries"))
    hub_degree: int = field(default=500, metadata=setting(
        "AIKG_HUB_DEGREE", "entities with more relations are hubs, never expanded", positive=True))
    max_neighbours: int = field(default=5000, metadata=setting(
        "AIKG_MAX_NEIGHBOURS",
        "neighbours one neighbourhood may find (then `truncated`)", positive=True))
    traversal_budget: int = field(default=200_000, metadata=setting(
        "AIKG_TRAVERSAL_BUDGET", "relations a path search may read", positive=True))
    max_paths: int = field(default=20, metadata=setting(
        "AIKG_MAX_PATHS", "the largest k of `paths(first: k)`", positive=True))
    write_keys: tuple[str, ...] = field(default=(), repr=False, metadata=setting(
        "AIKG_WRITE_KEYS",
        "comma-separated keys (16+ characters) that may call mutations; none: the schema has no "
        "`Mutation`", secret=True))
    debug: bool = field(default=False, metadata=setting(
        "AIKG_DEBUG", "show the traceback of an internal error (exit status 3)"))

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Settings from environment variables, with a clear error for a bad value."""
        if not any(f.metadata["env"] in env for f in fields(cls)):
            return cls()  # nothing to read: the declared defaults
        from pydantic import ValidationError

        reader = _reader()
        try:
            read = reader(**_given_source(reader, env)())
        except ValidationError as exc:
            raise _invalid(exc, env) from None
        values: dict[str, Any] = read.model_dump()
        if any(len(key) < MIN_KEY_LENGTH for key in values["write_keys"]):
            raise InvalidInput(f"AIKG_WRITE_KEYS: every key must be at least "
                               f"{MIN_KEY_LENGTH} characters long")
        return cls(**values)


def declared() -> list[tuple[str, str, Any, str]]:
    """Each setting as (field, variable, default, description), in declaration order."""
    return [(f.name, f.metadata["env"], f.default, f.metadata["doc"]) for f in fields(Settings)]


def _invalid(exc: Any, env: Mapping[str, str]) -> InvalidInput:
    error = exc.errors()[0]
    name = str(error["loc"][0]) if error["loc"] else "?"
    secret = {f.metadata["env"] for f in fields(Settings) if f.metadata["secret"]}
    shown = "(not shown)" if name in secret else repr(env.get(name))
    return InvalidInput(f"{name}={shown} is not valid: {error['msg']}")


@functools.cache
def _reader() -> type[BaseSettings]:
    """A pydantic-settings model with one field per `Settings` field, read by its variable."""
    from pydantic import BeforeValidator, Field, create_model
    from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

    class _Base(BaseSettings):
        model_config = SettingsConfigDict(case_sensitive=True, extra="ignore")

        @classmethod
        def settings_customise_sources(cls, settings_cls: type[BaseSettings],
                                       init_settings: Any, *_others: Any,
                                       **_named: Any) -> tuple[Any, ...]:
            return (init_settings,)  # only what `from_env` hands over: the mapping it was given

    hints = typing.get_type_hints(Settings)
    declared_fields: dict[str, Any] = {}
    for item in fields(Settings):
        kind: Any = hints[item.name]
        if kind == tuple[str, ...]:
            kind = typing.Annotated[kind, NoDecode, BeforeValidator(_comma_separated)]
        declared_fields[item.name] = (kind, Field(
            item.default, validation_alias=str(item.metadata["env"]),
            description=str(item.metadata["doc"]), gt=0 if item.metadata["positive"] else None,
            le=item.metadata["most"]))
    model: type[BaseSettings] = create_model("SettingsFromEnvironment", __base__=_Base,
                                             **declared_fields)
    return model


def _given_source(reader: type[BaseSettings], env: Mapping[str, str]) -> Any:
    """pydantic-settings' environment source, reading `env` instead of `os.environ`."""
    from pydantic_settings import EnvSettingsSource

    class _Given(EnvSettingsSource):
        def _load_env_vars(self) -> Mapping[str, str | None]:
            return {key: value for key, value in env.items()}

    return _Given(reader, case_sensitive=True)


def _comma_separated(raw: object) -> object:
    if isinstance(raw, str):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw
