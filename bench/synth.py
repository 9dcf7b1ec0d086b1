"""Synthetic OpenAPI specs for scaling benchmarks: N operations, documented in en, zh and ja.

The specs imitate the Dify documents the generator is built for: every collection
(``/billing/projects``) gets five operations (list, create, retrieve, update, delete) with
path and query parameters, a JSON request body, response schemas with ``$ref``s to component
schemas, example error bodies ``{status, code, message}`` and documented error codes in the
response descriptions (``- `not_found` : Project does not exist.``). Structure is identical
in every locale; summaries, descriptions, tag names and operationIds are translated, with
CJK prose for zh and ja.

    python bench/synth.py OUT_DIR --operations 100     # writes OUT_DIR/<locale>/openapi.json
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOCALES: tuple[str, ...] = ("en", "zh", "ja")
OPERATIONS_PER_COLLECTION = 5
SPEC_FILE_NAME = "openapi.json"

JSON = dict[str, Any]


@dataclass(frozen=True)
class Term:
    """A word in every locale: ``en`` singular and plural, ``zh``, ``ja``."""

    en: str
    en_plural: str
    zh: str
    ja: str

    def text(self, locale: str, plural: bool = False) -> str:
        if locale == "zh":
            return self.zh
        if locale == "ja":
            return self.ja
        return self.en_plural if plural else self.en


# Plural path segments (the generator makes ``client.<area>.<noun>`` resources of them).
NOUNS: tuple[Term, ...] = (
    Term("project", "projects", "项目", "プロジェクト"),
    Term("task", "tasks", "任务", "タスク"),
    Term("document", "documents", "文档", "ドキュメント"),
    Term("invoice", "invoices", "发票", "請求書"),
    Term("customer", "customers", "客户", "顧客"),
    Term("order", "orders", "订单", "注文"),
    Term("ticket", "tickets", "工单", "チケット"),
    Term("report", "reports", "报告", "レポート"),
    Term("member", "members", "成员", "メンバー"),
    Term("team", "teams", "团队", "チーム"),
    Term("comment", "comments", "评论", "コメント"),
    Term("label", "labels", "标签", "ラベル"),
    Term("webhook", "webhooks", "网络钩子", "Webhook"),
    Term("product", "products", "产品", "製品"),
    Term("payment", "payments", "付款", "支払い"),
    Term("shipment", "shipments", "货运", "出荷"),
    Term("campaign", "campaigns", "营销活动", "キャンペーン"),
    Term("contact", "contacts", "联系人", "連絡先"),
    Term("note", "notes", "笔记", "メモ"),
    Term("event", "events", "事件", "イベント"),
)

# First path segment of every collection; also the operation's (translated) tag.
AREAS: tuple[Term, ...] = (
    Term("billing", "Billing", "计费", "請求管理"),
    Term("catalog", "Catalog", "目录", "カタログ"),
    Term("crm", "CRM", "客户关系", "顧客管理"),
    Term("analytics", "Analytics", "分析", "分析"),
    Term("support", "Support", "支持", "サポート"),
    Term("inventory", "Inventory", "库存", "在庫"),
    Term("people", "People", "人员", "人事"),
    Term("marketing", "Marketing", "市场营销", "マーケティング"),
    Term("shipping", "Shipping", "物流", "配送"),
    Term("identity", "Identity", "身份", "ID 管理"),
)

# Per-locale prose templates; {n} is the noun, {a} the area.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Synthetic Workspace API",
        "api_description": "A synthetic API used to benchmark the client generator.",
        "list": "List {n}",
        "list_d": "Returns the {n} of the {a} area, newest first, one page at a time.",
        "create": "Create a {n}",
        "create_d": "Creates a {n} in the {a} area and returns it.",
        "retrieve": "Get a {n}",
        "retrieve_d": "Returns one {n} of the {a} area by its ID.",
        "update": "Update a {n}",
        "update_d": "Changes the given fields of a {n}; other fields keep their values.",
        "delete": "Delete a {n}",
        "delete_d": "Deletes a {n} permanently. This cannot be undone.",
        "ok": "Request succeeded.",
        "bad": "- `invalid_param` : A parameter is missing or malformed.",
        "missing": "- `not_found` : The {n} does not exist.\n- `archived` : The {n} was archived.",
        "id": "Unique identifier of the {n}.",
        "name": "Display name of the {n}.",
        "desc": "Free-text description of the {n}; null when not set.",
        "created": "Creation time, Unix seconds.",
        "owner": "The user who owns the {n}.",
        "tags": "Tags attached to the {n}.",
        "meta": "Arbitrary key-value metadata.",
        "status_model": "Lifecycle status.",
        "user": "Identifier of the end user making the request.",
        "limit": "Number of records to return.",
        "last_id": "ID of the last record of the previous page.",
        "keyword": "Only return records whose name contains this keyword.",
        "path_id": "ID of the {n}.",
        "data": "The records of this page.",
        "has_more": "Whether more records follow.",
        "result": "Always `success`.",
        "user_id": "User ID.",
        "user_name": "User name.",
        "list_model": "A page of {n}.",
        "item_model": "A {n}.",
        "create_model": "Fields of a new {n}.",
        "update_model": "Fields to change on a {n}.",
        "msg_not_found": "The {n} does not exist.",
        "msg_invalid": "Invalid parameter.",
    },
    "zh": {
        "title": "合成工作区 API",
        "api_description": "用于对客户端生成器进行基准测试的合成 API。",
        "list": "列出{n}",
        "list_d": "返回{a}中的{n}，按创建时间倒序，分页返回。",
        "create": "创建{n}",
        "create_d": "在{a}中创建一个{n}并返回。",
        "retrieve": "获取{n}详情",
        "retrieve_d": "根据 ID 返回{a}中的一个{n}。",
        "update": "更新{n}",
        "update_d": "修改{n}的指定字段，其他字段保持不变。",
        "delete": "删除{n}",
        "delete_d": "永久删除{n}，此操作不可撤销。",
        "ok": "请求成功。",
        "bad": "- `invalid_param` : 参数缺失或格式错误。",
        "missing": "- `not_found` : {n}不存在。\n- `archived` : {n}已归档。",
        "id": "{n}的唯一标识符。",
        "name": "{n}的显示名称。",
        "desc": "{n}的描述文本；未设置时为 null。",
        "created": "创建时间，Unix 秒。",
        "owner": "拥有该{n}的用户。",
        "tags": "附加到{n}的标签。",
        "meta": "任意键值元数据。",
        "status_model": "生命周期状态。",
        "user": "发起请求的终端用户标识。",
        "limit": "返回的记录数。",
        "last_id": "上一页最后一条记录的 ID。",
        "keyword": "仅返回名称包含该关键字的记录。",
        "path_id": "{n} ID。",
        "data": "本页的记录。",
        "has_more": "是否还有更多记录。",
        "result": "固定为 `success`。",
        "user_id": "用户 ID。",
        "user_name": "用户名。",
        "list_model": "{n}的一页。",
        "item_model": "一个{n}。",
        "create_model": "新{n}的字段。",
        "update_model": "要修改的{n}字段。",
        "msg_not_found": "{n}不存在。",
        "msg_invalid": "参数无效。",
    },
    "ja": {
        "title": "合成ワークスペース API",
        "api_description": "クライアントジェネレーターのベンチマーク用の合成 API です。",
        "list": "{n}の一覧を取得",
        "list_d": "{a}の{n}を新しい順に、ページ単位で返します。",
        "create": "{n}を作成",
        "create_d": "{a}に{n}を作成して返します。",
        "retrieve": "{n}の詳細を取得",
        "retrieve_d": "ID を指定して{a}の{n}を 1 件返します。",
        "update": "{n}を更新",
        "update_d": "{n}の指定したフィールドを変更します。その他のフィールドは変わりません。",
        "delete": "{n}を削除",
        "delete_d": "{n}を完全に削除します。元に戻すことはできません。",
        "ok": "リクエストに成功しました。",
        "bad": "- `invalid_param` : パラメータが不足しているか、形式が正しくありません。",
        "missing": "- `not_found` : {n}が存在しません。\n- `archived` : {n}はアーカイブされています。",
        "id": "{n}の一意な識別子。",
        "name": "{n}の表示名。",
        "desc": "{n}の説明文。未設定の場合は null。",
        "created": "作成日時（Unix 秒）。",
        "owner": "{n}を所有するユーザー。",
        "tags": "{n}に付けられたタグ。",
        "meta": "任意のキーと値のメタデータ。",
        "status_model": "ライフサイクル状態。",
        "user": "リクエストを行うエンドユーザーの識別子。",
        "limit": "返すレコード数。",
        "last_id": "前のページの最後のレコードの ID。",
        "keyword": "名前にこのキーワードを含むレコードのみを返します。",
        "path_id": "{n}の ID。",
        "data": "このページのレコード。",
        "has_more": "続きのレコードがあるかどうか。",
        "result": "常に `success`。",
        "user_id": "ユーザー ID。",
        "user_name": "ユーザー名。",
        "list_model": "{n}の 1 ページ。",
        "item_model": "{n}。",
        "create_model": "新しい{n}のフィールド。",
        "update_model": "変更する{n}のフィールド。",
        "msg_not_found": "{n}が存在しません。",
        "msg_invalid": "パラメータが無効です。",
    },
}

OPERATION_ID_SUFFIX: dict[str, str] = {"en": "", "zh": "Cn", "ja": "Jp"}


@dataclass(frozen=True)
class Collection:
    """One ``/<area>/<noun>`` collection and the names derived from it."""

    area: Term
    noun: Term
    area_segment: str  # ``billing`` or, past the first round of areas, ``billing2``

    @property
    def path(self) -> str:
        return f"/{self.area_segment}/{self.noun.en_plural}"

    @property
    def id_param(self) -> str:
        return f"{self.noun.en}_id"

    @property
    def prefix(self) -> str:
        """Component schema name prefix: ``BillingProject``."""
        return _pascal(self.area_segment) + _pascal(self.noun.en)


def _pascal(word: str) -> str:
    return word[:1].upper() + word[1:]


def collections(count: int) -> list[Collection]:
    """``count`` distinct collections: every noun in every area, then numbered areas."""
    out: list[Collection] = []
    round_ = 1
    while len(out) < count:
        for area in AREAS:
            segment = area.en if round_ == 1 else f"{area.en}{round_}"
            for noun in NOUNS:
                out.append(Collection(area, noun, segment))
        round_ += 1
    return out[:count]


def _t(
    locale: str, key: str, collection: Collection | None = None, plural: bool = False
) -> str:
    template = TEXT[locale][key]
    if collection is None:
        return template
    return template.format(
        n=collection.noun.text(locale, plural),
        a=collection.area.text(locale, plural=True),
    )


def _error_response(description: str, status: int, code: str, message: str) -> JSON:
    return {
        "description": description,
        "content": {
            "application/json": {
                "examples": {
                    code: {
                        "summary": code,
                        "value": {"status": status, "code": code, "message": message},
                    }
                }
            }
        },
    }


def _json_response(locale: str, schema_name: str, example: JSON) -> JSON:
    return {
        "description": TEXT[locale]["ok"],
        "content": {
            "application/json": {
                "schema": {"$ref": f"#/components/schemas/{schema_name}"},
                "example": example,
            }
        },
    }


def _path_param(locale: str, c: Collection) -> JSON:
    return {
        "name": c.id_param,
        "in": "path",
        "required": True,
        "description": _t(locale, "path_id", c),
        "schema": {"type": "string", "format": "uuid"},
    }


def _query_params(locale: str) -> list[JSON]:
    return [
        {
            "name": "user",
            "in": "query",
            "required": True,
            "description": _t(locale, "user"),
            "schema": {"type": "string"},
        },
        {
            "name": "last_id",
            "in": "query",
            "required": False,
            "description": _t(locale, "last_id"),
            "schema": {"type": "string"},
        },
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": _t(locale, "limit"),
            "schema": {"type": "integer", "default": 20, "minimum": 1, "maximum": 100},
        },
        {
            "name": "keyword",
            "in": "query",
            "required": False,
            "description": _t(locale, "keyword"),
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
        },
    ]


def _item_example(c: Collection) -> JSON:
    return {
        "id": "a1b2c3d4-5678-90ab-cdef-1234567890ab",
        "name": f"My {c.noun.en}",
        "description": None,
        "status": "active",
        "created_at": 1705407629,
        "owner": {"id": "u-1", "name": "Alice"},
        "tags": ["demo"],
        "metadata": {"source": "bench"},
    }


def _operations(locale: str, c: Collection) -> list[tuple[str, str, JSON]]:
    """(path, method, operation) of the collection's five operations, in a fixed order."""
    item_path = f"{c.path}/{{{c.id_param}}}"
    tag = c.area.text(locale, plural=True)
    op_id = f"{c.area_segment}{_pascal(c.noun.en)}"
    suffix = OPERATION_ID_SUFFIX[locale]
    bad = _error_response(
        _t(locale, "bad"), 400, "invalid_param", _t(locale, "msg_invalid")
    )
    missing = _error_response(
        _t(locale, "missing", c), 404, "not_found", _t(locale, "msg_not_found", c)
    )

    def body(schema: str) -> JSON:
        return {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": f"#/components/schemas/{schema}"}
                }
            },
        }

    def op(verb: str, extra: JSON, plural: bool = False) -> JSON:
        return {
            "summary": _t(locale, verb, c, plural),
            "description": _t(locale, f"{verb}_d", c, plural),
            "operationId": f"{verb}{_pascal(op_id)}{suffix}",
            "tags": [tag],
            **extra,
        }

    item = _item_example(c)
    return [
        (
            c.path,
            "get",
            op(
                "list",
                {
                    "parameters": _query_params(locale),
                    "responses": {
                        "200": _json_response(
                            locale,
                            f"{c.prefix}List",
                            {"data": [item], "has_more": False, "limit": 20},
                        ),
                        "400": bad,
                    },
                },
                plural=True,
            ),
        ),
        (
            c.path,
            "post",
            op(
                "create",
                {
                    "requestBody": body(f"{c.prefix}CreateRequest"),
                    "responses": {
                        "200": _json_response(locale, c.prefix, item),
                        "400": bad,
                    },
                },
            ),
        ),
        (
            item_path,
            "get",
            op(
                "retrieve",
                {
                    "parameters": [_path_param(locale, c)],
                    "responses": {
                        "200": _json_response(locale, c.prefix, item),
                        "404": missing,
                    },
                },
            ),
        ),
        (
            item_path,
            "patch",
            op(
                "update",
                {
                    "parameters": [_path_param(locale, c)],
                    "requestBody": body(f"{c.prefix}UpdateRequest"),
                    "responses": {
                        "200": _json_response(locale, c.prefix, item),
                        "400": bad,
                        "404": missing,
                    },
                },
            ),
        ),
        (
            item_path,
            "delete",
            op(
                "delete",
                {
                    "parameters": [_path_param(locale, c)],
                    "responses": {
                        "200": _json_response(
                            locale, "DeleteResult", {"result": "success"}
                        ),
                        "404": missing,
                    },
                },
            ),
        ),
    ]


def _collection_schemas(locale: str, c: Collection) -> dict[str, JSON]:
    def prop(key: str, schema: JSON) -> JSON:
        return {**schema, "description": _t(locale, key, c)}

    item_ref = {"$ref": f"#/components/schemas/{c.prefix}"}
    return {
        c.prefix: {
            "type": "object",
            "description": _t(locale, "item_model", c),
            "required": ["id", "name", "status"],
            "properties": {
                "id": prop("id", {"type": "string", "format": "uuid"}),
                "name": prop("name", {"type": "string"}),
                "description": prop("desc", {"type": "string", "nullable": True}),
                "status": {"$ref": "#/components/schemas/Status"},
                "created_at": prop("created", {"type": "integer"}),
                "owner": {"$ref": "#/components/schemas/UserRef"},
                "tags": prop("tags", {"type": "array", "items": {"type": "string"}}),
                "metadata": {"$ref": "#/components/schemas/Metadata"},
            },
        },
        f"{c.prefix}List": {
            "type": "object",
            "description": _t(locale, "list_model", c, plural=True),
            "properties": {
                "data": {
                    "type": "array",
                    "items": item_ref,
                    "description": _t(locale, "data"),
                },
                "has_more": {"type": "boolean", "description": _t(locale, "has_more")},
                "limit": {"type": "integer", "description": _t(locale, "limit")},
            },
        },
        f"{c.prefix}CreateRequest": {
            "type": "object",
            "description": _t(locale, "create_model", c),
            "required": ["name", "user"],
            "properties": {
                "name": prop("name", {"type": "string", "maxLength": 255}),
                "description": prop("desc", {"type": "string", "nullable": True}),
                "tags": prop("tags", {"type": "array", "items": {"type": "string"}}),
                "metadata": {"$ref": "#/components/schemas/Metadata"},
                "user": prop("user", {"type": "string"}),
            },
        },
        f"{c.prefix}UpdateRequest": {
            "type": "object",
            "description": _t(locale, "update_model", c),
            "required": ["user"],
            "properties": {
                "name": prop("name", {"type": "string", "maxLength": 255}),
                "status": {"$ref": "#/components/schemas/Status"},
                "user": prop("user", {"type": "string"}),
            },
        },
    }


def _shared_schemas(locale: str) -> dict[str, JSON]:
    return {
        "Status": {
            "type": "string",
            "enum": ["active", "archived", "deleted"],
            "description": _t(locale, "status_model"),
        },
        "UserRef": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string", "description": _t(locale, "user_id")},
                "name": {"type": "string", "description": _t(locale, "user_name")},
            },
        },
        "Metadata": {
            "type": "object",
            "description": _t(locale, "meta"),
            "additionalProperties": {"type": "string"},
        },
        "DeleteResult": {
            "type": "object",
            "properties": {
                "result": {"type": "string", "description": _t(locale, "result")}
            },
        },
    }


def build_spec(locale: str, operations: int) -> JSON:
    """One locale's OpenAPI 3.0 document with exactly ``operations`` operations."""
    needed = -(-operations // OPERATIONS_PER_COLLECTION)
    paths: dict[str, JSON] = {}
    schemas: dict[str, JSON] = _shared_schemas(locale)
    tags: dict[str, JSON] = {}
    remaining = operations
    for c in collections(needed):
        ops = _operations(locale, c)[:remaining]
        remaining -= len(ops)
        for path, method, operation in ops:
            paths.setdefault(path, {})[method] = operation
        schemas.update(_collection_schemas(locale, c))
        tag = c.area.text(locale, plural=True)
        tags.setdefault(tag, {"name": tag, "description": tag})
    return {
        "openapi": "3.0.1",
        "info": {
            "title": TEXT[locale]["title"],
            "description": TEXT[locale]["api_description"],
            "version": "1.0.0",
        },
        "servers": [{"url": "https://api.example.com/v1"}],
        "security": [{"ApiKeyAuth": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"ApiKeyAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas,
        },
        "tags": list(tags.values()),
    }


def write_specs(
    out_dir: Path, operations: int, locales: tuple[str, ...] = LOCALES
) -> list[Path]:
    """Write ``out_dir/<locale>/openapi.json`` for every locale; returns the files."""
    files = []
    for locale in locales:
        target = out_dir / locale / SPEC_FILE_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(build_spec(locale, operations), ensure_ascii=False, indent=2)
            + "\n",
            encoding="utf-8",
        )
        files.append(target)
    return files


def count_operations(spec: JSON) -> int:
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    return sum(1 for item in spec["paths"].values() for m in item if m in methods)


def validate_specs(files: list[Path]) -> None:
    """Raise if a file is not a valid OpenAPI document (needs openapi-spec-validator)."""
    from openapi_spec_validator import validate

    for file in files:
        validate(json.loads(file.read_text(encoding="utf-8")))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "out", type=Path, help="output folder: one <locale>/openapi.json per locale"
    )
    parser.add_argument("--operations", type=int, default=100)
    parser.add_argument(
        "--validate", action="store_true", help="check with openapi-spec-validator"
    )
    args = parser.parse_args()
    files = write_specs(args.out, args.operations)
    if args.validate:
        validate_specs(files)
    for file in files:
        print(file)


if __name__ == "__main__":
    main()
