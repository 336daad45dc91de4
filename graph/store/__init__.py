"""Graph stores behind one contract (graph/store/contract.py; docs/architecture.md).

Import what you need from its module (`graph.store.base.GraphStore`,
`graph.store.embedded.EmbeddedStore`): this package imports nothing, so importing one store
module never loads the others.
"""
