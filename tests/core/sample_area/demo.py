SEEDED: list[str] = []


def seed(*, rng, stdout) -> None:
    SEEDED.append("sample")
