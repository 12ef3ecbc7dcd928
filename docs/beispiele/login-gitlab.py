# In conf.py: the hosted CMS (admin/) edits a GitLab project and logs in
# with PKCE: no server of one's own, only an OAuth application in GitLab
# (Settings > Applications, scope api, not confidential, its redirect URI the
# address of admin/), whose ID goes in app_id.
strategy_cms_repo = "stadt-stuttgart/strategie-engagement"
strategy_cms_branch = "main"
strategy_cms_backend = {
    "name": "gitlab",
    "auth_type": "pkce",
    "app_id": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    # for GitLab's own servers; a city's instance: its address and its API
    "base_url": "https://gitlab.com",
    "api_root": "https://gitlab.com/api/v4",
}
