"""The generator's words about authentication and servers, per locale (English fallback).

``{code}`` is a code span the renderer builds (it may hold a scheme's untrusted name),
``{key}`` one of the client's argument (``api_key`` or a scheme's own key), ``{keys}`` and
``{envs}`` lists of them and of environment variables;
``{env}`` an environment variable prefix; ``{names}`` code spans of environment names; ``sep`` joins sentences.
"""

from __future__ import annotations

_AUTH_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "key": "Pass `api_key=` to the client, or set the environment variable `{env}API_KEY`.",
        "basic": "Pass `username=` and `password=` to the client, or set the environment variables `{env}USERNAME` and `{env}PASSWORD`.",
        "own_keys": "Some requests send a second key beside it: pass {keys} too, or set {envs}.",
        "none": "The API needs no credentials.",
        "schemes": "Security schemes:",
        "bearer": "{name}: {key}, sent as {code}.",
        "oauth2": "{name}: an OAuth 2.0 access token as {key}, sent as {code}.",
        "openIdConnect": "{name}: an OpenID Connect token as {key}, sent as {code}.",
        "http": "{name}: {key}, sent as {code}.",
        "header": "{name}: {key}, sent in the {code} header.",
        "query": "{name}: {key}, sent as the {code} query parameter.",
        "cookie": "{name}: {key}, sent as the {code} cookie.",
        "basic_scheme": "{name}: `username` and `password`, sent as {code} (HTTP Basic).",
        "required": "Without credentials, creating the client raises `APIError`.",
        "per_call": "Without credentials, an operation that needs them raises `APIError` before sending anything.",
        "sep": " ",
        "base_url": "The base URL defaults to `{base_url}` (override with `base_url=` or `{env}BASE_URL`).",
        "environments": "Other documented servers: pass `environment=` ({names}; listed in `ENVIRONMENTS`).",
    },
    "zh": {
        "key": "向客户端传入 `api_key=`，或设置环境变量 `{env}API_KEY`。",
        "basic": "向客户端传入 `username=` 和 `password=`，或设置环境变量 `{env}USERNAME` 和 `{env}PASSWORD`。",
        "own_keys": "有些请求还会同时发送另一个密钥：同时传入 {keys}，或设置 {envs}。",
        "none": "该 API 不需要凭据。",
        "schemes": "安全方案：",
        "bearer": "{name}：{key}，以 {code} 发送。",
        "oauth2": "{name}：以 {key} 传入的 OAuth 2.0 访问令牌，以 {code} 发送。",
        "openIdConnect": "{name}：以 {key} 传入的 OpenID Connect 令牌，以 {code} 发送。",
        "http": "{name}：{key}，以 {code} 发送。",
        "header": "{name}：{key}，在请求头 {code} 中发送。",
        "query": "{name}：{key}，作为查询参数 {code} 发送。",
        "cookie": "{name}：{key}，作为 Cookie {code} 发送。",
        "basic_scheme": "{name}：`username` 和 `password`，以 {code} 发送（HTTP Basic）。",
        "required": "缺少凭据时，创建客户端会抛出 `APIError`。",
        "per_call": "需要凭据的操作在缺少凭据时会抛出 `APIError`，不会发送请求。",
        "sep": "",
        "base_url": "基础 URL 默认为 `{base_url}`（可用 `base_url=` 或 `{env}BASE_URL` 覆盖）。",
        "environments": "其他文档中的服务器：传入 `environment=`（{names}；见 `ENVIRONMENTS`）。",
    },
    "ja": {
        "key": "クライアントに `api_key=` を渡すか、環境変数 `{env}API_KEY` を設定してください。",
        "basic": "クライアントに `username=` と `password=` を渡すか、環境変数 `{env}USERNAME` と `{env}PASSWORD` を設定してください。",
        "own_keys": "一部のリクエストは別のキーも同時に送信します：{keys} も渡すか、{envs} を設定してください。",
        "none": "この API には認証情報は不要です。",
        "schemes": "セキュリティスキーム：",
        "bearer": "{name}：{key}。{code} として送信されます。",
        "oauth2": "{name}：{key} として渡す OAuth 2.0 アクセストークン。{code} として送信されます。",
        "openIdConnect": "{name}：{key} として渡す OpenID Connect トークン。{code} として送信されます。",
        "http": "{name}：{key}。{code} として送信されます。",
        "header": "{name}：{key}。ヘッダー {code} で送信されます。",
        "query": "{name}：{key}。クエリパラメーター {code} として送信されます。",
        "cookie": "{name}：{key}。Cookie {code} として送信されます。",
        "basic_scheme": "{name}：`username` と `password`。{code} として送信されます（HTTP Basic）。",
        "required": "認証情報がない場合、クライアントの作成時に `APIError` が送出されます。",
        "per_call": "認証情報が必要な操作は、認証情報がない場合、何も送信せずに `APIError` を送出します。",
        "sep": "",
        "base_url": "ベース URL の既定値は `{base_url}` です（`base_url=` または `{env}BASE_URL` で上書きできます）。",
        "environments": "ドキュメントに記載されたほかのサーバー：`environment=` を渡してください（{names}。`ENVIRONMENTS` を参照）。",
    },
}


def auth_words(locale: str) -> dict[str, str]:
    """The auth and server words for a locale: its language's table, else English."""
    return {**_AUTH_WORDS["en"], **_AUTH_WORDS.get(locale.split("-")[0], {})}
