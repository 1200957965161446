from django.shortcuts import render

from frivillig.core.permissions import PUBLIC, view_permission


@view_permission("plugin_app.view_notebook")
def notebook(request, tenant_slug: str):
    return render(request, "plugin_app/notebook.html", {"scope": request.tenant.centre_name})


@view_permission(PUBLIC)
def about(request):
    return render(request, "plugin_app/notebook.html", {"scope": "national"})
