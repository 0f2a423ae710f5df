"""Why a decision was refused: not the caller's turn (403), already decided (409), or bad input (400)."""

from django.core.exceptions import PermissionDenied, ValidationError


class NotYourTurn(PermissionDenied):
    pass


class AlreadyDecided(PermissionDenied):
    """A subclass of PermissionDenied so the admin answers 403, never 500, to a stale decision."""


class InvalidDecision(ValidationError):
    pass
