from apps.core.registry import Fact


def sample_facts(*, counselor, viewer):
    return [Fact(label="sample fact", value=counselor)]


def sample_school_facts(*, school, year, viewer):
    return [Fact(label="sample school fact", value=f"{school.name} {year}", key="sample.school")]
