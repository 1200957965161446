from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models

# No migrations: the meta-test reads the models' fields, never their tables. Relations to the user model have no
# reverse accessor ("+"), so that installing the app for one test leaves the user model as it was.


class Visitor(models.Model):
    full_name = models.CharField(max_length=100)
    visited_on = models.DateField()
    # Added after the declaration was written, and forgotten there.
    mobile = models.CharField(max_length=20)
    # Who let the visitor in: named not personal in the declaration, by mistake.
    host = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return self.full_name


class GuestBook(models.Model):
    """Never declared at all."""

    email = models.EmailField()

    def __str__(self) -> str:
        return self.email


class Badge(models.Model):
    """Never declared: no field is named like personal data, but it says who issued it."""

    number = models.PositiveIntegerField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return str(self.number)


class Sign(models.Model):
    """Declared not personal, but pinned to any record, which may be a person's."""

    wording = models.CharField(max_length=100)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    pinned_to = GenericForeignKey("content_type", "object_id")

    def __str__(self) -> str:
        return self.wording
