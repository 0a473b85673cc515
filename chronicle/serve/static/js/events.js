// The events table: filters bound to /api/events through the route's parameters, paging, evidence snippets.
import { api } from "./api.js";
import { el, formatCount } from "./dom.js";
import { navigate, routeHash } from "./router.js";

const PAGE = 50;
const MODALITIES = ["asserted", "future", "planned", "hypothetical", "reported"];
// The filters the form edits, in form order: [parameter, label, input type, placeholder].
const FIELDS = [
  ["actor", "Actor", "text", "code prefix, e.g. RUS"],
  ["code", "CAMEO", "text", "code prefix, e.g. 19"],
  ["plover", "PLOVER", "select", ""],
  ["since", "From", "date", ""],
  ["until", "To", "date", ""],
  ["place", "Place", "text", "name or country code"],
  ["negated", "Negated", "select", ""],
  ["modality", "Modality", "select", ""],
  ["background", "Background", "select", ""],
  ["q", "Text", "search", "words in the evidence"],
  ["sort", "Sort", "select", ""],
];
const SORTS = [["", "newest first"], ["date", "oldest first"], ["code", "CAMEO code"], ["-code", "CAMEO code, descending"],
  ["-confidence", "most confident first"], ["confidence", "least confident first"]];
// Parameters passed on to the API besides the form's.
const PASSED = ["article", "country", "source", "target", "bbox"];

function options(name, current, plovers) {
  const choices = name === "negated" ? [["", "any"], ["true", "negated"], ["false", "not negated"]]
    : name === "background" ? [["", "any"], ["false", "reported"], ["true", "background mentions"]]
    : name === "modality" ? [["", "any"], ...MODALITIES.map((m) => [m, m])]
    : name === "sort" ? [...SORTS]
    : [["", "any"], ...plovers.map((p) => [p, p])];
  if (current && !choices.some(([value]) => value === current)) choices.push([current, current]);
  return choices.map(([value, label]) => el("option", { value, selected: value === current }, label));
}

function filterForm(params, plovers) {
  const inputs = FIELDS.map(([name, label, type, placeholder]) => {
    const id = `f-${name}`;
    const input = type === "select"
      ? el("select", { id, name }, options(name, params.get(name) || "", plovers))
      : el("input", { id, name, type, placeholder, value: params.get(name) || "" });
    return el("div", { class: "field" }, el("label", { for: id }, label), input);
  });
  const form = el("form", { class: "filters", id: "event-filters" }, inputs,
    el("div", { class: "field buttons" },
      el("button", { type: "submit" }, "Filter"),
      el("button", { type: "reset", class: "secondary" }, "Clear")));
  const kept = Object.fromEntries(PASSED.filter((k) => params.get(k)).map((k) => [k, params.get(k)]));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    navigate("events", { ...kept, ...values });
  });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    navigate("events", {});
  });
  return form;
}

/** The evidence sentence with the trigger marked. */
export function evidenceSnippet(evidence, trigger) {
  const text = evidence || "";
  const at = trigger ? text.indexOf(trigger) : -1;
  if (at < 0) return el("span", { class: "evidence" }, text);
  return el("span", { class: "evidence" }, text.slice(0, at), el("mark", {}, trigger), text.slice(at + trigger.length));
}

function actorCell(code, name) {
  if (!code) return el("td", { class: "muted" }, "—");
  return el("td", { title: name || code }, el("a", { href: routeHash("events", { actor: code }) }, code));
}

function eventRow(e, focus) {
  const flags = [e.negated ? el("span", { class: "flag negated" }, "negated") : null,
    e.modality && e.modality !== "asserted" ? el("span", { class: "flag" }, e.modality) : null,
    e.background ? el("span", { class: "flag", title: "named as the setting of another event" }, "background") : null];
  const row = el("tr", {
    id: `event-${e.content_hash}-${e.n}`,
    class: focus ? "focus" : null,
    dataset: {
      source: e.source_code || "", target: e.target_code || "", code: e.code || "", plover: e.plover || "",
      negated: String(Boolean(e.negated)), modality: e.modality || "", place: e.place || "",
      country: e.place_country || "", date: e.date || "", hash: e.content_hash, n: String(e.n),
    },
  },
  el("td", { class: "nowrap" }, e.date || "—", e.event_date && e.event_date !== e.date ? el("div", { class: "muted small", title: "date of the event" }, e.event_date) : null),
  actorCell(e.source_code, e.source_name),
  el("td", { class: "nowrap" }, el("a", { href: routeHash("events", { code: e.code }), class: "code" }, e.code),
    e.plover ? el("div", { class: "small" }, el("a", { href: routeHash("events", { plover: e.plover }) }, e.plover)) : null),
  actorCell(e.target_code, e.target_name),
  el("td", {}, flags),
  el("td", { title: e.lat != null ? `${e.place} (${e.place_country || "?"}) ${e.lat}, ${e.lon}` : null }, e.place || "", e.place_country ? el("div", { class: "muted small" }, e.place_country) : null),
  el("td", {}, evidenceSnippet(e.evidence, e.trigger)),
  el("td", {}, el("a", { href: routeHash("article", { event: e.n }, e.content_hash), title: e.article_title || "" },
    e.article_title || e.article_id || e.content_hash.slice(0, 10))));
  return row;
}

function pager(params, total, offset) {
  const go = (to) => navigate("events", { ...Object.fromEntries(params.entries()), offset: to || "" });
  const last = Math.min(offset + PAGE, total);
  return el("div", { class: "pager" },
    el("button", { type: "button", class: "secondary", disabled: offset <= 0, on: { click: () => go(Math.max(0, offset - PAGE)) } }, "‹ Previous"),
    el("span", { class: "count" }, total ? `${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(total)} events` : "No events match"),
    el("button", { type: "button", class: "secondary", disabled: last >= total, on: { click: () => go(offset + PAGE) } }, "Next ›"));
}

export async function renderEvents(page, { params }) {
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const filters = Object.fromEntries([...FIELDS.map(([k]) => k), ...PASSED].map((k) => [k, params.get(k) || ""]));
  const [plovers, data] = await Promise.all([
    api("/api/aggregates/counts", { params: { interval: "month", by: "plover" } })
      .then((r) => [...new Set(r.items.map((i) => i.key).filter((k) => k && k !== "-"))].sort()),
    api("/api/events", { params: { ...filters, limit: PAGE, offset } }),
  ]);
  const focus = params.get("focus");
  const heading = el("h1", {}, "Events");
  if (params.get("article")) heading.append(el("span", { class: "muted small" }, " in one article · ", el("a", { href: "#/events" }, "all events")));
  const rows = data.items.map((e) => eventRow(e, focus !== null && String(e.n) === focus));
  page.append(heading, filterForm(params, plovers), pager(params, data.total, offset),
    el("table", { class: "events", id: "events-table" },
      el("thead", {}, el("tr", {}, ["Date", "Source", "Event", "Target", "", "Place", "Evidence", "Article"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)));
  const focused = page.querySelector("tr.focus");
  if (focused) focused.scrollIntoView({ block: "center" });
}
