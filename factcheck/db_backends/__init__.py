"""Database backends: Django's, with the changes factcheck's hot paths need (issue 9)."""
