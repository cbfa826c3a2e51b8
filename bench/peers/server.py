"""One peer, driven by `bin/bench graphql` over stdin/stdout so its rounds alternate
with the app's in one run:

    python -m bench.peers.server graphene|strawberry|floor

First line in: {"body": <the POST body>, "raw": <raw SQL's answer>, "first": n}.
First line out: {"answer": <the peer's JSON answer>, "version": "<graphql-core>"}.
Then each "run" line is answered with the milliseconds one request took (timed here,
so the pipe is not counted); "quit" ends it."""

import gc
import json
import os
import sys
import time


def server(peer: str, setup: dict):
    if peer == "floor":  # graphql-core alone, this venv's version, over the SQL's answer
        from bench.graphql import floor_runner

        run = floor_runner(setup["raw"], setup["first"])
        return lambda: {"data": run()}

    os.environ["PEER"] = peer
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.peers.settings"
    import django

    django.setup()
    from django.test import Client

    import bench.peers.urls  # noqa: F401  (loaded before the first request, as a server would)

    client = Client()

    def run():
        response = client.post("/graphql/", data=setup["body"], content_type="application/json")
        assert response.status_code == 200, response.content[:300]
        return json.loads(response.content)

    return run


def main() -> int:
    peer = sys.argv[1]
    setup = json.loads(sys.stdin.readline())
    run = server(peer, setup)
    answer = run()
    gc.freeze()  # as the app's web process does after start-up
    import graphql

    print(json.dumps({"answer": answer, "version": graphql.__version__}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        started = time.perf_counter()
        run()
        print(f"{(time.perf_counter() - started) * 1000:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
