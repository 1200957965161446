# "3 December 2026, 17:21": day first, as in British English and as the Danish pages beside it.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
# Weeks start on Monday in Denmark, whatever the language of the page.
FIRST_DAY_OF_WEEK = 1
