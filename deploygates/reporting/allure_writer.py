"""allure-pytest's file writer, made to redact every JSON item and text attachment it writes, and to file a
gate's own failure (GateFailure, Unmeasured) as failed, not broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import allure_commons
from allure_commons.logger import AllureFileLogger

from deploygates.secrets import redact


def scrub(value: Any) -> Any:
    """Redact every string inside an attrs result (lists and nested results included)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [scrub(element) for element in value]
    for name in getattr(type(value), "__attrs_attrs__", ()):
        setattr(value, name.name, scrub(getattr(value, name.name)))
    return value


def text_or_bytes(body: str | bytes) -> str | bytes:
    if isinstance(body, str):
        return redact(body)
    try:
        return redact(body.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return body


GATE_EXCEPTIONS = tuple(f"deploygates.errors.{name}: " for name in ("GateFailure", "Unmeasured"))


def as_gate_failure(item: Any) -> Any:
    """A gate that raised GateFailure failed (allure-pytest files any exception but an assert as broken): its
    result says failed, so the categories file it by its verdict line, and its message is the gate's words."""
    details: Any = getattr(item, "statusDetails", None)
    message = getattr(details, "message", None) or ""
    prefix = next((p for p in GATE_EXCEPTIONS if message.startswith(p)), None)
    if getattr(item, "status", None) == "broken" and prefix:
        item.status = "failed"
        details.message = message.removeprefix(prefix)
    return item


class RedactingFileLogger(AllureFileLogger):
    def _report_item(self, item: Any) -> None:
        super()._report_item(scrub(as_gate_failure(item)))  # type: ignore[no-untyped-call]

    @allure_commons.hookimpl
    def report_result(self, result: Any) -> None:
        self._report_item(result)

    @allure_commons.hookimpl
    def report_container(self, container: Any) -> None:
        self._report_item(container)

    @allure_commons.hookimpl
    def report_globals(self, globals_item: Any) -> None:
        self._report_item(globals_item)

    @allure_commons.hookimpl
    def report_attached_data(self, body: str | bytes, file_name: str) -> None:
        super().report_attached_data(text_or_bytes(body), file_name)  # type: ignore[no-untyped-call]

    @allure_commons.hookimpl
    def report_attached_file(self, source: str, file_name: str) -> None:
        self.report_attached_data(Path(source).read_bytes(), file_name)


def redact_allure_writer() -> None:
    """Swap the class of allure-pytest's registered writer (same object and name, so its cleanup still works)."""
    manager = allure_commons.plugin_manager
    for plugin in list(manager.get_plugins()):
        if type(plugin) is AllureFileLogger:
            name = manager.get_name(plugin)
            manager.unregister(plugin)
            plugin.__class__ = RedactingFileLogger
            manager.register(plugin, name)


__all__ = ["RedactingFileLogger", "redact_allure_writer"]
