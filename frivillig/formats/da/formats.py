# "3. december 2026 kl. 17.21" (Sprognævnet: a full stop between hours and minutes).
DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j. F"
YEAR_MONTH_FORMAT = "F Y"
