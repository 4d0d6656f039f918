"""Template tags for counselor personal data (masked by default) and brigade posts."""

from django import template

from apps.core import rows
from apps.counselors.choices import CounselorPost, PostRank, TeacherTitle
from apps.counselors.masking import Shown, shown_birth_date, shown_id_number, shown_phone
from apps.counselors.selectors import brigade_post_for_school

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.simple_tag(takes_context=True)
def id_number(context, counselor) -> str:
    """``{% id_number counselor %}``: the ID number as the signed-in viewer may see it."""
    return shown_id_number(_viewer(context), counselor)


@register.simple_tag(takes_context=True)
def phone(context, counselor) -> str:
    """``{% phone counselor %}``: the phone as the signed-in viewer may see it."""
    return shown_phone(_viewer(context), counselor)


@register.simple_tag(takes_context=True)
def birth_date(context, counselor) -> str:
    """``{% birth_date counselor %}``: the birth date as the signed-in viewer may see it."""
    return shown_birth_date(_viewer(context), counselor)


@register.inclusion_tag("counselors/_school_brigade_post.html", takes_context=True)
def school_brigade_post(context, school):
    """``{% school_brigade_post school %}``: the school's brigade counselor post (one query).

    ``school`` must come from a scoped selector, as on the school detail page.
    """
    return {"post": brigade_post_for_school(school=school), "request": context.get("request")}


# Each cell's label on a phone, and the account column's answers.
_ROW_LABELS = (
    "County",
    "School",
    "Post",
    "Rank",
    "Teacher title",
    "ID number",
    "Phone",
    "Account",
    "Yes",
    "No",
)


@register.simple_tag(takes_context=True)
def counselor_rows(context, page):
    """``{% counselor_rows page %}``: the counselor list's rows, written in Python
    (``apps.core.rows``): the list's cells as the viewer may see them, masked by default."""
    shown = Shown(_viewer(context))
    label = rows.labels(*_ROW_LABELS)
    return rows.rows_html(_counselor_row(counselor, shown, label) for counselor in page)


def _counselor_row(counselor, shown: Shown, label) -> str:
    esc = rows.esc
    ranked = "yes" if counselor.is_ranked_at_least_middle else "no"
    badge = "badge-ok" if ranked == "yes" else "badge-muted"
    school = counselor.school.name if counselor.school_id else "—"
    return rows.row(
        "counselor",
        counselor.pk,
        "counselors:counselor-detail",
        esc(counselor.name),
        rows.cell(label["County"], esc(counselor.county.name)),
        rows.cell(label["School"], esc(school)),
        rows.cell(label["Post"], rows.choice(CounselorPost, counselor.post)),
        rows.cell(
            label["Rank"],
            f'<span class="badge {badge}" data-ranked="{ranked}">'
            f"{rows.choice(PostRank, counselor.post_rank)}</span>",
        ),
        rows.cell(label["Teacher title"], rows.choice(TeacherTitle, counselor.teacher_title)),
        rows.cell(
            label["ID number"], esc(shown.id_number(counselor)), ' class="id-number" data-id-number'
        ),
        rows.cell(label["Phone"], esc(shown.phone(counselor)), " data-phone"),
        rows.cell(label["Account"], label["Yes"] if counselor.has_account else label["No"]),
    )
