from django.db import models


class Visitor(models.Model):
    full_name = models.CharField(max_length=100)
    visited_on = models.DateField()
    # Added after the declaration was written, and forgotten there.
    mobile = models.CharField(max_length=20)

    def __str__(self) -> str:
        return self.full_name


class GuestBook(models.Model):
    """Never declared at all."""

    email = models.EmailField()

    def __str__(self) -> str:
        return self.email
