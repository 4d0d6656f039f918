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


class SectionNode(template.Node):
    def __init__(self, name, heading, head, body):
        self.name = name
        self.heading = heading
        self.head = head
        self.body = body

    def render(self, context):
        name = self.name.resolve(context)
        return format_html(
            '<section aria-labelledby="{}-heading"><div class="page-head">'
            '<h2 id="{}-heading">{}</h2>{}</div>{}</section>',
            name,
            name,
            self.heading.resolve(context),
            self.head.render(context),
            self.body.render(context),
        )


@register.tag
def section(parser, token):
    """``{% section "attendees" _("People present") %}<a class="button" …>…</a>{% section_body
    %}…{% end_section %}``

    A part of a record's page under its own heading, named by it for assistive technology
    (``id="attendees-heading"``); what comes before ``{% section_body %}`` (the section's
    buttons) stands beside the heading. With no ``{% section_body %}`` all of it is the body."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes the section's name and heading.")
    head = parser.parse(("section_body", "end_section"))
    if parser.next_token().contents == "section_body":
        body = parser.parse(("end_section",))
        parser.delete_first_token()
    else:
        head, body = template.NodeList(), head
    return SectionNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), head, body)


class DashboardPanelNode(template.Node):
    def __init__(self, name, heading, nodelist):
        self.name = name
        self.heading = heading
        self.nodelist = nodelist

    def render(self, context):
        name = self.name.resolve(context)
        figures = (context.get("indicators") or {}).get(name)
        inner = ""
        if figures:
            with context.push(figures=figures):
                inner = self.nodelist.render(context)
        return format_html(
            '<section class="dashboard-panel" data-panel="{}" aria-labelledby="panel-{}">'
            '<h2 id="panel-{}">{}</h2>{}</section>',
            name,
            name,
            name,
            self.heading.resolve(context),
            inner,
        )


@register.tag
def dashboard_panel(parser, token):
    """``{% dashboard_panel "pairing" _("League–Pioneer pairing") %}…{% end_dashboard_panel %}``

    An area's panel of the dashboard under its heading. Inside, ``figures`` are the area's
    indicators (``indicators.pairing``); with none for the scope and year, the panel shows
    only its heading."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes the area's name and the heading.")
    nodelist = parser.parse(("end_dashboard_panel",))
    parser.delete_first_token()
    return DashboardPanelNode(
        parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist
    )


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
