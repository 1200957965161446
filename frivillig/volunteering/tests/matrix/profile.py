"""Permission matrix rows for the volunteer's own profile: national, any logged-in person."""

from frivillig.testing import logged_in

CASES = {
    "national:volunteer_profile": logged_in(),
}
