"""A minimal area, installed only by tests/core/test_registry.py, to show that an area plugs
into the portal through its own folder and one INSTALLED_APPS line."""
