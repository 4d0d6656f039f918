"""Permissions of the documents area: codenames, URL rules and what each role holds.

The URL rules check the role's rights. Who may act on one document is checked by the
services: its drafting office (staff of the lead body's role at the document's division)
drafts and issues it, each co-issuing body's staff countersign for that body, and the
drafting office records the sign-off of a body without staff. Which rows a user sees at all
is decided by the selectors (out of scope is a 404). Issued documents, published notices and
their attachments are public; drafts, comments and earlier versions never are.
"""

from apps.accounts.roles import staff_area_permissions
from apps.core.access import PUBLIC, Rule, has_perm
from apps.core.permissions import page_rules, perm_enum, reads_and_writes, resource_rules

Perm = perm_enum(
    "documents",
    {"DOCUMENT": "document", "BODY": "issuingbody", "NOTICE": "notice"},
    COUNTERSIGN="countersign_document",
    ISSUE="issue_document",
    PUBLISH_NOTICE="publish_notice",
)


URL_RULES: dict[str, Rule] = {
    # The public portal: issued documents (SPEC: /documents/), notices and the search.
    **page_rules(PUBLIC, "documents:public-document", "list", "detail"),
    "documents:public-attachment-download": PUBLIC,
    **page_rules(PUBLIC, "documents:public-notice", "list", "detail", "attachment-download"),
    "documents:public-search": PUBLIC,
    # Staff pages of documents.
    **resource_rules("documents:document", Perm, "DOCUMENT", "list", "detail"),
    "documents:document-round": has_perm(Perm.VIEW_DOCUMENT),
    "documents:attachment-download": has_perm(Perm.VIEW_DOCUMENT),
    "documents:signed-page-download": has_perm(Perm.VIEW_DOCUMENT),
    **resource_rules("documents:document", Perm, "DOCUMENT", "create", "update"),
    **page_rules(has_perm(Perm.CHANGE_DOCUMENT), "documents:coissuer", "add", "update", "remove"),
    **page_rules(has_perm(Perm.CHANGE_DOCUMENT), "documents:attachment", "add", "remove"),
    "documents:document-submit": has_perm(Perm.CHANGE_DOCUMENT),
    # The service checks that the user acts for the body (or records for one without staff).
    "documents:document-countersign": has_perm(Perm.COUNTERSIGN),
    **page_rules(has_perm(Perm.ISSUE), "documents:document", "issue", "interpret", "validity"),
    # Staff pages of notices.
    **resource_rules("documents:notice", Perm, "NOTICE", "list", "detail", "create", "update"),
    **page_rules(has_perm(Perm.CHANGE_NOTICE), "documents:notice-attachment", "add", "remove"),
    "documents:notice-attachment-download": has_perm(Perm.VIEW_NOTICE),
    "documents:notice-publish": has_perm(Perm.PUBLISH_NOTICE),
}

# League and education staff draft for their body, countersign for it and issue what their
# office drafted; the services hold each of them to their own body and division. The
# provincial administrators are the work committee's office (省少工委办公室): they draft,
# countersign and issue for it, and keep the list of issuing bodies.
ROLE_PERMISSIONS = staff_area_permissions(
    "documents", **reads_and_writes(Perm, withheld=[Perm.ADD_BODY, Perm.CHANGE_BODY])
)
