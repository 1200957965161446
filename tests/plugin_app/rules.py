import rules

from frivillig.tenants.rules import is_centre_staff, is_municipal_staff

# Found by the rules app's autodiscovery, as every app's rules.py is.
rules.add_perm("plugin_app.view_notebook", is_centre_staff | is_municipal_staff)
