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

  function begin() {
    pending += 1;
    document.body.dataset.pending = String(pending);
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

  function sorted(values) {
    return Array.from(new Set(values)).sort();
  }

  // -- timeline -----------------------------------------------------------------------
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
    const dated = all.filter((e) => e.date).map((e) => toDay(e.date));
    const full = dated.length ? [Math.min(...dated) - DAY, Math.max(...dated) + DAY] : [Date.now() - 30 * DAY, Date.now()];
    const legend = document.getElementById("type-legend");
    legend.replaceChildren(
      ...sorted(all.map((e) => e.type)).map((type) =>
        el("span", {}, el("span", { class: "swatch type-" + type }), type)
      )
    );

    function window_() {
      return [since.value ? toDay(since.value) : full[0], until.value ? toDay(until.value) : full[1]];
    }

    function zoom(factor) {
      const [lo, hi] = window_();
      const mid = (lo + hi) / 2;
      const half = Math.max(DAY, ((hi - lo) / 2) * factor);
      since.value = fromDay(Math.max(full[0], mid - half));
      until.value = fromDay(Math.min(full[1], mid + half));
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
        summary.textContent = events.length + " " + label("events").toLowerCase();
        draw(events);
        tbody.replaceChildren(
          ...(events.length
            ? events.map((e) =>
                el(
                  "tr",
                  { "data-type": e.type, "data-status": e.status },
                  el("td", {}, e.date ? e.date + (e.date_end ? " – " + e.date_end : "") : "?"),
                  el("td", {}, el("span", { class: "chip type-" + e.type }, e.type)),
                  el("td", {}, label(e.status)),
                  el("td", {}, e.countries.join(" ")),
                  el("td", {}, e.place || ""),
                  el("td", {}, String(e.sources) + (e.disputed ? " ⚠" : "")),
                  el(
                    "td",
                    {},
                    e.document_id ? el("a", { href: docHref(e.document_id) }, e.evidence) : e.evidence
                  )
                )
              )
            : [el("tr", {}, el("td", { colspan: 7 }, label("nothing_found")))])
        );
        rendered();
      } finally {
        end();
      }
    }

    function draw(events) {
      const [lo, hi] = window_();
      const types = sorted(all.map((e) => e.type));
      const width = 1100, lane = 22, left = 95, top = 10;
      const height = top + types.length * lane + 30;
      const x = (ms) => left + ((ms - lo) / Math.max(DAY, hi - lo)) * (width - left - 15);
      const root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", id: "timeline-svg" });
      types.forEach((type, i) => {
        const y = top + i * lane + lane / 2;
        root.append(svg("line", { class: "grid", x1: left, x2: width - 10, y1: y, y2: y }));
        root.append(svg("text", { class: "lane", x: 4, y: y + 4 }, type));
      });
      const axisY = top + types.length * lane + 4;
      root.append(svg("line", { class: "axis", x1: left, x2: width - 10, y1: axisY, y2: axisY }));
      const step = Math.max(DAY, Math.ceil((hi - lo) / DAY / 8) * DAY);
      for (let t = lo; t <= hi; t += step) {
        root.append(svg("line", { class: "axis", x1: x(t), x2: x(t), y1: axisY, y2: axisY + 4 }));
        root.append(svg("text", { class: "tick", x: x(t) - 26, y: axisY + 16 }, fromDay(t)));
      }
      for (const e of events) {
        if (!e.date) continue;
        const start = toDay(e.date), end = e.date_end ? toDay(e.date_end) : start;
        if (end < lo || start > hi) continue;
        const y = top + types.indexOf(e.type) * lane + lane / 2;
        const dot = svg("circle", {
          class: "event-dot " + e.status,
          cx: x(start), cy: y, r: 4 + Math.min(6, 1.5 * (e.sources - 1)),
          fill: colour(e.type), "data-id": e.id, "data-type": e.type,
        });
        dot.append(svg("title", {}, (e.date || "") + " " + e.type + " · " + label(e.status) + " · " + e.countries.join(" ") + "\n" + e.evidence));
        if (e.document_id) dot.addEventListener("click", () => { window.location.href = docHref(e.document_id); });
        if (end > start) root.append(svg("line", { x1: x(start), x2: x(end), y1: y, y2: y, stroke: colour(e.type), "stroke-width": 3 }));
        root.append(dot);
      }
      chart.replaceChildren(root);
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
  async function eventMap() {
    const form = document.getElementById("filters");
    const target = document.getElementById("map");
    const summary = document.getElementById("summary");
    const detail = document.getElementById("place-detail");
    const [world, all] = await Promise.all([getJSON("/static/world.json"), getJSON("/api/timeline")]);
    fillSelect(document.getElementById("f-type"), sorted(all.map((e) => e.type)));

    async function render() {
      const mine = begin();
      try {
        let events;
        try {
          events = await getJSON("/api/timeline", formParams(form));
        } catch (error) {
          showError(target, error);
          return;
        }
        if (mine !== sequence) return; // a newer redraw is on its way
        const placed = events.filter((e) => e.lat !== null && e.lon !== null);
        summary.textContent = placed.length + " " + label("events").toLowerCase() + " · " +
          (events.length - placed.length) + " " + label("no_coordinates");
        const places = new Map();
        for (const e of placed) {
          const key = e.lat.toFixed(2) + "," + e.lon.toFixed(2);
          if (!places.has(key)) places.set(key, { lat: e.lat, lon: e.lon, name: e.place || key, events: [] });
          places.get(key).events.push(e);
        }
        // the view: every placed event with a margin, at least 40 x 24 degrees
        let [w, e_, s, n] = [-10, 50, 30, 62];
        if (placed.length) {
          w = Math.min(...placed.map((e) => e.lon)) - 6; e_ = Math.max(...placed.map((e) => e.lon)) + 12;
          s = Math.min(...placed.map((e) => e.lat)) - 5; n = Math.max(...placed.map((e) => e.lat)) + 5;
        }
        if (e_ - w < 40) { const c = (w + e_) / 2; w = c - 20; e_ = c + 20; }
        if (n - s < 24) { const c = (n + s) / 2; s = c - 12; n = c + 12; }
        const root = svg("svg", { viewBox: [w, -n, e_ - w, n - s].join(" "), role: "img", id: "map-svg" });
        for (let lon = -180; lon <= 180; lon += 10) root.append(svg("line", { class: "graticule", x1: lon, x2: lon, y1: -90, y2: 90 }));
        for (let lat = -80; lat <= 80; lat += 10) root.append(svg("line", { class: "graticule", x1: -180, x2: 180, y1: -lat, y2: -lat }));
        for (const country of world.countries) {
          const path = svg("path", { class: "land", d: country.d });
          path.append(svg("title", {}, country.name));
          root.append(path);
        }
        const scale = (e_ - w) / 200;
        for (const place of places.values()) {
          const counts = {};
          for (const e of place.events) counts[e.type] = (counts[e.type] || 0) + 1;
          const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
          const dot = svg("circle", {
            class: "map-dot", cx: place.lon, cy: -place.lat,
            r: scale * (0.6 + 0.35 * Math.sqrt(place.events.length)), fill: colour(top),
            "data-place": place.name,
          });
          dot.append(svg("title", {}, place.name + ": " + place.events.length + " " + label("events").toLowerCase()));
          dot.addEventListener("click", () => showPlace(place));
          root.append(dot);
          root.append(svg("text", { class: "map-label", x: place.lon + scale, y: -place.lat + scale * 0.4, "font-size": 2.2 * scale }, place.name));
        }
        target.replaceChildren(root);
        rendered();
      } finally {
        end();
      }
    }

    function showPlace(place) {
      detail.replaceChildren(
        el("h2", {}, place.name),
        el("ul", { id: "place-events" }, ...place.events.map((e) =>
          el("li", {},
            el("span", { class: "chip type-" + e.type }, e.type), " ",
            (e.date || "?") + " · " + label(e.status) + " · " + e.countries.join(" ") + " — ",
            e.document_id ? el("a", { href: docHref(e.document_id) }, e.evidence) : e.evidence)
        ))
      );
    }

    form.addEventListener("change", render);
    form.addEventListener("submit", (event) => { event.preventDefault(); render(); });
    await render();
  }

  // -- stance matrix --------------------------------------------------------------------
  async function stances() {
    const form = document.getElementById("filters");
    const matrix = document.getElementById("matrix");
    const detail = document.getElementById("cell-detail");

    async function render() {
      const mine = begin();
      try {
        let cells, changes;
        try {
          [cells, changes] = await Promise.all([
            getJSON("/api/stances/matrix", formParams(form)),
            getJSON("/api/stances/changes", form.elements.at.value ? new URLSearchParams({ until: form.elements.at.value }) : null),
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
            const td = el("td", {
              class: "cell " + cell.polarity, "data-side": side, "data-issue": issue, tabindex: 0,
              title: label(cell.polarity) + " · " + cell.date,
            }, label(cell.polarity));
            td.addEventListener("click", () => {
              for (const other of matrix.querySelectorAll("td.selected")) other.classList.remove("selected");
              td.classList.add("selected");
              showCell(cell);
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
      document.getElementById("cell-evidence").replaceChildren(...cell.evidence.map((ev) =>
        el("li", { class: "evidence" },
          el("span", { class: "muted" }, (ev.published || "?") + " · "),
          el("span", { class: "pol " + ev.polarity }, label(ev.polarity)), " ",
          el("span", { class: "evidence-text" }, "«" + ev.evidence.text + "»"), " ",
          el("a", { href: docHref(ev.document_id, ev.evidence.start, ev.evidence.end) }, label("open_source")))
      ));
      detail.hidden = false;
    }

    form.addEventListener("change", render);
    form.addEventListener("submit", (event) => { event.preventDefault(); render(); });
    await render();
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
          el("li", { class: "quote" },
            el("strong", {}, q.speaker_name || q.speaker_description || label("unknown")),
            q.speaker_country ? " (" + q.speaker_country + ")" : "",
            el("span", { class: "muted" }, " · " + (q.published || "?") + " · " + (q.outlet || "") + " · " + (q.cue || "")),
            el("span", { class: "quote-text" }, "«" + q.text + "»"),
            ...q.issues.map((i) => el("span", { class: "chip pol " + i.polarity }, issueLabel(i.issue) + ": " + label(i.polarity))),
            " ",
            el("a", { class: "open-source", href: docHref(q.document_id, q.start, q.end) }, label("open_source")))
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
