"""Package exchange: the .peerwalk file format, its verification, and the merge of ops."""
