"""An app that exists only for the personal-data register's meta-test: its models have fields nobody classified.

frivillig/core/tests/test_privacy_register.py installs it for a test, as a real app would be installed, and proves
the register's check names the forgotten field, the undeclared models (one named like personal data, one only
linked to a person), the link to a person declared not personal, and where to declare them.
"""
