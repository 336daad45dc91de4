// Paths between two entities, each step with the evidence behind it: /paths?from=a&to=b.
import { PATHS, gql } from "./api.js";
import { entityLink, errorView, evidenceView, h, money } from "./dom.js";
import { navigate } from "./router.js";
import { suggestBox } from "./search.js";

// Articles and publishers link nearly everything ("both mentioned in one article"); skip them
// unless asked, so the paths shown are facts between the two.
const FACT_TYPES = ["SCRAPED_FROM", "SENT_CEASE_AND_DESIST", "BREACHED", "AFFECTED", "REPRESENTED_BY",
  "CUSTOMER_OF", "OPERATES", "WORKS_FOR", "FINED", "INVESTIGATED", "SUED", "SETTLED_WITH", "ORDERED",
  "DEVELOPED", "DEPLOYED", "HARMED", "HEARD", "CONCERNS"];

export async function pathsPage(main, params) {
  const from = params.get("from") || "";
  const to = params.get("to") || "";
  const viaArticles = params.get("articles") === "1";
  document.title = "Paths · aikg explorer";
  const endField = (name, label, value) => {
    const input = h("input", { id: `path-${name}`, name, value, required: true, autocomplete: "off",
      "aria-controls": `path-${name}-list`, placeholder: "name or id" });
    const list = h("ul", { id: `path-${name}-list`, role: "listbox", class: "suggest" });
    suggestBox(input, list, (entity) => { if (entity) input.value = entity.id; });
    return h("div", { class: "field" }, h("label", { for: `path-${name}` }, label), input, list);
  };
  const form = h("form", { id: "paths-form", onsubmit: (ev) => {
    ev.preventDefault();
    const data = new FormData(ev.target);
    const query = new URLSearchParams({ from: data.get("from"), to: data.get("to") });
    if (data.get("articles")) query.set("articles", "1");
    navigate(`/paths?${query}`);
  } }, endField("from", "From", from), endField("to", "To", to),
  h("label", { class: "check" }, h("input", { type: "checkbox", name: "articles", value: "1", checked: viaArticles }),
    " also through articles and publishers"),
  h("button", { type: "submit" }, "Find paths"));
  const results = h("div", { id: "paths" });
  main.replaceChildren(h("h1", {}, "Paths between two entities"), form, results);
  if (!from || !to) return;
  results.append(h("p", {}, "Searching…"));
  try {
    const data = await gql(PATHS, { from, to, types: viaArticles ? null : FACT_TYPES });
    results.replaceChildren(data.paths.length
      ? h("ol", { class: "path-list" }, data.paths.map(pathView))
      : h("p", {}, `No path of at most 4 relations${viaArticles ? "" : " (try “also through articles”)"}.`));
  } catch (error) {
    results.replaceChildren(errorView(error));
  }
}

function pathView(path) {
  return h("li", { class: "path" }, h("p", {}, `${path.length} step${path.length === 1 ? "" : "s"}`),
    h("ol", { class: "steps" }, path.steps.map((step) => h("li", { class: "step" },
      entityLink(step.from), ` ${step.direction === "OUT" ? "—" : "←"} ${step.relation.type} ${step.direction === "OUT" ? "→" : "—"} `,
      entityLink(step.to), step.relation.date ? ` · ${step.relation.date}` : "",
      money(step.relation.properties) ? ` · ${money(step.relation.properties)}` : "",
      h("ul", { class: "evidence-list" }, step.relation.evidence.map(evidenceView))))));
}
