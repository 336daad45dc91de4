"""GraphQL schema, types and per-request loaders."""
