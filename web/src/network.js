// The expandable network around an entity: Cytoscape.js (bundled from npm), one neighbourhood
// at a time; expanding a node adds its neighbours. Keyboard users pick nodes from a list.
import cytoscape from "cytoscape";
import { NEIGHBOURHOOD, gql } from "./api.js";
import { TYPE_COLOURS, entityPath, errorView, h } from "./dom.js";
import { navigate } from "./router.js";

const STYLE = [
  { selector: "node", style: {
    label: "data(label)", "background-color": "data(colour)", "font-size": 9, width: 18, height: 18,
    "text-wrap": "ellipsis", "text-max-width": 110, color: "#222" } },
  { selector: "node.root", style: { width: 30, height: 30, "font-weight": "bold", "font-size": 11 } },
  { selector: "node:selected", style: { "border-width": 3, "border-color": "#111" } },
  { selector: "edge", style: {
    width: 1.2, "line-color": "#bbb", "target-arrow-color": "#bbb", "target-arrow-shape": "triangle",
    "curve-style": "bezier", label: "data(type)", "font-size": 7, color: "#777" } },
];

export function networkView(section, root) {
  const status = h("p", { id: "network-status", "aria-live": "polite" }, "Loading the network…");
  const picker = h("select", { id: "network-node", "aria-label": "Entity in the network" });
  const expand = h("button", { type: "button", id: "expand-node" }, "Expand");
  const open = h("button", { type: "button", id: "open-node" }, "Open");
  const canvas = h("div", { id: "network", role: "img", "aria-label": `Network around ${root.name}` });
  section.append(h("div", { class: "network-controls" },
    h("label", { for: "network-node" }, "Entity "), picker, " ", expand, " ", open), canvas, status);
  const cy = cytoscape({ container: canvas, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.2 });
  const expanded = new Set();
  const refresh = () => {
    const nodes = cy.nodes().sort((a, b) => a.data("label").localeCompare(b.data("label")));
    const chosen = picker.value;
    picker.replaceChildren(...nodes.map((n) => h("option", { value: n.id() },
      `${n.data("label")} (${n.data("type")})${expanded.has(n.id()) ? " ✓" : ""}`)));
    picker.value = chosen || root.id;
    status.dataset.nodes = String(cy.nodes().length);
    status.textContent = `${cy.nodes().length} entities, ${cy.edges().length} relations shown. ` +
      "Click a node to choose it, double-click to open it.";
  };
  const grow = async (id) => {
    if (expanded.has(id)) return;
    status.textContent = "Loading…";
    try {
      await addNeighbourhood(cy, id);
      expanded.add(id);
    } catch (error) {
      section.append(errorView(error));
    }
    cy.getElementById(root.id).addClass("root");
    const box = { x1: 0, y1: 0, w: canvas.clientWidth || 900, h: canvas.clientHeight || 450 };
    cy.layout({ name: "cose", animate: false, fit: true, padding: 24, boundingBox: box,
      nodeRepulsion: () => 12000, idealEdgeLength: () => 80, nodeDimensionsIncludeLabels: true,
      randomize: true }).run();
    refresh();
  };
  cy.on("tap", "node", (ev) => { picker.value = ev.target.id(); });
  cy.on("dbltap", "node", (ev) => navigate(entityPath(ev.target.id())));
  expand.addEventListener("click", () => grow(picker.value));
  open.addEventListener("click", () => navigate(entityPath(picker.value)));
  grow(root.id);
}

async function addNeighbourhood(cy, id) {
  const data = await gql(NEIGHBOURHOOD, { id });
  const hood = data.neighbourhood;
  const entities = [hood.root, ...hood.neighbours.edges.map((e) => e.node.entity)];
  const added = cy.collection();
  for (const entity of entities) {
    if (cy.getElementById(entity.id).nonempty()) continue;
    added.merge(cy.add({ group: "nodes", data: { id: entity.id, label: entity.name, type: entity.type,
      colour: TYPE_COLOURS[entity.type] || "#888" } }));
  }
  for (const { node: r } of hood.relations.edges) {
    const present = cy.getElementById(r.source.id).nonempty() && cy.getElementById(r.target.id).nonempty();
    if (!present || cy.getElementById(r.id).nonempty()) continue;
    cy.add({ group: "edges", data: { id: r.id, source: r.source.id, target: r.target.id, type: r.type } });
  }
  return added;
}
