// The map: the bundled world outline (/api/world) in an equirectangular projection, event places as circles.
import { api } from "./api.js";
import { el, svg, formatCount } from "./dom.js";
import { navigate } from "./router.js";

const WIDTH = 1000;
// Latitudes shown: Antarctica and the far north take room and hold no news.
const NORTH = 84;
const SOUTH = -58;
const HEIGHT = Math.round((WIDTH * (NORTH - SOUTH)) / 360);
const FILTERS = ["actor", "code", "plover", "since", "until", "negated", "modality", "background", "q"];

export function project(lon, lat) {
  return [((lon + 180) / 360) * WIDTH, ((NORTH - lat) / (NORTH - SOUTH)) * HEIGHT];
}

function ringPath(ring) {
  // Natural Earth rings that cross the antimeridian jump from +180 to -180: unwrap them into continuous
  // longitudes, then also draw the copy shifted by 360 degrees; the viewBox clips what falls outside.
  const points = [];
  for (const [lon, lat] of ring) {
    let x = lon;
    if (points.length) {
      const prev = points[points.length - 1][0];
      while (x - prev > 180) x -= 360;
      while (prev - x > 180) x += 360;
    }
    points.push([x, lat]);
  }
  const lons = points.map(([lon]) => lon);
  const shifts = [0];
  if (Math.max(...lons) > 180) shifts.push(-360);
  if (Math.min(...lons) < -180) shifts.push(360);
  return shifts.map((shift) => points.map(([lon, lat], i) => {
    const [x, y] = project(lon + shift, lat);
    return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join("") + "Z").join("");
}

function geometryPath(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.flatMap((polygon) => polygon.map(ringPath)).join("");
}

/** Wheel to zoom around the pointer, drag to pan: both move the viewBox. */
function panZoom(root) {
  const view = { x: 0, y: 0, w: WIDTH, h: HEIGHT };
  const apply = () => root.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  const toView = (event) => {
    const box = root.getBoundingClientRect();
    return [view.x + ((event.clientX - box.left) / box.width) * view.w, view.y + ((event.clientY - box.top) / box.height) * view.h];
  };
  root.addEventListener("wheel", (event) => {
    event.preventDefault();
    const [px, py] = toView(event);
    const factor = Math.min(WIDTH / view.w, Math.max(1 / 16, event.deltaY > 0 ? 1.25 : 0.8));
    view.x = px - (px - view.x) * factor;
    view.y = py - (py - view.y) * factor;
    view.w *= factor;
    view.h *= factor;
    apply();
  }, { passive: false });
  let drag = null;
  root.addEventListener("pointerdown", (event) => { drag = toView(event); });
  root.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const [px, py] = toView(event);
    view.x += drag[0] - px;
    view.y += drag[1] - py;
    apply();
  });
  for (const type of ["pointerup", "pointerleave"]) root.addEventListener(type, () => { drag = null; });
}

export async function renderMap(page, { params }) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || ""]));
  page.append(el("h1", {}, "Map"), el("p", { class: "muted small" }, "Event places, circles sized by the number of events. Scroll to zoom, drag to pan, click a place for its events."));
  const [world, places] = await Promise.all([api("/api/world"), api("/api/aggregates/places", { params: filters })]);
  const byCountry = new Map();
  for (const p of places.items) if (p.country) byCountry.set(p.country, (byCountry.get(p.country) || 0) + p.count);
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart map", id: "map", role: "img", "aria-label": "Map of event places" });
  const land = svg("g", { class: "countries" });
  for (const feature of world.features || []) {
    const props = feature.properties || {};
    if (props.iso3 === "ATA") continue;
    const count = byCountry.get(props.iso3) || 0;
    land.append(svg("path", { d: geometryPath(feature.geometry), class: count ? "country has-events" : "country", dataset: { iso3: props.iso3 || "" } },
      svg("title", {}, `${props.name || props.iso3 || "?"}${count ? `: ${formatCount(count)} events` : ""}`)));
  }
  const max = Math.max(1, ...places.items.map((p) => p.count));
  const dots = svg("g", { class: "places" });
  // Largest first so small circles stay on top and clickable.
  for (const p of [...places.items].sort((a, b) => b.count - a.count)) {
    if (p.lat == null || p.lon == null) continue;
    const [cx, cy] = project(p.lon, p.lat);
    const circle = svg("circle", { cx: cx.toFixed(1), cy: cy.toFixed(1), r: (3 + 17 * Math.sqrt(p.count / max)).toFixed(1), class: "place", dataset: { place: p.place || "", count: String(p.count) } },
      svg("title", {}, `${p.place}${p.country ? ` (${p.country})` : ""}: ${formatCount(p.count)} events · ${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`));
    circle.addEventListener("click", () => navigate("events", { ...filters, place: p.place }));
    dots.append(circle);
  }
  root.append(land, dots);
  panZoom(root);
  page.append(el("div", { class: "map-box" }, root), el("p", { class: "muted small" },
    `${formatCount(places.items.length)} places · country outlines: ${world.source || "Natural Earth"}`));
}
