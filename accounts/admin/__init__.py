from accounts.admin import enterprise, registration, rules, user  # noqa: F401 (registers them)
