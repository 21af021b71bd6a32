"""Word lists the extractors share, each written once.

people: speech verbs, titles, person and organisation nouns; calendar: months, weekdays, numbers.
"""
