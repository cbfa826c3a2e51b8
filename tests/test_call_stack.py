"""Requests run at the start of a fresh frame-stack chunk (config.call_stack): what it
calls gets its arguments and gives back its answer or its exception unchanged, and
every request goes through it. bin/bench call_stack measures what it avoids."""

import pytest
from django.conf import settings

from config.call_stack import ROOMY_SLOTS, FreshStackChunkMiddleware, in_fresh_chunk, trampoline


def test_the_call_gets_its_arguments_and_gives_its_answer():
    def call(a, b, *, c):
        return (a, b, c)

    assert in_fresh_chunk(call, 1, [2], c={"3": 3}) == (1, [2], {"3": 3})


def test_an_exception_comes_out_unchanged():
    class Refused(Exception):
        pass

    def call():
        raise Refused("no")

    with pytest.raises(Refused, match="no"):
        in_fresh_chunk(call)


def test_thetrampolines_frame_is_bigger_than_any_chunk_has_free():
    # CPython's chunks are 16 KiB; a trampoline's own 128 KiB chunk leaves ~62 KiB free.
    assert trampoline.__code__.co_stacksize == ROOMY_SLOTS
    assert ROOMY_SLOTS * 8 >= 64 * 1024


def test_every_request_goes_through_it_right_after_the_partner_is_found(client):
    middleware = settings.MIDDLEWARE
    assert middleware.index("config.call_stack.FreshStackChunkMiddleware") == 1
    assert middleware[0] == "tenants.middleware.PartnerMiddleware"
    seen = []

    def get_response(request):
        seen.append(request)
        return "answer"

    assert FreshStackChunkMiddleware(get_response)("request") == "answer"
    assert seen == ["request"]
