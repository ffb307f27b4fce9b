"""Everything linguistic: the metric catalogue, synonyms, answer templates and LLM prompts."""
