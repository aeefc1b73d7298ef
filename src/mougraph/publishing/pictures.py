"""Two pictures of the graph, as SVG: who cooperates with whom, and when.

- :func:`network_svg`: organisations as nodes, agreements as edges (one edge per
  pair of parties of an agreement), each edge labelled and coloured by its year;
- :func:`timeline_svg`: every agreement on a time axis; an agreement known only by
  its year is drawn as a band over that year, one known to the day as a dot.

With more than :data:`MAX_EDGES` agreements (a dataset of hundreds), a circle of every body with an edge per
agreement is a tangle that answers nothing: the network then aggregates — the :data:`MAX_NODES` bodies with the
most agreements, one edge per pair whose width and label give how many agreements the two share (colour: the
latest one's year) — and the timeline counts the agreements of each year (solid: signed, hollow: announced).
Every agreement stays in the table beside the picture and on each body's own page, whose picture is its own.

Both are built with ElementTree (well-formed, escaped), labelled in one language (their
words are messages of :mod:`mougraph.publishing.i18n`), and link every node and agreement
to its page (relative to the page ``here``).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from mougraph.publishing.body_tables import DATE_POSITIONS, point_facts
from mougraph.publishing.i18n import message
from mougraph.publishing.site import Site
from mougraph.vocab import MG

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"
#: One colour per year (cycled), readable on white; colour-blind-safe Okabe–Ito order.
#: Above this many agreements the network shows only the MAX_NODES busiest bodies, one edge per pair labelled
#: with its count, and the timeline counts agreements per year instead of naming each.
MAX_EDGES = 60
MAX_NODES = 16
MAX_MARKS = 60
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


@dataclass
class AgreementPoint:
    """An agreement as the pictures need it."""

    iri: URIRef
    parties: list[URIRef]
    year: int | None
    when: float | None  # a fractional year; the middle of the year when only the year is known
    precise: bool  # known to the day (or better)
    date_text: str
    signed: bool = True  # status signed (drawn solid); announced or planned ones are dashed or hollow


def _date_of(site: Site, agreement, dates: dict | None = None) -> tuple[int | None, float | None, bool, str]:
    """dates: each ``mg:date`` value of ``agreement`` with its positions, when a query found them already."""
    g = site.graph
    for value in (g.objects(agreement, MG.date) if dates is None else dates):
        candidates = [value] if isinstance(value, Literal) else [
            o for p in DATE_POSITIONS for o in g.objects(value, p)] if dates is None else dates[value]
        for lit in candidates:
            text = str(lit)
            try:
                year = int(text[:4])
            except ValueError:
                continue
            if len(text) >= 10:
                try:
                    day = date.fromisoformat(text[:10])
                except ValueError:
                    return year, year + 0.5, False, text[:4]
                return year, year + (day.timetuple().tm_yday - 0.5) / 366, True, text[:10]
            return year, year + 0.5, False, text[:4]
    return None, None, False, ""


def _point(site: Site, agreement, facts: dict | None = None) -> AgreementPoint | None:
    """``agreement`` as the pictures draw it; None when it is not an agreement. facts: its parties, statuses and
    dates when a query found them (:func:`~mougraph.publishing.body_tables.point_facts`)."""
    g = site.graph
    if facts is None and (not isinstance(agreement, URIRef) or (agreement, RDF.type, MG.Agreement) not in g):
        return None
    parties = sorted(p for p in (g.objects(agreement, MG.party) if facts is None else facts["party"])
                     if isinstance(p, URIRef))
    year, when, precise, text = _date_of(site, agreement, None if facts is None else facts["date"])
    statuses = set(g.objects(agreement, MG.status)) if facts is None else facts["status"]
    signed = not statuses or any(str(s).rstrip("/").endswith("/signed") for s in statuses)
    return AgreementPoint(agreement, parties, year, when, precise, text, signed)


def agreement_points(site: Site, focus=None) -> list[AgreementPoint]:
    """Every agreement with its parties and date (those of ``focus`` only, if given), oldest first, undated last."""
    agreements = site.graph.subjects(MG.party, focus) if focus is not None else site.graph.subjects(
        RDF.type, MG.Agreement)
    kept = site.memo.setdefault("agreement_points", {})  # each government's page draws its agreements twice
    agreements = set(agreements)
    facts = point_facts(site, focus) if isinstance(focus, URIRef) and not agreements <= kept.keys() else {}
    points = []
    for agreement in agreements:
        if agreement not in kept:
            kept[agreement] = _point(site, agreement, facts.get(agreement))
        if kept[agreement] is not None:
            points.append(kept[agreement])
    points.sort(key=lambda a: (a.when is None, a.when or 0, str(a.iri)))
    return points


def year_colours(points: list[AgreementPoint]) -> dict[int, str]:
    years = sorted({p.year for p in points if p.year is not None})
    return {year: PALETTE[i % len(PALETTE)] for i, year in enumerate(years)}


def _svg(width: int, height: int, title: str) -> ET.Element:
    root = ET.Element("svg", {"xmlns": SVG_NS, "viewBox": f"0 0 {width} {height}", "width": str(width),
                              "height": str(height), "role": "img", "font-family": FONT,
                              "aria-label": title})
    ET.SubElement(root, "title").text = title
    return root


def _text(parent, x, y, text, **attrs) -> ET.Element:
    named = {k.replace("_", "-"): str(v) for k, v in attrs.items()}
    el = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **named})
    el.text = text
    return el


def _link(parent, site: Site, iri, lang: str, here: str, title: str) -> ET.Element:
    href = site.href(iri, lang, here)
    node = ET.SubElement(parent, "a", {"href": href}) if href else ET.SubElement(parent, "g")
    ET.SubElement(node, "title").text = title
    return node


def _to_string(root: ET.Element) -> str:
    ET.register_namespace("", SVG_NS)
    return ET.tostring(root, encoding="unicode")


def _text_width(text: str, size: float = 12) -> float:
    return sum(size * (1.0 if ord(ch) > 0x1100 else 0.58) for ch in text)


# --- network --------------------------------------------------------------

def network_svg(site: Site, lang: str, here: str = "/index.html", width: int = 760, height: int = 560,
                focus=None) -> str:
    """Organisations (nodes) and agreements (edges, coloured and labelled by year, dashed when not signed)."""
    points = [p for p in agreement_points(site, focus) if len(p.parties) >= 2]
    if not points:
        root = _svg(width, height, message("network_picture", lang))
        _text(root, width / 2, height / 2, message("no_agreements", lang), text_anchor="middle")
        return _to_string(root)
    colours = year_colours(points)
    degree = Counter(party for p in points for party in p.parties)
    first_year = {}
    for p in points:
        for party in p.parties:
            first_year.setdefault(party, p.when if p.when is not None else math.inf)
    nodes = sorted(degree, key=lambda n: (-degree[n], site.label(n, lang), str(n)))
    aggregated = len(points) > MAX_EDGES
    if aggregated:  # the busiest bodies only, one edge per pair (see the module's docstring)
        nodes = nodes[:MAX_NODES]
        kept = set(nodes)
        points = [p for p in points if sum(party in kept for party in p.parties) >= 2]
    legend_h = _legend_height(colours, width)
    height += legend_h - 56  # the picture grows with its legend
    root = _svg(width, height, message("network_picture", lang))
    cx, cy = width / 2, (height - legend_h) / 2 + 4
    radius = min(width, height - legend_h) / 2 - 70
    pos: dict[URIRef, tuple[float, float]] = {}
    ring = nodes
    hub = nodes[0]
    if len(nodes) > 2 and degree[hub] > len(points) / 2:
        pos[hub] = (cx, cy)
        ring = nodes[1:]
    ring = sorted(ring, key=lambda n: (first_year.get(n, math.inf), site.label(n, lang), str(n)))
    for i, node in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ring)
        pos[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))

    pairs: dict[tuple, list] = defaultdict(list)
    for p in points:
        parties = [party for party in p.parties if party in pos]
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                pairs[tuple(sorted((a, b)))].append(p)
    edges = ET.SubElement(root, "g", {"class": "edges", "fill": "none"})
    boxes = [(x - 26, y - 26, x + 26, y + 26) for x, y in pos.values()]  # nodes: labels avoid them
    for node in nodes:
        boxes.append(_node_label_box(site.label(node, lang), *pos[node], 14 + 3 * min(degree[node], 6), cx, cy))
    for (a, b), agreements in sorted(pairs.items()):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        nx, ny = -(y2 - y1) / length, (x2 - x1) / length
        if aggregated:
            latest = max(agreements, key=lambda p: p.when or 0)
            colour = colours.get(latest.year, "#777777")
            title = f"{site.label(a, lang)} – {site.label(b, lang)}: {len(agreements)}"
            link = _link(edges, site, a, lang, here, title)
            link.set("class", "edge")
            ET.SubElement(link, "path", {"d": f"M{x1:.1f},{y1:.1f} L{x2:.1f},{y2:.1f}", "stroke": colour,
                                         "stroke-width": f"{2 + min(len(agreements), 8)}",
                                         "stroke-dasharray": "" if any(p.signed for p in agreements) else "8 4"})
            mx, my = _free_spot(boxes, (x1, y1), ((x1 + x2) / 2, (y1 + y2) / 2), (x2, y2))
            boxes.append((mx - 19, my - 10, mx + 19, my + 8))
            ET.SubElement(link, "rect", {"x": f"{mx - 19:.1f}", "y": f"{my - 10:.1f}", "width": "38",
                                         "height": "18", "rx": "4", "fill": "white", "stroke": colour})
            _text(link, mx, my + 4, str(len(agreements)), text_anchor="middle", font_size=12, fill=colour,
                  font_weight="bold")
            continue
        for k, p in enumerate(agreements):
            bend = (k - (len(agreements) - 1) / 2) * 56
            qx, qy = (x1 + x2) / 2 + nx * bend, (y1 + y2) / 2 + ny * bend
            colour = colours.get(p.year, "#777777")
            title = f"{site.label(p.iri, lang)} ({p.date_text or '?'})"
            link = _link(edges, site, p.iri, lang, here, title)
            link.set("class", "edge")
            ET.SubElement(link, "path", {"d": f"M{x1:.1f},{y1:.1f} Q{qx:.1f},{qy:.1f} {x2:.1f},{y2:.1f}",
                                         "stroke": colour, "stroke-width": "4" if p.signed else "3",
                                         "stroke-dasharray": "" if p.signed else "8 4"})
            mx, my = _free_spot(boxes, (x1, y1), (qx, qy), (x2, y2))
            boxes.append((mx - 19, my - 10, mx + 19, my + 8))
            ET.SubElement(link, "rect", {"x": f"{mx - 19:.1f}", "y": f"{my - 10:.1f}", "width": "38",
                                         "height": "18", "rx": "4", "fill": "white", "stroke": colour})
            _text(link, mx, my + 4, str(p.year or "?"), text_anchor="middle", font_size=12, fill=colour,
                  font_weight="bold")
    node_layer = ET.SubElement(root, "g", {"class": "nodes"})
    for node in nodes:
        x, y = pos[node]
        name = site.label(node, lang)
        link = _link(node_layer, site, node, lang, here, name)
        link.set("class", "node")
        r = 14 + 3 * min(degree[node], 6)
        ET.SubElement(link, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": str(r),
                                       "fill": "#f4f1e8", "stroke": "#333", "stroke-width": "1.5"})
        _text(link, x, y + 4, str(degree[node]), text_anchor="middle", font_size=12, fill="#333")
        _node_label(link, name, x, y, r, cx, cy)
    _legend(root, colours, lang, 12, height - legend_h + 8, width)
    return _to_string(root)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _free_spot(boxes, p0, p1, p2) -> tuple[float, float]:
    """A point of the curve p0-p1-p2 where an edge's label overlaps no node, node label or other edge label."""
    first = None
    for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.45, 0.55, 0.35, 0.65):
        x = (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0]
        y = (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1]
        first = first or (x, y)
        if not any(_overlaps((x - 19, y - 10, x + 19, y + 8), box) for box in boxes):
            return x, y
    return first


def _wrap(text: str, max_width: float = 170, size: float = 13) -> list[str]:
    """One line, or two split at the space nearest the middle when ``text`` is wider than ``max_width``."""
    if _text_width(text, size) <= max_width or " " not in text:
        return [text]
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut], text[cut + 1:]]


def _node_label_box(name: str, x: float, y: float, r: float, cx: float, cy: float) -> tuple:
    lines = _wrap(name)
    width = max(_text_width(line, 13) for line in lines) + 10
    height = 17 * len(lines) + 4
    left, top, _anchor = _label_corner(x, y, r, cx, cy, width, height)
    return (left, top, left + width, top + height)


def _label_corner(x, y, r, cx, cy, width, height):
    dx, dy = x - cx, y - cy
    if abs(dx) < 40:  # at the top, the bottom or the centre: centred above or below
        return x - width / 2, (y - r - 4 - height if dy < -1 else y + r + 4), "middle"
    if dx > 0:
        return x + r + 4, y - height / 2, "start"
    return x - r - 4 - width, y - height / 2, "end"


def _node_label(parent, name: str, x: float, y: float, r: float, cx: float, cy: float) -> None:
    """The label of a node, put on the side away from the centre so that edges do not cross it."""
    lines = _wrap(name)
    width = max(_text_width(line, 13) for line in lines) + 10
    height = 17 * len(lines) + 4
    left, top, anchor = _label_corner(x, y, r, cx, cy, width, height)
    ET.SubElement(parent, "rect", {"x": f"{left:.1f}", "y": f"{top:.1f}", "width": f"{width:.1f}",
                                   "height": f"{height:.1f}", "rx": "3", "fill": "white", "fill-opacity": "0.85"})
    tx = {"middle": left + width / 2, "start": left + 5, "end": left + width - 5}[anchor]
    for i, line in enumerate(lines):
        _text(parent, tx, top + 15 + 17 * i, line, text_anchor=anchor, font_size=13, fill="#111")


def _legend_height(colours: dict, width: float) -> int:
    """The height :func:`_legend` needs: its rows of year colours, then its row (or two) of marks."""
    per_row = max(1, int((width - 24) // 60))
    return 22 * (math.ceil(len(colours) / per_row) + 2) + 6


def _legend(root, colours: dict[int, str], lang: str, x: float, y: float, width: float,
            timeline: bool = False, marks: bool = True) -> None:
    """Every visual variable: colour is the year; solid is signed, dashed or hollow announced; shape or number."""
    legend = ET.SubElement(root, "g", {"class": "legend", "font-size": "12"})
    left = x
    for year, colour in colours.items():
        if x + 60 > width:
            x, y = left, y + 20
        ET.SubElement(legend, "rect", {"x": f"{x:.0f}", "y": f"{y:.0f}", "width": "14", "height": "14", "fill": colour})
        _text(legend, x + 18, y + 12, str(year))
        x += 60
    x, y = left, y + 22
    items = [("signed", message("legend_signed", lang)), ("announced", message("legend_announced", lang))]
    if timeline and marks:
        items += [("day", message("legend_day", lang)), ("year", message("legend_year", lang))]
    elif not timeline:
        items += [("count", message("legend_count", lang))]
    for key, label in items:
        w = 36 + _text_width(label, 12) + 14
        if x + w > width and x > left:
            x, y = left, y + 20
        if key in ("signed", "announced") and not timeline:
            ET.SubElement(legend, "line", {"x1": f"{x:.0f}", "y1": f"{y + 7:.0f}", "x2": f"{x + 30:.0f}",
                                           "y2": f"{y + 7:.0f}", "stroke": "#555", "stroke-width": "3",
                                           "stroke-dasharray": "" if key == "signed" else "8 4"})
        elif key in ("signed", "announced"):
            ET.SubElement(legend, "circle", {"cx": f"{x + 15:.0f}", "cy": f"{y + 7:.0f}", "r": "6", "stroke": "#555",
                                             "stroke-width": "2", "fill": "#555" if key == "signed" else "white"})
        elif key == "day":
            ET.SubElement(legend, "circle", {"cx": f"{x + 15:.0f}", "cy": f"{y + 7:.0f}", "r": "5", "fill": "#555"})
        elif key == "year":
            ET.SubElement(legend, "rect", {"x": f"{x:.0f}", "y": f"{y + 1:.0f}", "width": "30", "height": "12",
                                           "rx": "3", "fill": "#555", "fill-opacity": "0.35", "stroke": "#555"})
        else:
            ET.SubElement(legend, "circle", {"cx": f"{x + 15:.0f}", "cy": f"{y + 7:.0f}", "r": "8", "fill": "#f4f1e8",
                                             "stroke": "#333"})
            _text(legend, x + 15, y + 11, "n", text_anchor="middle", font_size=10)
        _text(legend, x + 36, y + 12, label)
        x += w


# --- timeline -------------------------------------------------------------

def timeline_svg(site: Site, lang: str, here: str = "/index.html", width: int = 760, focus=None) -> str:
    """Agreements on a time axis, stacked in rows so that no two labels overlap; hollow when not signed."""
    points = [p for p in agreement_points(site, focus) if p.when is not None]
    if not points:
        root = _svg(width, 80, message("timeline_picture", lang))
        _text(root, width / 2, 40, message("no_agreements", lang), text_anchor="middle")
        return _to_string(root)
    colours = year_colours(points)
    if len(points) > MAX_MARKS:
        return _timeline_by_year(points, colours, lang, width)
    first, last = min(p.year for p in points), max(p.year for p in points) + 1
    left, right = 30, width - 30
    span = max(last - first, 1)

    def x_of(value: float) -> float:
        return left + (value - first) / span * (right - left)

    degree = Counter(party for p in points for party in p.parties)
    rows: list[float] = []  # right end of the last label in each row
    placed = []
    for p in points:
        parties = sorted(p.parties, key=lambda n: (-degree[n], site.label(n, lang), str(n)))
        name = " · ".join(site.label(party, lang) for party in parties)
        x = x_of(p.when)
        w = _text_width(name, 12) + 8
        start = x - 6 if x - 6 + w <= width else x + 6 - w
        for row, end in enumerate(rows):
            if start > end:
                rows[row] = start + w
                break
        else:
            row = len(rows)
            rows.append(start + w)
        placed.append((p, row, name, start))
    axis_y = 40
    legend_y = axis_y + 30 + 34 * len(rows)
    height = legend_y + _legend_height(colours, width)
    root = _svg(width, height, message("timeline_picture", lang))
    axis = ET.SubElement(root, "g", {"class": "axis", "font-size": "11", "fill": "#444"})
    ET.SubElement(axis, "line", {"x1": str(left), "y1": str(axis_y), "x2": str(right), "y2": str(axis_y),
                                 "stroke": "#444"})
    step = 1 if span <= 12 else 2 if span <= 24 else 5
    for year in range(first, last + 1):
        x = x_of(year)
        ET.SubElement(axis, "line", {"x1": f"{x:.1f}", "y1": str(axis_y - 4), "x2": f"{x:.1f}", "y2": str(legend_y - 6),
                                     "stroke": "#ddd" if year % step else "#bbb"})
        if year % step == 0 and year < last:
            _text(axis, x + 2, axis_y - 8, str(year))
    marks = ET.SubElement(root, "g", {"class": "agreements", "font-size": "12"})
    for p, row, name, start in placed:
        y = axis_y + 26 + 34 * row
        colour = colours.get(p.year, "#777777")
        link = _link(marks, site, p.iri, lang, here, f"{site.label(p.iri, lang)} ({p.date_text})")
        link.set("class", "agreement")
        if p.precise:
            ET.SubElement(link, "circle", {"cx": f"{x_of(p.when):.1f}", "cy": f"{y:.1f}", "r": "6",
                                           "fill": colour if p.signed else "white", "stroke": colour,
                                           "stroke-width": "2"})
        else:
            ET.SubElement(link, "rect", {"x": f"{x_of(p.year):.1f}", "y": f"{y - 6:.1f}",
                                         "width": f"{x_of(p.year + 1) - x_of(p.year):.1f}", "height": "12",
                                         "rx": "3", "fill": colour if p.signed else "white", "fill-opacity": "0.35",
                                         "stroke": colour, "stroke-dasharray": "" if p.signed else "4 3"})
        _text(link, start, y + 20, name, fill="#111")
    _legend(root, colours, lang, 12, legend_y + 4, width, timeline=True)
    return _to_string(root)


def _timeline_by_year(points: list[AgreementPoint], colours: dict[int, str], lang: str, width: int) -> str:
    """The number of agreements of each year, as bars: signed solid, announced or planned hollow on top."""
    signed = Counter(p.year for p in points if p.signed)
    other = Counter(p.year for p in points if not p.signed)
    years = list(range(min(p.year for p in points), max(p.year for p in points) + 1))
    top = max(signed[y] + other[y] for y in years) or 1
    bar_h, axis_y = 160, 190
    height = axis_y + 30 + 56
    root = _svg(width, height, message("timeline_picture", lang))
    step = (width - 60) / len(years)
    bars = ET.SubElement(root, "g", {"class": "years", "font-size": "11"})
    for i, year in enumerate(years):
        x = 30 + i * step
        colour = colours.get(year, "#777777")
        h1 = bar_h * signed[year] / top
        h2 = bar_h * other[year] / top
        group = ET.SubElement(bars, "g", {"class": "year"})
        ET.SubElement(group, "title").text = f"{year}: {signed[year] + other[year]}"
        ET.SubElement(group, "rect", {"x": f"{x + 1:.1f}", "y": f"{axis_y - h1:.1f}", "width": f"{step - 2:.1f}",
                                      "height": f"{h1:.1f}", "fill": colour})
        ET.SubElement(group, "rect", {"x": f"{x + 1:.1f}", "y": f"{axis_y - h1 - h2:.1f}",
                                      "width": f"{step - 2:.1f}", "height": f"{h2:.1f}", "fill": "white",
                                      "stroke": colour, "stroke-dasharray": "4 3"})
        if signed[year] + other[year] and step >= 16:
            _text(group, x + step / 2, axis_y - h1 - h2 - 4, str(signed[year] + other[year]), text_anchor="middle")
        label_every = max(1, math.ceil(34 / step))
        if i % label_every == 0:
            _text(group, x + step / 2, axis_y + 14, str(year), text_anchor="middle", fill="#444")
    ET.SubElement(root, "line", {"x1": "30", "y1": str(axis_y), "x2": str(width - 30), "y2": str(axis_y),
                                 "stroke": "#444"})
    _legend(root, {}, lang, 12, axis_y + 26, width, timeline=True, marks=False)
    return _to_string(root)
