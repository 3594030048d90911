"""Turn a document's context into a file.  No domain logic here."""
