"""Domain events of accounts that apps higher up listen to (accounts is in the kernel and imports none of them)."""

from django.dispatch import Signal

# Sent with `user` when a person has just proved that they own the account's e-mail address: the confirmation
# link, a completed password reset, or an invitation opened from that address. Sent inside the service's
# transaction, so what the receivers write (e.g. linking earlier guest sign-ups to the account) is in place when
# the next page reads it, and is undone with the confirmation if that fails.
address_confirmed = Signal()
