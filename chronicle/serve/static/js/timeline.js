// The timeline: event counts per day, week or month, stacked by CAMEO root or PLOVER type, in SVG.
import { api } from "./api.js";
import { el, svg, colour, formatCount } from "./dom.js";
import { navigate } from "./router.js";
import { keyLegend, ticks } from "./chart.js";

const WIDTH = 960;
const HEIGHT = 360;
const MARGIN = { top: 12, right: 12, bottom: 56, left: 48 };
const FILTERS = ["actor", "code", "plover", "since", "until", "place", "country", "negated", "modality", "background", "q"];

function select(name, value, choices) {
  return el("select", { name, id: `t-${name}` }, choices.map(([v, label]) => el("option", { value: v, selected: v === value }, label)));
}

/** The first and last day of a period as the API names it ("2024-05-01", or "2024-05" for a month), or null. */
function periodRange(period, interval) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(period);
  if (!m) return null;
  const start = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
  const end = new Date(start);
  if (interval === "week") end.setUTCDate(end.getUTCDate() + 6);
  if (interval === "month") end.setUTCMonth(end.getUTCMonth() + 1, 0);
  const iso = (d) => d.toISOString().slice(0, 10);
  return { since: iso(start), until: iso(end) };
}

/** A period's label: its day, or its month for monthly counts. */
function shortPeriod(period, interval) {
  return /^\d{4}-\d{2}-\d{2}/.test(period) ? period.slice(0, interval === "month" ? 7 : 10) : period;
}

const MAX_FILLED = 1500;

/**
 * Every period from the first to the last, those with no events included, so that gaps show as gaps
 * (periods are first days: "2024-05-01"; weeks start on Monday). Too long a run stays as given.
 */
function allPeriods(periods, interval) {
  const dated = periods.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p)).sort();
  if (dated.length < 2) return [...periods].sort();
  const out = [];
  const day = new Date(`${dated[0]}T00:00:00Z`);
  const last = dated[dated.length - 1];
  for (let p = dated[0]; p <= last && out.length <= MAX_FILLED; p = day.toISOString().slice(0, 10)) {
    out.push(p);
    if (interval === "month") day.setUTCMonth(day.getUTCMonth() + 1);
    else day.setUTCDate(day.getUTCDate() + (interval === "week" ? 7 : 1));
  }
  if (out.length > MAX_FILLED) return [...periods].sort();
  return [...out, ...periods.filter((p) => !dated.includes(p)).sort()];
}

/** Stack counts: [{period, parts: [{key, count, y0, y1}]}] for periods in order. */
function stack(items, keys, interval) {
  const periods = allPeriods([...new Set(items.map((i) => i.period))], interval);
  const counts = new Map();
  for (const i of items) counts.set(`${i.period}\u0000${i.key}`, (counts.get(`${i.period}\u0000${i.key}`) || 0) + i.count);
  return periods.map((period) => {
    let y = 0;
    const parts = keys.map((key) => {
      const count = counts.get(`${period}\u0000${key}`) || 0;
      const part = { key, count, y0: y, y1: y + count };
      y += count;
      return part;
    }).filter((p) => p.count > 0);
    return { period, parts, total: y };
  });
}

function chart(columns, keys, byLabel, interval, filters) {
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...columns.map((c) => c.total));
  const axis = ticks(max);
  const top = axis[axis.length - 1];
  const y = (v) => MARGIN.top + innerH - (v / top) * innerH;
  const band = innerW / Math.max(1, columns.length);
  const barW = Math.max(1, band * 0.8);
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart timeline-chart", id: "timeline-chart", role: "img", "aria-label": "Event counts over time" });
  for (const v of axis) {
    root.append(svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v), class: "grid" }),
      svg("text", { x: MARGIN.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, formatCount(v)));
  }
  const labelEvery = Math.ceil(columns.length / 16);
  columns.forEach((column, i) => {
    const x = MARGIN.left + i * band + (band - barW) / 2;
    const group = svg("g", { class: "bar", dataset: { period: column.period, total: String(column.total) } });
    for (const part of column.parts) {
      group.append(svg("rect", { x, width: barW, y: y(part.y1), height: Math.max(0.5, y(part.y0) - y(part.y1)), fill: colour(keys.indexOf(part.key)), dataset: { key: part.key, count: String(part.count) } },
        svg("title", {}, `${column.period} · ${byLabel} ${part.key}: ${formatCount(part.count)} (of ${formatCount(column.total)})`)));
    }
    const range = periodRange(column.period, interval);
    if (range) group.addEventListener("click", () => navigate("events", { ...filters, ...range }));
    root.append(group);
    if (i % labelEvery === 0) {
      const lx = x + barW / 2;
      root.append(svg("text", { x: lx, y: HEIGHT - MARGIN.bottom + 14, class: "tick", "text-anchor": "end", transform: `rotate(-40 ${lx} ${HEIGHT - MARGIN.bottom + 14})` }, shortPeriod(column.period, interval)));
    }
  });
  root.append(svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0), class: "axis" }));
  return root;
}

export async function renderTimeline(page, { params }) {
  const interval = params.get("interval") || "month";
  const by = params.get("by") || "root";
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || ""]));
  const controls = el("form", { class: "filters" },
    el("div", { class: "field" }, el("label", { for: "t-interval" }, "Per"), select("interval", interval, [["day", "day"], ["week", "week"], ["month", "month"]])),
    el("div", { class: "field" }, el("label", { for: "t-by" }, "Stacked by"), select("by", by, [["root", "CAMEO root"], ["plover", "PLOVER type"]])));
  controls.addEventListener("change", () => navigate("timeline", { ...filters, ...Object.fromEntries(new FormData(controls).entries()) }));
  page.append(el("h1", {}, "Timeline"), controls);
  const data = await api("/api/aggregates/counts", { params: { ...filters, interval, by } });
  // The API names events with no PLOVER type "-".
  const items = data.items.map((i) => ({ ...i, key: i.key === null || i.key === "-" ? "none" : i.key, period: i.period ?? "undated" }));
  if (!items.length) {
    page.append(el("p", { class: "muted" }, "No events to count."));
    return;
  }
  // Keys by total, largest first, so the biggest series sit at the bottom of each bar and get the first colours.
  const totals = new Map();
  for (const i of items) totals.set(i.key, (totals.get(i.key) || 0) + i.count);
  const keys = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a) || String(a).localeCompare(String(b)));
  const byLabel = by === "plover" ? "PLOVER" : "CAMEO root";
  page.append(chart(stack(items, keys, interval), keys, byLabel, interval, filters), keyLegend(keys, (k) => `${k} (${formatCount(totals.get(k))})`),
    el("p", { class: "muted small" }, "Click a bar for its events (by article date)."));
}
