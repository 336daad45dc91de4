#!/usr/bin/env node
// Lints Cypher statements with Neo4j's own Cypher front end
// (@neo4j-cypher/language-support, pinned in package.json), in ONE Node process.
//
// stdin  (JSON):
//   {
//     "schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//     "statements": [{"name": "...", "text": "...", "parameters": ["id", "rows"]}],
//     "options": {"builtinCatalog": true}            // optional, default true
//   }
// stdout (JSON):
//   {
//     "checked": N,
//     "catalog": {"functions": F, "procedures": P},   // 0/0 when builtinCatalog is false
//     "results": [{
//       "name": "...",
//       "diagnostics": [{"severity": "error"|"warning", "message": "...",
//                        "line": L, "column": C}],    // 1-based, within "text"
//       "parameters": {"missing": [...], "unused": [...]}
//     }]
//   }
// Exit 0 when it ran (with or without diagnostics); exit 2, with a message on
// stderr, when the input is not as above.
//
// How the package is used (read from its .d.ts and dist/ sources):
// - lintCypherQuery(query, dbSchema, {consoleCommandsEnabled}) -> {diagnostics}.
//   dbSchema is the package's `DbSchema` interface (dbSchema.d.ts): every field is
//   optional; `labels` and `relationshipTypes` are both needed for unknown-label /
//   unknown-type warnings, `propertyKeys` for unknown-property warnings (properties
//   written by the same statement are exempt), and `functions` / `procedures`
//   (`{"CYPHER 5": {name: Neo4jFunction}, "CYPHER 25": {...}}`) for unknown function
//   and procedure errors plus deprecation warnings.
// - It reports every `$param` not in dbSchema.parameters as an error; those are
//   dropped here with the package's own isNotParamError(), because parameters are
//   compared exactly below, against what each statement is really sent with.
// - parseParameters(query, consoleCommandsEnabled) -> the distinct names used.
// - The built-in catalog (option builtinCatalog) is the package's exported
//   `testData.mockSchema` function and procedure signatures, restricted to Neo4j's
//   built-ins (functions with isBuiltIn; procedures outside apoc.* and gds.*): with
//   it, `RETURN foo(1)` is an error instead of passing silently.

import {
  isNotParamError,
  lintCypherQuery,
  parseParameters,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

const CYPHER_VERSIONS = ['CYPHER 5', 'CYPHER 25'];
// vscode-languageserver DiagnosticSeverity: 1 Error, 2 Warning, 3 Information, 4 Hint.
// Anything that is not an error is reported as a warning: the caller treats both as
// problems, so nothing the front end says is lost.
const severityName = (severity) => (severity === 1 ? 'error' : 'warning');

class InputError extends Error {}

function fail(message) {
  throw new InputError(message);
}

function isStringArray(value) {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function validate(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    fail('input must be a JSON object with "schema" and "statements"');
  }
  const { schema, statements, options = {} } = input;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    fail('"schema" must be an object');
  }
  for (const key of ['labels', 'relationshipTypes', 'propertyKeys']) {
    if (!isStringArray(schema[key])) fail(`"schema.${key}" must be an array of strings`);
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail('"options" must be an object');
  }
  const builtinCatalog = options.builtinCatalog ?? true;
  if (typeof builtinCatalog !== 'boolean') fail('"options.builtinCatalog" must be a boolean');
  if (!Array.isArray(statements)) fail('"statements" must be an array');
  const names = new Set();
  statements.forEach((statement, index) => {
    const where = `statements[${index}]`;
    if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) {
      fail(`${where} must be an object`);
    }
    if (typeof statement.name !== 'string' || statement.name.length === 0) {
      fail(`${where}.name must be a non-empty string`);
    }
    if (names.has(statement.name)) fail(`${where}.name ${JSON.stringify(statement.name)} is repeated`);
    names.add(statement.name);
    if (typeof statement.text !== 'string') fail(`${where}.text must be a string`);
    if (!isStringArray(statement.parameters)) {
      fail(`${where}.parameters must be an array of strings`);
    }
  });
  return {
    schema: {
      labels: schema.labels,
      relationshipTypes: schema.relationshipTypes,
      propertyKeys: schema.propertyKeys,
    },
    statements,
    builtinCatalog,
  };
}

function builtinCatalog() {
  const functions = {};
  const procedures = {};
  for (const version of CYPHER_VERSIONS) {
    functions[version] = Object.fromEntries(
      Object.entries(testData.mockSchema.functions?.[version] ?? {}).filter(
        ([, fn]) => fn.isBuiltIn === true,
      ),
    );
    procedures[version] = Object.fromEntries(
      Object.entries(testData.mockSchema.procedures?.[version] ?? {}).filter(
        ([name]) => !name.startsWith('apoc.') && !name.startsWith('gds.'),
      ),
    );
  }
  return { functions, procedures };
}

function diagnostic(severity, message, line = 1, column = 1) {
  return { severity, message, line, column };
}

// Works around a false positive in the package (2.0.0-next.38): in
// `MATCH (a:Entity {id: row.src})` the key `src` of `row.src` is attributed to the
// pattern's variable `a` (PropertiesCollector prefers the enclosing node pattern
// over the property access), so with `propertyKeys` set it warns "src is not
// present in the database" although `row` is an UNWIND map, not a node. Such a
// warning is dropped only when the text right before the key is `<variable>.` and
// the front end's own symbol table says that variable is not a node or
// relationship. `b.nmae` on a node `b` is still reported.
const PROPERTY_ACCESS = /(?:^|[^\w`.])([A-Za-z_][\w]*|`[^`]+`)\s*\.\s*$/;
function isMisattributedPropertyWarning(d, text, symbols) {
  if (d.severity !== 2 || !d.offsets) return false;
  const key = text.slice(d.offsets.start, d.offsets.end).replace(/^`|`$/g, '');
  if (!d.message.startsWith(`${key} is not present in the database.`)) return false;
  const access = PROPERTY_ACCESS.exec(text.slice(0, d.offsets.start));
  if (!access) return false;
  const variable = access[1].replace(/^`|`$/g, '');
  const symbol = symbols.find((s) => s.variable === variable);
  if (!symbol || symbol.types.length === 0) return false;
  return !symbol.types.every((type) => type === 'Node' || type === 'Relationship');
}

function lintOne(statement, dbSchema) {
  const { text } = statement;
  const sent = [...new Set(statement.parameters)];
  const diagnostics = [];
  let used = [];
  if (text.trim().length === 0) {
    diagnostics.push(diagnostic('error', 'The statement text is empty.'));
  } else {
    try {
      const parts = parseStatementsStrs(text).filter((part) => part.trim().length > 0);
      if (parts.length > 1) {
        diagnostics.push(
          diagnostic(
            'error',
            `The text holds ${parts.length} statements; a driver call sends exactly one.`,
          ),
        );
      }
      const { diagnostics: found, symbolTables } = lintCypherQuery(text, dbSchema, {
        consoleCommandsEnabled: false,
      });
      const symbols = symbolTables.flat();
      const kept = found
        .filter(isNotParamError)
        .filter((d) => !isMisattributedPropertyWarning(d, text, symbols));
      for (const d of kept) {
        diagnostics.push(
          diagnostic(
            severityName(d.severity),
            d.message,
            d.range.start.line + 1,
            d.range.start.character + 1,
          ),
        );
      }
      used = parseParameters(text, false);
    } catch (error) {
      diagnostics.push(
        diagnostic('error', `The Cypher front end failed on this statement: ${error?.stack ?? error}`),
      );
    }
  }
  const usedSet = new Set(used);
  const sentSet = new Set(sent);
  return {
    name: statement.name,
    diagnostics,
    parameters: {
      missing: used.filter((name) => !sentSet.has(name)),
      unused: sent.filter((name) => !usedSet.has(name)),
    },
  };
}

async function main() {
  let request;
  try {
    const raw = await readStdin();
    let input;
    try {
      input = JSON.parse(raw);
    } catch (error) {
      fail(`stdin is not valid JSON: ${error.message}`);
    }
    request = validate(input);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`cypher_lint: bad input: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const catalog = request.builtinCatalog ? builtinCatalog() : { functions: {}, procedures: {} };
  const dbSchema = request.builtinCatalog ? { ...request.schema, ...catalog } : request.schema;
  const results = request.statements.map((statement) => lintOne(statement, dbSchema));
  const count = (registry) => Object.keys(registry['CYPHER 5'] ?? {}).length;
  process.stdout.write(
    JSON.stringify({
      checked: results.length,
      catalog: { functions: count(catalog.functions), procedures: count(catalog.procedures) },
      results,
    }) + '\n',
  );
}

await main();
