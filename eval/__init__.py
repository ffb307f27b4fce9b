"""The evaluation suite: gold questions, scorer and thresholds that gate every change."""
