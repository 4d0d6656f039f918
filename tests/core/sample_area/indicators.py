def sample_indicators(*, scope, as_of) -> dict:
    return {"sample": {"scope": scope.code, "year": as_of.year}}


def public_figures() -> dict:
    return {"greeting": "sample public figure"}
