"""Property-based tests: random valid OpenAPI documents through the whole generator
(hypothesis; profiles "ci" and "dev", chosen by $HYPOTHESIS_PROFILE, see conftest.py).
"""
