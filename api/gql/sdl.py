"""The GraphQL schema as SDL, committed as api/schema.graphql: the API's contract.

    python -m api.gql.sdl            # print it
    python -m api.gql.sdl --write    # rewrite api/schema.graphql (after changing the schema)

tests/api/test_sdl.py fails when the live schema and the committed file differ.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from api.gql.schema import read_only_sdl

SDL_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.gql.sdl", description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"rewrite {SDL_FILE.name}")
    args = parser.parse_args(argv)
    sdl = read_only_sdl()
    if args.write:
        SDL_FILE.write_text(sdl, encoding="utf-8")
        print(f"wrote {SDL_FILE}", file=sys.stderr)
    else:
        sys.stdout.write(sdl)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
