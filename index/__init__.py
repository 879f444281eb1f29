"""Embedding, dense (FAISS) and sparse (BM25) indexes, hybrid search, the on-disk index directory."""
