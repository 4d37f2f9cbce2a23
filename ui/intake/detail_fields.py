"""补充信息: the details a category asks for (发生时间, 涉及单位, 车牌号, 身份证号, 订单号), one line each,
shown only when the category asks for them or they already hold a value (app.intake.guide)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from app.domain.draft import Draft
from app.domain.taxonomy import TicketField
from app.intake.guide import DETAILS
from ui.shell.i18n import Retranslating

# Wider than the default for the long ones; two per row otherwise.
_WIDE = (TicketField.COMPANY_NAME,)


class DetailFields(Retranslating, QWidget):
    """One QLineEdit per detail (objectName = the Draft field); hidden ones take no room and no Tab."""

    edited = Signal(str)  # the Draft field typed in

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: dict[TicketField, QLineEdit] = {}
        self._laid_out: tuple[TicketField, ...] | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        for field in DETAILS:
            line = QLineEdit(self, objectName=field.value, visible=False)
            line.textEdited.connect(lambda _text, name=field.value: self.edited.emit(name))
            self.lines[field] = line
        self.show_only(())
        self.retranslate()

    def retranslate(self) -> None:
        hints = {
            TicketField.OCCURRED_AT: self.tr("发生时间，如 2026-12-06 22:00"),
            TicketField.COMPANY_NAME: self.tr("涉及单位（商家、物业、公司）名称"),
            TicketField.PLATE_NUMBER: self.tr("车牌号，如 粤B12345"),
            TicketField.ID_NUMBER: self.tr("身份证号（18 位）"),
            TicketField.ORDER_NUMBER: self.tr("订单号"),
        }
        for field, line in self.lines.items():
            line.setPlaceholderText(hints[field])

    def show_only(self, fields: Iterable[TicketField]) -> None:
        """Lay out `fields` (in the catalogue's order), two to a row, and hide the others. Called on
        every edit: a field that stays shown is never hidden in between, or it would lose the focus."""
        wanted = tuple(f for f in DETAILS if f in set(fields))
        if wanted == self._laid_out:
            return
        self._laid_out = wanted
        for field, line in self.lines.items():
            self._grid.removeWidget(line)
            if field not in wanted:
                line.setVisible(False)
        row = column = 0
        for field in wanted:
            span = 2 if field in _WIDE else 1
            if column + span > 2:
                row, column = row + 1, 0
            self._grid.addWidget(self.lines[field], row, column, 1, span)
            self.lines[field].setVisible(True)
            column += span
        self.setVisible(bool(wanted))

    def shown(self) -> tuple[TicketField, ...]:
        return tuple(f for f, line in self.lines.items() if not line.isHidden())

    def values(self) -> dict[str, str]:
        return {field.value: line.text() for field, line in self.lines.items()}

    def load(self, draft: Draft) -> None:
        for field, line in self.lines.items():
            line.setText(str(getattr(draft, field.value)))

    def widgets(self) -> list[QLineEdit]:
        """In the order Tab visits them."""
        return [self.lines[f] for f in DETAILS]
