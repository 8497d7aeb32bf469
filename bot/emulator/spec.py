"""Method and parameter validation against the bundled Bot API spec (api.json).

Form values (urlencoded or multipart, as python-telegram-bot sends them) are decoded
according to each parameter's declared types, then checked cheaply for
Integer/String/Boolean/Float, arrays and objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from bot.emulator.errors import METHOD_NOT_FOUND, ApiError, bad_request

# python-telegram-bot 22.8 speaks Bot API 10.0 while api.json is 10.1; no 10.0-only parameter
# turned up in PTB's calls. What PTB does send beyond the spec: its shared `_send_message`
# fills these from `telegram.ext.Defaults` into every method it serves, even ones that lack
# them (sendLocation, sendPoll, editMessageReplyMarkup...). Telegram ignores them there.
PTB_DEFAULT_PARAMS: dict[str, tuple[str, ...]] = {
    "parse_mode": ("String",),
    "disable_notification": ("Boolean",),
    "protect_content": ("Boolean",),
}
_PTB_SEND_MESSAGE_METHODS = frozenset(
    name.lower()
    for name in (
        "editMessageCaption",
        "editMessageChecklist",
        "editMessageLiveLocation",
        "editMessageMedia",
        "editMessageReplyMarkup",
        "editMessageText",
        "forwardMessage",
        "sendAnimation",
        "sendAudio",
        "sendChecklist",
        "sendContact",
        "sendDice",
        "sendDocument",
        "sendGame",
        "sendInvoice",
        "sendLivePhoto",
        "sendLocation",
        "sendMessage",
        "sendMessageDraft",
        "sendPaidMedia",
        "sendPhoto",
        "sendPoll",
        "sendSticker",
        "sendVenue",
        "sendVideo",
        "sendVideoNote",
        "sendVoice",
        "setGameScore",
        "stopMessageLiveLocation",
    )
)
# Further PTB extras by lower-case method name.
# (editMessageReplyMarkup's parse_mode is covered by the rule above.)
EXTRA_PARAMS: dict[str, frozenset[str]] = {}

_TEXTUAL = frozenset({"String", "InputFile"})


@dataclass(frozen=True)
class UploadedFile:
    """A file part received in a multipart/form-data request."""

    data: bytes
    filename: str
    mime_type: str


@dataclass(frozen=True)
class Param:
    """One method parameter: name, accepted type names, required flag."""

    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class Method:
    """One Bot API method with its parameters by name."""

    name: str
    params: dict[str, Param]


class ApiSpec:
    """The Bot API method list, looked up case-insensitively."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.version: str = raw.get("version", "")
        self._methods: dict[str, Method] = {}
        for name, body in raw["methods"].items():
            params = {
                f["name"]: Param(f["name"], tuple(f["types"]), bool(f["required"]))
                for f in body.get("fields", [])
            }
            extras = set(EXTRA_PARAMS.get(name.lower(), frozenset()))
            if name.lower() in _PTB_SEND_MESSAGE_METHODS:
                extras |= PTB_DEFAULT_PARAMS.keys()
            for extra in extras:
                types = PTB_DEFAULT_PARAMS.get(extra, ("String", "Integer", "Boolean"))
                params.setdefault(extra, Param(extra, types, False))
            self._methods[name.lower()] = Method(name, params)

    @classmethod
    def load(cls) -> ApiSpec:
        """Load the api.json shipped inside this package."""
        text = resources.files("bot.emulator").joinpath("api.json").read_text("utf-8")
        return cls(json.loads(text))

    def method(self, name: str) -> Method:
        """Return the method named `name` (any case) or raise 404 method not found."""
        method = self._methods.get(name.lower())
        if method is None:
            raise METHOD_NOT_FOUND
        return method

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._methods


def decode_form(method: Method, form: dict[str, Any]) -> dict[str, Any]:
    """Decode string form values (as PTB sends them) into JSON values by declared type."""
    decoded: dict[str, Any] = {}
    for key, value in form.items():
        param = method.params.get(key)
        if not isinstance(value, str) or param is None or set(param.types) <= _TEXTUAL:
            decoded[key] = value
            continue
        try:
            decoded[key] = json.loads(value)
        except ValueError:
            decoded[key] = value
    return decoded


def validate(method: Method, params: dict[str, Any]) -> None:
    """Raise 400 for unknown, missing or mistyped parameters."""
    for key, value in params.items():
        param = method.params.get(key)
        if param is None:
            raise bad_request(f'unknown parameter "{key}" for method {method.name}')
        if not any(_accepts(t, value) for t in param.types):
            raise bad_request(f'field "{key}" must be of type {" or ".join(param.types)}')
    for param in method.params.values():
        if param.required and params.get(param.name) in (None, ""):
            raise _missing(param.name)


def _missing(name: str) -> ApiError:
    if name == "text":
        return bad_request("message text is empty")
    return bad_request(f"{name} is empty")


def _accepts(type_name: str, value: Any) -> bool:
    is_bool = isinstance(value, bool)
    if type_name == "Integer":
        return isinstance(value, int) and not is_bool
    if type_name == "Float":
        return isinstance(value, int | float) and not is_bool
    if type_name == "Boolean":
        return is_bool
    if type_name == "String":
        # Telegram coerces numbers given for string fields (e.g. callback_query_id).
        return isinstance(value, str | int | float) and not is_bool
    if type_name == "InputFile":
        return isinstance(value, str | UploadedFile)
    if type_name.startswith("Array of"):
        return isinstance(value, list)
    return isinstance(value, dict)
