// Tiny DOM helpers: text always goes in as text, never as HTML.

/** An element with attributes (on* are listeners) and children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// The colours `aikg draw` and the Bloom perspective give each type (graph/export/style.py).
export const TYPE_COLOURS = {
  Company: "#4C78A8", Platform: "#F58518", Agency: "#54A24B", Organization: "#E45756",
  Person: "#72B7B2", Publisher: "#B279A2", Article: "#EECA3B", Incident: "#9D755D",
  LegalAction: "#FF9DA6", Group: "#BAB0AC", Product: "#79706E",
};

/** A link to an entity's own page, with its type as a coloured badge. */
export function entityLink(entity) {
  return h("span", { class: "entity-ref" },
    h("span", { class: "badge", style: `background:${TYPE_COLOURS[entity.type] || "#888"}` }, entity.type),
    " ", h("a", { href: entityPath(entity.id), "data-entity": entity.id }, entity.name));
}

export function entityPath(id) {
  return `/entity/${encodeURIComponent(id)}`;
}

/** "1,000,000 EUR" for an amount with a currency, else "". */
export function money(properties) {
  if (!properties || properties.amount === undefined || properties.amount === null) return "";
  const amount = Number(properties.amount).toLocaleString("en");
  return properties.currency ? `${amount} ${properties.currency}` : amount;
}

/** One piece of evidence: the quote, then article title (linked), publisher and date. */
export function evidenceView(evidence) {
  const article = evidence.article;
  const href = (article && article.url) || evidence.url;
  const title = (article && article.title) || href || "source";
  return h("li", { class: "evidence" },
    evidence.quote ? h("blockquote", {}, `“${evidence.quote}”`) : null,
    h("cite", {},
      href ? h("a", { href, rel: "noopener noreferrer", target: "_blank" }, title) : title,
      article && article.publisher ? ` · ${article.publisher.name}` : "",
      article && article.publishedAt ? ` · ${article.publishedAt}` : "",
      article ? [" · ", h("a", { href: entityPath(article.id), class: "subtle" }, "in the graph")] : ""));
}

export function errorView(error) {
  return h("p", { class: "error", role: "alert" }, `Could not load: ${error.message}`);
}
