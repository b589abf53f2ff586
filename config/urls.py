from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from planeval.accounts import views as account_views
from planeval.core.health import healthz

admin.site.site_header = "planeval 规划实施监测评估平台 · 管理后台"
admin.site.site_title = "planeval 管理后台"
admin.site.index_title = "数据维护"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("planeval.accounts.urls", namespace="accounts")),
    path("admin/", admin.site.urls),
    path("api/", include("planeval.api.urls", namespace="api")),
    path("", include("planeval.submissions.urls")),
    path("", include("planeval.campaigns.urls")),
    path("", include("planeval.reports.urls")),
    path("", include("planeval.dashboards.urls")),
    path("", include("planeval.exchange.urls")),
    path("", include("planeval.regions.urls")),
    path("", include("planeval.audit.urls")),
    path("", include("planeval.reviews.urls")),
    path("", include("planeval.adjustments.urls")),
    path("", include("planeval.surveys.urls")),
    path("", include("planeval.consultations.urls")),
    path("", include("planeval.reminders.urls")),
    path("", include("planeval.congress.urls")),
    path("", include("planeval.specialplans.urls")),
    path("", include("planeval.topics.urls")),
    path("", include("planeval.problems.urls")),
    path("", include("planeval.web.urls")),
]

# Generic Chinese error pages; a 500 shows an error id that is logged with the traceback.
handler400 = "planeval.core.error_views.bad_request"
handler500 = "planeval.core.error_views.server_error"
