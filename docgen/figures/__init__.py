"""Pure arithmetic and wording derived from the model: staff years,
budget sums, milestone times, Danish number and date formats, each
document's own revision (versions.py), titles and file names.  No I/O."""
