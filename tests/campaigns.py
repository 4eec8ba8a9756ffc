"""Shared by the distributed tests: the ``client`` fixture of a two-process ``LocalCluster`` and the
comparison of two fuzz campaigns."""
from __future__ import annotations

from typing import Any, Iterator

import pytest


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a ``distributed.LocalCluster`` with two single-threaded worker processes, on loopback, for
    the module that imports this fixture."""
    import distributed

    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                                  host="127.0.0.1") as cluster, distributed.Client(cluster) as c:
        yield c


def same_campaign(a: Any, b: Any) -> None:
    """Two campaigns agree on everything that does not depend on time."""
    assert (a.status, a.counterexample, a.sides, a.violated) == (b.status, b.counterexample, b.sides, b.violated)
    assert (a.drawn, a.feasible, a.shards_done, a.smallest_slack) == (b.drawn, b.feasible, b.shards_done,
                                                                      b.smallest_slack)
    assert (a.rechecked, a.rejected, a.undecided) == (b.rechecked, b.rejected, b.undecided)


def alike(claim: Any, client: Any, **options: Any) -> Any:
    """The campaign run in this process (one worker) and on ``client``'s cluster: they agree; the local one."""
    from verify.campaign import fuzz

    local = fuzz(claim, **options)
    same_campaign(local, fuzz(claim, client=client, **options))
    return local
