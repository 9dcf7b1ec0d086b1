"""The validator's fast paths give the same verdicts and the same problems as the
reference.

jsonschema-rs (a dependency, picked when installed) decides whether a document is valid;
a refused document is checked again on the jsonschema backend, whose messages are the
ones reported. The semantic checks step into nodes by generator/ingest/subnodes.py's
faster step. The reference is the jsonschema backend with pathable's own step. Each runs
in its own process (the validator picks its backend once) over every case of the corpus
and the project's own specs. Should the two differ, ``corpus_run("jsonschema-rs",
faster_step=False)`` tells which of the two fast paths differs.
"""

from __future__ import annotations

from tests.ingest.corpus_runs import corpus_run


def test_the_fast_paths_agree_with_the_reference_on_the_corpus() -> None:
    reference = corpus_run("jsonschema", faster_step=False)
    fast = corpus_run("jsonschema-rs")
    assert fast["in place"] is True and reference["in place"] is False
    refused = [f for f, (code, _) in reference["problems"].items() if code == 2]
    assert len(refused) >= 10  # the corpus has invalid documents to compare on
    assert fast["problems"] == reference["problems"]
