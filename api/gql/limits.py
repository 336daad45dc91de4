"""Request limits: depth, tokens, aliases, page sizes, an estimated cost budget and a timeout.

The cost of a query is estimated before it runs, from the document alone: every object
returned counts 1, a list counts its page size (`first`/`last`, or the default) times what
each row costs (at least 1), and walks and scans add a fixed weight. Over budget, nothing
runs; the estimate and the budget are reported in the response's `extensions.cost` anyway.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    get_operation_ast,
    parse,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.utils.logging import StrawberryLogger

from api.gql.failures import MASKED, LimitExceeded, refused, should_mask
from api.gql.paging import DEFAULT_PAGE
from graph import cancel
from graph.settings import Settings

LIST_GUESS = 3  # rows assumed for a list without a page size (evidence, authors, sources)
SCAN_WEIGHT = 100  # a root field that may read a whole type
WEIGHTS = {"search": 10, "timeline": 20, "counts": SCAN_WEIGHT, "topEntities": SCAN_WEIGHT,
           "relationSums": SCAN_WEIGHT, "relations": 0, "runNamedQuery": SCAN_WEIGHT}
NEIGHBOURHOOD_WEIGHT = {1: 10, 2: 200, 3: 2000}
PATH_WEIGHT = 200  # per path asked, per hop allowed
TEXT_UNIT = 100  # characters of argument text that cost as much as one returned object
DOCUMENT_CACHE = 256  # parsed and validated documents kept (bounded: texts are the client's)
LOG = logging.getLogger("aikg.api")
Parent = GraphQLObjectType | GraphQLInterfaceType


@dataclass
class CostEstimate:
    """Walks one operation with its variables, adding up what it asks for."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: VariableValues
    max_page: int

    def selections(self, parent: Parent, selection_set: SelectionSetNode | None) -> int:
        total = 0
        for node in selection_set.selections if selection_set else ():
            if isinstance(node, FieldNode):
                total += self.field(parent, node)
            elif isinstance(node, InlineFragmentNode):
                inner = self.schema.get_type(node.type_condition.name.value) if (
                    node.type_condition) else parent
                total += self.selections(_parent(inner) or parent, node.selection_set)
            elif isinstance(node, FragmentSpreadNode) and node.name.value in self.fragments:
                fragment = self.fragments[node.name.value]
                inner = self.schema.get_type(fragment.type_condition.name.value)
                total += self.selections(_parent(inner) or parent, fragment.selection_set)
        return total

    def field(self, parent: Parent, node: FieldNode) -> int:
        name = node.name.value
        definition = parent.fields.get(name)
        if name.startswith("__") or definition is None:
            return 0
        args = get_argument_values(definition, node, self.variables)
        for size in ("first", "last"):
            value = args.get(size)
            if isinstance(value, int) and not 0 <= value <= self.max_page:
                raise LimitExceeded(
                    f"`{size}` must be between 0 and {self.max_page}, got {value}"
                )
        inner_type = _parent(get_named_type(definition.type))
        if inner_type is None:
            return 0
        rows = self.rows(parent, name, definition.type, args)
        inner = self.selections(inner_type, node.selection_set)
        return 1 + _weight(name, args) + argument_size(args) + rows * max(1, inner)

    def rows(self, parent: Parent, name: str, field_type: Any, args: dict[str, Any]) -> int:
        """How many objects a field returns at most, as far as the document says."""
        for size in ("first", "last"):
            if isinstance(args.get(size), int):
                return int(args[size])
        for many in ("ids", "keys"):
            if isinstance(args.get(many), list):
                return len(args[many])
        if get_named_type(field_type).name.endswith("Connection"):
            return DEFAULT_PAGE
        if parent.name.endswith("Connection") and name == "edges":
            return 1  # the connection's page size already counted its rows
        unwrapped = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
        return LIST_GUESS if isinstance(unwrapped, GraphQLList) else 1


def argument_size(value: Any) -> int:
    """What a field's arguments cost to read and apply: 1 per list item and per TEXT_UNIT
    characters of text, however nested (a filter naming 10,000 names costs 10,000)."""
    total, pending = 0, [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            total += len(item)
            pending.extend(item)
        elif isinstance(item, str):
            total += len(item) // TEXT_UNIT
    return total


def _parent(named: Any) -> Parent | None:
    return named if isinstance(named, GraphQLObjectType | GraphQLInterfaceType) else None


def _weight(name: str, args: dict[str, Any]) -> int:
    if name == "neighbourhood":
        return NEIGHBOURHOOD_WEIGHT.get(int(args.get("depth", 1)), 0)
    if name == "paths":
        return PATH_WEIGHT * int(args.get("first", 1)) * int(args.get("maxHops", 1))
    return WEIGHTS.get(name, 0)


def estimate_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    operation_name: str | None,
    max_page: int,
) -> int:
    """The estimated cost of the operation `operation_name` (or the only one) of `document`."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if operation_name is None or (
        o.name is not None and o.name.value == operation_name)]
    if not chosen:
        return 0
    operation = chosen[0]
    root = schema.get_root_type(operation.operation)
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    if not isinstance(coerced, VariableValues):
        return 0  # bad variables: execution reports them
    walk = CostEstimate(schema, fragments, coerced, max_page)
    return walk.selections(root, operation.selection_set) if root else 0


class CostLimiter(SchemaExtension):
    """Refuses an operation whose estimated cost is over budget; reports the estimate."""

    def __init__(self, budget: int, max_page: int) -> None:
        self.budget = budget
        self.max_page = max_page
        self.cost: int | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            try:
                self.cost = estimate_cost(
                    context.schema._schema, context.graphql_document, context.variables,
                    context.operation_name, self.max_page,
                )
                if self.cost > self.budget:
                    raise LimitExceeded(
                        f"estimated query cost {self.cost} is over the budget of {self.budget}: "
                        "ask for fewer rows (smaller first/last) or fewer nested lists"
                    )
            except (LimitExceeded, GraphQLError) as exc:
                context.result = GraphQLExecutionResult(data=None, errors=[GraphQLError(str(exc))])
        yield

    def get_results(self) -> dict[str, Any]:
        return {"cost": {"estimated": self.cost, "budget": self.budget}}


class TimedSchema(strawberry.Schema):
    """A schema whose every operation is stopped, with a clear error, after `timeout` seconds:
    its work, not just the wait for it (graph.cancel)."""

    timeout: float = 10.0
    max_tokens: int = 2000

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Any = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        # The deadline travels with the request's context into every thread its resolvers use:
        # store loops check it and stop, and a write not begun by then is not made
        # (graph.cancel). A query's answer is not waited for past the deadline (its work stops
        # at its next check); a mutation is, so that what it reports is what it did.
        with cancel.deadline(self.timeout):
            running = super().execute(
                query, variable_values, context_value, root_value, operation_name,
                allowed_operation_types, operation_extensions,
            )
            if _is_mutation(query, operation_name, self.max_tokens):
                return await running
            try:
                return await asyncio.wait_for(running, self.timeout)
            except TimeoutError:
                message = (
                    f"the request took longer than {self.timeout:g} s and was stopped: ask for "
                    "less (smaller pages, fewer levels or hops, narrower filters)"
                )
                return ExecutionResult(data=None, errors=[GraphQLError(message)])

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if refused(error):
                LOG.info("refused: %s", error.message)
            else:
                StrawberryLogger.error(error, execution_context)


@lru_cache(maxsize=DOCUMENT_CACHE)
def _is_mutation(query: str | None, operation_name: str | None, max_tokens: int) -> bool:
    """Whether the operation run is a mutation (a document that does not parse is not)."""
    try:
        document = parse(query or "", max_tokens=max_tokens)
    except GraphQLError:
        return False
    operation = get_operation_ast(document, operation_name)
    return operation is not None and operation.operation == OperationType.MUTATION


def extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """The schema extensions that enforce the settings' limits, in the order they apply."""
    rules = [  # built once, so that validation results can be cached per document
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
        *(() if settings.introspection else DisableIntrospection().validation_rules),
    ]
    return [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=DOCUMENT_CACHE),
        lambda: AddValidationRules(rules),
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE),
        lambda: CostLimiter(settings.cost_budget, settings.max_page_size),
        lambda: MaskErrors(should_mask_error=should_mask, error_message=MASKED),
    ]
