from frivillig.core.navigation import Area, MenuEntry

# A new app brings its own work area: the header gains an item without an edit to the base template.
AREAS = [Area("notebooks", "Notebooks", order=60)]

MENU = [
    MenuEntry("plugin_app:notebook", "Notebook", area="notebooks", order=10),
]
