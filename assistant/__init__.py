"""Question understanding, retrieval chain, grounded answers with citations (LangChain core)."""
