"""The OpenAPI schema documents every error an operation can answer with, in the one error shape."""
from drf_spectacular.openapi import AutoSchema

from .errors import ErrorSerializer

READ_ERRORS = ("400", "401", "403", "404")
WRITE_ERRORS = READ_ERRORS + ("409",)


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        codes = WRITE_ERRORS if self.method in ("POST", "PUT", "PATCH", "DELETE") else READ_ERRORS
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
        return responses
