"""What both ways in read with: a document opened safely, Word read whole
(every part, numbering, tracked changes), and Word back into Markdown."""
