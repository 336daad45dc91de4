"""Settings are declared once (graph/settings.py) and read from the environment only there,
through the one entry point that hands the environment over."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from graph.errors import InvalidInput
from graph.settings import PROJECT_ROOT, Settings, _reader, declared

PACKAGES = ("graph", "queries", "ingest", "api")
# Who may touch os.environ, and why. Nothing else in the packages reads the environment.
ALLOWED = {
    "api/cli.py": "the entry point: hands os.environ to Settings.from_env",
}
A_KEY = "k" * 16


def _reads_environment(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv"):
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "os" and any(
                alias.name in ("environ", "environb", "getenv") for alias in node.names):
            return True
    return False


def test_no_module_but_the_entry_point_reads_the_environment() -> None:
    readers = {str(p.relative_to(PROJECT_ROOT)) for package in PACKAGES
               for p in (PROJECT_ROOT / package).rglob("*.py") if _reads_environment(p)}
    assert readers == set(ALLOWED), sorted(readers ^ set(ALLOWED))


def test_every_field_declares_a_variable_and_a_meaning() -> None:
    names = [env for _, env, _, _ in declared()]
    assert len(names) == len(set(names)) == len(fields(Settings))
    assert all(doc and env.startswith(("AIKG_", "NEO4J_")) for _, env, _, doc in declared())


def test_the_environment_gives_every_setting() -> None:
    given = {"AIKG_STORE": "neo4j", "AIKG_DATA_DIR": "/tmp/x", "AIKG_BUNDLED_DATA": "/tmp/d",
             "AIKG_HOST": "0.0.0.0", "AIKG_PORT": "9001", "AIKG_GRAPHIQL": "off",
             "AIKG_WEB_DIR": "/tmp/w", "AIKG_MAX_PAGE_SIZE": "7", "NEO4J_URI": "bolt://h:1",
             "NEO4J_USER": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "db",
             "AIKG_BATCH_SIZE": "3", "AIKG_WRITERS": "1", "AIKG_MAX_QUERY_DEPTH": "4",
             "AIKG_MAX_TOKENS": "5",
             "AIKG_MAX_ALIASES": "6", "AIKG_COST_BUDGET": "8", "AIKG_REQUEST_TIMEOUT": "0.5",
             "AIKG_MAX_BODY_BYTES": "9", "AIKG_INTROSPECTION": "false", "AIKG_HUB_DEGREE": "10",
             "AIKG_MAX_NEIGHBOURS": "11", "AIKG_TRAVERSAL_BUDGET": "12", "AIKG_MAX_PATHS": "13",
             "AIKG_WRITE_KEYS": f"{A_KEY}, {A_KEY}x", "AIKG_DEBUG": "1", "UNRELATED": "x"}
    assert set(given) - {"UNRELATED"} == {env for _, env, _, _ in declared()}
    read = Settings.from_env(given)
    for name, env, default, _ in declared():
        assert getattr(read, name) != default, env
    assert (read.port, read.request_timeout, read.graphiql) == (9001, 0.5, False)
    assert read.write_keys == (A_KEY, f"{A_KEY}x")
    assert read.data_dir == Path("/tmp/x")


def test_no_variable_gives_the_defaults() -> None:
    assert Settings.from_env({}) == Settings()
    assert Settings.from_env({"UNRELATED": "x"}) == Settings()


def test_the_reader_given_nothing_reads_the_defaults() -> None:
    """`from_env` skips pydantic-settings when no variable is set: the reader agrees."""
    assert Settings(**_reader()().model_dump()) == Settings()


def test_no_variable_set_loads_no_settings_reader() -> None:
    probe = ("import sys\nfrom graph.settings import Settings\nSettings.from_env({})\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('pydantic', 'pydantic_settings')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(("env", "raw", "says"), [
    ("AIKG_PORT", "eighty", "AIKG_PORT='eighty' is not valid: Input should be a valid integer"),
    ("AIKG_HUB_DEGREE", "0", "AIKG_HUB_DEGREE='0' is not valid: Input should be greater than 0"),
    ("AIKG_GRAPHIQL", "maybe", "AIKG_GRAPHIQL='maybe' is not valid: Input should be a valid "
                               "boolean"),
    ("AIKG_REQUEST_TIMEOUT", "-1", "AIKG_REQUEST_TIMEOUT='-1' is not valid"),
    ("AIKG_WRITERS", "0", "AIKG_WRITERS='0' is not valid: Input should be greater than 0"),
    ("AIKG_WRITERS", "17", "AIKG_WRITERS='17' is not valid: Input should be less than or equal "
                           "to 16"),
    ("AIKG_WRITE_KEYS", "short", "AIKG_WRITE_KEYS: every key must be at least 16 characters"),
])
def test_a_bad_value_names_the_variable(env: str, raw: str, says: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Settings.from_env({env: raw})
    assert str(refused.value).startswith(says)
    if env == "AIKG_WRITE_KEYS":
        assert raw not in str(refused.value)  # a secret is never echoed
