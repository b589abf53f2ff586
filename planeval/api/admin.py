"""API tokens stay out of the admin: a key shown there would let whoever reads it act as its user.

Tokens are issued only by ``planeval api-token`` on the server (docs/api.md).
"""
from django.contrib import admin
from rest_framework.authtoken.models import TokenProxy

if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)
