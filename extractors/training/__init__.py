"""Training code for the statistical Method/Dataset/Metric/Task entity model (issue 3)."""
