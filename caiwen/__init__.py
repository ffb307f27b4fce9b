"""caiwen (财问): answers questions about budget and final-account disclosures."""
