"""The generator's own words in the generated README and docs, per locale (English fallback)."""

from __future__ import annotations

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "intro": "Typed Python client (sync and async, on httpx) for {title}. Generated from the API reference; do not edit.",
        "install": "Install",
        "auth": "Authentication",
        "first_call": "First call",
        "errors_body": "Errors raise subclasses of `APIError` (`NotFoundError`, `BadRequestError`, ...) carrying `status_code`, `code` and `message`.",
        "docs_home": "Overview",
        "docs_resources": "Resources",
        "docs_parameters": "Parameters",
        "docs_name": "Name",
        "docs_type": "Type",
        "docs_required": "Required",
        "docs_description": "Description",
        "docs_yes": "yes",
        "docs_no": "no",
        "docs_no_params": "No parameters.",
        "docs_returns": "Returns",
        "docs_errors": "Errors",
        "docs_exception": "Exception",
        "docs_status": "Status",
        "docs_code": "Code",
        "docs_example": "Example",
        "docs_response": "Response",
        "docs_async": "`AsyncClient` has the same method; call it with `await`:",
    },
    "zh": {
        "intro": "{title} 的类型化 Python 客户端（同步与异步，基于 httpx）。由 API 参考文档生成，请勿手动修改。",
        "install": "安装",
        "auth": "认证",
        "first_call": "第一次调用",
        "errors_body": "错误会抛出 `APIError` 的子类（`NotFoundError`、`BadRequestError` 等），带有 `status_code`、`code` 和 `message`。",
        "docs_home": "概览",
        "docs_resources": "资源",
        "docs_parameters": "参数",
        "docs_name": "名称",
        "docs_type": "类型",
        "docs_required": "必填",
        "docs_description": "说明",
        "docs_yes": "是",
        "docs_no": "否",
        "docs_no_params": "无参数。",
        "docs_returns": "返回值",
        "docs_errors": "错误",
        "docs_exception": "异常",
        "docs_status": "状态码",
        "docs_code": "错误码",
        "docs_example": "示例",
        "docs_response": "响应",
        "docs_async": "`AsyncClient` 提供相同的方法，调用时加 `await`：",
    },
    "ja": {
        "intro": "{title} の型付き Python クライアント（同期・非同期、httpx ベース）です。API リファレンスから生成されています。編集しないでください。",
        "install": "インストール",
        "auth": "認証",
        "first_call": "最初の呼び出し",
        "errors_body": "エラーは `APIError` のサブクラス（`NotFoundError`、`BadRequestError` など）として送出され、`status_code`、`code`、`message` を持ちます。",
        "docs_home": "概要",
        "docs_resources": "リソース",
        "docs_parameters": "パラメータ",
        "docs_name": "名前",
        "docs_type": "型",
        "docs_required": "必須",
        "docs_description": "説明",
        "docs_yes": "はい",
        "docs_no": "いいえ",
        "docs_no_params": "パラメータはありません。",
        "docs_returns": "戻り値",
        "docs_errors": "エラー",
        "docs_exception": "例外",
        "docs_status": "ステータス",
        "docs_code": "コード",
        "docs_example": "例",
        "docs_response": "レスポンス",
        "docs_async": "`AsyncClient` にも同じメソッドがあり、`await` を付けて呼び出します：",
    },
}


# Words used in generated code (docstrings of resource classes and models).
_CODE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "resource_doc": "Operations on `{path}`.",
        "model_doc": "The `{name}` object.",
        "raw_doc": "The same methods, returning the raw HTTP response with the parsed result.",
        "raw_class_doc": "The methods of a resource, each returning an `APIResponse`.",
    },
    "zh": {
        "resource_doc": "`{path}` 相关操作。",
        "model_doc": "`{name}` 对象。",
        "raw_doc": "相同的方法，返回原始 HTTP 响应及解析结果。",
        "raw_class_doc": "资源的各个方法，每个都返回 `APIResponse`。",
    },
    "ja": {
        "resource_doc": "`{path}` に関する操作。",
        "model_doc": "`{name}` オブジェクト。",
        "raw_doc": "同じメソッドで、生の HTTP レスポンスと解析結果を返します。",
        "raw_class_doc": "リソースの各メソッドで、それぞれ `APIResponse` を返します。",
    },
}


def words(locale: str) -> dict[str, str]:
    """The generator's UI words for a locale: its language's table, else English."""
    language = locale.split("-")[0]
    return {
        **_WORDS["en"],
        **_CODE_WORDS["en"],
        **_WORDS.get(language, {}),
        **_CODE_WORDS.get(language, {}),
    }
