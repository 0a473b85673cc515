// Highlight spans of a Document and the cutting of its text into pieces, each covered by a set of spans.

/** The kinds of highlight, in legend order: [kind, legend label]. */
export const KINDS = [
  ["entity", "Entities"],
  ["event", "Event triggers"],
  ["evidence", "Event evidence"],
  ["quote", "Quotes"],
  ["place", "Places"],
  ["time", "Times"],
];

function actorLabel(ref) {
  if (!ref) return "?";
  return ref.code ? `${ref.code}${ref.name ? ` (${ref.name})` : ""}` : ref.text;
}

function eventLabel(e) {
  const flags = [e.negated ? "negated" : "", e.modality && e.modality !== "asserted" ? e.modality : "",
    e.background ? "background" : ""].filter(Boolean);
  return `Event ${e.code}${e.plover ? ` ${e.plover}` : ""}: ${actorLabel(e.source)} → ${actorLabel(e.target)}` +
    (flags.length ? ` [${flags.join(", ")}]` : "");
}

function placeLabel(p) {
  const where = p.lat != null && p.lon != null ? ` at ${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}` : " (not geocoded)";
  return `Place ${p.text}${p.country ? ` (${p.country})` : ""}${p.kind ? `, ${p.kind}` : ""}${where}`;
}

/** Every highlight span of a document: {start, end, kind, label, event (index, for event kinds)}. */
export function collectSpans(doc) {
  const spans = [];
  for (const e of doc.entities || []) {
    spans.push({ start: e.start, end: e.end, kind: "entity", label: `${e.label} entity${e.actor ? `, actor ${e.actor}` : ""}` });
  }
  (doc.events || []).forEach((e, i) => {
    const label = eventLabel(e);
    for (const ev of e.evidence || []) spans.push({ start: ev.start, end: ev.end, kind: "evidence", label: `Evidence of ${label}`, event: i });
    if (e.trigger) spans.push({ start: e.trigger.start, end: e.trigger.end, kind: "event", label, event: i });
  });
  for (const q of doc.quotes || []) {
    const who = q.speaker ? (q.speaker.code || q.speaker.text) : "unknown speaker";
    spans.push({ start: q.content.start, end: q.content.end, kind: "quote", label: `${q.kind} quote of ${who}` });
  }
  for (const p of doc.places || []) spans.push({ start: p.start, end: p.end, kind: "place", label: placeLabel(p) });
  for (const t of doc.times || []) {
    spans.push({ start: t.start, end: t.end, kind: "time", label: `${t.type} ${t.text}${t.value ? ` = ${t.value}` : " (unresolved)"}` });
  }
  return spans;
}

/**
 * Cut [0, length) at every span boundary: pieces [{start, end, spans}], each with the spans covering all of it.
 * Overlapping and nested spans need no special case: a piece just has several.
 */
export function pieces(length, spans) {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0 && s.end <= length);
  const cuts = [...new Set([0, length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  // Sweep: spans sorted by start enter as the cut passes them and leave once it reaches their end.
  const byStart = [...valid].sort((a, b) => a.start - b.start);
  const open = [];
  const out = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    while (next < byStart.length && byStart[next].start <= start) open.push(byStart[next++]);
    for (let j = open.length - 1; j >= 0; j--) if (open[j].end <= start) open.splice(j, 1);
    out.push({ start, end, spans: [...open] });
  }
  return out;
}
