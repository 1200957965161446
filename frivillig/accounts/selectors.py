"""Reads of people's accounts."""

from frivillig.accounts.models import User


def user_with_email(email: str) -> User | None:
    """The account with this e-mail address (addresses are unique whatever their case), or None."""
    return User.objects.filter(email__iexact=email.strip()).first()
