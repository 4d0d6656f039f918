"""Demo policy documents and notices reproducing the source.

Issued: 《云南省少先队工作奖励条例》, 《云南省少先队教育纲要》, the 2013 notice of the
Department of Education and three other departments on counselors' title review (signed
for those three, which have no staff in the portal, by the drafting office with their
signed pages), 《云南省少先队辅导员管理办法》, 《2014-2017年云南省少先队辅导员培训规划》
(expired at the end of 2017) and 《云南省少先队改革实施方案》, each with its interpretation.
In countersigning in 2018, as the source says: 《云南省少先队团教协同、队教协作机制（试行）》
(sent back once by the Department of Education and resubmitted), 《2018-2022年云南省少先队
辅导员五年培训规划》 and 《云南省进一步加强少先队员光荣感实施意见（试行）》. And one document
sent out on the day the demo is seeded, waiting for league_province and edu_province.

Everything is written through the services inside ``clock.travel`` blocks, so dates,
history and rules are those users meet. The work committee's office (省少工委办公室) drafts
through ``doc_office``, a provincial administrator made here.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from collections import Counter

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from faker import Faker

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.services import user_create
from apps.core import clock
from apps.core.workdays import add_workdays
from apps.documents import demo_texts as texts
from apps.documents import services
from apps.documents.choices import BodyKind, Decision, DocumentKind, SigningOrder
from apps.documents.models import Document, IssuingBody, Notice
from apps.organizations.models import Division

OFFICE_USERNAME = "doc_office"
D = datetime.date.fromisoformat

# (key, name, short name, kind, signer role)
BODIES = [
    ("league", "共青团云南省委员会", "团省委", BodyKind.LEAGUE, Role.LEAGUE),
    ("education", "云南省教育厅", "省教育厅", BodyKind.EDUCATION, Role.EDUCATION),
    (
        "office",
        "云南省少先队工作委员会办公室",
        "省少工委办公室",
        BodyKind.COMMITTEE_OFFICE,
        Role.PROVINCIAL_ADMIN,
    ),
    ("hr", "云南省人力资源和社会保障厅", "省人社厅", BodyKind.OTHER, ""),
    ("finance", "云南省财政厅", "省财政厅", BodyKind.OTHER, ""),
    ("staffing", "中共云南省委机构编制委员会办公室", "省委编办", BodyKind.OTHER, ""),
]
# Kunming's own bodies, so the prefecture's staff can draft for them.
KUNMING_BODIES = [
    ("共青团昆明市委员会", "团昆明市委", BodyKind.LEAGUE, Role.LEAGUE),
    ("昆明市教育局", "昆明市教育局", BodyKind.EDUCATION, Role.EDUCATION),
]


# The documents issued before 2018: drafted on ``day``, signed by every co-issuing body by
# ``signed``, issued on ``issued``. The 2013 joint notice's three other departments sign on
# paper, one after another; the Department of Education's office records each sign-off
# with the signed page.
ISSUED = [
    {
        "day": "2010-03-01",
        "signed": "2010-03-12",
        "issued": "2010-03-20",
        "number": "云少工委发〔2010〕4号",
        "note": texts.REWARDS_NOTE,
        "lead": "office",
        "title": "云南省少先队工作奖励条例",
        "kind": DocumentKind.REGULATIONS,
        "text": texts.REWARDS,
        "co_issuers": ["league", "education"],
    },
    {
        "day": "2012-08-20",
        "signed": "2012-08-31",
        "issued": "2012-09-05",
        "number": "云少工委发〔2012〕6号",
        "note": texts.OUTLINE_NOTE,
        "lead": "office",
        "title": "云南省少先队教育纲要",
        "kind": DocumentKind.OUTLINE,
        "text": texts.OUTLINE,
        "co_issuers": ["education"],
    },
    {
        "day": "2013-04-08",
        "signed": "2013-04-26",
        "issued": "2013-05-06",
        "number": "云教基〔2013〕45号",
        "note": texts.TITLES_NOTE,
        "lead": "education",
        "title": "云南省教育厅等四部门关于做好中小学少先队辅导员教师专业技术资格评审工作的通知",
        "kind": DocumentKind.NOTICE,
        "text": texts.TITLES_NOTICE,
        "co_issuers": ["hr", "finance", "staffing"],
        "order": SigningOrder.SEQUENTIAL,
    },
    {
        "day": "2014-01-06",
        "signed": "2014-01-17",
        "issued": "2014-01-24",
        "number": "云少工委发〔2014〕2号",
        "note": texts.COUNSELORS_NOTE,
        "lead": "office",
        "title": "云南省少先队辅导员管理办法",
        "kind": DocumentKind.MEASURES,
        "text": texts.COUNSELORS,
        "co_issuers": ["league", "education"],
    },
    {
        "day": "2014-02-17",
        "signed": "2014-02-28",
        "issued": "2014-03-10",
        "number": "云少工委发〔2014〕5号",
        "note": texts.TRAINING_2014_NOTE,
        "lead": "office",
        "title": "2014-2017年云南省少先队辅导员培训规划",
        "kind": DocumentKind.PLAN,
        "text": texts.TRAINING_2014,
        "co_issuers": ["education"],
        "effective_from": D("2014-01-01"),
        "valid_until": D("2017-12-31"),
    },
    {
        "day": "2017-04-10",
        "signed": "2017-04-28",
        "issued": "2017-05-08",
        "number": "云少工委发〔2017〕3号",
        "note": texts.REFORM_NOTE,
        "lead": "office",
        "title": "云南省少先队改革实施方案",
        "kind": DocumentKind.IMPLEMENTATION_PLAN,
        "text": texts.REFORM,
        "co_issuers": ["league", "education"],
        "order": SigningOrder.SEQUENTIAL,
    },
]

# The documents the source says are in countersigning in 2018: drafted on ``day``, sent out
# on ``submitted``, with the opinions (day, body, decision, comment) given so far. The
# Department of Education sent the first back; ``revise_mechanism`` sends it out again.
COUNTERSIGNING = [
    {
        "day": "2018-03-19",
        "submitted": "2018-03-20",
        "opinions": [("2018-03-28", "education", Decision.SEND_BACK, texts.MECHANISM_COMMENT)],
        "lead": "office",
        "title": "云南省少先队团教协同、队教协作机制（试行）",
        "kind": DocumentKind.MECHANISM,
        "text": texts.MECHANISM_V1,
        "co_issuers": ["league", "education"],
        "due": "2018-04-04",
    },
    {
        "day": "2018-03-30",
        "submitted": "2018-04-02",
        "opinions": [("2018-04-12", "education")],
        "lead": "office",
        "title": "2018-2022年云南省少先队辅导员五年培训规划",
        "kind": DocumentKind.PLAN,
        "text": texts.TRAINING_2018,
        "co_issuers": ["education", "league"],
        "due": "2018-05-04",
        "order": SigningOrder.SEQUENTIAL,
        "effective_from": D("2018-01-01"),
        "valid_until": D("2022-12-31"),
    },
    {
        "day": "2018-04-13",
        "submitted": "2018-04-16",
        "lead": "office",
        "title": "云南省进一步加强少先队员光荣感实施意见（试行）",
        "kind": DocumentKind.OPINIONS,
        "text": texts.HONOUR,
        "co_issuers": ["league", "education"],
        "due": "2018-05-11",
    },
]


def pdf_bytes(label: str) -> bytes:
    """A small well-formed one-page PDF showing ``label`` (ASCII), for demo files."""
    stream = f"BT /F1 18 Tf 72 720 Td ({label}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_upload(name: str, label: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(label), content_type="application/pdf")


class _Demo:
    def __init__(self, *, rng: random.Random):
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(rng.getrandbits(32))
        self.province = Division.objects.get(code=f"{settings.PORTAL_PROVINCE_CODE}0000")
        self.users = {u.username: u for u in User.objects.all()}
        self.admin = self.users["admin"]
        self.office = user_create(
            username=OFFICE_USERNAME,
            password=settings.DEMO_PASSWORD,
            role=Role.PROVINCIAL_ADMIN,
            division=self.province,
            full_name=self.fake.name(),
            work_unit="共青团云南省委",
            department="少年部（省少工委办公室）",
        )
        self.staff = {
            "league": self.users["league_province"],
            "education": self.users["edu_province"],
            "office": self.office,
        }
        self.bodies: dict[str, IssuingBody] = {}
        self._steps_on: Counter[str] = Counter()

    def on(self, day: str | None):
        """Run a block on ``day`` (ISO), each block of a day ten minutes after the one before,
        so history keeps the order of the steps; ``None`` runs it now."""
        if day is None:
            return contextlib.nullcontext()
        self._steps_on[day] += 1
        start = datetime.datetime.combine(D(day), datetime.time(8, 30))
        return clock.travel(start + datetime.timedelta(minutes=10 * self._steps_on[day]))

    def seed_bodies(self) -> None:
        with self.on("2009-06-01"):
            for key, name, short, kind, role in BODIES:
                self.bodies[key] = services.body_create(
                    actor=self.admin,
                    name=name,
                    short_name=short,
                    kind=kind,
                    division=self.province,
                    signer_role=role,
                )
            kunming = Division.objects.get(code="530100")
            for name, short, kind, role in KUNMING_BODIES:
                services.body_create(
                    actor=self.admin,
                    name=name,
                    short_name=short,
                    kind=kind,
                    division=kunming,
                    signer_role=role,
                )

    # One document through the workflow ---------------------------------------------------

    def draft(self, day, *, lead, title, kind, text, co_issuers, due, order=None, **extra):
        """Draft a document on ``day`` with its grid (keys of BODIES) and one PDF."""
        drafter = self.staff[lead]
        with self.on(day):
            document = services.document_create(
                actor=drafter,
                title=title,
                kind=kind,
                lead_body=self.bodies[lead],
                text=text,
                signing_order=order or SigningOrder.PARALLEL,
                **extra,
            )
            for key in co_issuers:
                services.coissuer_add(
                    actor=drafter, document=document, body=self.bodies[key], due_on=D(due)
                )
            services.attachment_add(
                actor=drafter,
                document=document,
                upload=pdf_upload(f"{title}.pdf", f"Yunnan Young Pioneers document {document.pk}"),
            )
        return document

    def submit(self, document, day) -> Document:
        document.refresh_from_db()
        with self.on(day):
            return services.document_submit(
                actor=self.staff_for_office(document), document=document, seen_version=None
            )

    def staff_for_office(self, document) -> User:
        return next(
            user for key, user in self.staff.items() if self.bodies[key].pk == document.lead_body_id
        )

    def opinion(self, document, day, key, decision=Decision.SIGN, comment=""):
        """``key``'s body gives its opinion on ``day``: its staff, or for a body without staff
        the drafting office with the signed page."""
        document.refresh_from_db()
        body = self.bodies[key]
        actor = self.staff.get(key) or self.staff_for_office(document)
        page = None
        if not body.has_staff and decision == Decision.SIGN:
            page = pdf_upload(f"{body.short_name}会签页.pdf", f"Signed page {document.pk}-{key}")
        with self.on(day):
            services.document_countersign(
                actor=actor,
                document=document,
                body=body,
                decision=decision,
                comment=comment,
                seen_round=document.round,
                signed_page=page,
            )

    def issue(self, document, day, number, note) -> Document:
        document.refresh_from_db()
        actor = self.staff_for_office(document)
        with self.on(day):
            document = services.document_issue(
                actor=actor, document=document, number=number, dated_on=D(day), seen_version=None
            )
            return services.document_interpret(
                actor=actor, document=document, interpretation=note, seen_version=None
            )

    def issued(self, *, day, signed, issued, number, note, co_issuers, **draft):
        """A document drafted on ``day``, signed by every body on ``signed``, issued."""
        document = self.draft(day, co_issuers=co_issuers, due=signed, **draft)
        self.submit(document, day)
        for key in co_issuers:
            self.opinion(document, signed, key)
        return self.issue(document, issued, number, note)

    # The source's documents --------------------------------------------------------------

    def seed_issued(self) -> None:
        for entry in ISSUED:
            self.issued(**entry)

    def in_countersigning(self, *, submitted, opinions=(), **draft) -> Document:
        """A document drafted, sent out on ``submitted`` and given ``opinions`` so far."""
        document = self.draft(**draft)
        self.submit(document, submitted)
        for opinion in opinions:
            self.opinion(document, *opinion)
        return document

    def seed_countersigning(self) -> None:
        """The three documents the source says are in countersigning in 2018."""
        mechanism, *others = COUNTERSIGNING
        self.revise_mechanism(self.in_countersigning(**mechanism))
        for entry in others:
            self.in_countersigning(**entry)

    def revise_mechanism(self, mechanism: Document) -> None:
        """The mechanism sent back: revised with a new due date and an attachment, sent out
        again, and signed by the League."""
        mechanism.refresh_from_db()
        with self.on("2018-04-08"):
            services.document_update(
                actor=self.office,
                document=mechanism,
                seen_version=None,
                title=mechanism.title,
                kind=mechanism.kind,
                text=texts.MECHANISM_V2,
                signing_order=mechanism.signing_order,
            )
            for row in mechanism.co_issuers.all():
                services.coissuer_update(
                    actor=self.office, co_issuer=row, due_on=D("2018-04-27"), position=row.position
                )
            services.attachment_add(
                actor=self.office,
                document=mechanism,
                upload=pdf_upload("团教协作工作联席会议制度（附件）.pdf", "Joint meeting rules"),
            )
        self.submit(mechanism, "2018-04-09")
        self.opinion(mechanism, "2018-04-16", "league")

    def seed_current(self) -> Document:
        """A document sent out today, waiting for league_province and edu_province."""
        today = clock.today()
        due = add_workdays(today, 10).date
        document = self.draft(
            None,
            lead="office",
            title=f"关于做好{today.year}年少先队辅导员培训学时登记工作的通知",
            kind=DocumentKind.NOTICE,
            text=texts.CURRENT.format(year=today.year),
            co_issuers=["league", "education"],
            due=due.isoformat(),
        )
        return self.submit(document, None)

    def seed_notices(self) -> int:
        office = self.bodies["office"]
        for title, day, body in texts.NOTICES:
            with self.on(day):
                notice = services.notice_create(
                    actor=self.office, title=title, body=body, office=office
                )
                services.notice_publish(actor=self.office, notice=notice, seen_version=None)
        title, body = texts.DRAFT_NOTICE
        services.notice_create(actor=self.office, title=title, body=body, office=office)
        return len(texts.NOTICES)


def has_data() -> bool:
    return IssuingBody.objects.exists() or Document.objects.exists() or Notice.objects.exists()


def missing() -> str | None:
    if not Division.objects.filter(code=f"{settings.PORTAL_PROVINCE_CODE}0000").exists():
        return "Documents demo: load the divisions first (load_divisions)."
    return None


def seed(*, rng: random.Random, stdout) -> None:
    """Issuing bodies, the source's documents (issued, and in countersigning in 2018), one
    sent out today, and notices; needs the divisions and the demo accounts."""
    demo = _Demo(rng=rng)
    demo.seed_bodies()
    demo.seed_issued()
    demo.seed_countersigning()
    demo.seed_current()
    published = demo.seed_notices()
    stdout.write(
        f"Documents: {Document.objects.issued().count()} issued, "
        f"{Document.objects.filter(status='countersigning').count()} in countersigning; "
        f"{published} notices published (office account: {OFFICE_USERNAME})."
    )
