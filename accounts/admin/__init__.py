from accounts.admin import enterprise, partner, registration, rules, user  # noqa: F401 (registers them)
