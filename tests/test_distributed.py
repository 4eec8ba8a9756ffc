"""Fuzz campaigns, the graph and width sweeps on a real Dask cluster, each compared with the local run.

One ``distributed.LocalCluster`` (two single-threaded worker processes) serves the whole module. The
needle: ``(x - 1)**2 + y >= 10**-12`` given ``x >= 1`` (``y >= 0``) is false only for ``x`` in
``[1, 1 + 10**-6)`` (and ``y < 10**-12``): a region of width 1e-6 that plain sampling never hits, but the
attack's tight sampling puts a third of its instances exactly on the hypothesis' bound ``x = 1``, and ``y``
gets its zero share, so every campaign of a few thousand instances finds it, for any seed.
"""
from __future__ import annotations

import os
import signal
import sys
import time

import numpy as np
import pytest
import sympy as sp

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

from verify import Claim, node  # noqa: E402
from campaigns import alike, client, same_campaign  # noqa: E402,F401 - client: the module's cluster fixture
from verify.campaign import fuzz  # noqa: E402
from verify.cli import main  # noqa: E402
from verify.cluster_run import on_cluster  # noqa: E402
from verify.graph import build  # noqa: E402
from verify.runner import run  # noqa: E402
from verify.solvers.scaling import ScalingExperiment  # noqa: E402
from verify.sweeps import submitting_to  # noqa: E402

# what the workers run from this module (the hung statement, the sweep's measure) travels by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", nonnegative=True)
mu, L = sp.symbols("mu L", positive=True)
delta, g = sp.symbols("delta g", nonnegative=True)

NEEDLE = Claim("needle", given=[sp.Ge(x, 1, evaluate=False)],
               show=sp.Ge((x - 1) ** 2 + y, sp.Rational(1, 10 ** 12), evaluate=False))
ONE_STEP = Claim("one_step", given=[g >= 2 * mu * delta, mu <= L],
                 show=delta - g / (2 * L) <= (1 - mu / L) * delta)


def test_fuzz_refutes_the_needle_as_the_local_run_does(client):
    local = alike(NEEDLE, client, instances=120_000, seed=7, shards=6)
    assert local.status == "refuted"
    assert local.counterexample == {"x": 1, "y": 0}
    assert local.sides == (0, sp.Rational(1, 10 ** 12))


def test_fuzz_does_not_refute_a_true_claim(client):
    local = fuzz(ONE_STEP, instances=120_000, seed=3, shards=6)
    remote = fuzz(ONE_STEP, instances=120_000, seed=3, shards=6, client=client)
    assert local.status == "tested" and local.counterexample is None
    assert local.feasible > 100_000 and local.rechecked > 0  # near-tight instances went to the core, none held
    assert local.smallest_slack is not None and local.smallest_slack > -1e-9
    same_campaign(local, remote)


def test_ctrl_c_stops_the_campaign_and_keeps_what_was_found():
    """KeyboardInterrupt after the second shard (in-process): the two shards are merged and decided."""
    calls: list[int] = []

    def interrupt(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt

    result = fuzz(NEEDLE, instances=50_000, seed=2, shards=10, progress=interrupt)
    assert result.interrupted and result.shards_done == 2 and result.drawn == 10_000
    assert result.status == "refuted" and result.counterexample == {"x": 1, "y": 0}


def test_fuzz_command_exit_codes(client, capsys):
    args = ["fuzz", "(x - 1)**2 + y >= 10**-12", "--given", "x >= 1", "--nonnegative", "y",
            "--instances", "20000", "--quiet"]
    assert main(args) == 1
    assert main([*args, "--scheduler", client.scheduler.address]) == 1
    assert "x = 1, y = 0" in capsys.readouterr().out
    assert main(["fuzz", "x**2 + 1 > 0", "--instances", "20000", "--quiet"]) == 0
    assert main(["fuzz", "no_such_node_anywhere", "--instances", "10", "--quiet"]) == 2


class Hangs:
    """A statement whose check never ends (the worker must kill its child and stay usable)."""

    name = "hangs"
    source = "test"

    def run(self, seconds=None, seed=None):
        while True:
            pass


def _graph():
    proved = Claim("step", given=[g >= 2 * mu * delta, mu <= L], show=delta - g / (2 * L) <= (1 - mu / L) * delta,
                   expect="proved")
    wrong = Claim("step_wrong", given=[g >= 2 * mu * delta, mu <= L],
                  show=delta - g / (2 * L) <= (1 - 2 * mu / L) * delta, expect="refuted")
    square = Claim("square", given=[], show=sp.Ge(x ** 2 - 2 * x + 1, 0, evaluate=False), expect="proved")
    nodes = [node(square, "lemma"), node(proved, "lemma", uses=["square"]),
             node(wrong, "erratum", corrects="step", uses=["step"])]
    return nodes


def test_graph_on_the_cluster_matches_the_local_run(client, monkeypatch):
    import verify.cluster_run as cluster_run

    graph = build(_graph())
    local = run(graph, seconds=4, seed=1)
    remote = run(graph, seconds=4, seed=1, executor=on_cluster(client.scheduler.address))
    for name in local.results:
        a, b = local.results[name].final, remote.results[name].final
        assert (a.status, a.counterexample) == (b.status, b.counterexample), name
    assert remote.results["step_wrong"].final.status.value == "refuted"
    # a node that hangs is killed on its worker past the hard limit (shortened here) and becomes unknown;
    # the other nodes are still checked
    monkeypatch.setattr(cluster_run, "hard_limit", lambda seconds: 1.0)
    monkeypatch.setattr(cluster_run, "KILL_GRACE", 0.5)
    hung = build([*_graph(), node(Hangs(), "experiment")])
    started = time.monotonic()
    result = run(hung, seconds=4, seed=1, executor=on_cluster(client.scheduler.address))
    assert result.results["hangs"].final.status.value == "unknown"
    assert "killed on the worker" in result.results["hangs"].final.message
    assert result.results["step"].final.status.value == "proved"
    assert time.monotonic() - started < 20


def noisy_power(m: int, rng: np.random.Generator) -> float:
    """``q(m) = m^-1/2`` times a seed's noise (shared across widths, as the sweep's common random numbers)."""
    return float(m ** -0.5 * np.exp(0.05 * rng.standard_normal()))


def test_sweep_points_as_tasks_give_the_local_result(client):
    experiment = ScalingExperiment("power", noisy_power, (10, 40, 160, 640), -0.5, seeds=4)
    local = experiment.run(seed=5)
    with submitting_to(client):
        remote = experiment.run(seed=5)
    assert local.status == remote.status and local.status.value == "tested"
    a, b = local.evidence[0].data, remote.evidence[0].data
    assert a["mean_values"] == b["mean_values"]
    assert (a["fitted_exponent"], a["interval"]) == (b["fitted_exponent"], b["interval"])


def test_a_killed_worker_loses_only_its_shard(client):
    """A worker SIGKILLed while it holds a shard: the scheduler runs that shard again elsewhere (the nanny
    restarts the worker), and the campaign's totals and verdict are those of the local run."""
    local = fuzz(ONE_STEP, instances=1_600_000, seed=11, shards=32)
    killed: list[int] = []

    def kill_once(done: int, total: int) -> None:
        if killed:
            return
        busy = [w for w, keys in client.processing().items() if keys]
        if busy:
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    remote = fuzz(ONE_STEP, instances=1_600_000, seed=11, shards=32, client=client, progress=kill_once)
    assert killed, "no worker was busy when the first shard came back"
    assert remote.shards_done == 32 and not remote.interrupted
    same_campaign(local, remote)
    client.wait_for_workers(2, timeout=30)


def test_a_content_node_travels_by_reference_and_a_built_one_by_value():
    """A node of an importable module is sent as (module, name) and found again there, the same object;
    a node built here (no module) is pickled by value together with its dependencies."""
    from verify.cluster_run import _nodes, payload
    from verify.loader import load_module

    gd = {n.name: n for n in load_module("theorems.gd", [])}
    rate = gd["gd_pl_rate"]
    kind, data = payload(rate, [])
    assert kind == "ref" and data == [("theorems.gd", "gd_pl_rate")]
    assert _nodes(kind, data)[0] is rate
    square, step = _graph()[:2]
    kind, data = payload(step, [square])
    assert kind == "value"
    again, dep = _nodes(kind, data)
    assert again.name == "step" and dep.name == "square" and again.statement.show == step.statement.show
