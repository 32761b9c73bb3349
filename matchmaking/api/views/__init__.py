"""Views of the partner API: thin viewsets over scoped querysets and the services."""
