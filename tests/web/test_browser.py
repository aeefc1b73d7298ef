"""A person with a browser: headless Chromium (Debian's chromium + chromium-driver) driven by Selenium.

Opens the home page, an agreement's page in Korean then English (by its language
switch), runs a shipped query from the query page, and saves screenshots under
pytest's tmp_path. Without chromium the test skips, unless CI=true, where it fails.
"""

from __future__ import annotations

import os
import shutil

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1800"]
EXAMPLE = "w01-agreements.report"  # tests/web/fixtures/queries: every agreement, one row each


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and DRIVER):
        missing = "chromium" if not CHROMIUM else "chromedriver"
        message = f"{missing} not found: install Debian's chromium and chromium-driver (.ci/run does on CI)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver, script: str, timeout: float = 15):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script))


def test_a_person_browses_the_graph(browser, server, tmp_path):
    from selenium.webdriver.common.by import By

    # the home page: description, the two pictures, the list of agreements
    browser.get(server.url + "/index.html")
    assert browser.execute_script("return document.documentElement.lang") == "ko"
    assert "지방자치단체" in browser.find_element(By.ID, "title").text
    edges = browser.find_elements(By.CSS_SELECTOR, "#network svg a.edge")
    marks = browser.find_elements(By.CSS_SELECTOR, "#timeline svg a.agreement")
    assert len(edges) >= 7 and len(marks) == len(edges)
    assert browser.execute_script("return document.querySelector('#network svg').getBoundingClientRect().width") > 300
    browser.save_screenshot(str(tmp_path / "home.png"))

    # following a picture's edge leads to the agreement's page, in Korean
    sejong = browser.find_element(By.CSS_SELECTOR, '#network svg a.edge[href*="seoul-sejong-2023"] text')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", sejong)
    sejong.click()
    wait_for(browser, "return location.pathname.indexOf('/id/agreement/seoul-sejong-2023/') === 0")
    assert browser.find_element(By.ID, "title").text == "서울특별시-세종특별자치시 교류강화 업무협약"
    assert "당사자" in browser.find_element(By.ID, "agreement").text
    browser.save_screenshot(str(tmp_path / "agreement-ko.png"))

    # its language switch gives the same page in English
    browser.find_element(By.ID, "lang-switch").click()
    wait_for(browser, "return document.documentElement.lang === 'en'")
    assert browser.find_element(By.ID, "title").text == "Seoul–Sejong exchange-strengthening MOU (2023)"
    assert "Parties" in browser.find_element(By.ID, "agreement").text
    sources = browser.find_elements(By.CSS_SELECTOR, "#sources ol.passages > li")
    assert len(sources) >= 5
    browser.save_screenshot(str(tmp_path / "agreement-en.png"))

    # the query page runs a shipped query against the endpoint and shows the table
    browser.get(server.url + "/query.en.html")
    wait_for(browser, "return !!window.mougraphYasgui")
    browser.find_element(By.CSS_SELECTOR, f'button.run-example[data-name="{EXAMPLE}"]').click()
    rows = wait_for(browser,
                    "var r = document.querySelectorAll('.yasr table tbody tr'); return r.length > 1 && r.length")
    assert rows >= 7
    table = browser.find_element(By.CSS_SELECTOR, ".yasr table").text
    assert "seoul-sejong-2023" in table and "2004" in table
    browser.save_screenshot(str(tmp_path / "query.png"))
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert any("yasgui.min.js" in url for url in loaded)
    assert all(url.startswith(server.url + "/") for url in loaded), "the query page reached outside the server"
    for name in ("home", "agreement-ko", "agreement-en", "query"):
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000

    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
