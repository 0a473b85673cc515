// Reading and changing the hash route, and the page's error banner: shared by every view.

/** The current route: {name, arg, params} from "#/name/arg?a=1". */
export function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const cut = hash.indexOf("?");
  const path = cut < 0 ? hash : hash.slice(0, cut);
  const [name, ...rest] = path.split("/");
  return {
    name: name || "events",
    arg: rest.length ? decodeURIComponent(rest.join("/")) : "",
    params: new URLSearchParams(cut < 0 ? "" : hash.slice(cut + 1)),
  };
}

/** The hash of a route with parameters, empty ones dropped. */
export function routeHash(name, params = {}, arg = "") {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) qs.set(key, value);
  }
  const query = qs.toString();
  return `#/${name}${arg ? "/" + encodeURIComponent(arg) : ""}${query ? "?" + query : ""}`;
}

/** Go to a route; going to the current one renders it again. */
export function navigate(name, params = {}, arg = "") {
  const target = routeHash(name, params, arg);
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = target;
}

export function showError(err) {
  const box = document.getElementById("error");
  box.textContent = err && err.message ? err.message : String(err);
  box.classList.remove("hidden");
}

export function clearError() {
  const box = document.getElementById("error");
  box.textContent = "";
  box.classList.add("hidden");
}
