// tregua dashboard: plain JavaScript, no framework, no CDN.
// Article text is untrusted: it only ever enters the page through textContent or
// setAttribute on non-URL attributes; links are built from ids we encode ourselves.
"use strict";

(function () {
  const client = JSON.parse(document.getElementById("client-data").textContent);
  const T = client.labels;
  const ISSUES = client.issues;
  const LANG = client.lang;
  const SVGNS = "http://www.w3.org/2000/svg";
  const TYPE_COLOURS = {
    AGREE: "#12b76a", CONSULT: "#2e90fa", SUPPORT: "#66c61c", CONCEDE: "#15b79e",
    COOPERATE: "#0ba5ec", AID: "#6172f3", RETREAT: "#a6ef67", REQUEST: "#fdb022",
    ACCUSE: "#f79009", REJECT: "#ef6820", THREATEN: "#f04438", PROTEST: "#ee46bc",
    SANCTION: "#9e77ed", MOBILIZE: "#7a5af8", COERCE: "#b42318", ASSAULT: "#7a271a",
  };
  const DAY = 86400000;

  // -- helpers ------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function label(key) {
    return Object.prototype.hasOwnProperty.call(T, key) ? T[key] : key;
  }

  function issueLabel(key) {
    return Object.prototype.hasOwnProperty.call(ISSUES, key) ? ISSUES[key] : key;
  }

  function colour(type) {
    return Object.prototype.hasOwnProperty.call(TYPE_COLOURS, type) ? TYPE_COLOURS[type] : "#667085";
  }

  function docHref(documentId, start, end) {
    let href = "/documents/" + encodeURIComponent(documentId) + "?lang=" + encodeURIComponent(LANG);
    if (Number.isInteger(start) && Number.isInteger(end)) href += "&hl=" + start + "-" + end + "#hl";
    return href;
  }

  async function getJSON(path, params) {
    const query = params ? "?" + params.toString() : "";
    const response = await fetch(path + query, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
  }

  function formParams(form, extra) {
    const params = new URLSearchParams();
    for (const field of form.querySelectorAll("input[name], select[name]")) {
      if (field.value) params.set(field.name, field.value);
    }
    for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
    return params;
  }

  // the view's confidence control: every query of the view asks for that minimum
  function withConfidence(form, params) {
    const field = form.elements.min_confidence;
    const out = params || new URLSearchParams();
    if (field && field.value) out.set("min_confidence", field.value);
    return out;
  }

  // a fused event's documents, the independent sources among them, and its one wire
  function sourcesText(e) {
    if (e.copies === null || e.copies === undefined) return String(e.sources);
    return e.copies + " " + label("copies") + " · " + e.independent_sources + " " + label("independent") +
      (e.wire ? " · " + label("one_wire") + ": " + e.wire : "");
  }

  function fillSelect(select, values, show) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const value of values) select.append(el("option", { value: value }, show ? show(value) : value));
    if (values.includes(keep)) select.value = keep;
  }

  function showError(target, error) {
    target.replaceChildren(el("p", { class: "error" }, label("error") + error.message));
  }

  function toDay(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  }

  function fromDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  // Redraws may overlap (a field's change and the form's submit): only the latest one
  // draws, and body[data-pending] says how many are in flight, for tests and scripts.
  let sequence = 0;
  let pending = 0;

  // a redraw in flight that is not the view's main one (the stance chart beside the matrix)
  function track() {
    pending += 1;
    document.body.dataset.pending = String(pending);
  }

  function begin() {
    track();
    sequence += 1;
    return sequence;
  }

  function end() {
    pending -= 1;
    document.body.dataset.pending = String(pending);
  }

  // tests and scripts wait on this: it changes after every redraw
  function rendered() {
    document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
  }

  // an event's dates as a reader says them: a whole year as 2025, a decade as
  // 2030–2039, a whole month as 2025-07, whole months as 2025-12 – 2026-02, several days
  // as a range; "?" when undated
  function when(e) {
    const date = e.date, stop = e.date_end;
    if (!date) return "?";
    if (!stop || stop === date) return date;
    if (date.endsWith("-01-01") && stop.endsWith("-12-31")) {
      return date.slice(0, 4) === stop.slice(0, 4) ? date.slice(0, 4) : date.slice(0, 4) + "–" + stop.slice(0, 4);
    }
    if (date.endsWith("-01") && fromDay(toDay(stop) + DAY).endsWith("-01")) {
      // whole months: one, or a run of them
      return date.slice(0, 7) === stop.slice(0, 7) ? date.slice(0, 7) : date.slice(0, 7) + " – " + stop.slice(0, 7);
    }
    return date + " – " + stop;
  }

  function sorted(values) {
    return Array.from(new Set(values)).sort();
  }

  // -- timeline -----------------------------------------------------------------------
  // Vague dates (a month, a year, a decade) are spans from date to date_end: drawn as
  // bars over their days, never as a dot on their first day, and left out of the span the
  // timeline opens on, which is that of the events dated to the day or the week.
  const VAGUE_DAYS = 28; // an event spanning this many days or more is vaguely dated

  function span(e) {
    const start = toDay(e.date);
    return [start, e.date_end ? toDay(e.date_end) : start];
  }

  function vague(e) {
    if (!e.date || !e.date_end) return false;
    const [start, stop] = span(e);
    return (stop - start) / DAY + 1 >= VAGUE_DAYS;
  }

  function ticks(lo, hi) {
    const days = (hi - lo) / DAY;
    const first = new Date(lo);
    const found = [];
    if (days > 3 * 366) {
      const step = Math.max(1, Math.ceil(days / 366 / 8));
      for (let y = first.getUTCFullYear(); ; y += step) {
        const t = Date.UTC(y, 0, 1);
        if (t > hi) break;
        if (t >= lo) found.push([t, String(y)]);
      }
    } else if (days > 100) {
      const step = Math.max(1, Math.ceil(days / 31 / 9));
      for (let m = first.getUTCFullYear() * 12 + first.getUTCMonth(); ; m += step) {
        const t = Date.UTC(Math.floor(m / 12), m % 12, 1);
        if (t > hi) break;
        if (t >= lo) found.push([t, fromDay(t).slice(0, 7)]);
      }
    } else {
      const step = Math.max(1, Math.ceil(days / 9)) * DAY;
      for (let t = Math.ceil(lo / DAY) * DAY; t <= hi; t += step) found.push([t, fromDay(t)]);
    }
    return found;
  }

  // reviewed by an editor (issue #18): the machine's values the review replaced, struck
  function machineNote(e) {
    if (!e.reviewed) return "";
    const said = Object.entries(e.machine || {}).map(([k, v]) =>
      k + ": " + (Array.isArray(v) ? v.join(" ") : v === null || v === undefined ? "–" : v));
    return el("small", { class: "machine", title: "machine" }, said.join("; "));
  }

  async function timeline() {
    const form = document.getElementById("filters");
    const chart = document.getElementById("chart");
    const tbody = document.querySelector("#event-list tbody");
    const summary = document.getElementById("summary");
    const since = document.getElementById("f-since");
    const until = document.getElementById("f-until");
    const all = await getJSON("/api/timeline");
    fillSelect(document.getElementById("f-side"), sorted(all.flatMap((e) => e.countries)));
    fillSelect(document.getElementById("f-type"), sorted(all.map((e) => e.type)));
    const dated = all.filter((e) => e.date);
    const sharp = dated.filter((e) => !vague(e));
    const extent = (events) => [
      Math.min(...events.map((e) => span(e)[0])), Math.max(...events.map((e) => span(e)[1])),
    ];
    // every dated event (how far one may zoom out), and the view it opens on
    const full = dated.length ? extent(dated) : [Date.now() - 30 * DAY, Date.now()];
    let home = sharp.length ? extent(sharp) : full;
    const margin = Math.max(DAY, Math.round((home[1] - home[0]) * 0.03 / DAY) * DAY);
    home = [home[0] - margin, home[1] + margin];
    const legend = document.getElementById("type-legend");
    legend.replaceChildren(
      ...sorted(all.map((e) => e.type)).map((type) =>
        el("span", {}, el("span", { class: "swatch type-" + type }), type)
      ),
      el("span", {}, el("span", { class: "swatch vague-swatch" }), label("vague_date"))
    );

    function window_() {
      return [since.value ? toDay(since.value) : home[0], until.value ? toDay(until.value) : home[1]];
    }

    function zoom(factor) {
      const [lo, hi] = window_();
      const mid = (lo + hi) / 2;
      const half = Math.max(DAY, ((hi - lo) / 2) * factor);
      since.value = fromDay(Math.max(Math.min(full[0], home[0]), mid - half));
      until.value = fromDay(Math.min(Math.max(full[1], home[1]), mid + half));
      render();
    }

    async function render() {
      const mine = begin();
      try {
        let events;
        try {
          events = await getJSON("/api/timeline", formParams(form));
        } catch (error) {
          showError(chart, error);
          return;
        }
        if (mine !== sequence) return; // a newer redraw is on its way
        const outside = draw(events);
        // the feed of new events with this view's side and type
        const feed = withConfidence(form);
        for (const key of ["side", "type"]) if (form.elements[key].value) feed.set(key, form.elements[key].value);
        document.getElementById("feed-link").setAttribute("href", "/api/feed.atom" + (feed.toString() ? "?" + feed : ""));
        summary.textContent = events.length + " " + label("events").toLowerCase() +
          (outside.length ? " · " + outside.length + " " + label("outside_view") + " (" +
            outside.slice(0, 5).map(when).join(", ") + (outside.length > 5 ? ", …" : "") + ")" : "");
        tbody.replaceChildren(
          ...(events.length
            ? events.map((e) =>
                el(
                  "tr",
                  Object.assign(
                    { "data-type": e.type, "data-status": e.status, "data-date": e.date || "" },
                    e.reviewed ? { class: "reviewed" } : {}
                  ),
                  el("td", { class: "when" + (vague(e) ? " vague" : "") }, when(e)),
                  el("td", {}, el("span", { class: "chip type-" + e.type }, e.type)),
                  el("td", {}, label(e.status), machineNote(e)),
                  el("td", {}, e.countries.join(" ")),
                  el("td", {}, e.place || ""),
                  el("td", { class: "sources" }, sourcesText(e) + (e.disputed ? " ⚠" : "")),
                  el("td", { class: "confidence" }, e.confidence === null || e.confidence === undefined ? "—" : e.confidence.toFixed(2)),
                  el(
                    "td",
                    {},
                    e.document_id ? el("a", { href: docHref(e.document_id) }, e.evidence) : e.evidence
                  )
                )
              )
            : [el("tr", {}, el("td", { colspan: 8 }, label("nothing_found")))])
        );
        rendered();
      } finally {
        end();
      }
    }

    // draws the events inside the window; returns those dated outside it
    function draw(events) {
      const [lo, hi] = window_();
      const types = sorted(all.map((e) => e.type));
      const width = 1100, lane = 22, left = 95, right = 15, top = 10;
      const height = top + types.length * lane + 30;
      const x = (ms) => left + ((ms - lo) / Math.max(DAY, hi - lo)) * (width - left - right);
      const clip = (ms) => Math.max(left, Math.min(width - right, x(ms)));
      const root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", id: "timeline-svg" });
      root.dataset.from = fromDay(lo);
      root.dataset.to = fromDay(hi);
      types.forEach((type, i) => {
        const y = top + i * lane + lane / 2;
        root.append(svg("line", { class: "grid", x1: left, x2: width - 10, y1: y, y2: y }));
        root.append(svg("text", { class: "lane", x: 4, y: y + 4 }, type));
      });
      const axisY = top + types.length * lane + 4;
      root.append(svg("line", { class: "axis", x1: left, x2: width - 10, y1: axisY, y2: axisY }));
      for (const [t, text] of ticks(lo, hi)) {
        root.append(svg("line", { class: "axis", x1: x(t), x2: x(t), y1: axisY, y2: axisY + 4 }));
        root.append(svg("text", { class: "tick", x: x(t), y: axisY + 16, "text-anchor": "middle" }, text));
      }
      const outside = [];
      const bars = [], dots = [];
      for (const e of events) {
        if (!e.date) continue;
        const [start, stop] = span(e);
        if (stop + DAY <= lo || start > hi) { outside.push(e); continue; }
        const y = top + types.indexOf(e.type) * lane + lane / 2;
        const tip = when(e) + " " + e.type + " · " + label(e.status) + " · " + e.countries.join(" ") + " · " + sourcesText(e) + "\n" + e.evidence;
        let mark;
        if (vague(e)) {
          // the whole span, cut at the window's edges (an open end shows it goes on)
          const x0 = clip(start), x1 = clip(stop + DAY);
          mark = svg("rect", {
            class: "event-mark event-span " + e.status + (x(start) < left ? " open-start" : "") + (x(stop + DAY) > width - right ? " open-end" : ""),
            x: x0, y: y - 5, width: Math.max(3, x1 - x0), height: 10, rx: 3,
            fill: colour(e.type), stroke: colour(e.type), "data-id": e.id, "data-type": e.type,
          });
        } else {
          if (stop > start) dots.push(svg("line", { x1: x(start), x2: x(stop + DAY), y1: y, y2: y, stroke: colour(e.type), "stroke-width": 3 }));
          mark = svg("circle", {
            class: "event-mark event-dot " + e.status,
            cx: x(start), cy: y, r: 4 + Math.min(6, 1.5 * (e.sources - 1)),
            fill: colour(e.type), "data-id": e.id, "data-type": e.type,
          });
        }
        mark.append(svg("title", {}, tip));
        if (e.document_id) mark.addEventListener("click", () => { window.location.href = docHref(e.document_id); });
        (vague(e) ? bars : dots).push(mark);
      }
      root.append(...bars, ...dots); // the spans under the dots
      root.dataset.outside = String(outside.length);
      chart.replaceChildren(root);
      return outside;
    }

    form.addEventListener("change", render);
    form.addEventListener("submit", (event) => { event.preventDefault(); render(); });
    document.getElementById("zoom-in").addEventListener("click", () => zoom(0.5));
    document.getElementById("zoom-out").addEventListener("click", () => zoom(2));
    document.getElementById("zoom-reset").addEventListener("click", () => {
      since.value = ""; until.value = ""; render();
    });
    await render();
  }

  // -- map ----------------------------------------------------------------------------
  // Degrees are the SVG's units (x = lon, y = -lat); zooming and panning move the
  // viewBox. Dots and names keep their size on screen, and names that would overlap are
  // grouped into one name with a count ("Kyiv +2"), which splits as you zoom in.
  const MAP_ASPECT = 0.5; // height / width of the map, as tregua.css draws it
  const MIN_SPAN = 0.6; // degrees across at the closest zoom
  const LABEL_PX = 12; // names' font size on screen
  const CHAR_PX = 6.8; // a name's width per character, estimated for the font above

  // A ring that crosses the antimeridian (Chukotka, Fiji) jumps from 180 to -180 and
  // would be drawn as a band across the world: its longitudes are made continuous
  // instead, past 180, where the view never goes.
  function unwrap(d) {
    return d.replace(/M[^MZ]*Z?/g, (ring) => {
      let last = null, shift = 0;
      return ring.replace(/([ML])(-?[\d.]+) (-?[\d.]+)/g, (_, cmd, xs, ys) => {
        const x = Number(xs);
        if (last !== null && x - last > 180) shift -= 360;
        if (last !== null && x - last < -180) shift += 360;
        last = x;
        return cmd + Number((x + shift).toFixed(1)) + " " + ys;
      });
    });
  }

  async function eventMap() {
    const form = document.getElementById("filters");
    const target = document.getElementById("map");
    const summary = document.getElementById("summary");
    const detail = document.getElementById("place-detail");
    const [world, all] = await Promise.all([getJSON("/static/world.json"), getJSON("/api/timeline")]);
    fillSelect(document.getElementById("f-type"), sorted(all.map((e) => e.type)));
    const root = svg("svg", { role: "img", id: "map-svg", "aria-label": label("map_label") });
    const base = svg("g", { class: "map-base" });
    for (let lon = -180; lon <= 180; lon += 10) base.append(svg("line", { class: "graticule", x1: lon, x2: lon, y1: -90, y2: 90 }));
    for (let lat = -80; lat <= 80; lat += 10) base.append(svg("line", { class: "graticule", x1: -180, x2: 180, y1: -lat, y2: -lat }));
    for (const country of world.countries) {
      const path = svg("path", { class: "land", d: unwrap(country.d) });
      path.append(svg("title", {}, country.name));
      base.append(path);
    }
    const marks = svg("g", { class: "map-marks" });
    root.append(base, marks);
    target.replaceChildren(root);
    let places = [];
    let home = { x: 15, y: -48, w: 60 }; // the view that shows every placed event
    let view = { ...home };

    function pxPerDegree() {
      const width = root.getBoundingClientRect().width || 1100;
      return width / view.w;
    }

    function setView(next) {
      const w = Math.min(360, Math.max(MIN_SPAN, next.w));
      const h = w * MAP_ASPECT;
      view = {
        w: w,
        x: Math.min(180 - w / 2, Math.max(-180 + w / 2, next.x)),
        y: Math.min(90 - h / 2, Math.max(-90 + h / 2, next.y)),
      };
      root.setAttribute("viewBox", [view.x - w / 2, view.y - h / 2, w, h].map((v) => v.toFixed(4)).join(" "));
      root.dataset.zoom = (home.w / view.w).toFixed(3);
      drawMarks();
    }

    // zoom by ``factor`` (< 1 is closer) keeping the point (x, y) where it is on screen
    function zoomAt(factor, x, y) {
      const w = Math.min(360, Math.max(MIN_SPAN, view.w * factor));
      const k = w / view.w;
      setView({ w: w, x: x - (x - view.x) * k, y: y - (y - view.y) * k });
    }

    function toMap(event) {
      const box = root.getBoundingClientRect();
      const h = view.w * MAP_ASPECT;
      return [
        view.x - view.w / 2 + ((event.clientX - box.left) / box.width) * view.w,
        view.y - h / 2 + ((event.clientY - box.top) / box.height) * h,
      ];
    }

    // places whose names would overlap on screen become one group, the place with most
    // events first; a name goes right of its dot, or left when right is taken
    function groups(scale) {
      const boxes = [];
      const found = [];
      const ordered = places.slice().sort((a, b) => b.events.length - a.events.length || a.name.localeCompare(b.name));
      const radius = (p) => 3 + 2 * Math.sqrt(p.events.length);
      for (const place of ordered) {
        const px = place.lon * scale, py = -place.lat * scale, r = radius(place);
        const dot = [px - r, py - r, px + r, py + r];
        const hit = found.find((g) => g.boxes.some((b) => overlaps(b, dot)));
        const width = (place.name.length + 3) * CHAR_PX; // room for a count: "Kyiv +2"
        const right = [px + r + 2, py - LABEL_PX / 2 - 1, px + r + 4 + width, py + LABEL_PX / 2 + 1];
        const left = [px - r - 4 - width, right[1], px - r - 2, right[3]];
        const free = (box) => !boxes.some((b) => overlaps(b, box));
        if (!hit && free(dot) && (free(right) || free(left))) {
          const side = free(right) ? right : left;
          boxes.push(dot, side);
          found.push({ lead: place, members: [place], side: side === right ? "right" : "left", boxes: [dot, side] });
          continue;
        }
        const group = hit || found.find((g) => g.boxes.some((b) => overlaps(b, dot) || overlaps(b, right) || overlaps(b, left)))
          || found.reduce((best, g) => (!best || dist(g.lead, place) < dist(best.lead, place) ? g : best), null);
        group.members.push(place);
        group.boxes.push(dot);
        boxes.push(dot);
      }
      return found;
    }

    function overlaps(a, b) {
      return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    function dist(a, b) {
      return Math.hypot(a.lon - b.lon, a.lat - b.lat);
    }

    function drawMarks() {
      const scale = pxPerDegree();
      const unit = 1 / scale; // one screen pixel in degrees
      const nodes = [];
      const labels = []; // drawn after every dot, so that no dot covers a name
      for (const group of groups(scale)) {
        const count = group.members.reduce((n, p) => n + p.events.length, 0);
        const names = group.members.map((p) => p.name);
        for (const place of group.members) {
          const dot = svg("circle", {
            class: "map-dot", cx: place.lon, cy: -place.lat,
            r: unit * (3 + 2 * Math.sqrt(place.events.length)), fill: colour(place.top),
            "data-place": place.name, tabindex: 0,
          });
          dot.append(svg("title", {}, place.name + ": " + place.events.length + " " + label("events").toLowerCase()));
          dot.addEventListener("click", () => { if (!dragged) showPlaces(group.members); });
          dot.addEventListener("keydown", (event) => { if (event.key === "Enter") showPlaces(group.members); });
          nodes.push(dot);
        }
        const lead = group.lead;
        // the name goes past the group's last dot on its side, never over one of them
        const reach = (p) => unit * (3 + 2 * Math.sqrt(p.events.length));
        const x = group.side === "right"
          ? Math.max(...group.members.map((p) => p.lon + reach(p))) + 3 * unit
          : Math.min(...group.members.map((p) => p.lon - reach(p))) - 3 * unit;
        const text = lead.name + (group.members.length > 1 ? " +" + (group.members.length - 1) : "");
        const name = svg("text", {
          class: "map-label" + (group.members.length > 1 ? " grouped" : ""),
          x: x,
          y: -lead.lat + 4 * unit, "font-size": LABEL_PX * unit, "stroke-width": 3 * unit,
          "text-anchor": group.side === "right" ? "start" : "end",
          "data-places": names.join("|"), "data-count": String(count), "data-text": text,
        }, text);
        if (group.members.length > 1) name.append(svg("title", {}, names.join(", ") + " · " + count + " " + label("events").toLowerCase()));
        name.addEventListener("click", () => { if (!dragged) showPlaces(group.members); });
        labels.push(name);
      }
      marks.replaceChildren(...nodes, ...labels);
    }

    async function render() {
      const mine = begin();
      try {
        let events;
        try {
          events = await getJSON("/api/timeline", formParams(form));
        } catch (error) {
          showError(detail, error);
          return;
        }
        if (mine !== sequence) return; // a newer redraw is on its way
        const placed = events.filter((e) => e.lat !== null && e.lon !== null);
        const byKey = new Map();
        for (const e of placed) {
          const key = e.lat.toFixed(2) + "," + e.lon.toFixed(2) + "," + (e.place || "");
          if (!byKey.has(key)) byKey.set(key, { lat: e.lat, lon: e.lon, name: e.place || key, events: [] });
          byKey.get(key).events.push(e);
        }
        places = Array.from(byKey.values());
        for (const place of places) {
          const counts = {};
          for (const e of place.events) counts[e.type] = (counts[e.type] || 0) + 1;
          place.top = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
        }
        summary.textContent = placed.length + " " + label("events").toLowerCase() + " · " +
          places.length + " " + label("places") + " · " +
          (events.length - placed.length) + " " + label("no_coordinates");
        // the home view: every placed event with a margin, at least 40 degrees across
        if (placed.length) {
          const w = Math.min(...placed.map((e) => e.lon)), e_ = Math.max(...placed.map((e) => e.lon));
          const s = Math.min(...placed.map((e) => e.lat)), n = Math.max(...placed.map((e) => e.lat));
          const across = Math.max(40, (e_ - w) * 1.15 + 8, ((n - s) * 1.15 + 6) / MAP_ASPECT);
          home = { x: (w + e_) / 2, y: -(n + s) / 2, w: across };
        }
        setView(home);
        rendered();
      } finally {
        end();
      }
    }

    function showPlaces(members) {
      detail.replaceChildren(
        el("h2", {}, members.map((p) => p.name).join(" · ")),
        el("ul", { id: "place-events" }, ...members.flatMap((place) => place.events.map((e) =>
          el("li", e.reviewed ? { class: "reviewed" } : {},
            el("span", { class: "chip type-" + e.type }, e.type), " ",
            (members.length > 1 ? place.name + " · " : "") + when(e) + " · " + label(e.status) + " · " + e.countries.join(" ") + " · " + sourcesText(e) + " — ",
            e.document_id ? el("a", { href: docHref(e.document_id) }, e.evidence) : e.evidence,
            e.reviewed ? el("span", { class: "reviewed" }, " ✓") : "", machineNote(e))
        )))
      );
    }

    // wheel, drag, buttons and keys
    let drag = null;
    let dragged = false;
    root.addEventListener("wheel", (event) => {
      event.preventDefault();
      const [x, y] = toMap(event);
      zoomAt(Math.exp(Math.max(-1, Math.min(1, event.deltaY * 0.002))), x, y);
    }, { passive: false });
    root.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, view: { ...view }, id: event.pointerId };
      dragged = false;
    });
    root.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!dragged && Math.hypot(dx, dy) < 4) return;
      if (!dragged) { root.setPointerCapture(drag.id); root.classList.add("dragging"); }
      dragged = true;
      const k = drag.view.w / (root.getBoundingClientRect().width || 1100);
      setView({ w: drag.view.w, x: drag.view.x - dx * k, y: drag.view.y - dy * k });
    });
    const stop = () => { drag = null; root.classList.remove("dragging"); };
    root.addEventListener("pointerup", stop);
    root.addEventListener("pointercancel", stop);
    const zoomBy = (factor) => zoomAt(factor, view.x, view.y);
    const panBy = (fx, fy) => setView({ w: view.w, x: view.x + fx * view.w, y: view.y + fy * view.w * MAP_ASPECT });
    document.getElementById("map-zoom-in").addEventListener("click", () => zoomBy(0.5));
    document.getElementById("map-zoom-out").addEventListener("click", () => zoomBy(2));
    document.getElementById("map-fit").addEventListener("click", () => setView(home));
    target.addEventListener("keydown", (event) => {
      const keys = {
        "+": () => zoomBy(0.5), "=": () => zoomBy(0.5), "-": () => zoomBy(2), "_": () => zoomBy(2),
        "0": () => setView(home), ArrowLeft: () => panBy(-0.2, 0), ArrowRight: () => panBy(0.2, 0),
        ArrowUp: () => panBy(0, -0.2), ArrowDown: () => panBy(0, 0.2),
      };
      if (!target.contains(event.target) || !Object.prototype.hasOwnProperty.call(keys, event.key)) return;
      event.preventDefault();
      keys[event.key]();
    });
    window.addEventListener("resize", () => setView(view));

    form.addEventListener("change", render);
    form.addEventListener("submit", (event) => { event.preventDefault(); render(); });
    await render();
  }

  // -- stance over time ---------------------------------------------------------------
  // Per issue, one lane per side: bars of the polarity it held, from the day it took it
  // until it changed (the last until its latest stance), and a point at each day with
  // evidence behind it; a click on a point lists that evidence with links into the text.
  // Built from /api/stances/matrix (where each side stands, since when) and
  // /api/stances/changes (each change, with the evidence of the new polarity); where a
  // side changed, the matrix as of the day before its first change gives where it began.
  async function stanceSeries(issue, form) {
    const [cells, changes] = await Promise.all([
      getJSON("/api/stances/matrix", withConfidence(form)),
      getJSON("/api/stances/changes", withConfidence(form, new URLSearchParams({ issue: issue }))),
    ]);
    const latest = cells.filter((c) => c.issue === issue);
    const firstChange = new Map();
    for (const change of changes) if (!firstChange.has(change.side)) firstChange.set(change.side, change.date);
    const days = sorted(Array.from(firstChange.values()).map((d) => fromDay(toDay(d) - DAY)));
    const before = new Map();
    await Promise.all(days.map(async (day) => {
      for (const cell of await getJSON("/api/stances/matrix", withConfidence(form, new URLSearchParams({ at: day })))) {
        if (cell.issue === issue && firstChange.get(cell.side) === fromDay(toDay(day) + DAY)) before.set(cell.side, cell);
      }
    }));
    return latest.map((cell) => {
      const own = changes.filter((c) => c.side === cell.side);
      const points = [];
      const bars = [];
      const start = before.get(cell.side);
      if (start) {
        bars.push({ from: start.since || start.date, to: own[0].date, polarity: start.polarity });
        points.push({ date: start.date, polarity: start.polarity, evidence: start.evidence });
      }
      own.forEach((change, i) => {
        const stop = i + 1 < own.length ? own[i + 1].date : fromDay(toDay(cell.date) + DAY);
        bars.push({ from: change.date, to: stop, polarity: change.to });
        points.push({ date: change.date, polarity: change.to, evidence: change.evidence, from: change.from });
      });
      if (!own.length) bars.push({ from: cell.since || cell.date, to: fromDay(toDay(cell.date) + DAY), polarity: cell.polarity });
      if (!points.some((p) => p.date === cell.date)) points.push({ date: cell.date, polarity: cell.polarity, evidence: cell.evidence });
      return { side: cell.side, bars: bars, points: points };
    }).sort((a, b) => a.side.localeCompare(b.side));
  }

  function drawStanceChart(target, rows, at, onPoint) {
    if (!rows.length) {
      target.replaceChildren(el("p", { class: "muted" }, label("nothing_found")));
      return;
    }
    const stamps = rows.flatMap((r) => r.bars.flatMap((b) => [toDay(b.from), toDay(b.to)]));
    const span = Math.max(...stamps) - Math.min(...stamps);
    const pad = Math.max(2 * DAY, span * 0.04);
    const lo = Math.min(...stamps) - pad, hi = Math.max(...stamps) + pad;
    const width = 1100, lane = 34, left = 60, right = 15, top = 8;
    const height = top + rows.length * lane + 26;
    const x = (ms) => left + ((ms - lo) / (hi - lo)) * (width - left - right);
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", id: "stance-chart-svg" });
    const axisY = top + rows.length * lane + 2;
    root.append(svg("line", { class: "axis", x1: left, x2: width - right, y1: axisY, y2: axisY }));
    for (const [t, text] of ticks(lo, hi)) {
      root.append(svg("line", { class: "grid", x1: x(t), x2: x(t), y1: top, y2: axisY + 4 }));
      root.append(svg("text", { class: "tick", x: x(t), y: axisY + 16, "text-anchor": "middle" }, text));
    }
    if (at) {
      root.append(svg("line", { class: "at-line", x1: x(toDay(at)), x2: x(toDay(at)), y1: top, y2: axisY }));
    }
    rows.forEach((row, i) => {
      const y = top + i * lane + lane / 2;
      root.append(svg("text", { class: "lane", x: 4, y: y + 4 }, row.side));
      for (const bar of row.bars) {
        const rect = svg("rect", {
          class: "stance-bar " + bar.polarity, x: x(toDay(bar.from)), y: y - 7,
          width: Math.max(2, x(toDay(bar.to)) - x(toDay(bar.from))), height: 14, rx: 3,
          "data-side": row.side, "data-polarity": bar.polarity,
        });
        rect.append(svg("title", {}, row.side + ": " + label(bar.polarity) + " · " + bar.from + " – " + fromDay(toDay(bar.to) - DAY)));
        root.append(rect);
      }
      for (const point of row.points) {
        const dot = svg("circle", {
          class: "stance-point " + point.polarity, cx: x(toDay(point.date)), cy: y, r: 6, tabindex: 0,
          "data-side": row.side, "data-date": point.date, "data-polarity": point.polarity,
        });
        dot.append(svg("title", {}, row.side + " · " + point.date + " · " + label(point.polarity) + " (" + point.evidence.length + ")"));
        dot.addEventListener("click", () => onPoint(row, point, dot));
        dot.addEventListener("keydown", (event) => { if (event.key === "Enter") onPoint(row, point, dot); });
        root.append(dot);
      }
    });
    target.replaceChildren(root);
  }

  function evidenceItems(evidence) {
    return evidence.map((ev) =>
      el("li", { class: "evidence" },
        el("span", { class: "muted" }, (ev.published || "?") + " · "),
        el("span", { class: "pol " + ev.polarity }, label(ev.polarity)), " ",
        el("span", { class: "evidence-text" }, "«" + ev.evidence.text + "»"), " ",
        el("a", { href: docHref(ev.document_id, ev.evidence.start, ev.evidence.end) }, label("open_source")))
    );
  }

  // -- stance matrix --------------------------------------------------------------------
  async function stances() {
    const form = document.getElementById("filters");
    const matrix = document.getElementById("matrix");
    const detail = document.getElementById("cell-detail");
    const chartIssue = document.getElementById("chart-issue");
    const chart = document.getElementById("stance-chart");
    const chartDetail = document.getElementById("chart-detail");
    const [latest, everyChange] = await Promise.all([
      getJSON("/api/stances/matrix", withConfidence(form)), getJSON("/api/stances/changes", withConfidence(form)),
    ]);
    // the chart opens on the issue that moved most, then the one most sides took a stance on
    const weight = (issue) => [
      everyChange.filter((c) => c.issue === issue).length, latest.filter((c) => c.issue === issue).length,
    ];
    const charted = sorted(latest.map((c) => c.issue)).sort((a, b) => {
      const [ca, sa] = weight(a), [cb, sb] = weight(b);
      return cb - ca || sb - sa || a.localeCompare(b);
    });
    fillSelect(chartIssue, charted, issueLabel);
    if (charted.length) chartIssue.value = charted[0];

    let chartSequence = 0;
    async function drawChart() {
      track();
      const mine = ++chartSequence;
      try {
        chartDetail.hidden = true;
        if (!chartIssue.value) {
          chart.replaceChildren(el("p", { class: "muted" }, label("nothing_found")));
          return;
        }
        let rows;
        try {
          rows = await stanceSeries(chartIssue.value, form);
        } catch (error) {
          showError(chart, error);
          return;
        }
        if (mine !== chartSequence) return; // a newer one is on its way
        drawStanceChart(chart, rows, form.elements.at.value, showPoint);
        rendered();
      } finally {
        end();
      }
    }

    function showPoint(row, point, dot) {
      for (const other of chart.querySelectorAll(".stance-point.selected")) other.classList.remove("selected");
      dot.classList.add("selected");
      document.getElementById("chart-title").replaceChildren(
        row.side + " · " + issueLabel(chartIssue.value) + " · " + point.date + ": ",
        point.from ? el("span", { class: "pol " + point.from }, label(point.from)) : "",
        point.from ? " → " : "",
        el("span", { class: "pol " + point.polarity }, label(point.polarity))
      );
      document.getElementById("chart-evidence").replaceChildren(...evidenceItems(point.evidence));
      chartDetail.hidden = false;
    }

    async function render() {
      const mine = begin();
      try {
        let cells, changes;
        try {
          [cells, changes] = await Promise.all([
            getJSON("/api/stances/matrix", formParams(form)),
            getJSON("/api/stances/changes", withConfidence(form, form.elements.at.value ? new URLSearchParams({ until: form.elements.at.value }) : null)),
          ]);
        } catch (error) {
          showError(matrix, error);
          return;
        }
        if (mine !== sequence) return; // a newer redraw is on its way
        const sides = sorted(cells.map((c) => c.side));
        const issues = Object.keys(ISSUES).concat(sorted(cells.map((c) => c.issue)).filter((k) => !(k in ISSUES)));
        const byKey = new Map(cells.map((c) => [c.side + "|" + c.issue, c]));
        const head = el("tr", {}, el("th", {}, label("side")), ...issues.map((k) => el("th", {}, issueLabel(k))));
        const rows = sides.map((side) =>
          el("tr", {}, el("th", {}, side), ...issues.map((issue) => {
            const cell = byKey.get(side + "|" + issue);
            if (!cell) return el("td", { class: "cell empty" }, "");
            // reviewed by an editor (issue #18): marked, the machine's polarity beside it
            const machine = cell.reviewed && cell.machine.polarity !== cell.polarity ? cell.machine.polarity : null;
            const td = el("td", {
              class: "cell " + cell.polarity + (cell.reviewed ? " reviewed" : ""), "data-side": side, "data-issue": issue, tabindex: 0,
              title: label(cell.polarity) + " · " + cell.date + (cell.reviewed ? " · ✓" : ""),
            }, label(cell.polarity), machine ? el("small", { class: "machine", title: "machine" }, label(machine)) : "");
            td.addEventListener("click", () => {
              for (const other of matrix.querySelectorAll("td.selected")) other.classList.remove("selected");
              td.classList.add("selected");
              showCell(cell);
              if (chartIssue.value !== cell.issue) {
                chartIssue.value = cell.issue;
                drawChart();
              }
            });
            td.addEventListener("keydown", (event) => { if (event.key === "Enter") td.click(); });
            return td;
          }))
        );
        matrix.replaceChildren(el("table", { id: "stance-matrix" }, el("thead", {}, head), el("tbody", {}, ...rows)));
        detail.hidden = true;
        document.getElementById("changes").replaceChildren(...(changes.length ? changes.map((c) =>
          el("li", {}, c.date + " · " + c.side + " · " + issueLabel(c.issue) + ": ",
            el("span", { class: "pol " + (c.from || "") }, label(c.from || "?")), " → ",
            el("span", { class: "pol " + c.to }, label(c.to)))
        ) : [el("li", {}, label("nothing_found"))]));
        rendered();
      } finally {
        end();
      }
    }

    function showCell(cell) {
      document.getElementById("cell-title").textContent =
        cell.side + " · " + issueLabel(cell.issue) + ": " + label(cell.polarity) + " (" + cell.since + " – " + cell.date + ")";
      document.getElementById("cell-evidence").replaceChildren(...evidenceItems(cell.evidence));
      detail.hidden = false;
    }

    form.addEventListener("change", () => { render(); drawChart(); });
    form.addEventListener("submit", (event) => { event.preventDefault(); render(); drawChart(); });
    chartIssue.addEventListener("change", drawChart);
    await Promise.all([render(), drawChart()]);
  }

  // -- quote explorer -------------------------------------------------------------------
  async function quotes() {
    const form = document.getElementById("filters");
    const list = document.getElementById("quote-list");
    const summary = document.getElementById("summary");
    const all = await getJSON("/api/quotes", new URLSearchParams({ limit: 500 }));
    fillSelect(document.getElementById("f-side"), sorted(all.items.map((q) => q.speaker_country).filter(Boolean)));
    fillSelect(document.getElementById("f-issue"), Object.keys(ISSUES), issueLabel);

    async function render() {
      const mine = begin();
      try {
        let page;
        try {
          page = await getJSON("/api/quotes", formParams(form, { limit: 500 }));
        } catch (error) {
          showError(list, error);
          return;
        }
        if (mine !== sequence) return; // a newer redraw is on its way
        summary.textContent = page.total + " " + label("quotes").toLowerCase();
        list.replaceChildren(...(page.items.length ? page.items.map((q) =>
          // reviewed by an editor (issue #18): a check, the machine's values struck beside
          el("li", { class: "quote" + (q.reviewed ? " reviewed" : "") },
            el("strong", {}, q.speaker_name || q.speaker_description || label("unknown")),
            q.speaker_country ? " (" + q.speaker_country + ")" : "",
            el("span", { class: "muted" }, " · " + (q.published || "?") + " · " + (q.outlet || "") + " · " + (q.cue || "")),
            el("span", { class: "quote-text" }, "«" + q.text + "»"),
            ...q.issues.map((i) => el("span", { class: "chip pol " + i.polarity }, issueLabel(i.issue) + ": " + label(i.polarity))),
            " ",
            el("a", { class: "open-source", href: docHref(q.document_id, q.start, q.end) }, label("open_source")),
            q.reviewed ? el("span", { class: "reviewed" }, " ✓") : "", machineNote(q))
        ) : [el("li", {}, label("nothing_found"))]));
        rendered();
      } finally {
        end();
      }
    }

    form.addEventListener("change", render);
    form.addEventListener("submit", (event) => { event.preventDefault(); render(); });
    await render();
  }

  // -- document: bring the highlighted span into view -------------------------------------
  function documentView() {
    const mark = document.getElementById("hl");
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  const views = { timeline: timeline, map: eventMap, stances: stances, quotes: quotes, document: documentView };
  const view = views[document.body.dataset.view];
  if (view) {
    Promise.resolve(view()).then(
      () => document.body.setAttribute("data-ready", "1"),
      (error) => {
        document.body.setAttribute("data-ready", "error");
        const main = document.querySelector("main");
        main.append(el("p", { class: "error" }, label("error") + error.message));
      }
    );
  } else {
    document.body.setAttribute("data-ready", "1");
  }
})();
