"""`docgen import --ny`: a plan's own hand-made documents, read by LBF's
labels into a new agreement file; every paragraph placed or reported."""
