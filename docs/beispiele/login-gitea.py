# In conf.py: Das CMS auf der Website (admin/) bearbeitet ein Repository auf
# Gitea (oder Forgejo) und meldet sich mit PKCE an: mit einer
# OAuth2-Anwendung in Gitea (Einstellungen > Anwendungen, nicht vertraulich,
# Weiterleitung auf die Adresse von admin/); ihre Client-ID ist app_id.
strategy_cms_repo = "stadt-stuttgart/strategie-engagement"
strategy_cms_branch = "main"
strategy_cms_backend = {
    "name": "gitea",
    "app_id": "8d3f1c2a-5b6e-4f70-9a81-2c3d4e5f6a7b",
    "base_url": "https://gitea.example.org",
    "api_root": "https://gitea.example.org/api/v1",
}
