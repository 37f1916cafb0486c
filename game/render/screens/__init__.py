"""Screens around the race: the route map and the results card."""
