"""`docgen serve`: the agreement, its numbers and its documents in the
browser while the user writes the file.

snapshot.py: status and numbers (load and check only, fast); previews.py:
the documents rendered in memory, their pages as pictures through
LibreOffice, and the upload list, in the background; hub.py: the latest of
both and who waits for them; server.py: the local web server (loopback,
own host name only) with server-sent events; watch.py: the file watcher;
page.html: the page.  Nothing is written in the user's folder.
"""
