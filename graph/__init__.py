"""aikg's core: the schema, the entity and relation model, and the graph stores."""
