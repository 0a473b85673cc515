// Small SVG helpers shared by the charts: a legend of coloured keys and "nice" axis ticks.
import { el, colour } from "./dom.js";

/** A legend of keys; colours come from colour(index of the key in `keys`). */
export function keyLegend(keys, label = (k) => k) {
  return el("div", { class: "legend" }, keys.map((key, i) => {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colour(i);
    return el("span", { class: "key" }, swatch, label(key));
  }));
}

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function ticks(max, count = 5) {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = 0; v < max + step; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}
