"""What the funding area shows on the public home page (``AreaConfig.public_sections``)."""

from apps.funding import selectors

# How many disclosed programs the home page lists (the rest are one link away).
HOME_PROGRAMS = 5


def disclosed_programs() -> dict:
    """The latest programs open to the public (they have paid out money): no person, no
    school, only each program's year, name and budget."""
    return {"programs": list(selectors.public_programs()[:HOME_PROGRAMS])}
