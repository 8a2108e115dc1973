from django import template

from core.phones import mask_phone

register = template.Library()


@register.filter
def masked_phone(user):
    """A user's phone (or a phone number itself) as staff lists show it: 138****1234."""
    return mask_phone(user if isinstance(user, str) else getattr(user, "phone", ""))
