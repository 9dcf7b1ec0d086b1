"""openapi-spec-validator's validators as the validate stage uses them: the version's
spec validator with its semantic checks locating what they report, and the meta-schema's
validator on the jsonschema backend (whose messages and paths a run reports)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Iterator

from generator.ingest import meta_check
from generator.ingest.load import LocaleDocument

if TYPE_CHECKING:
    from openapi_spec_validator.validation.validators import SpecValidator


@functools.cache
def validator_class(version: str) -> type[SpecValidator]:
    """The version's spec validator, its semantic checks locating what they report.

    The library's semantic checks (a default of the wrong type, a duplicate parameter)
    report paths relative to the part they check; each check here tags the errors it
    yields with its part's place in the document (the innermost check first).
    """
    import openapi_spec_validator as osv
    from jsonschema_path import SchemaPath
    from openapi_spec_validator.validation.keywords import ValueValidator

    base: type[SpecValidator] = (
        osv.OpenAPIV30SpecValidator
        if version.startswith("3.0")
        else (
            osv.OpenAPIV31SpecValidator
            if version.startswith("3.1")
            else osv.OpenAPIV32SpecValidator
        )
    )

    def located(keyword: type[Any]) -> type[Any]:
        class Located(keyword):  # type: ignore[misc]
            def __call__(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
                part = next((a for a in args if isinstance(a, SchemaPath)), None)
                extra = ("default",) if isinstance(self, ValueValidator) else ()
                for error in super().__call__(*args, **kwargs):
                    if part is not None and not hasattr(error, "located"):
                        error.located = (
                            tuple(part.parts) + extra + tuple(error.absolute_path)
                        )
                    yield error

        Located.__name__ = keyword.__name__
        return Located

    keywords = {k: located(v) for k, v in base.keyword_validators.items()}
    if meta_check.enabled():
        keywords["schema"] = _fast_meta(keywords["schema"])
    return type(base.__name__, (base,), {"keyword_validators": keywords})


def _fast_meta(keyword: type[Any]) -> type[Any]:
    """The schema keyword, its meta-schema check decided by jsonschema-rs
    (ingest/meta_check.py) for the dialects it is set up for; the library's own check
    for the others and for whatever jsonschema-rs refuses."""

    class FastMeta(keyword):  # type: ignore[misc]
        def _validate_schema_meta(self, schema: Any, schema_value: Any) -> Any:
            try:
                if hasattr(self, "_get_validator_class_for_dialect"):  # 3.1, 3.2
                    dialect = self._get_schema_dialect_id(schema, schema_value)
                    cls = self._get_validator_class_for_dialect(dialect)
                    checker = self.schema_validator_format_checker
                else:  # 3.0: one dialect, checked with its own formats
                    cls = self.schema_validator_cls
                    checker = cls.FORMAT_CHECKER
            except ValueError:  # a "$schema" that is no dialect: the library says so
                cls = None
            if cls is not None and meta_check.accepts(cls, checker, schema_value):
                return None
            return super()._validate_schema_meta(schema, schema_value)

    FastMeta.__name__ = keyword.__name__
    return FastMeta


def reference_validator(doc: LocaleDocument) -> Any:
    """The OpenAPI meta-schema's validator on the jsonschema backend (whatever is set)."""
    from openapi_spec_validator.schemas import schema_v30, schema_v31, schema_v32
    from openapi_spec_validator.schemas.backend.jsonschema import create_validator

    version = str(doc.document.get("openapi"))
    schema = (
        schema_v30
        if version.startswith("3.0")
        else schema_v31 if version.startswith("3.1") else schema_v32
    )
    return create_validator(schema)
