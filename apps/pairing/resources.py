"""Micro-wishes from a spreadsheet, for counselors who collect them on paper
(django-import-export through the shared import machinery: size and row limits, a preview,
all or nothing).

A row is one wish of the importer's own school: its card (no name, like 某校三年级队员),
the wish, a category, an estimated value in yuan (Decimal to the fen, never rounded), and
optionally the brigade (when the school has several) and the day it was collected. Rows are
written through ``wish_post``, which checks every rule again. A row matching a wish already
posted (same brigade, card, wish, category, value and day) is skipped, so a file imported
twice adds nothing.
"""

from __future__ import annotations

from operator import attrgetter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import clock
from apps.exports.imports import (
    ChoiceWidget,
    Column,
    DateWidget,
    LookupWidget,
    ScopedResource,
    TextWidget,
    YuanWidget,
    cell_text,
)
from apps.organizations.models import Brigade
from apps.pairing import services
from apps.pairing.choices import WishCategory
from apps.pairing.models import Wish

CARD = Column(
    "card_label",
    "愿望卡（不写姓名）",
    gettext_lazy("Wish card"),
    required=True,
    aliases=("愿望卡", "队员"),
    hint=gettext_lazy("Who wishes, without a name: e.g. 某校三年级队员."),
    width=20,
)
TEXT = Column(
    "text",
    "心愿内容",
    gettext_lazy("Wish"),
    required=True,
    aliases=("心愿", "微心愿"),
    hint=gettext_lazy("The wish in a sentence; no name, ID number, address or telephone."),
    width=36,
)
CATEGORY = Column(
    "category",
    "类别",
    gettext_lazy("Category"),
    required=True,
    aliases=("心愿类别",),
    hint=gettext_lazy("One of the categories, e.g. 学习用品."),
    width=12,
    options=lambda: [str(label) for label in WishCategory.labels],
)
VALUE = Column(
    "estimated_value",
    "预计价值（元）",
    gettext_lazy("Estimated value (yuan)"),
    required=True,
    aliases=("价值", "金额", "预计金额"),
    hint=gettext_lazy("Yuan with at most two decimals, e.g. 45 or 45.50."),
    width=14,
)
BRIGADE = Column(
    "brigade",
    "大队",
    gettext_lazy("Brigade"),
    aliases=("少先队大队",),
    hint=gettext_lazy("Optional when the school has one brigade."),
    width=16,
)
POSTED = Column(
    "posted_on",
    "收集日期",
    gettext_lazy("Posted on"),
    aliases=("日期", "发布日期"),
    hint=gettext_lazy("Optional: the day the wish was collected (today when empty)."),
    width=14,
)


class WishResource(ScopedResource):
    """Wishes of the importer's own school (a counselor)."""

    columns = (CARD, TEXT, CATEGORY, VALUE, BRIGADE, POSTED)

    card_label = CARD.field(TextWidget(required=True))
    text = TEXT.field(TextWidget(required=True))
    category = CATEGORY.field(ChoiceWidget(WishCategory, required=True))
    estimated_value = VALUE.field(YuanWidget(required=True))
    brigade = BRIGADE.field(
        LookupWidget("_resolve_brigade", render_as=attrgetter("name")), saves_null_values=False
    )
    posted_on = POSTED.field(DateWidget(), saves_null_values=False)

    class Meta:
        model = Wish
        name = gettext_lazy("Micro-wishes")
        # A row's cells are ``wish_post``'s arguments, each a field of the wish.
        fields = ("card_label", "text", "category", "estimated_value", "brigade", "posted_on")

    def __init__(self, *, actor, **kwargs):
        super().__init__(actor=actor, **kwargs)
        self._brigades: dict[str, Brigade] = {}
        self._existing: dict[tuple, Wish] = {}

    def example(self):
        return {
            "card_label": "某校三年级队员",
            "text": "想要一套水彩笔和一本图画本",
            "category": str(WishCategory.ARTS.label),
            "estimated_value": "45.00",
            "brigade": "",
            "posted_on": "",
        }

    def prepare(self, rows):
        school_id = self.actor.school_id
        self._brigades = {
            b.name: b for b in Brigade.objects.filter(school_id=school_id).order_by("id")
        }
        self._existing = {
            self._key_of(w): w
            for w in Wish.objects.filter(school_id=school_id).select_related("brigade")
        }

    def _resolve_brigade(self, text, row):
        if not text:
            if len(self._brigades) == 1:
                return next(iter(self._brigades.values()))
            raise ValueError(_("Your school has several brigades: name one."))
        brigade = self._brigades.get(text)
        if brigade is None:
            raise ValueError(_("No brigade of this name in your school."))
        return brigade

    @staticmethod
    def _key_of(wish: Wish) -> tuple:
        return (
            wish.brigade_id,
            wish.card_label,
            wish.text,
            wish.category,
            wish.estimated_value,
            wish.posted_on,
        )

    def find(self, row):
        return None

    def init_instance(self, row=None):
        brigades = list(self._brigades.values())
        return Wish(
            school_id=self.actor.school_id,
            brigade=brigades[0] if len(brigades) == 1 else None,
            posted_on=clock.today(),
        )

    def check_row(self, instance, row, errors):
        if errors:
            return {}
        if instance.posted_on and instance.posted_on > clock.today():
            return {"posted_on": [_("The date cannot be in the future.")]}
        return {}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        key = (
            instance.brigade.pk if instance.brigade_id else None,
            cell_text(instance.card_label),
            cell_text(instance.text),
            instance.category,
            instance.estimated_value,
            instance.posted_on,
        )
        return key in self._existing

    def save_row(self, instance, is_create):
        values = {name: getattr(instance, name) for name in self._meta.fields}
        return services.wish_post(actor=self.actor, **values)
