"""Date formats of the interface, per language (settings.FORMAT_MODULE_PATH).

Templates name a format ("DATE_FORMAT", "SHORT_DATETIME_FORMAT") instead of
spelling one, so each language writes dates its own way: "8 December 2026" in
English, "8 de diciembre de 2026" in Spanish. Names not set here keep Django's
format for the locale (numbers, input formats).
"""
