"""Environment access: every setting that varies between machines is read here.

`.env.example` lists every variable. A `.env` file next to manage.py is read if present,
and real environment variables always win over it.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
