// The router: #/<route>/<arg>?<params> picks a view; each view fills a fresh container.
import { takeTokenFromUrl, token, setToken } from "./api.js";
import { el, clear } from "./dom.js";
import { renderEvents } from "./events.js";
import { renderTimeline } from "./timeline.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { renderArticle, renderArticles } from "./article-page.js";
import { renderPaste } from "./paste.js";
import { currentRoute, showError, clearError } from "./router.js";

const ROUTES = {
  events: renderEvents,
  timeline: renderTimeline,
  map: renderMap,
  network: renderNetwork,
  articles: renderArticles,
  article: renderArticle,
  paste: renderPaste,
};

async function route() {
  const { name, arg, params } = currentRoute();
  const view = ROUTES[name] || renderEvents;
  clearError();
  for (const link of document.querySelectorAll("#nav a")) {
    link.classList.toggle("active", link.dataset.route === name || (name === "article" && link.dataset.route === "articles"));
  }
  const page = el("div", { class: `page page-${name}` });
  clear(document.getElementById("view")).append(page);
  // body[data-state] tells a reader (and the browser tests) when the view has its data: loading, ready, error.
  document.body.dataset.state = "loading";
  try {
    await view(page, { arg, params });
    if (page.isConnected) document.body.dataset.state = "ready";
  } catch (err) {
    // A view left behind by navigation reports nothing.
    if (page.isConnected) {
      showError(err);
      document.body.dataset.state = "error";
    }
  }
}

function showTokenState() {
  document.getElementById("token-state").textContent = token() ? "token kept for this tab" : "no token: needed to post";
}

function setupToken() {
  const form = document.getElementById("token-form");
  const input = document.getElementById("token-input");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    setToken(input.value.trim());
    input.value = "";
    showTokenState();
  });
  showTokenState();
}

takeTokenFromUrl();
setupToken();
window.addEventListener("hashchange", route);
window.addEventListener("unhandledrejection", (event) => showError(event.reason));
route();
