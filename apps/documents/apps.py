from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem


class DocumentsConfig(registry.AreaConfig):
    """Policy documents with their countersigning, and the portal's public notices. The
    public list of issued documents is /documents/ (SPEC §3)."""

    name = "apps.documents"
    verbose_name = _("Policy documents and notices")
    nav = (
        NavItem("documents:document-list", _("Policy documents"), 95),
        NavItem("documents:notice-list", _("Notices"), 96),
    )
    indicators = "indicators.document_indicators"
    public_sections = (
        ("documents/_public_notices.html", "selectors.latest_notices", 5),
        ("documents/_public_documents.html", "selectors.latest_documents", 6),
    )
    demo_after = ("organizations", "accounts")
    todo_sources = (
        "todos.countersign_todos",
        "todos.drafting_office_todos",
    )
    due_sources = ("todos.countersign_due_items",)
