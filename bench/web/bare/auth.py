from rest_framework.authentication import TokenAuthentication


class BearerAuthentication(TokenAuthentication):
    """`Authorization: Bearer <key>`, as the product's API takes its keys."""

    keyword = "Bearer"
