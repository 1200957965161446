from frivillig.core.navigation import MenuEntry

MENU = [
    MenuEntry("plugin_app:notebook", "Notebook", area="register", order=90),
]
