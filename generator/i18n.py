"""The generator's own words in the generated README and docs, per locale (English fallback)."""

from __future__ import annotations

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "intro": "Typed Python client (sync and async, on httpx) for {title}. Generated from the API reference; do not edit.",
        "install": "Install",
        "auth": "Authentication",
        "auth_body": "Pass `api_key=` to the client, or set the environment variable `{env}API_KEY`. The base URL defaults to `{base_url}` (override with `base_url=` or `{env}BASE_URL`).",
        "first_call": "First call",
        "errors_body": "Errors raise subclasses of `APIError` (`NotFoundError`, `BadRequestError`, ...) carrying `status_code`, `code` and `message`.",
    },
    "zh": {
        "intro": "{title} 的类型化 Python 客户端（同步与异步，基于 httpx）。由 API 参考文档生成，请勿手动修改。",
        "install": "安装",
        "auth": "认证",
        "auth_body": "向客户端传入 `api_key=`，或设置环境变量 `{env}API_KEY`。基础 URL 默认为 `{base_url}`（可用 `base_url=` 或 `{env}BASE_URL` 覆盖）。",
        "first_call": "第一次调用",
        "errors_body": "错误会抛出 `APIError` 的子类（`NotFoundError`、`BadRequestError` 等），带有 `status_code`、`code` 和 `message`。",
    },
    "ja": {
        "intro": "{title} の型付き Python クライアント（同期・非同期、httpx ベース）です。API リファレンスから生成されています。編集しないでください。",
        "install": "インストール",
        "auth": "認証",
        "auth_body": "クライアントに `api_key=` を渡すか、環境変数 `{env}API_KEY` を設定してください。ベース URL の既定値は `{base_url}` です（`base_url=` または `{env}BASE_URL` で上書きできます）。",
        "first_call": "最初の呼び出し",
        "errors_body": "エラーは `APIError` のサブクラス（`NotFoundError`、`BadRequestError` など）として送出され、`status_code`、`code`、`message` を持ちます。",
    },
}


def words(locale: str) -> dict[str, str]:
    """The generator's UI words for a locale: its language's table, else English."""
    language = locale.split("-")[0]
    return {**_WORDS["en"], **_WORDS.get(language, {})}
