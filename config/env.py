"""Environment access: every setting that varies between machines is read here.

`.env.example` lists every variable. A `.env` file next to manage.py is read if present
(PORTAL_ENV_FILE names another file), and real environment variables always win over it.
"""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(os.environ.get("PORTAL_ENV_FILE") or BASE_DIR / ".env", overwrite=False)
