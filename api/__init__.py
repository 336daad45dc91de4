"""The outside of aikg: the GraphQL/HTTP app and the `aikg` command line."""
