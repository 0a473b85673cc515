// One Document shown: its text with highlights (built from text nodes only) beside lists of its records.
import { el, safeHref } from "./dom.js";
import { routeHash } from "./router.js";
import { KINDS, collectSpans, pieces } from "./highlight.js";

function legend(textBox) {
  return el("div", { class: "legend", id: "legend" }, KINDS.map(([kind, label]) => {
    const box = el("input", { type: "checkbox", checked: true, dataset: { kind } });
    box.addEventListener("change", () => textBox.classList.toggle(`hide-${kind}`, !box.checked));
    return el("label", { class: `key hl-${kind}` }, box, label);
  }));
}

function highlightedText(doc, onEvent) {
  const text = doc.text || "";
  const box = el("div", { class: "article-text", id: "article-text" });
  for (const piece of pieces(text.length, collectSpans(doc))) {
    const content = text.slice(piece.start, piece.end);
    if (!piece.spans.length) {
      box.append(document.createTextNode(content));
      continue;
    }
    const kinds = [...new Set(piece.spans.map((s) => s.kind))];
    const node = el("span", { class: ["hl", ...kinds.map((k) => `hl-${k}`)].join(" "), title: piece.spans.map((s) => s.label).join("\n") });
    node.textContent = content;
    // The trigger names an event more precisely than a sentence of evidence shared by several.
    const eventSpan = piece.spans.find((s) => s.kind === "event") || piece.spans.find((s) => s.kind === "evidence");
    if (eventSpan) {
      node.dataset.event = String(eventSpan.event);
      node.addEventListener("click", () => onEvent(eventSpan.event, false));
    }
    box.append(node);
  }
  return box;
}

function actorText(ref) {
  return ref ? `${ref.code || "?"} “${ref.text}”` : "—";
}

function eventItem(doc, e, i, stored, onEvent) {
  return el("li", { id: `ev-${i}`, class: "record", dataset: { event: String(i) } },
    el("button", { type: "button", class: "linklike", on: { click: () => onEvent(i, true) } },
      el("strong", { class: "code" }, e.code), e.plover ? ` ${e.plover}` : "", e.mode ? ` (${e.mode})` : ""),
    el("div", {}, actorText(e.source), " → ", actorText(e.target)),
    el("div", { class: "small muted" }, [
      e.negated ? "negated" : "", e.modality, e.background ? "background" : "", `confidence ${Number(e.confidence).toFixed(2)}`,
      e.location ? `in ${e.location.text}${e.location_inferred ? " (inferred)" : ""}` : "",
      e.date_value ? `on ${e.date_value}${e.date_inferred ? " (publication date)" : ""}` : "",
    ].filter(Boolean).join(" · ")),
    el("div", { class: "small" }, (e.evidence || []).map((s) => s.text).join(" … ")),
    stored ? el("a", { class: "small", href: routeHash("events", { article: doc.content_hash, focus: i }) }, "row in the events table") : null);
}

function section(title, items, empty) {
  return el("section", { class: "records" }, el("h3", {}, `${title} (${items.length})`),
    items.length ? el("ul", {}, items) : el("p", { class: "muted small" }, empty));
}

/** The document view; `stored` says whether its events have rows in the store to link to. */
export function documentView(doc, { stored = true, selected = null } = {}) {
  let textBox;
  const onEvent = (i, fromList) => {
    for (const node of textBox.querySelectorAll(".selected")) node.classList.remove("selected");
    for (const node of listBox.querySelectorAll(".selected")) node.classList.remove("selected");
    const marks = textBox.querySelectorAll(`[data-event="${i}"]`);
    for (const node of marks) node.classList.add("selected");
    const item = listBox.querySelector(`#ev-${i}`);
    if (item) item.classList.add("selected");
    const target = fromList ? marks[0] : item;
    if (target) target.scrollIntoView({ block: "center", behavior: "smooth" });
  };
  textBox = highlightedText(doc, onEvent);
  const href = safeHref(doc.url);
  const events = (doc.events || []).map((e, i) => eventItem(doc, e, i, stored, onEvent));
  const quotes = (doc.quotes || []).map((q) => el("li", { class: "record" },
    el("strong", {}, q.speaker ? (q.speaker.code || q.speaker.text) : "unknown"), ` (${q.kind})`,
    q.cue ? ` ${q.cue.text}: ` : ": ", el("q", {}, q.content.text)));
  const places = (doc.places || []).map((p) => el("li", { class: "record" }, p.text,
    el("span", { class: "muted small" }, ` ${p.country || ""} ${p.lat != null ? `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}` : ""}`)));
  const times = (doc.times || []).map((t) => el("li", { class: "record" }, t.text, el("span", { class: "muted small" }, ` ${t.type} ${t.value || "unresolved"}`)));
  const actors = (doc.actors || []).map((a) => el("li", { class: "record" },
    stored ? el("a", { class: "code", href: routeHash("events", { actor: a.code }), title: "events of this actor" }, a.code) : el("span", { class: "code" }, a.code),
    ` ${a.name}`, el("span", { class: "muted small" }, ` ${(a.mentions || []).length} mentions`)));
  const listBox = el("aside", { class: "article-records" },
    section("Events", events, "No events coded."), section("Actors", actors, "No actors."), section("Quotes", quotes, "No quotes."),
    section("Places", places, "No places."), section("Times", times, "No times."));
  const meta = el("div", { class: "meta muted" }, [
    doc.date ? `Published ${doc.date}` : "No date",
    doc.language ? `language ${doc.language}` : null,
    `${(doc.entities || []).length} entities`,
    `id ${doc.id}`,
  ].filter(Boolean).join(" · "), href ? [" · ", el("a", { href, rel: "noopener noreferrer", target: "_blank" }, "source")] : null);
  const view = el("article", { class: "document" },
    el("h2", { class: "doc-title" }, doc.title || "(untitled)"), meta, legend(textBox),
    el("div", { class: "article-layout" }, textBox, listBox));
  if (selected !== null && selected !== undefined && doc.events && doc.events[selected]) {
    requestAnimationFrame(() => onEvent(Number(selected), true));
  }
  return view;
}
