# In conf.py: the hosted CMS (admin/) edits the GitHub repository and logs
# in through an OAuth service (GitHub's login needs a server that keeps the
# OAuth app's secret, such as decap-proxy or netlify-cms-oauth-provider).
strategy_cms_repo = "stadt-stuttgart/strategie-engagement"
strategy_cms_branch = "main"
strategy_cms_backend = {
    "name": "github",
    # the OAuth service's address, and its path that starts the login
    "base_url": "https://cms-anmeldung.example.org",
    "auth_endpoint": "auth",
}
