from apps.core import registry
from apps.core.registry import NavItem, SummaryColumn


class SampleAreaConfig(registry.AreaConfig):
    name = "tests.core.sample_area"
    label = "sample_area"
    verbose_name = "Sample area"
    url_prefix = "sample/"
    nav = (NavItem("sample_area:home", "Sample", 15),)
    indicators = "indicators.sample_indicators"
    dashboard_panel = "sample_area/_dashboard_panel.html"
    public_sections = (("sample_area/_public_section.html", "indicators.public_figures", 5),)
    demo = "demo"
    demo_after = ("organizations",)
    todo_sources = ("todos.sample_todos",)
    counselor_facts = ("facts.sample_facts",)
    school_facts = ("facts.sample_school_facts",)
    summary_section = "sample"
    summary_title = "Sample"
    summary_columns = (SummaryColumn("year", "Year"),)
