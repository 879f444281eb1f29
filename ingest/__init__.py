"""Loading, cleaning, describing and chunking report files (no index, no LangChain)."""
