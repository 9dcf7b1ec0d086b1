"""The Authentication section of a README and of the reference docs: what the client's
security schemes need, how each credential is sent, the base URL and the other servers.

Scheme names and wire names come from the spec (untrusted): they only appear in code spans.
"""

from __future__ import annotations

from generator.build.auth import AuthDef, SchemeDef
from generator.build.auth_words import auth_words
from generator.build.view import ClientDef
from generator.render.markdown import code_span, code_span_safe, shell_name

_SENT = {
    "bearer": "Authorization: Bearer <api_key>",
    "oauth2": "Authorization: Bearer <api_key>",
    "openIdConnect": "Authorization: Bearer <api_key>",
    "basic": "Authorization: Basic <base64(username:password)>",
}


def _scheme_line(words: dict[str, str], scheme: SchemeDef) -> str:
    kind, arg = scheme.kind, scheme.key or "api_key"
    entry = "basic_scheme" if kind == "basic" else kind
    if kind in _SENT:
        code = code_span(_SENT[kind].replace("<api_key>", f"<{arg}>"))
    elif kind == "http":
        code = code_span(f"Authorization: {scheme.wire} <{arg}>")
    else:
        code = code_span(scheme.wire)
    return "- " + words[entry].format(
        name=code_span(scheme.name), code=code, key=code_span(arg)
    )


def auth_body(client: ClientDef) -> str:
    """The section's Markdown: credentials, schemes, the base URL and environments."""
    auth: AuthDef = client.auth
    words = auth_words(client.locale)
    env = shell_name(client.env_prefix)
    intro = []
    if auth.api_key:
        intro.append(words["key"].format(env=env))
    if auth.keys:
        keys = ", ".join(code_span(f"{key}=") for key in auth.keys)
        envs = ", ".join(code_span(f"{env}{key.upper()}") for key in auth.keys)
        intro.append(words["own_keys"].format(keys=keys, envs=envs))
    if auth.basic:
        intro.append(words["basic"].format(env=env))
    if not intro:
        intro.append(words["none"])
    else:
        intro.append(words["required" if auth.required else "per_call"])
    blocks = [words["sep"].join(intro)]
    if auth.schemes:
        lines = [_scheme_line(words, s) for s in auth.schemes]
        blocks.append(words["schemes"] + "\n\n" + "\n".join(lines))
    base = words["base_url"].format(
        base_url=code_span_safe(client.default_base_url), env=env
    )
    if auth.environments:
        names = ", ".join(code_span(repr(name)) for name, _ in auth.environments)
        base += words["sep"] + words["environments"].format(names=names)
    blocks.append(base)
    return "\n\n".join(blocks)


def env_lines(client: ClientDef) -> list[str]:
    """``export`` lines for the credentials the client reads from the environment."""
    env = shell_name(client.env_prefix)
    names = (["API_KEY"] if client.auth.api_key else []) + (
        ["USERNAME", "PASSWORD"] if client.auth.basic else []
    )
    names += [key.upper() for key in client.auth.keys]
    return [f'export {env}{name}="..."' for name in names]
