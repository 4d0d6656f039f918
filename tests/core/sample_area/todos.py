from apps.core.registry import Todo


def sample_todos(*, actor):
    return [Todo(label="sample work", url="/sample/", count=2)]
