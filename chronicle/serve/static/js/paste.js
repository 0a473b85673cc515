// Paste an article and see its records at once; upload a file and follow its processing job.
import { api, token } from "./api.js";
import { el, clear } from "./dom.js";
import { showError, clearError } from "./router.js";
import { documentView } from "./article-view.js";

const POLL_MS = 500;

function needToken() {
  if (token()) return false;
  showError("Posting needs the server's token: open the address the server printed, or paste the token above.");
  return true;
}

function pasteForm(out) {
  const text = el("textarea", { id: "paste-text", name: "text", rows: 12, required: true, placeholder: "Paste an article's text here." });
  const date = el("input", { id: "paste-date", name: "date", type: "date" });
  const title = el("input", { id: "paste-title", name: "title", type: "text", placeholder: "optional" });
  const store = el("input", { id: "paste-store", name: "store", type: "checkbox" });
  const button = el("button", { type: "submit", id: "paste-submit" }, "Process");
  const form = el("form", { class: "paste", id: "paste-form" },
    el("label", { for: "paste-text" }, "Article text"), text,
    el("div", { class: "row" },
      el("div", { class: "field" }, el("label", { for: "paste-date" }, "Publication date"), date),
      el("div", { class: "field grow" }, el("label", { for: "paste-title" }, "Title"), title),
      el("label", { class: "check" }, store, " store it"),
      el("div", { class: "field buttons" }, button)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    if (needToken()) return;
    button.disabled = true;
    clear(out).append(el("p", { class: "muted" }, "Processing…"));
    try {
      const doc = await api("/api/articles", {
        method: "POST", params: { store: store.checked ? "true" : "false" },
        json: { text: text.value, date: date.value || null, title: title.value || null, url: null },
      });
      clear(out).append(documentView(doc, { stored: store.checked }));
    } catch (err) {
      clear(out);
      showError(err);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function uploadForm() {
  const file = el("input", { id: "upload-file", name: "file", type: "file", required: true });
  const bar = el("progress", { id: "upload-progress", max: 1, value: 0 });
  const status = el("div", { id: "upload-status", class: "muted", "aria-live": "polite" });
  const errors = el("ul", { id: "upload-errors", class: "errors" });
  const button = el("button", { type: "submit" }, "Upload");
  const form = el("form", { class: "upload", id: "upload-form" }, el("label", { for: "upload-file" }, "A file of articles (text, HTML, JSONL, CSV, WARC…)"),
    el("div", { class: "row" }, file, button), bar, status, errors);
  const follow = async (job) => {
    const state = await api(`/api/jobs/${encodeURIComponent(job)}`);
    bar.max = Math.max(1, state.total || 0);
    bar.value = state.done || 0;
    status.textContent = `${state.status}: ${state.done ?? 0} of ${state.total ?? "?"} articles processed, ${state.stored ?? 0} stored, ${(state.errors || []).length} errors`;
    clear(errors).append(...(state.errors || []).map((e) => el("li", {}, typeof e === "string" ? e : JSON.stringify(e))));
    return state.status;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    if (needToken() || !file.files.length) return;
    button.disabled = true;
    try {
      const body = new FormData();
      body.append("file", file.files[0]);
      const { job } = await api("/api/upload", { method: "POST", form: body });
      bar.value = 0;
      // Poll until the job leaves its running states; a page left behind stops polling.
      while (form.isConnected && ["queued", "running", "pending"].includes(await follow(job))) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (err) {
      showError(err);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export async function renderPaste(page) {
  const out = el("div", { id: "paste-result" });
  page.append(el("h1", {}, "Paste an article"),
    el("p", { class: "muted small" }, "Processed by the server and shown at once; stored only when asked."),
    pasteForm(out), out,
    el("h2", {}, "Upload a file"), uploadForm());
}
