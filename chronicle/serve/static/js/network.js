// The actor network: who acts on whom (/api/network), laid out by forces, drawn in SVG; a node opens its events.
import { api } from "./api.js";
import { el, svg, formatCount } from "./dom.js";
import { navigate, routeHash } from "./router.js";
import { forceLayout } from "./layout.js";

const WIDTH = 960;
const HEIGHT = 640;

function numberField(name, label, value) {
  return el("div", { class: "field" }, el("label", { for: `n-${name}` }, label),
    el("input", { id: `n-${name}`, name, type: "number", min: 1, value }));
}

export async function renderNetwork(page, { params }) {
  const minWeight = params.get("min_weight") || "1";
  const limit = params.get("limit") || "80";
  const form = el("form", { class: "filters" }, numberField("min_weight", "Min. events per dyad", minWeight),
    numberField("limit", "Max. dyads", limit), el("div", { class: "field buttons" }, el("button", { type: "submit" }, "Draw")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate("network", Object.fromEntries(new FormData(form).entries()));
  });
  page.append(el("h1", {}, "Actor network"), form);
  const data = await api("/api/network", { params: { min_weight: minWeight, limit } });
  if (!data.nodes.length) {
    page.append(el("p", { class: "muted" }, "No dyads: no event has both a source and a target."));
    return;
  }
  const pos = forceLayout(data.nodes, data.edges, WIDTH, HEIGHT);
  const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight));
  const maxCount = Math.max(1, ...data.nodes.map((n) => n.count));
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart network", id: "network", role: "img", "aria-label": "Actor network" },
    svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      svg("path", { d: "M0,0L10,5L0,10z", class: "arrow" }))));
  const radius = (count) => 5 + 15 * Math.sqrt(count / maxCount);
  const nodeCount = new Map(data.nodes.map((n) => [n.id, n.count]));
  const lines = svg("g", { class: "edges" });
  for (const e of data.edges) {
    const [a, b] = [pos[e.source], pos[e.target]];
    if (!a || !b || e.source === e.target) continue;
    // Stop the line at the target's rim so the arrowhead shows.
    const d = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    const r = radius(nodeCount.get(e.target) || 1) + 2;
    const line = svg("line", { x1: a[0], y1: a[1], x2: b[0] - ((b[0] - a[0]) * r) / d, y2: b[1] - ((b[1] - a[1]) * r) / d, class: "edge", "marker-end": "url(#arrow)", dataset: { source: e.source, target: e.target } },
      svg("title", {}, `${e.source} → ${e.target}: ${formatCount(e.weight)} events${e.codes && e.codes.length ? ` (CAMEO ${e.codes.join(", ")})` : ""}`));
    line.style.strokeWidth = String(1 + 5 * (e.weight / maxWeight));
    lines.append(line);
  }
  const dots = svg("g", { class: "nodes" });
  for (const node of data.nodes) {
    const [x, y] = pos[node.id];
    const group = svg("g", { class: "node", dataset: { id: node.id }, tabindex: 0, role: "link" },
      svg("circle", { cx: x, cy: y, r: radius(node.count) }),
      svg("text", { x, y: y - radius(node.count) - 3, "text-anchor": "middle" }, node.id),
      svg("title", {}, `${node.id}: ${formatCount(node.count)} events · click for its events`));
    const open = () => { location.hash = routeHash("events", { actor: node.id }); };
    group.addEventListener("click", open);
    group.addEventListener("keydown", (event) => { if (event.key === "Enter") open(); });
    dots.append(group);
  }
  root.append(lines, dots);
  page.append(root, el("p", { class: "muted small" }, `${data.nodes.length} actors, ${data.edges.length} dyads; arrows point from source to target, wider lines carry more events.`));
}
