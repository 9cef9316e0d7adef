"""Load and validate: YAML, JSON and CSV sources into frozen typed models, every problem located."""
