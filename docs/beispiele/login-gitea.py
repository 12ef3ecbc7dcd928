# In conf.py: the hosted CMS (admin/) edits a repository on Gitea (or
# Forgejo) and logs in with PKCE: an OAuth2 application in Gitea (Settings >
# Applications, not confidential, its redirect URI the address of admin/),
# whose client ID goes in app_id.
strategy_cms_repo = "stadt-stuttgart/strategie-engagement"
strategy_cms_branch = "main"
strategy_cms_backend = {
    "name": "gitea",
    "app_id": "8d3f1c2a-5b6e-4f70-9a81-2c3d4e5f6a7b",
    "base_url": "https://gitea.example.org",
    "api_root": "https://gitea.example.org/api/v1",
}
