"""`aikg serve` in a subprocess on 127.0.0.1 over the bundled data (what `make run` serves), and
one headless Chromium for the session. Screenshots go to AIKG_SCREENSHOT_DIR (`make screenshots`
sets docs/screenshots) or to a temporary folder."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver

from api.web import BUILD_HINT, missing_assets
from graph.settings import Settings
from tests.cli_runner import AIKG, aikg
from tests.e2e.browser import missing_browser, start_chromium
from tests.support.ports import free_loopback_port

WEB_DIR = Settings().web_dir



def _wait_healthy(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"aikg serve exited: {server.communicate()[1]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("aikg serve did not answer /health within 60 s")


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    missing = missing_assets(WEB_DIR)
    assert not missing, f"web assets missing in {WEB_DIR}: {missing}; run `{BUILD_HINT}`"
    data_dir = tmp_path_factory.mktemp("e2e-store")
    aikg(data_dir, "ingest", check=True)
    port = free_loopback_port()
    env = {**os.environ, "AIKG_DATA_DIR": str(data_dir), "AIKG_HOST": "127.0.0.1"}
    env.pop("AIKG_STORE", None)
    server = subprocess.Popen([*AIKG, "serve", "--port", str(port)], env=env, text=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    problem = missing_browser()
    assert problem is None, problem
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("AIKG_SCREENSHOT_DIR")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
