"""Serializers of the partner API: separate read and write serializers per resource."""
