"""Demo data for commendations (filled below)."""


def seed(*, rng, stdout) -> None:
    return None
