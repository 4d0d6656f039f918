"""Fixtures of the documents area: the provincial issuing bodies (the League committee, the
Department of Education, the work committee's office, and a department without staff in
the portal), their staff, and documents at each point of the workflow."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.choices import Role
from apps.core import clock
from apps.documents import services
from apps.documents.choices import BodyKind, Decision, DocumentKind, SigningOrder
from apps.documents.demo import pdf_bytes
from apps.documents.models import IssuingBody
from tests.factories import UserFactory, division

TEXT = "\n".join(
    [
        "第一条 为加强少先队辅导员队伍建设，制定本办法。",
        "第二条 每所中小学配备一名大队辅导员。",
        "第三条 本办法自印发之日起施行。",
    ]
)


def pdf(name: str = "附件.pdf", label: str = "attachment") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(label), content_type="application/pdf")


def docx(name: str = "正文.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for part in ("[Content_Types].xml", "word/document.xml", "_rels/.rels"):
            package.writestr(part, "<xml/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def body(name, short, kind, role, code="530000") -> IssuingBody:
    return IssuingBody.objects.create(
        name=name, short_name=short, kind=kind, division=division(code), signer_role=role
    )


@pytest.fixture
def bodies(divisions):
    return {
        "league": body("共青团云南省委员会", "团省委", BodyKind.LEAGUE, Role.LEAGUE),
        "education": body("云南省教育厅", "省教育厅", BodyKind.EDUCATION, Role.EDUCATION),
        "office": body(
            "云南省少先队工作委员会办公室",
            "省少工委办公室",
            BodyKind.COMMITTEE_OFFICE,
            Role.PROVINCIAL_ADMIN,
        ),
        "hr": body("云南省人力资源和社会保障厅", "省人社厅", BodyKind.OTHER, ""),
        "kunming_league": body(
            "共青团昆明市委员会", "团昆明市委", BodyKind.LEAGUE, Role.LEAGUE, "530100"
        ),
    }


@pytest.fixture
def office(bodies):
    """Staff of the work committee's office (a provincial administrator, not a superuser)."""
    return UserFactory(username="office", role=Role.PROVINCIAL_ADMIN, division=division("530000"))


@pytest.fixture
def league(bodies, league_province):
    return league_province


@pytest.fixture
def education(bodies, edu_province):
    return edu_province


def later(days: int = 14) -> datetime.date:
    return clock.today() + datetime.timedelta(days=days)


def make_draft(office_user, bodies, *, co_issuers=("league", "education"), order=None, **fields):
    """A draft of the office with ``co_issuers`` in its grid and one PDF attachment."""
    document = services.document_create(
        actor=office_user,
        title=fields.pop("title", "云南省少先队辅导员管理办法"),
        kind=fields.pop("kind", DocumentKind.MEASURES),
        lead_body=bodies["office"],
        text=fields.pop("text", TEXT),
        signing_order=order or SigningOrder.PARALLEL,
        **fields,
    )
    for key in co_issuers:
        services.coissuer_add(
            actor=office_user, document=document, body=bodies[key], due_on=later()
        )
    services.attachment_add(actor=office_user, document=document, upload=pdf())
    document.refresh_from_db()
    return document


@pytest.fixture
def draft(office, bodies):
    return make_draft(office, bodies)


@pytest.fixture
def countersigning(draft, office):
    return services.document_submit(actor=office, document=draft, seen_version=draft.version)


def sign(document, actor, body, decision=Decision.SIGN, comment="", **kwargs):
    document.refresh_from_db()
    return services.document_countersign(
        actor=actor,
        document=document,
        body=body,
        decision=decision,
        comment=comment,
        seen_round=document.round,
        **kwargs,
    )


def issue(document, office_user, number="云少工委发〔{year}〕12号"):
    document.refresh_from_db()
    return services.document_issue(
        actor=office_user,
        document=document,
        number=number.format(year=clock.today().year),
        seen_version=document.version,
    )


@pytest.fixture
def issued(countersigning, office, league, education, bodies):
    sign(countersigning, league, bodies["league"])
    sign(countersigning, education, bodies["education"])
    return issue(countersigning, office)
