from django.urls import path

from . import views, views_public

app_name = "surveys"
urlpatterns = [
    # The DRC's pages (login; access.py decides).
    path("c/<int:campaign_id>/voice/", views.index, name="index"),
    path("voice/q/<int:questionnaire_id>/", views.questionnaire, name="questionnaire"),
    path("voice/q/<int:questionnaire_id>/settings/", views.questionnaire_settings, name="questionnaire_settings"),
    path("voice/q/<int:questionnaire_id>/questions/", views.question_add, name="question_add"),
    path("voice/q/<int:questionnaire_id>/questions/<int:question_id>/remove/", views.question_remove,
         name="question_remove"),
    path("voice/q/<int:questionnaire_id>/questions/<int:question_id>/move/", views.question_move,
         name="question_move"),
    path("voice/q/<int:questionnaire_id>/transition/", views.questionnaire_transition, name="questionnaire_transition"),
    path("voice/q/<int:questionnaire_id>/new-version/", views.questionnaire_version, name="questionnaire_version"),
    path("voice/q/<int:questionnaire_id>/results/", views.results, name="results"),
    path("voice/q/<int:questionnaire_id>/results/export.<str:fmt>", views.results_export, name="results_export"),
    path("voice/q/<int:questionnaire_id>/record-indicator/", views.indicator_record, name="indicator_record"),
    path("c/<int:campaign_id>/voice/suggestions/", views.suggestions, name="suggestions"),
    path("c/<int:campaign_id>/voice/suggestions/export.<str:fmt>", views.suggestions_export,
         name="suggestions_export"),
    path("voice/suggestions/<int:suggestion_id>/", views.suggestion, name="suggestion"),
    path("voice/suggestions/<int:suggestion_id>/moderate/", views.suggestion_moderate, name="suggestion_moderate"),
    path("voice/suggestions/<int:suggestion_id>/route/", views.suggestion_route, name="suggestion_route"),
    path("voice/suggestions/<int:suggestion_id>/answer/", views.suggestion_answer, name="suggestion_answer"),
    path("voice/inbox/", views.unit_inbox, name="inbox"),
    # The public's pages: no account.
    path("p/s/<uuid:public_id>/", views_public.survey, name="public_survey"),
    path("p/s/<uuid:public_id>/thanks/", views_public.survey_thanks, name="public_thanks"),
    path("p/suggest/<int:campaign_id>/", views_public.suggest, name="public_suggest"),
]
