"""mypy plugin: where PySide6's stubs are looser or stricter than PySide6 itself, in one place.

A Qt constructor accepts every Qt property of its class *and its bases* as a keyword.

PySide6 sets any property passed by keyword (`QLabel("…", objectName="hint", wordWrap=True)`), but its
stubs list on each constructor only the properties the class itself declares: `objectName` (QObject),
`visible` (QWidget) or `checkable` (QAbstractButton) on a QLabel or QPushButton read as errors. This
hook adds the bases' keyword-only properties, with their stub types, to the constructor's signature, so
that the ui/ code keeps its idiom and a wrong property name or type is still an error. It is the one
place where ui/ works around the stubs (pyproject.toml [tool.mypy] plugins).

`QT_TRANSLATE_NOOP(context, text)` returns `text` (the stubs say object), and `QDate.toPython()` a
`datetime.date` (the stubs say object).
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.checker import TypeChecker
from mypy.nodes import ARG_NAMED_OPT, ARG_STAR2, TypeInfo
from mypy.plugin import FunctionContext, FunctionSigContext, MethodContext, Plugin
from mypy.types import CallableType, FunctionLike, Instance, Type, get_proper_type


def _inherited_properties(info: TypeInfo) -> dict[str, Type]:
    """The keyword-only constructor arguments (Qt properties) of the bases of `info`, nearest first."""
    found: dict[str, Type] = {}
    for base in info.mro[1:]:
        init = base.names.get("__init__")
        signature = get_proper_type(init.type) if init is not None else None
        if not isinstance(signature, FunctionLike):
            continue
        for item in signature.items:
            for kind, name, typ in zip(item.arg_kinds, item.arg_names, item.arg_types, strict=True):
                if kind == ARG_NAMED_OPT and name is not None:
                    found.setdefault(name, typ)
    return found


def _with_inherited_properties(ctx: FunctionSigContext) -> FunctionLike:
    signature: CallableType = ctx.default_signature
    made = get_proper_type(signature.ret_type)
    if not isinstance(made, Instance):
        return signature
    own = set(signature.arg_names)
    extra = {name: typ for name, typ in _inherited_properties(made.type).items() if name not in own}
    if not extra:
        return signature
    # Keyword-only arguments go before a **kwargs, if the constructor has one.
    at = (
        signature.arg_kinds.index(ARG_STAR2) if ARG_STAR2 in signature.arg_kinds else len(signature.arg_kinds)
    )
    return signature.copy_modified(
        arg_kinds=[*signature.arg_kinds[:at], *[ARG_NAMED_OPT] * len(extra), *signature.arg_kinds[at:]],
        arg_names=[*signature.arg_names[:at], *extra, *signature.arg_names[at:]],
        arg_types=[*signature.arg_types[:at], *extra.values(), *signature.arg_types[at:]],
    )


def _marked_text(ctx: FunctionContext) -> Type:
    """The type of the text marked for translation: its last argument."""
    return ctx.arg_types[-1][0] if ctx.arg_types and ctx.arg_types[-1] else ctx.default_return_type


def _python_date(ctx: MethodContext) -> Type:
    # The name can be looked up only where the datetime module is part of the build.
    if not isinstance(ctx.api, TypeChecker) or "datetime" not in ctx.api.modules:
        return ctx.default_return_type
    return ctx.api.named_generic_type("datetime.date", [])


class QtStubsPlugin(Plugin):
    def get_function_signature_hook(
        self, fullname: str
    ) -> Callable[[FunctionSigContext], FunctionLike] | None:
        return _with_inherited_properties if fullname.startswith("PySide6.") else None

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        noop = fullname in ("PySide6.QtCore.QT_TRANSLATE_NOOP", "PySide6.QtCore.QT_TR_NOOP")
        return _marked_text if noop else None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        return _python_date if fullname == "PySide6.QtCore.QDate.toPython" else None


def plugin(version: str) -> type[Plugin]:
    return QtStubsPlugin
