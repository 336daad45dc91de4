// The explorer at /: routes to the home page, a search, an entity or the paths page.
import { OVERVIEW, gql } from "./api.js";
import { entityLink, errorView, h } from "./dom.js";
import { entityPage } from "./entity.js";
import { pathsPage } from "./paths.js";
import { onRoute, route } from "./router.js";
import { resultsPage, wireHeaderSearch } from "./search.js";

const main = document.getElementById("main");

onRoute((url) => {
  window.scrollTo(0, 0);
  if (url.pathname.startsWith("/entity/")) {
    entityPage(main, decodeURIComponent(url.pathname.slice("/entity/".length)));
  } else if (url.pathname === "/paths") {
    pathsPage(main, url.searchParams);
  } else if (url.searchParams.get("q")) {
    resultsPage(main, url.searchParams.get("q"));
  } else {
    homePage();
  }
  main.focus({ preventScroll: true });
});

async function homePage() {
  document.title = "aikg explorer";
  main.replaceChildren(h("h1", {}, "The AI industry's accountability record"), h("p", {}, "Loading…"));
  try {
    const data = await gql(OVERVIEW);
    main.replaceChildren(h("h1", {}, "The AI industry's accountability record"),
      h("p", {}, `${data.stats.entities.toLocaleString("en")} entities and ${data.stats.relations.toLocaleString("en")} relations, each with its source. `,
        "Search above (press /), or start from a regulator's fines below."),
      h("div", { class: "cards" },
        sums("Fines imposed, by regulator", data.byRegulator),
        sums("Fines received", data.fined),
        ranked("Most sued", data.sued),
        ranked("Most investigated, ordered or warned", data.investigated)));
  } catch (error) {
    main.replaceChildren(errorView(error));
  }
}

function sums(title, rows) {
  return h("section", { class: "card" }, h("h2", {}, title), h("ol", {}, rows.map((r) =>
    h("li", {}, entityLink(r.entity), ` ${r.total.toLocaleString("en")} ${r.group || ""} (${r.count})`))));
}

function ranked(title, rows) {
  return h("section", { class: "card" }, h("h2", {}, title), h("ol", {}, rows.map((r) =>
    h("li", {}, entityLink(r.entity), ` ${r.count}`))));
}

wireHeaderSearch();
route();
