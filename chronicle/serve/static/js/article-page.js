// #/article/<key>: one stored article; #/articles: the list of stored articles.
import { api } from "./api.js";
import { el, formatCount } from "./dom.js";
import { navigate, routeHash } from "./router.js";
import { documentView } from "./article-view.js";

export async function renderArticle(page, { arg, params }) {
  if (!arg) return navigate("articles");
  const doc = await api(`/api/articles/${encodeURIComponent(arg)}`);
  const event = params.get("event");
  page.append(documentView(doc, { stored: true, selected: event === null ? null : Number(event) }));
}

const PAGE = 50;

export async function renderArticles(page, { params }) {
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const q = params.get("q") || "";
  const data = await api("/api/articles", { params: { q, limit: PAGE, offset } });
  const search = el("input", { type: "search", name: "q", value: q, placeholder: "words in the title or text" });
  const form = el("form", { class: "filters" }, el("div", { class: "field" }, search), el("div", { class: "field buttons" }, el("button", { type: "submit" }, "Search")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate("articles", { q: search.value.trim() });
  });
  const rows = data.items.map((a) => el("tr", {},
    el("td", { class: "nowrap" }, a.date || "—"),
    el("td", {}, el("a", { href: routeHash("article", {}, a.content_hash) }, a.title || a.id)),
    el("td", {}, a.language || ""),
    el("td", { class: "num" }, el("a", { href: routeHash("events", { article: a.content_hash }) }, formatCount(a.events ?? 0)))));
  const more = [];
  if (offset > 0) more.push(el("a", { href: routeHash("articles", { q, offset: Math.max(0, offset - PAGE) }) }, "‹ Previous"));
  if (offset + PAGE < data.total) more.push(el("a", { href: routeHash("articles", { q, offset: offset + PAGE }) }, "Next ›"));
  page.append(el("h1", {}, "Articles"), form,
    el("p", { class: "muted" }, `${formatCount(data.total)} articles`),
    el("table", { class: "articles" }, el("thead", {}, el("tr", {}, ["Date", "Title", "Lang.", "Events"].map((h) => el("th", {}, h)))), el("tbody", {}, rows)),
    el("div", { class: "pager" }, more));
}
