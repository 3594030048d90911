"""The writer of 'docgen import --ny': what it writes reads back the same."""
from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal

from docgen.importing.handmade.newfile import dumps


def test_texts_numbers_and_dates_read_back_the_same():
    data = {
        "vision": 'Linje med \\*stjerne\\* og "citat"\n\n- punkt med """tre""" anførselstegn\\',
        "revision": "én linje",
        "aftale": {"omraadenavn": "Å-parken", "fra": dt.date(2024, 9, 1), "parter": ["a", "b"]},
        "medarbejdere": [{"id": "x", "titel": "Projektleder", "aarsvaerk": Decimal("0.25")}],
        "delaftaler": [{"omraade": "a", "aktiviteter": [{"id": "y", "indhold": "to\nlinjer", "ansvar": [
            {"parter": ["a"], "tekst": "- gør noget"}]}]}],
    }
    text = dumps(data, "# hoved", [("afsnit 9", "tekst\nover to linjer")])
    back = tomllib.loads(text, parse_float=Decimal)
    assert back["vision"] == data["vision"] + "\n"  # a long text ends with its line, as in agreement.toml
    assert back["aftale"] == data["aftale"]
    assert back["medarbejdere"][0]["aarsvaerk"] == Decimal("0.25")
    assert back["delaftaler"][0]["aktiviteter"][0]["ansvar"][0]["tekst"] == "- gør noget"
    assert "#   tekst\n#   over to linjer" in text
