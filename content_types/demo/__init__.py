"""Chinese demo content for a fictional coal company's union, created by `manage.py seed_demo`."""
