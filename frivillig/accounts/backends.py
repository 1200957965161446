from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """ModelBackend with e-mail login in any letter case (the manager looks it up with iexact)."""
