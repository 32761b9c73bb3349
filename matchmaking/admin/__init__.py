"""Admin of what is matched. Each module registers its own admins."""
