// Search as you type: a listbox of matches under the box (arrow keys, Enter, Escape), and the
// results page /?q=text that a search submits and that can be shared.
import { SEARCH, gql } from "./api.js";
import { TYPE_COLOURS, entityLink, entityPath, errorView, h } from "./dom.js";
import { navigate } from "./router.js";

/** Wires an input and its listbox; `pick(entity)` runs when a suggestion is chosen. */
export function suggestBox(input, list, pick) {
  let active = -1;
  let items = [];
  let timer = null;
  let asked = 0;
  const show = (entities) => {
    items = entities;
    active = -1;
    list.replaceChildren(...entities.map((e, i) => h("li", {
      role: "option", id: `${list.id}-${i}`, "data-entity": e.id,
      onmousedown: (ev) => { ev.preventDefault(); choose(i); } },
    h("span", { class: "badge", style: `background:${TYPE_COLOURS[e.type] || "#888"}` }, e.type), " ", e.name)));
    list.hidden = !entities.length;
    input.setAttribute("aria-expanded", String(entities.length > 0));
  };
  const highlight = (i) => {
    active = (i + items.length) % items.length;
    [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === active)));
    input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
  };
  const choose = (i) => { const entity = items[i] || null; show([]); pick(entity); };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) { show([]); return; }
    timer = setTimeout(async () => {
      const ticket = ++asked;
      try {
        const data = await gql(SEARCH, { text, first: 8 });
        if (ticket === asked) show(data.search.edges.map((e) => e.node));
      } catch { show([]); }
    }, 120);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && items.length) { ev.preventDefault(); highlight(active + 1); }
    else if (ev.key === "ArrowUp" && items.length) { ev.preventDefault(); highlight(active - 1); }
    else if (ev.key === "Escape") show([]);
    else if (ev.key === "Enter" && active >= 0) { ev.preventDefault(); choose(active); }
  });
  input.addEventListener("blur", () => setTimeout(() => show([]), 150));
  list.hidden = true;
}

/** The header's search box: a suggestion opens the entity, Enter opens /?q=. */
export function wireHeaderSearch() {
  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  suggestBox(input, document.getElementById("suggestions"), (entity) => {
    if (entity) navigate(entityPath(entity.id));
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (text) navigate(`/?q=${encodeURIComponent(text)}`);
  });
  document.addEventListener("keydown", (ev) => {
    const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName);
    if (ev.key === "/" && !typing) { ev.preventDefault(); input.focus(); }
  });
}

export async function resultsPage(main, text) {
  document.getElementById("q").value = text;
  document.title = `${text} · aikg explorer`;
  main.replaceChildren(h("h1", {}, `Results for “${text}”`), h("p", {}, "Searching…"));
  try {
    const data = await gql(SEARCH, { text, first: 25 });
    const rows = data.search.edges.map((e) => e.node);
    main.replaceChildren(h("h1", {}, `Results for “${text}”`),
      h("p", {}, `${data.search.totalCount} match${data.search.totalCount === 1 ? "" : "es"}`),
      h("ol", { id: "results", class: "results" }, rows.map((e) => h("li", {}, entityLink(e),
        e.date ? ` · ${e.date}` : "", e.aliases.length ? h("span", { class: "subtle" }, ` (also ${e.aliases.join(", ")})`) : null))));
  } catch (error) {
    main.replaceChildren(h("h1", {}, `Results for “${text}”`), errorView(error));
  }
}
