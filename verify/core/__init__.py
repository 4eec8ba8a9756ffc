"""The trusted core: the only code whose bug could print a false ``proved`` or a false ``refuted``.

It imports nothing from the rest of ``verify`` (``tests/test_core.py`` checks this). Everything
else proposes; the core checks:

* statements: ``claims`` (Claim, Derivation), ``rules`` (forall, substitute, use, induction),
  ``continuous`` (during, nonincreasing, gronwall: continuous time, decided in ``continuous_proof``),
  ``linalg`` (vectors, matrices and their functions), ``problem`` (validation);
* the decision loop: ``kernel`` (deciders under time limits, reconciliation with the adversary's
  proposals), ``chains`` (derivations link by link), ``induction_proof``, ``deciders/`` (evaluate,
  identity, sign, entries, Farkas, z3, exhaustion);
* exact evaluation: ``exact`` (scalars), ``matrix_exact`` (vectors and matrices), ``domains`` (where
  an expression is defined), ``grounding``
  (claims about an integer index at given index values), ``counterexamples`` (the re-check of every
  proposed point: domains, declared matrix structures and ranks, hypotheses, conclusion);
* ``verdicts`` and ``limits`` (time limits).

The adversary (``verify.attack``) is passed in as a function by ``verify.checking``; graph-level
promotions (axioms, ``meet``) live in ``verify.graph``.
"""
