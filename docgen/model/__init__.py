"""What an agreement is: the pydantic model of agreement.toml
(agreement.py), and what Landsbyggefonden fixes per funding period, read
from the pulje data files in puljer/ (lbf.py)."""
