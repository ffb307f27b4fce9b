"""What ingest and service both know about the disclosures: the metric catalogue, where a
metric is printed, the bases of figures and the ordinal markers."""
