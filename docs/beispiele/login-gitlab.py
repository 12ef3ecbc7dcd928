# In conf.py: Das CMS auf der Website (admin/) bearbeitet ein Projekt auf
# GitLab und meldet sich mit PKCE an, ohne eigenen Dienst. Es braucht nur eine
# OAuth-Anwendung in GitLab (Einstellungen > Anwendungen, Bereich „api“, nicht
# vertraulich, Weiterleitung auf die Adresse von admin/); ihre ID ist app_id.
strategy_cms_repo = "stadt-stuttgart/strategie-engagement"
strategy_cms_branch = "main"
strategy_cms_backend = {
    "name": "gitlab",
    "auth_type": "pkce",
    "app_id": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    # gitlab.com; bei einem eigenen GitLab der Stadt dessen Adresse und API
    "base_url": "https://gitlab.com",
    "api_root": "https://gitlab.com/api/v4",
}
