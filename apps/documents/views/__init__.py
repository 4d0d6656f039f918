"""Views of the documents area: staff pages of documents (``documents``, ``workflow``) and
notices (``notices``), and the public pages (``public``)."""
