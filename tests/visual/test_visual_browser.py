"""The interactive HTML page in real headless Chromium (Debian's chromium + chromium-driver via Selenium).

Nothing is downloaded: Selenium is given /usr/bin/chromedriver and /usr/bin/chromium explicitly
(install them with tests/system-deps.sh). The page is opened from a file:// URL with the network
features of Chromium switched off, so it must work offline.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from exporters.visual import write_html
from kg.analysis import filter_graph

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (run tests/system-deps.sh)",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1400,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(browser: webdriver.Chrome, G: nx.Graph, path: Path) -> list[dict]:
    write_html(G, path, title="kg seeds")
    browser.get_log("browser")  # drop anything logged before this page
    browser.get(path.as_uri())
    WebDriverWait(browser, 60).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    return browser.get_log("browser")


def test_page_loads_counts_searches_and_shows_evidence(
    browser: webdriver.Chrome, seeds_graph: nx.MultiDiGraph, tmp_path: Path, artifacts: Path
) -> None:
    logs = _open(browser, seeds_graph, tmp_path / "seeds.html")
    assert [entry for entry in logs if entry["level"] in ("SEVERE", "WARNING")] == []

    # every node of the graph is on the page, and the status line says so
    assert browser.execute_script("return window.kgView.cy.nodes().length") == seeds_graph.number_of_nodes()
    assert browser.execute_script("return window.kgView.cy.edges().length") == seeds_graph.number_of_edges()
    status = browser.find_element(By.ID, "status").text
    assert status.startswith(f"{seeds_graph.number_of_nodes()} of {seeds_graph.number_of_nodes()} nodes shown")

    # the search box finds a node by name, case-insensitively: the most connected dataset that no other node
    # covers in the layout (a click on a covered node selects the node on top, as it would for a user)
    datasets = sorted(
        (n for n, t in seeds_graph.nodes(data="type") if t == "Dataset"),
        key=lambda n: (-seeds_graph.degree(n), n),
    )
    uncovered = browser.execute_script(
        "var cy = window.kgView.cy; return arguments[0].filter(function (id) {"
        "  var p = cy.getElementById(id).position();"
        "  return cy.nodes().filter(function (m) { if (m.id() === id) return false; var b = m.boundingBox();"
        "    return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2; }).length === 0; });",
        datasets,
    )
    entity = uncovered[0]
    name = seeds_graph.nodes[entity]["name"]
    box = browser.find_element(By.ID, "search")
    box.send_keys(name.lower())
    matches = browser.execute_script("return window.kgView.cy.nodes('.match').map(n => n.id())")
    assert entity in matches
    assert browser.find_element(By.ID, "search-count").text.endswith(("match", "matches"))

    # zoom in on the node as a user would, then click it (a real mouse click on the canvas)
    pos = browser.execute_script(
        "var cy = window.kgView.cy, n = cy.getElementById(arguments[0]);"
        "cy.zoom(3); cy.center(n); var p = n.renderedPosition();"
        "var box = document.getElementById('cy').getBoundingClientRect(); return [p.x, p.y, box.width, box.height];",
        entity,
    )
    canvas = browser.find_element(By.ID, "cy")
    ActionChains(browser).move_to_element_with_offset(
        canvas, pos[0] - pos[2] / 2, pos[1] - pos[3] / 2
    ).click().perform()
    details = browser.find_element(By.ID, "details")
    WebDriverWait(browser, 10).until(lambda d: details.find_element(By.TAG_NAME, "h2").text == name)
    papers = {p for p in nx.all_neighbors(seeds_graph, entity) if seeds_graph.nodes[p]["type"] == "Paper"}
    assert f"papers ({len(papers)})" in details.text.lower()
    sentences = [e.text for e in details.find_elements(By.CLASS_NAME, "evidence")]
    assert sentences and all(s.startswith("“") for s in sentences)
    browser.save_screenshot(str(artifacts / "html-seeds-search.png"))

    # filtering out papers hides exactly the papers
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    assert browser.execute_script("return window.kgView.cy.nodes('.faded').length") == 0
    browser.find_element(By.CSS_SELECTOR, "input[data-type='Paper']").click()
    shown = seeds_graph.number_of_nodes() - sum(1 for _, t in seeds_graph.nodes(data="type") if t == "Paper")
    assert browser.find_element(By.ID, "status").text.startswith(f"{shown} of ")
    browser.save_screenshot(str(artifacts / "html-seeds-no-papers.png"))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_filtered_page_has_the_filtered_count(
    browser: webdriver.Chrome, seeds_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    small = filter_graph(seeds_graph, min_papers=3)
    logs = _open(browser, small, tmp_path / "small.html")
    assert [entry for entry in logs if entry["level"] == "SEVERE"] == []
    assert browser.execute_script("return window.kgView.cy.nodes().length") == small.number_of_nodes()
