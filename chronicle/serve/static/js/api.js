// The API client: JSON in and out, the token as a bearer header, API errors as ApiError(message).

const TOKEN_KEY = "chronicle.token";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Take a token from the URL fragment (#token=…) into sessionStorage and drop it from the address bar. */
export function takeTokenFromUrl() {
  const match = /^#token=([^&]*)/.exec(location.hash);
  if (!match) return;
  setToken(decodeURIComponent(match[1]));
  history.replaceState(null, "", location.pathname + location.search + "#/events");
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Query parameters without empty values. */
export function query(params) {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") out.set(key, String(value));
  }
  return out;
}

/** api("/api/events", {params}) or api("/api/articles", {method: "POST", json, params}) or {form: FormData}. */
export async function api(path, { method = "GET", params, json, form } = {}) {
  const qs = query(params).toString();
  const headers = { Accept: "application/json" };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  let response;
  try {
    response = await fetch(qs ? `${path}?${qs}` : path, { method, headers, body });
  } catch (err) {
    throw new ApiError(0, `The server cannot be reached (${err.message}).`);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data && data.error && data.error.message;
    throw new ApiError(response.status, message || `${response.status} ${response.statusText}`);
  }
  return data;
}
