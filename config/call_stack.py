"""Run a request (or a task) at the start of a fresh, roomy chunk of Python's frame stack.

CPython keeps its frames in 16 KiB chunks and, up to 3.13.12, frees a chunk as soon
as the frame that opened it returns (python/cpython#142183, fixed by a one-chunk cache
in 3.13.13 and 3.14; 3.12 only takes security fixes). A loop that calls a function
whose frame lands exactly across a chunk boundary therefore maps and unmaps 16 KiB on
every call: measured here, ~10 µs instead of ~45 ns a call. Where the boundary falls
depends on everything above (the WSGI server, each middleware, the test runner), so
any hot loop may hit it by chance: on the GraphQL page of `bin/bench graphql` the
~1,500 reads of the deliveries' columns did, and cost ~20 ms of a ~55 ms request.

`in_fresh_chunk` calls through a trampoline whose frame is declared larger than any
chunk's free space (a big `co_stacksize`; those slots are never touched), so CPython
opens a new 128 KiB chunk for it and every deeper frame of the call has ~62 KiB after
it in the same chunk: no boundary in reach of the request's own loops, whatever called
it. The cost is one mapping per call (a few µs). Harmless where CPython caches chunks.
"""

from collections.abc import Callable
from typing import Any

# 8,192 slots of 8 bytes: the frame alone is over 64 KiB, more than any chunk has free
# (a 16 KiB chunk, or what another trampoline's 128 KiB chunk leaves), so CPython always
# opens a new chunk for it, of 128 KiB (it doubles 16 KiB until the frame fits).
ROOMY_SLOTS = 8192


def trampoline(call, args, kwargs):
    return call(*args, **kwargs)


trampoline.__code__ = trampoline.__code__.replace(co_stacksize=ROOMY_SLOTS)


def in_fresh_chunk[T](call: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """call(*args, **kwargs), its frames at the start of a new frame-stack chunk."""
    return trampoline(call, args, kwargs)


class FreshStackChunkMiddleware:
    """Each request handled in a fresh frame-stack chunk (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return trampoline(self.get_response, (request,), {})
