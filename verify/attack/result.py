"""What a numeric attack reports back to the kernel."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.verdicts import Evidence


#: a relative slack this close to 0 is floating-point rounding at an instance on the bound
ROUNDING = 1e-7


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

    def slack_text(self) -> str:
        """The closest approach to the claimed bound over the instances, in words: the relative slack
        (right side minus left side over their size; 0 means an instance met the bound with equality).
        A float value just below 0 is rounding at such an instance, not a violation: shown as 0."""
        slack = self.smallest_slack
        if slack is None or not slack == slack:
            return "closest approach to the bound: none measured"
        if slack >= -ROUNDING:
            shown = "0 (the bound is attained)" if slack <= ROUNDING else f"{slack:.3g}"
            return f"closest approach to the bound: relative slack {shown}"
        return (f"closest approach to the bound: relative slack {slack:.3g} (negative: violated there in "
                f"floats; only a point the exact re-check confirms refutes the claim)")

    def evidence(self) -> Evidence:
        detail = (f"{self.instances} instances satisfying the hypotheses ({', '.join(self.methods) or 'none'}); "
                  f"{self.slack_text()}; {self.candidates_rejected} float candidates rejected "
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
