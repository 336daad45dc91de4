"""The explorer and GraphiQL in a real headless Chromium with every other host unresolvable:
each page renders, works, and asks nothing of any host but the aikg server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.e2e.browser import console_errors, keep_screenshot, requested_urls

FOUNDING_QUOTE = (
    "scraped 3 billion images from the internet including from Facebook, Youtube, and Venmo"
)


def wait_for(driver: webdriver.Chrome, found: Callable[[], object], what: str) -> object:
    return WebDriverWait(driver, 20, poll_frequency=0.1).until(lambda _d: found(), message=what)


def css(driver: webdriver.Chrome, selector: str) -> WebElement:
    element = wait_for(driver, lambda: (driver.find_elements(By.CSS_SELECTOR, selector) or
                                        [None])[0], f"no {selector}")
    assert isinstance(element, WebElement)
    return element


def only_local(driver: webdriver.Chrome, server_url: str) -> list[str]:
    """Every URL asked since the last check; fails on one for another host."""
    urls = requested_urls(driver)
    host = urlsplit(server_url).netloc
    outside = [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
               and urlsplit(u).netloc != host]
    assert outside == [], f"pages asked other hosts: {outside}"
    return urls


def scroll_to(driver: webdriver.Chrome, element: WebElement) -> WebElement:
    """Brings an element to the top of the window, below the sticky header."""
    driver.execute_script("window.scrollTo(0, arguments[0].getBoundingClientRect().top"
                          " + window.scrollY - 70)", element)
    return element


@pytest.fixture(autouse=True)
def _fresh_logs(browser: webdriver.Chrome) -> None:
    requested_urls(browser)
    console_errors(browser)


def test_graphiql_renders_and_runs_a_query_offline(
    browser: webdriver.Chrome, server_url: str, screenshots: Path
) -> None:
    browser.get(f"{server_url}/graphql")
    css(browser, ".graphiql-container .CodeMirror")
    css(browser, '[aria-label="Show GraphiQL Explorer"]').click()
    css(browser, ".graphiql-explorer-root")
    css(browser, ".graphiql-execute-button").click()
    result = css(browser, 'section[aria-label="Result Window"]')
    wait_for(browser, lambda: "Clearview AI" in result.text, "the query's answer")
    assert "Venmo" in result.text or "Facebook" in result.text
    keep_screenshot(browser, screenshots, "graphiql")
    urls = only_local(browser, server_url)
    assert any(u.endswith("/static/graphiql.js") for u in urls)
    assert console_errors(browser) == []


def test_search_open_expand_and_find_a_path(
    browser: webdriver.Chrome, server_url: str, screenshots: Path
) -> None:
    browser.get(f"{server_url}/?q=Clearview")
    first = css(browser, "#results li a")
    assert first.text == "Clearview AI"
    first.click()
    wait_for(browser, lambda: browser.current_url.endswith("/entity/clearview-ai"), "entity URL")
    group = css(browser, 'details[data-group="SCRAPED_FROM OUT"]')
    for platform in ("Facebook", "YouTube", "Venmo"):
        assert platform in group.text
    assert FOUNDING_QUOTE in group.text
    assert "Clearview" in css(browser, "#aliases").text
    glance = css(browser, "#glance")
    assert "FINED" in glance.text
    wait_for(browser, lambda: "SUED" in css(browser, "#timeline").text, "the timeline")
    keep_screenshot(browser, screenshots, "explorer-entity")
    scroll_to(browser, group)
    keep_screenshot(browser, screenshots, "explorer-evidence")

    scroll_to(browser, css(browser, "#show-network")).click()
    status = css(browser, "#network-status")
    shown = lambda: int(status.get_attribute("data-nodes") or 0)  # noqa: E731
    wait_for(browser, shown, "the network")
    before = shown()
    Select(css(browser, "#network-node")).select_by_value("youtube")
    scroll_to(browser, css(browser, "#expand-node")).click()
    wait_for(browser, lambda: shown() > before, "an expanded network")
    scroll_to(browser, css(browser, "#network-section"))
    keep_screenshot(browser, screenshots, "explorer-network")

    browser.get(f"{server_url}/paths")
    typed = css(browser, "#path-from")
    typed.send_keys("Venmo")
    css(browser, '#path-from-list li[data-entity="venmo"]')
    typed.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    assert typed.get_attribute("value") == "venmo"
    css(browser, "#path-to").send_keys("dutch-data-protection-authority", Keys.ENTER)
    wait_for(browser, lambda: "/paths?from=venmo" in browser.current_url, "a shareable path URL")
    path = css(browser, "#paths .path")
    assert "SCRAPED_FROM" in path.text and "FINED" in path.text
    assert path.find_elements(By.CSS_SELECTOR, "blockquote"), "each step shows its evidence"
    keep_screenshot(browser, screenshots, "explorer-paths")
    only_local(browser, server_url)
    assert console_errors(browser) == []


def test_search_as_you_type_by_keyboard(browser: webdriver.Chrome, server_url: str) -> None:
    browser.get(f"{server_url}/")
    css(browser, ".cards")
    css(browser, "body").send_keys("/")
    box = browser.switch_to.active_element
    assert box.get_attribute("id") == "q"
    box.send_keys("clearv")
    css(browser, '#suggestions li[data-entity="clearview-ai"]')
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    wait_for(browser, lambda: browser.current_url.endswith("/entity/clearview-ai"), "entity URL")
    assert css(browser, "h1").text == "Clearview AI"
    browser.back()
    wait_for(browser, lambda: browser.find_elements(By.CSS_SELECTOR, ".cards"), "back home")
    only_local(browser, server_url)
