"""Swagger UI (/api/docs/) under the strict Content-Security-Policy.

The page needs one inline script and one inline style to start the viewer. Rather than weaken
the site-wide policy, this response adds a fresh nonce to script-src and style-src, and only
the two elements our template marks with it may run (api/swagger_ui.html).

Redoc was retired for the same policy: its bundle loads its logo from cdn.redoc.ly whatever its
settings, and styled-components injects styles that no nonce reaches. /api/redoc/ redirects here.
"""
from csp.constants import NONCE
from csp.decorators import csp_update
from drf_spectacular.views import SpectacularSwaggerView

DOCS_POLICY = {"script-src": [NONCE], "style-src": [NONCE]}


def swagger_view():
    return csp_update(DOCS_POLICY)(
        SpectacularSwaggerView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"))
