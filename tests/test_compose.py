"""docker-compose.yml: valid against the Compose Specification, and safe by construction.

`docker compose` cannot run here, so the file is checked statically: the Compose
Specification JSON schema (check-jsonschema's vendored copy), every `depends_on` names a
service, no secret has a default, every port is loopback-only, the images are pinned.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from graph.settings import PROJECT_ROOT

COMPOSE = PROJECT_ROOT / "docker-compose.yml"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
_SECRET = r"\w*(?:PASSWORD|SECRET|TOKEN|AUTH|KEY)\w*"
_DEFAULTED = re.compile(r"\$\{(" + _SECRET + r")(?::?[-=+])")


def compose_problems(text: str) -> list[str]:
    """What is wrong with a compose file beyond its schema."""
    problems = [f"secret {m.group(1)} has a default value" for m in _DEFAULTED.finditer(text)]
    spec: dict[str, Any] = yaml.safe_load(text)
    services: dict[str, Any] = spec.get("services") or {}
    for name, service in services.items():
        depends = service.get("depends_on") or []
        for other in depends if isinstance(depends, list) else list(depends):
            if other not in services:
                problems.append(f"{name} depends on {other!r}, which is no service")
        for port in service.get("ports") or []:
            if not str(port).startswith("127.0.0.1:"):
                problems.append(f"{name} publishes {port} beyond 127.0.0.1")
        image = service.get("image", "")
        if "build" not in service and not re.search(r":\d+\.\d+\.\d+", image):
            problems.append(f"{name} uses an unpinned image {image!r}")
    return problems


def test_compose_file_matches_the_compose_specification() -> None:
    assert CHECK_JSONSCHEMA.is_file(), "check-jsonschema is in the dev extra: make install-dev"
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_compose_file_is_safe() -> None:
    assert compose_problems(COMPOSE.read_text(encoding="utf-8")) == []


def test_the_checks_catch_what_they_are_for() -> None:
    bad = """
services:
  db:
    image: neo4j:latest
    environment: {NEO4J_AUTH: "neo4j/${NEO4J_PASSWORD:-changeme}"}
    ports: ["7687:7687"]
  api:
    build: .
    depends_on: [db, cache]
"""
    assert compose_problems(bad) == [
        "secret NEO4J_PASSWORD has a default value",
        "db publishes 7687:7687 beyond 127.0.0.1",
        "db uses an unpinned image 'neo4j:latest'",
        "api depends on 'cache', which is no service",
    ]


def test_the_stack_is_neo4j_5_lts_with_apoc_an_api_and_a_one_shot_ingest() -> None:
    spec = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    services = spec["services"]
    neo4j = services["neo4j"]
    assert re.fullmatch(r"neo4j:5\.26\.\d+-community", neo4j["image"])
    assert "apoc" in neo4j["environment"]["NEO4J_PLUGINS"] and "healthcheck" in neo4j
    assert {v.split(":")[0] for v in neo4j["volumes"]} <= set(spec["volumes"])
    for name in ("api", "ingest"):
        assert services[name]["build"] == "."
        assert services[name]["environment"]["AIKG_STORE"] == "neo4j"
        assert services[name]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert services["ingest"]["restart"] == "no"
    assert services["api"]["depends_on"]["ingest"]["condition"] == "service_completed_successfully"


def test_the_image_carries_the_bundled_data_and_no_password_is_committed() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY data ./data" in dockerfile and "AIKG_BUNDLED_DATA=/app/data" in dockerfile
    example = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^NEO4J_PASSWORD=$", example, re.MULTILINE)
    assert ".env" in (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in (PROJECT_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
