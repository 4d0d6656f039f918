from apps.core.registry import Fact


def sample_facts(*, counselor, viewer):
    return [Fact(label="sample fact", value=counselor)]
