from django import template

from matchmaking.messaging.selectors import unread_total

register = template.Library()


@register.simple_tag
def unread_messages(portal) -> int:
    """Unread messages of the portal's enterprise at its current conference."""
    if portal is None or portal.conference is None:
        return 0
    return unread_total(conference=portal.conference, enterprise_id=portal.enterprise.pk)
