from apps.accounts.choices import Role
from apps.core.access import SIGNED_IN, Rule

URL_RULES: dict[str, Rule] = {"sample_area:home": SIGNED_IN}
ROLE_PERMISSIONS: dict[str, list[str]] = {Role.OFFICIAL: ["sample_area.*"]}
