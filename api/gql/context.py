"""What every resolver receives: the store, the request's loaders and the settings."""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.fastapi import BaseContext
from strawberry.types import Info

from api.gql.loaders import Loaders
from graph.settings import Settings
from graph.store.base import GraphStore


@dataclass
class Context(BaseContext):
    store: GraphStore
    loaders: Loaders
    settings: Settings
    deadline: float | None = None  # time.monotonic() by which the request must be answered

    def __post_init__(self) -> None:
        super().__init__()


GqlInfo = Info[Context, None]
