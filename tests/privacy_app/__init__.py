"""An app that exists only for the personal-data register's meta-test: its model has a field nobody classified.

frivillig/core/tests/test_privacy_register.py installs it for a test, as a real app would be installed, and proves
the register's check names the forgotten field and the undeclared model, and where to declare them.
"""
