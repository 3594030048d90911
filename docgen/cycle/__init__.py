"""The cycle a user lives around the documents: writing the user's folder
(folder.py), the manifest and upload list (manifest.py), the record of what
was uploaded (upload_record.py), earlier versions of the agreement file
(earlier_versions.py) and what changed between two (diff.py)."""
