// Bundles the explorer (/) and GraphiQL (/graphql) into dist/ with esbuild: every script, style
// and font comes from node_modules at the versions package-lock.json pins, so the pages make no
// request to any host but the aikg server. Third-party licences go to dist/*.LEGAL.txt.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";

const out = "dist";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { graphiql: "src/graphiql.jsx", explorer: "src/explorer.js" },
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outdir: out,
  jsx: "automatic",
  loader: { ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".svg": "dataurl" },
  legalComments: "linked",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
for (const page of ["index.html", "graphiql.html", "explorer.css"]) {
  cpSync(`src/${page}`, `${out}/${page}`);
}
console.log(`aikg web: built ${out}/`);
