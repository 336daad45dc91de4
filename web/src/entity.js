// The entity page: who it is, regulator actions at a glance, relations grouped by type and
// direction (each with its evidence), the network around it and its timeline.
import { ENTITY, TIMELINE, gql } from "./api.js";
import { entityLink, errorView, evidenceView, h, money } from "./dom.js";
import { networkView } from "./network.js";

const ENFORCEMENT = new Set(["FINED", "INVESTIGATED", "ORDERED", "SUED", "SETTLED_WITH",
  "SENT_CEASE_AND_DESIST"]);
const ARROW = { OUT: "→", IN: "←" };

export async function entityPage(main, id) {
  main.replaceChildren(h("p", {}, "Loading…"));
  let data;
  try {
    data = await gql(ENTITY, { id });
  } catch (error) {
    main.replaceChildren(errorView(error));
    return;
  }
  const entity = data.entity;
  if (!entity) {
    main.replaceChildren(h("h1", {}, "Not found"), h("p", {}, `No entity has the id or name “${id}”.`),
      h("p", {}, h("a", { href: `/?q=${encodeURIComponent(id)}` }, `Search for “${id}”`)));
    return;
  }
  document.title = `${entity.name} · aikg explorer`;
  const relations = entity.relations.edges.map((e) => e.node);
  const groups = h("div", { id: "relations" });
  renderGroups(groups, relations);
  main.replaceChildren(
    header(entity),
    glance(relations),
    h("section", { id: "network-section", "aria-labelledby": "network-h" },
      h("h2", { id: "network-h" }, "Network"),
      h("button", { type: "button", id: "show-network", onclick: (ev) => {
        ev.target.remove();
        networkView(document.getElementById("network-section"), entity);
      } }, "Show the network around it")),
    h("section", { "aria-labelledby": "relations-h" },
      h("h2", { id: "relations-h" }, `Relations (${entity.relations.totalCount})`), groups,
      moreButton(entity, relations, groups)),
    h("section", { id: "timeline", "aria-labelledby": "timeline-h" },
      h("h2", { id: "timeline-h" }, "Timeline"), h("p", {}, "Loading…")),
  );
  loadTimeline(document.getElementById("timeline"), entity.id);
}

function header(entity) {
  const ids = Object.entries(entity.externalIds || {});
  const props = Object.entries(entity.properties || {}).filter(([, v]) => v !== null && v !== "");
  return h("header", { class: "entity-head" },
    h("h1", {}, entity.name),
    h("p", {}, entityLink(entity).firstChild, " ", entity.labels.filter((l) => l !== entity.type).join(" "),
      entity.date ? ` · ${entity.date}` : "", ` · ${entity.degree} relations`,
      entity.isHub ? " · hub" : ""),
    h("dl", { class: "facts" },
      h("dt", {}, "Id"), h("dd", {}, h("code", {}, entity.id)),
      entity.aliases.length ? [h("dt", {}, "Also known as"), h("dd", { id: "aliases" }, entity.aliases.join(", "))] : null,
      ids.length ? [h("dt", {}, "External ids"), h("dd", { id: "external-ids" }, ids.map(([k, v]) => `${k}: ${v}`).join(", "))] : null,
      props.map(([k, v]) => [h("dt", {}, k), h("dd", {}, Array.isArray(v) ? v.join(", ") : String(v))])));
}

/** Regulator actions, lawsuits, settlements and fines: one line each, amounts first. */
function glance(relations) {
  const actions = relations.filter((r) => ENFORCEMENT.has(r.type));
  if (!actions.length) return null;
  const rows = actions.map((r) => h("tr", {},
    h("td", {}, r.date || "undated"),
    h("td", {}, `${r.type} ${ARROW[r.direction]}`),
    h("td", {}, entityLink(r.other)),
    h("td", { class: "amount" }, money(r.properties))));
  return h("section", { id: "glance", "aria-labelledby": "glance-h" },
    h("h2", { id: "glance-h" }, "Regulator actions, lawsuits and fines"),
    h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Date"), h("th", {}, "Action"),
      h("th", {}, "With"), h("th", {}, "Amount"))), h("tbody", {}, rows)));
}

function renderGroups(container, relations) {
  const groups = new Map();
  for (const r of relations) {
    const key = `${r.type} ${r.direction}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  container.replaceChildren(...sorted.map(([key, rows]) => {
    const [type, direction] = key.split(" ");
    return h("details", { class: "group", open: rows.length <= 12, "data-group": key },
      h("summary", {}, h("strong", {}, type), ` ${direction === "OUT" ? "to" : "from"} (${rows.length})`),
      h("ul", { class: "relations" }, rows.map(relationView)));
  }));
}

function relationView(r) {
  return h("li", { class: "relation", "data-relation": r.id },
    h("div", { class: "relation-line" }, `${ARROW[r.direction]} `, entityLink(r.other),
      r.date ? h("span", { class: "date" }, ` ${r.date}`) : null,
      money(r.properties) ? h("span", { class: "amount" }, ` ${money(r.properties)}`) : null),
    h("ul", { class: "evidence-list" }, r.evidence.map(evidenceView)));
}

function moreButton(entity, relations, groups) {
  let cursor = entity.relations.pageInfo.endCursor;
  if (!entity.relations.pageInfo.hasNextPage) return null;
  const button = h("button", { type: "button", onclick: async () => {
    button.disabled = true;
    const data = await gql(ENTITY, { id: entity.id, after: cursor });
    const page = data.entity.relations;
    relations.push(...page.edges.map((e) => e.node));
    renderGroups(groups, relations);
    cursor = page.pageInfo.endCursor;
    button.disabled = false;
    if (!page.pageInfo.hasNextPage) button.remove();
  } }, "Load more relations");
  return button;
}

async function loadTimeline(section, id) {
  try {
    const data = await gql(TIMELINE, { id });
    const events = data.timeline.edges.map((e) => e.node);
    section.replaceChildren(section.firstChild, events.length
      ? h("ol", { class: "timeline" }, events.map(timelineEvent))
      : h("p", {}, "No dated events."));
  } catch (error) {
    section.replaceChildren(section.firstChild, errorView(error));
  }
}

function timelineEvent(event) {
  const r = event.relation;
  const what = r
    ? [h("a", { href: `/entity/${encodeURIComponent(r.source.id)}` }, r.source.name), ` ${r.type} `,
       h("a", { href: `/entity/${encodeURIComponent(r.target.id)}` }, r.target.name),
       money(r.properties) ? ` (${money(r.properties)})` : "",
       r.evidence[0] && r.evidence[0].quote ? h("blockquote", {}, `“${r.evidence[0].quote}”`) : null]
    : [`${event.kind}: `, entityLink(event.entity)];
  return h("li", {}, h("time", {}, event.date), " ", what);
}
