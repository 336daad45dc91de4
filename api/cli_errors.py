"""How `aikg` ends: one `error:` line and a documented exit status, never a traceback.

Exit statuses (docs/cli.md, "Exit statuses", lists the same):
  0  done
  1  input refused: every problem listed as FILE:LINE: reason, nothing written
  2  could not run: a usage mistake, a bad setting or path, an unreadable or unwritable file,
     a busy port, a store that cannot be opened or read
  3  internal error: a bug in aikg (AIKG_DEBUG=1 shows the traceback); please report it
  130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import errno
import socket
import sys
from collections.abc import Callable

import click

from graph.errors import AikgError, InvalidInput

EXIT_OK, EXIT_REFUSED, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _fail(message: str, status: int) -> SystemExit:
    click.echo(f"error: {message}", err=True)
    return SystemExit(status)


def _os_error(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    reason = exc.strerror or str(exc)
    hint = {
        "EACCES": "check the permissions, or choose another path",
        "EROFS": "the file system is read-only: choose another path",
        "ENOSPC": "the disk is full: free space and try again",
        "ENOENT": "create the folder first, or choose another path",
    }
    name = errno.errorcode.get(exc.errno or 0, "")
    return f"{where}{reason}" + (f" ({hint[name]})" if name in hint else "")


def run(main: Callable[[], object], debug: Callable[[], bool] = lambda: False) -> None:
    """Run the click entry point `main`, turning every failure into one line and a status;
    `debug()` (asked only on an internal error) says to show the traceback instead."""
    try:
        main()
    except click.exceptions.Abort:
        raise _fail("aborted", EXIT_ERROR) from None
    except click.exceptions.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        raise _fail("interrupted", EXIT_INTERRUPTED) from None
    except AikgError as exc:
        raise _fail(str(exc), EXIT_ERROR) from None
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`aikg export | head`): nothing to say
        raise SystemExit(EXIT_ERROR) from None
    except OSError as exc:
        raise _fail(_os_error(exc), EXIT_ERROR) from None
    except MemoryError:
        raise _fail("out of memory: ask for less, or give aikg more memory", EXIT_ERROR) from None
    except Exception as exc:
        if debug():
            raise
        raise _fail(
            f"internal error ({type(exc).__name__}: {exc}); this is a bug in aikg, please "
            "report it (run with AIKG_DEBUG=1 to see the traceback)",
            EXIT_INTERNAL,
        ) from None


def listen(host: str, port: int) -> socket.socket:
    """A socket bound and listening on host:port, or InvalidInput saying why not (busy port)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InvalidInput(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise InvalidInput(
            f"cannot listen on {host}:{port}: {exc.strerror}; stop what uses the port or "
            "choose another with --port or AIKG_PORT"
        ) from None
    sock.set_inheritable(True)
    return sock
