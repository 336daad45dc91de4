// GraphiQL with the explorer plugin, bundled from npm: same features as Strawberry's CDN page
// (query, variables, headers, history, docs, explorer), no request to any other host.
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { explorerPlugin } from "@graphiql/plugin-explorer";
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";
import "graphiql/style.css";
import "@graphiql/plugin-explorer/style.css";

const DEFAULT_QUERY = `# aikg: every relation with its evidence. Ctrl-Enter runs the query.
{
  entity(id: "clearview-ai") {
    name
    relations(first: 5, type: SCRAPED_FROM) {
      edges { node { type other { name } evidence { quote article { title url } } } }
    }
  }
}
`;

const url = window.location.origin + window.location.pathname;
const fetcher = createGraphiQLFetcher({ url });
const explorer = explorerPlugin();
const root = createRoot(document.getElementById("graphiql"));
root.render(
  <GraphiQL
    fetcher={fetcher}
    plugins={[explorer]}
    defaultQuery={DEFAULT_QUERY}
    isHeadersEditorEnabled={true}
    shouldPersistHeaders={false}
  />,
);
