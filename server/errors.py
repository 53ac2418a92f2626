"""One error tree for the whole server.

Every error a client can see is a :class:`FlowSupportError` leaf; each knows its
PROTOCOL.md error code, its HTTP status and whether retrying can help. Transports
turn them into bodies with one function each (``api.errors``, later the realtime
presenter); lower layers only raise.

    FlowSupportError
    ├── BadRequest          bad_request   400 / 422
    ├── Unauthorized        unauthorized  401
    ├── Forbidden           forbidden     403
    ├── NotFound            not_found     404
    ├── Conflict            conflict      409
    ├── TooLarge            too_large     413
    ├── RateLimited         rate_limited  429 (retry_after_ms)
    ├── Unavailable         unavailable   503 (retry)
    ├── ProviderError       unavailable   503: a channel provider (SMTP relay, Twilio, Meta) did
    │                                     not take a message; ``retryable`` says if a retry can help
    └── Internal            internal      500

    StartupError            the process refuses to start; the message is one line for humans
    ├── ConfigError         an environment variable is missing or invalid
    ├── DatabaseRequirementError   the PostgreSQL server lacks what FlowSupport needs
    └── PostureError        the row-level-security posture is broken
"""

from __future__ import annotations


class FlowSupportError(Exception):
    """An error with a stable protocol code, shown to the client as ``message``."""

    code = "internal"
    http_status = 500
    retryable = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(FlowSupportError):
    code = "bad_request"
    http_status = 400


class ValidationFailed(BadRequest):
    """Well-formed input whose values are wrong (HTTP 422, protocol ``bad_request``)."""

    http_status = 422


class Unauthorized(FlowSupportError):
    code = "unauthorized"
    http_status = 401


class Forbidden(FlowSupportError):
    code = "forbidden"
    http_status = 403


class NotFound(FlowSupportError):
    code = "not_found"
    http_status = 404


class Conflict(FlowSupportError):
    code = "conflict"
    http_status = 409


class TooLarge(FlowSupportError):
    code = "too_large"
    http_status = 413


class RateLimited(FlowSupportError):
    code = "rate_limited"
    http_status = 429
    retryable = True

    def __init__(self, message: str, retry_after_ms: int) -> None:
        super().__init__(message)
        self.retry_after_ms = retry_after_ms


class Unavailable(FlowSupportError):
    code = "unavailable"
    http_status = 503
    retryable = True


class ProviderError(FlowSupportError):
    """A channel provider refused, failed or could not be reached while we sent a message.

    ``provider`` names it (smtp, twilio, meta); ``status`` is its answer, an HTTP status or
    an SMTP reply code (0: no answer at all: a timeout, a refused connection);
    ``provider_code`` the provider's own error code when it gave one (Twilio's 21211,
    Meta's 131047, …); ``message`` its words. ``retryable`` is True when trying again later
    can help: by default for no answer, HTTP 408, 429 and 5xx, never for another 4xx. An
    adapter whose provider says more (SMTP's 4xx/5xx, Meta's rate-limit codes) passes it.
    The job runner retries a retryable one with backoff; any other is final.
    """

    code = "unavailable"
    http_status = 503

    def __init__(
        self,
        provider: str,
        message: str,
        *,
        status: int = 0,
        provider_code: int | None = None,
        retryable: bool | None = None,
    ) -> None:
        super().__init__(message)
        self.provider = provider
        self.status = status
        self.provider_code = provider_code
        self.retryable = retryable if retryable is not None else retryable_status(status)

    def __str__(self) -> str:
        answer = self.status or "unreachable"
        code = f" ({self.provider_code})" if self.provider_code is not None else ""
        return f"{self.provider} {answer}{code}: {self.message}"


def retryable_status(status: int) -> bool:
    """Whether an HTTP answer (0: none at all) may succeed when the request is sent again."""
    return status in (0, 408, 429) or status >= 500


class Internal(FlowSupportError):
    code = "internal"
    http_status = 500


class StartupError(Exception):
    """The process must not start; ``str(error)`` is one line telling what to do."""


class ConfigError(StartupError):
    """A ``FLOWSUPPORT_*`` variable is invalid; the message names it."""


class DatabaseRequirementError(StartupError):
    """The configured PostgreSQL is too old or lacks an extension."""


class PostureError(StartupError):
    """The database role or tables would let rows escape row-level security."""
