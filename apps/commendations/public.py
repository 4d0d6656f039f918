"""What the commendations area shows on the public home page: the open 公示 and the latest
final lists, by title only."""

from apps.commendations import selectors


def open_notices() -> dict:
    return {
        "notices": list(selectors.public_notices()[:5]),
        "decisions": list(selectors.public_decisions()[:3]),
    }
