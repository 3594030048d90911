"""`docgen import`: documents docgen made, taken back by three versions
(the build, the document now, the file now), proven field by field."""
