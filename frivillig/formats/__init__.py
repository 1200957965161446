"""The one way dates and times are written, per language (settings.FORMAT_MODULE_PATH).

Danish: "3. december 2026 kl. 17.21"; English: "3 December 2026, 17:21". The short formats are the same on
purpose: a date reads the same on a page, in a table, in a mail and in an export's heading. Only the names
defined here differ from Django's own locale formats; input formats and number formats stay Django's.
"""
