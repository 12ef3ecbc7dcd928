# In conf.py: Das CMS auf der Website (admin/) bearbeitet das Repository auf
# GitHub. Die Anmeldung mit GitHub braucht einen OAuth-Dienst, der das
# Geheimnis der OAuth-App verwahrt (etwa decap-proxy oder
# netlify-cms-oauth-provider).
strategy_cms_repo = "stadt-stuttgart/strategie-engagement"
strategy_cms_branch = "main"
strategy_cms_backend = {
    "name": "github",
    # die Adresse des OAuth-Dienstes und sein Pfad, der die Anmeldung beginnt
    "base_url": "https://cms-anmeldung.example.org",
    "auth_endpoint": "auth",
}
