"""The change history's export list: the change-log page's rows, as its filters choose them. It stays with the
machinery, which may import core (a `core/exchange.py` would make core, the bottom layer, import exchange)."""

from operator import attrgetter as attr

from ocop.core.views_history import ChangeLogFilter, changelog_for
from ocop.exchange.exports import ExportField, ListExport, display, register

register(
    ListExport(
        "changes",
        "Lịch sử thay đổi",
        lambda user: changelog_for(user).order_by("-at", "-id"),
        ChangeLogFilter,
        (
            ExportField("Thời gian", attr("at")),
            ExportField("Người thực hiện", attr("user_label")),
            ExportField("Nguồn", display("source")),
            ExportField("Loại", lambda e: e.content_type.name),
            ExportField("Đối tượng", attr("object_repr")),
            ExportField("Thao tác", display("action")),
            ExportField("Các trường thay đổi", lambda e: ", ".join(sorted(set(e.before) | set(e.after)))),
            ExportField("Mã nhóm thay đổi", lambda e: str(e.group_id)),
        ),
    )
)
