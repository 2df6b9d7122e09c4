"""Extraction stage: entities, offices, places, dates, percentages and roles from kept paragraphs."""
