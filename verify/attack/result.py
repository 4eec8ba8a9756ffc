"""What a numeric attack reports back to the kernel."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.verdicts import Evidence


@dataclass
class AttackResult:
    """Outcome of a counterexample search.

    ``counterexample`` (symbol name -> exact value) is set only after an exact re-check: every
    hypothesis holds there and the conclusion fails; ``sides`` are the violated relation's two sides.
    ``nonreal`` names a point satisfying the hypotheses where the claim's expressions are not real.
    """

    counterexample: dict[str, Any] | None = None
    sides: tuple[Any, Any] | None = None
    violated: str = ""
    instances: int = 0
    methods: list[str] = field(default_factory=list)
    smallest_slack: float | None = None
    seconds: float = 0.0
    seed: int = 0
    candidates_rejected: int = 0
    nonreal: str | None = None
    notes: list[str] = field(default_factory=list)
    timed_out_checks: int = 0  # candidates whose exact re-check ran out of time (neither kept nor rejected)
    settled_violations: int = 0    # clear float violations whose exact re-check completed
    unsettled_violations: int = 0  # clear float violations never re-checked exactly (time, limits)

    @property
    def unsettled(self) -> bool:
        """Float violations were seen and none of them could be re-checked exactly: neither a
        counterexample nor a pass can be claimed."""
        return self.unsettled_violations > 0 and self.settled_violations == 0 and self.counterexample is None

    def merge(self, other: "AttackResult") -> "AttackResult":
        """Combine two searches of the same claim (counts add, the first counterexample wins)."""
        slack = [s for s in (self.smallest_slack, other.smallest_slack) if s is not None]
        return AttackResult(
            counterexample=self.counterexample or other.counterexample,
            sides=self.sides if self.counterexample else other.sides,
            violated=self.violated if self.counterexample else other.violated,
            instances=self.instances + other.instances,
            methods=list(dict.fromkeys(self.methods + other.methods)),
            smallest_slack=min(slack) if slack else None,
            seconds=self.seconds + other.seconds,
            seed=self.seed,
            candidates_rejected=self.candidates_rejected + other.candidates_rejected,
            nonreal=self.nonreal or other.nonreal,
            notes=self.notes + other.notes,
            timed_out_checks=self.timed_out_checks + other.timed_out_checks,
            settled_violations=self.settled_violations + other.settled_violations,
            unsettled_violations=self.unsettled_violations + other.unsettled_violations,
        )

    def evidence(self) -> Evidence:
        slack = "n/a" if self.smallest_slack is None else f"{self.smallest_slack:.3g}"
        detail = (f"{self.instances} instances satisfying the hypotheses ({', '.join(self.methods) or 'none'}); "
                  f"smallest relative slack {slack}; {self.candidates_rejected} float candidates rejected "
                  f"by exact re-check; {self.seconds:.2f} s; seed {self.seed}")
        if self.timed_out_checks:
            detail += (f"; {self.timed_out_checks} candidate{'s' if self.timed_out_checks > 1 else ''} "
                       f"undecided: the exact re-check ran out of time")
        if self.notes:
            detail += "; " + "; ".join(dict.fromkeys(self.notes))
        return Evidence("numeric attack", detail, {
            "instances": self.instances, "methods": self.methods, "smallest_slack": self.smallest_slack,
            "seconds": round(self.seconds, 4), "seed": self.seed,
            "candidates_rejected": self.candidates_rejected, "timed_out_checks": self.timed_out_checks})
