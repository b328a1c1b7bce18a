"""Errors as data: one exception type, one catalogue of (HTTP status, message template) per code.

Handlers raise ``ApiError("InvalidImageId.NotFound")`` (with arguments for templates that carry
``%s``); the application turns it into the documented error body. The catalogue is looked up per
action first, because a few actions document their own text for a shared code.
"""

from __future__ import annotations

from typing import Callable, Mapping, Optional, Tuple

ErrorEntry = Tuple[int, str]

# Errors every product's gateway can return (shared/api-facts.md §6).
COMMON_ERRORS: Mapping[str, ErrorEntry] = {
    "MissingParameter": (
        400,
        'The input parameter "%s" that is mandatory for processing this request is not supplied.',
    ),
    "MissingAction": (400, "Action is mandatory for this action."),
    "MissingVersion": (400, "Version is mandatory for this action."),
    "InvalidParameter": (400, 'The specified parameter "%s" is not valid.'),
    "InvalidVersion": (400, "Specified parameter Version is not valid."),
    "InvalidAction.NotFound": (404, "Specified api is not found, please check your url and method."),
    "InvalidParameter.Format": (400, "Specified parameter format is not valid."),
    "InvalidRegionId.NotFound": (404, "The specified RegionId does not exist."),
    "DryRunOperation": (400, "Request validation has been passed with DryRun flag set."),
    "MissingAccessKeyId": (400, "AccessKeyId is mandatory for this action."),
    "InvalidAccessKeyId.NotFound": (404, "Specified access key is not found."),
    "InvalidAccessKeyId.Inactive": (400, "Specified access key is disabled."),
    "SignatureDoesNotMatch": (
        400,
        "Specified signature is not matched with our calculation. server string to sign is:%s",
    ),
    "IncompleteSignature": (400, "The request signature does not conform to Aliyun standards."),
    "InvalidTimeStamp.Expired": (400, "Specified time stamp or date value is expired."),
    "InvalidTimeStamp.Format": (400, "Specified time stamp or date value is not well formatted."),
    "SignatureNonceUsed": (400, "Specified signature nonce was used already."),
    "MissingSecurityToken": (400, "SecurityToken is mandatory for this action."),
    "InvalidSecurityToken.Expired": (400, "Specified SecurityToken is expired."),
    "InvalidSecurityToken.Malformed": (400, "Specified SecurityToken is malformed."),
    "InvalidSecurityToken.MismatchWithAccessKey": (400, "Specified SecurityToken mismatch with the AccessKey."),
    "Throttling": (400, "Request was denied due to request throttling."),
    "Throttling.User": (400, "Request was denied due to user flow control."),
    "Throttling.Api": (400, "Request was denied due to api flow control."),
    "Forbidden.RAM": (
        403,
        "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    ),
    "InternalError": (
        500,
        "The request processing has failed due to some unknown error, exception or failure.",
    ),
    "ServiceUnavailable": (503, "The request has failed due to a temporary failure of the server."),
    # Our own code for what the real cloud has but this mock does not: never mistaken for a
    # real Alibaba Cloud answer, always names what is missing.
    "AliyunMock.NotImplemented": (501, "%s is not implemented in aliyun-mock."),
}


class ApiError(Exception):
    """An Alibaba Cloud error answer: ``raise ApiError("InvalidImageId.NotFound")``.

    ``args_`` fill the ``%s`` placeholders of the catalogued message; ``status`` and
    ``message`` override the catalogue (fault injection, one-off texts).
    """

    def __init__(self, code: str, *args: object, status: Optional[int] = None, message: Optional[str] = None) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args
        self.status = status
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message or self.args_}"


class ErrorCatalogue:
    """Resolves a code to its documented (status, message) for a given action."""

    def __init__(
        self,
        codes: Mapping[str, ErrorEntry],
        per_action: Optional[Mapping[Tuple[str, str], ErrorEntry]] = None,
    ) -> None:
        self._codes = {**COMMON_ERRORS, **codes}
        self._per_action = dict(per_action or {})
        # An action's documented errors (from the product's API description), set by its Product.
        self.documented: Callable[[str], Mapping[str, ErrorEntry]] = lambda action: {}

    def __contains__(self, code: str) -> bool:
        return code in self._codes

    def entry(self, code: str, action: str = "") -> Optional[ErrorEntry]:
        """The product's correction for the action, then the gateway's own text, then what the
        action's documentation says, then the product's text for actions that document none."""
        found = self._per_action.get((action, code))
        if found is None and code in COMMON_ERRORS:
            found = self._codes[code]
        if found is None and action:
            found = self.documented(action).get(code)
        return found or self._codes.get(code)

    def resolve(self, error: ApiError, action: str = "") -> ErrorEntry:
        """The (status, message) the cloud answers for ``error`` raised by ``action``."""
        # A code no document lists (injected by a test, say) still answers a message: the code.
        status, template = self.entry(error.code, action) or (400, error.code)
        if error.status is not None:
            status = error.status
        if error.message is not None:
            return status, error.message
        return status, _fill(template, error.args_)


def _fill(template: str, args: Tuple[object, ...]) -> str:
    wanted = template.count("%s")
    if not wanted:
        return template
    values = [str(a) for a in args[:wanted]] + [""] * (wanted - len(args))
    return template % tuple(values)
