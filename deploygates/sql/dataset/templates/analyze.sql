-- Statistics for the planner after the load
ANALYZE
