"""Answers used across test layers."""

# The worked example in ras-demo.md: 22 points, £132 a week before, 10% off for help from family:
# £118.80 a week, £6,177.60 a year.
WORKED_EXAMPLE = {
    "date_of_birth": "1960-03-27",
    "living_situation": "alone",
    "nutrition": "daily_help",
    "personal_hygiene": "daily_help",
    "toilet": "some_help",
    "dressing": "independent",
    "home_safety": "independent",
    "home_environment": "independent",
    "relationships": "independent",
    "work_learning": "independent",
    "community": "independent",
    "cares_for_child": "no",
    "nights": "some_nights",
    "informal_help": "most_days",
    "carer_name": "",  # who helps most: optional, left empty here
    "informal_help_continues": "yes",
}
