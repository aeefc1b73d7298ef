"""A person with a browser: headless Chromium (Debian's chromium + chromium-driver) driven by Selenium.

Opens the home page, an agreement's page in Korean then English (by its language switch), runs a shipped
query from the query page, then every kind of page in both languages at a phone's width (420 px) and a
desktop's (1400 px): no console error, no horizontal overflow, Korean kept whole (``word-break: keep-all``).
The static site's query and search pages are opened from ``file://``. Screenshots are saved under pytest's
tmp_path (the path is printed). Without chromium the tests skip, unless CI=true, where they fail.
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
    # answers people can read: the agreement by its label (its IRI in the link's title), literals as values
    assert "서울특별시-세종특별자치시 교류강화 업무협약" in table and "2004" in table
    assert "^^" not in table and "xsd:" not in table and "<http" not in table
    link = browser.find_element(By.CSS_SELECTOR, '.yasr table a.iri[data-iri$="/agreement/seoul-sejong-2023"]')
    assert link.get_attribute("href").endswith("/id/agreement/seoul-sejong-2023/index.en.html")
    assert browser.find_element(By.ID, "question-text").text.startswith("Every agreement")
    editor = browser.execute_script("return window.mougraphYasgui.getTab().getYasqe().getValue()")
    assert "# Every agreement" not in editor and "SELECT" in editor
    browser.save_screenshot(str(tmp_path / "query.png"))
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert any("yasgui.min.js" in url for url in loaded)
    assert all(url.startswith(server.url + "/") for url in loaded), "the query page reached outside the server"
    for name in ("home", "agreement-ko", "agreement-en", "query"):
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000

    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


# --- every kind of page, in both languages, at two widths ---------------------------------------------

PAGES = {
    "home": "/index{en}.html",
    "government": "/id/org/seoul/index{en}.html",
    "agreement": "/id/agreement/seoul-sejong-2023/index{en}.html",
    "announced-agreement": "/id/agreement/seoul-daejeon-2023/index{en}.html",
    "person": "/id/person/oh-se-hoon/index{en}.html",
    "document": "/id/source/press-release-2023-04-10/index{en}.html",
    "domain": "/id/domain/culture-sports/index{en}.html",
    "generic": "/id/event/2023-04-10-seoul-sejong-talks/index{en}.html",
    "dataset": "/id/dataset/index{en}.html",
    "index": "/id/org/index{en}.html",
    "kinds": "/id/index{en}.html",
    "search": "/search{en}.html?q=%EC%84%B8%EC%A2%85",
    "query": "/query{en}.html",
}
#: What each kind of page must show, in each language (from the data files and the catalogue).
EXPECTED = {
    "government": ("서울특별시", "Seoul"), "agreement": ("협약 요약", "The agreement at a glance"),
    "person": ("맡은 직위", "Offices held"), "document": ("문서의 줄과 그 줄이 말하는 것", "Its passages"),
    "domain": ("이 분야의 협약", "Agreements in this domain"), "index": ("서울특별시", "Seoul"),
}
OVERFLOW = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
#: The elements that reach past the right edge (to say what overflows).
WIDE = """
return Array.from(document.querySelectorAll('main *')).filter(function (el) {
  return el.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
}).slice(0, 5).map(function (el) { return el.tagName + '.' + el.className + ': ' + el.textContent.slice(0, 60); });
"""
#: The Korean words of the page (runs of Hangul) that are laid out on more than one line.
BROKEN_WORDS = """
var broken = [], walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT), node;
while ((node = walker.nextNode())) {
  var re = /[\uac00-\ud7a3]{2,}/g, m;
  if (!node.parentElement || node.parentElement.closest('svg, pre, code, .yasqe')) continue;
  while ((m = re.exec(node.nodeValue))) {
    var range = document.createRange();
    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
    var tops = new Set(Array.from(range.getClientRects()).map(function (r) { return Math.round(r.top); }));
    if (tops.size > 1) broken.push(m[0]);
  }
}
return broken;
"""


def _screenshots(tmp_path_factory):
    folder = tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.parametrize("width", [420, 1400])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_kind_of_page_fits_and_reads(browser, server, tmp_path_factory, lang, width):
    from selenium.webdriver.common.by import By

    folder = _screenshots(tmp_path_factory)
    browser.set_window_size(width, 1000)
    browser.get_log("browser")  # forget what earlier tests logged
    for name, pattern in PAGES.items():
        browser.get(server.url + pattern.format(en="" if lang == "ko" else ".en"))
        wait_for(browser, "return document.readyState === 'complete'")
        assert browser.execute_script("return document.documentElement.lang") == lang, name
        wide = browser.execute_script(WIDE)
        assert browser.execute_script(OVERFLOW) <= 1, f"{name} overflows at {width} px: {wide}"
        assert browser.execute_script("return getComputedStyle(document.body).wordBreak") == "keep-all"
        assert browser.execute_script(BROKEN_WORDS) == [], f"{name}: Korean words broken across lines at {width} px"
        if name in EXPECTED:
            assert EXPECTED[name][0 if lang == "ko" else 1] in browser.find_element(By.TAG_NAME, "main").text, name
        browser.save_screenshot(str(folder / f"{name}-{lang}-{width}.png"))
    print(f"screenshots: {folder}")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


#: Pairs of labels of a picture (the year or count on an edge, the name of a node) that overlap on screen.
COLLIDING = """
var boxes = Array.from(document.querySelectorAll(arguments[0] + ' svg g.edges text, ' + arguments[0] +
    ' svg g.nodes text')).map(function (t) { return [t.textContent, t.getBoundingClientRect()]; });
var out = [];
for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
  var a = boxes[i][1], b = boxes[j][1];
  if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
    out.push(boxes[i][0] + ' / ' + boxes[j][0]);
}
return out;
"""


def test_pictures_labels_do_not_collide(browser, server):
    browser.set_window_size(1400, 1000)
    for path in ("/index.html", "/index.en.html", "/id/org/seoul/index.html", "/id/org/sejong/index.en.html"):
        browser.get(server.url + path)
        assert browser.execute_script(COLLIDING, "#network") == [], path


def test_pages_show_what_an_analyst_looks_for(browser, server):
    from selenium.webdriver.common.by import By

    browser.set_window_size(1400, 1000)
    # a government: its agreements as a sortable table; the 2004 agreement (known by year) sorts first
    browser.get(server.url + "/id/org/seoul/index.en.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "#organisation table.agreements tbody tr")
    assert len(rows) == 7  # data/agreements-*.ttl: seven agreements with Seoul as a party
    assert rows[0].text.startswith("2004")
    browser.find_element(By.CSS_SELECTOR, "#organisation table.agreements thead th button").click()
    browser.find_element(By.CSS_SELECTOR, "#organisation table.agreements thead th button").click()
    first = browser.find_element(By.CSS_SELECTOR, "#organisation table.agreements tbody tr").text
    assert first.startswith("10 Apr 2023")
    assert browser.find_element(By.LINK_TEXT, "Wikidata Q8684").get_attribute("href") == (
        "https://www.wikidata.org/wiki/Q8684")
    # its own pictures: an announced agreement is drawn dashed, the signed ones solid
    dashed = browser.find_elements(By.CSS_SELECTOR, '#network a.edge path[stroke-dasharray="8 4"]')
    assert len(dashed) == 1  # seoul-daejeon-2023 is only announced
    # a generic page: durations and dates for people, inverse properties named in their own direction
    browser.get(server.url + "/id/event/2023-04-10-seoul-sejong-talks/index.en.html")
    text = browser.find_element(By.ID, "properties").get_attribute("textContent")
    assert "10 min" in text and "PT10M" not in text.replace('title="PT10M"', "")
    # a person: the office held, the agreements signed
    browser.get(server.url + "/id/person/oh-se-hoon/index.html")
    assert "서울특별시장" in browser.find_element(By.ID, "terms").find_element(By.XPATH, "..").text


def test_static_site_answers_from_file(browser, web_home, tmp_path_factory):
    """The published site's query page, opened from file://, runs a shipped query with Oxigraph in the browser."""
    from selenium.webdriver.common.by import By

    from tests.support.cli import invoke

    out = tmp_path_factory.mktemp("static-site") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOUGRAPH_HOME", str(web_home))
        assert invoke("publish", "-o", out).exit_code == 0
    browser.set_window_size(1400, 1000)
    browser.get_log("browser")
    browser.get((out / "query.en.html").as_uri())
    wait_for(browser, "return document.getElementById('static-notice').textContent.indexOf('Queries run in') === 0",
             timeout=60)
    browser.find_element(By.CSS_SELECTOR, f'button.run-example[data-name="{EXAMPLE}"]').click()
    rows = wait_for(browser,
                    "var r = document.querySelectorAll('.yasr table tbody tr'); return r.length > 1 && r.length")
    assert rows == 7  # data/agreements-*.ttl: seven agreements
    table = browser.find_element(By.CSS_SELECTOR, ".yasr table").text
    assert "Seoul–Sejong exchange-strengthening MOU (2023)" in table and "^^" not in table
    browser.save_screenshot(str(_screenshots(tmp_path_factory) / "static-query.png"))
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    # the search page works from file:// too, with short names
    browser.get((out / "search.html").as_uri() + "?q=%EC%84%B8%EC%A2%85%EC%8B%9C")  # 세종시, a short name
    hits = browser.find_elements(By.CSS_SELECTOR, "#hits li a")
    assert hits and hits[0].text == "세종특별자치시"


def _fill_and_run_the_form(browser, url: str, queries) -> None:
    """On the Korean query page at ``url``: cq02's form, run with another agreement, then refused values."""
    from selenium.webdriver.common.by import By

    from mougraph.publishing.examples import split_comment
    from mougraph.query.params import bind

    browser.get(url)
    wait_for(browser, "return !!window.mougraphYasgui", timeout=60)
    name = "cq02-agreement-domains.report"
    browser.find_element(By.CSS_SELECTOR, f'button.load-example[data-name="{name}"]').click()
    form = browser.find_element(By.ID, "params")
    assert form.is_displayed() and "질의의 매개변수" in form.text and "묻는 협약 ('*': 모든 협약)" in form.text
    fields = form.find_elements(By.CSS_SELECTOR, "input.param-value")
    assert [f.get_attribute("value") for f in fields] == ["agr:seoul-sejong-2023", "agr:seoul-daejeon-2023"]
    browser.execute_script("arguments[0].value = 'agr:seoul-sejong-2016'; arguments[1].value = '';", *fields)
    browser.find_element(By.ID, "param-run").click()
    rows = wait_for(browser, "var r = document.querySelectorAll('.yasr table tbody tr'); "
                             "return r.length === 3 && r.length")
    assert rows == 3  # the 2016 agreement's three domains (cq04's expected answer)
    editor = browser.execute_script("return window.mougraphYasgui.getTab().getYasqe().getValue()")
    text = (queries / f"{name}.rq").read_text(encoding="utf-8")
    assert editor == split_comment(bind(text, {"agreement": ["agr:seoul-sejong-2016"]}))[1]
    # refused: an IRI with a space, said in Korean; nothing is run, the editor keeps its text
    browser.execute_script("arguments[0].value = 'seoul sejong';", fields[0])
    browser.find_element(By.ID, "param-run").click()
    errors = browser.find_element(By.ID, "param-errors")
    assert errors.is_displayed() and "‘seoul sejong’은(는) IRI가 아닙니다" in errors.text
    assert fields[0].get_attribute("aria-invalid") == "true"
    assert browser.execute_script("return window.mougraphYasgui.getTab().getYasqe().getValue()") == editor
    # a date input: cq06's day, then something that is not a day (the input empties it: asked for again)
    browser.find_element(By.CSS_SELECTOR, 'button.load-example[data-name="cq06-schedule.report"]').click()
    day = browser.find_element(By.CSS_SELECTOR, "#params input.param-value")
    assert day.get_attribute("type") == "date" and day.get_attribute("value") == "2023-04-10"
    assert not browser.find_element(By.ID, "param-errors").is_displayed()
    browser.execute_script("arguments[0].value = 'yesterday';", day)
    browser.find_element(By.ID, "param-run").click()
    assert "day: 값을 적거나 ‘모두’를 고르세요." in browser.find_element(By.ID, "param-errors").text
    # a query without parameters has no form
    browser.find_element(By.CSS_SELECTOR, f'button.load-example[data-name="{EXAMPLE}"]').click()
    assert not browser.find_element(By.ID, "params").is_displayed()
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


def test_the_form_of_a_query_parameters_on_the_server(browser, server, web_home):
    browser.set_window_size(1400, 1000)
    browser.get_log("browser")
    _fill_and_run_the_form(browser, server.url + "/query.html", web_home / "queries")


def test_the_form_of_a_query_parameters_on_the_static_site(browser, web_home, tmp_path_factory):
    from tests.support.cli import invoke

    out = tmp_path_factory.mktemp("static-site-form") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOUGRAPH_HOME", str(web_home))
        assert invoke("publish", "-o", out).exit_code == 0
    browser.set_window_size(1400, 1000)
    browser.get_log("browser")
    _fill_and_run_the_form(browser, (out / "query.html").as_uri(), web_home / "queries")
