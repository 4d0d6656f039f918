import re
import zlib

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from apps.core import freshness, money
from apps.core.people import person_label

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}``: a dictionary value by a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def person(obj) -> str:
    """``{{ user|person }}``: 姓名（单位）, the one way a person is shown."""
    return person_label(obj)


@register.filter
def yuan(value) -> str:
    """``{{ amount|yuan }}``: 3,000,000.00 元."""
    return money.yuan(value)


class TableWrapNode(template.Node):
    def __init__(self, caption, nodelist):
        self.caption = caption
        self.nodelist = nodelist

    def render(self, context):
        caption = conditional_escape(self.caption.resolve(context))
        inner = self.nodelist.render(context)
        table = _TABLE_START.search(inner)
        if table is None:
            raise template.TemplateSyntaxError("{% table_wrap %} holds no <table>.")
        inner = (
            f'{inner[: table.end()]}<caption class="visually-hidden">{caption}</caption>'
            f"{inner[table.end() :]}"
        )
        return mark_safe(  # noqa: S308 - the caption is escaped, the rest is the template's own
            f'<div class="table-wrap" role="region" tabindex="0" aria-label="{caption}">'
            f"{inner}</div>"
        )


_TABLE_START = re.compile(r"<table\b[^>]*>")


@register.simple_tag
def stat(value, indicator: str, label) -> str:
    """One figure of a dashboard panel, grouped in thousands, above its label; the figure
    names the indicator it shows (``data-indicator``) and its raw value (``data-value``)."""
    return format_html(
        '<div class="stat"><span class="stat-value" data-indicator="{}" data-value="{}">{}</span>'
        '<span class="stat-label">{}</span></div>',
        indicator,
        value,
        intcomma(value),
        label,
    )


@register.tag
def table_wrap(parser, token):
    """``{% table_wrap _("Schools") %}<table class="data-table">…</table>{% end_table_wrap %}``

    A data table in the box that scrolls it sideways when it is wider than the screen. The box
    is a region named by the caption and takes keyboard focus, so the table can be scrolled
    from the keyboard; the caption, given once, becomes the table's (visually hidden)
    ``<caption>`` too, since the heading above a table already shows it on screen."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes the table's caption.")
    nodelist = parser.parse(("end_table_wrap",))
    parser.delete_first_token()
    return TableWrapNode(parser.compile_filter(bits[1]), nodelist)


class KeptNode(template.Node):
    def __init__(self, key, parts, nodelist):
        self.key = key
        self.parts = parts
        self.nodelist = nodelist

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        if self.parts:
            key = freshness.key(key, *(part.resolve(context) for part in self.parts))

        def build() -> bytes:
            # Kept compressed: a dashboard's panels are tens of kilobytes of HTML.
            return zlib.compress(self.nodelist.render(context).encode(), 1)

        html = zlib.decompress(freshness.cached(f"fragment:{key}", build)).decode()
        return mark_safe(html)  # noqa: S308 - the template's own output, rendered as ever


@register.tag
def kept(parser, token):
    """``{% kept key [part ...] %}…{% endkept %}``: the part of a page between the tags,
    rendered once and kept until a write touches a table (``apps.core.freshness``). ``key``
    (with the values of any further ``part``) must name everything but the database that the
    part depends on (the viewer, their permissions, the parameters, the language, the day);
    an empty key renders it every time. No form that posts may be inside: a kept CSRF token
    would outlive the viewer's."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes the key of what it keeps.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    key, *parts = (parser.compile_filter(bit) for bit in bits[1:])
    return KeptNode(key, parts, nodelist)
