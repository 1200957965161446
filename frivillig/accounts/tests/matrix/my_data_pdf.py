"""Permission matrix row for 'Dine data' as a PDF: the person's own data, for anyone logged in."""

from frivillig.testing import logged_in

CASES = {
    "accounts:my_data_pdf": logged_in(),
}
