"""The one WSGI application that answers every request, in process or over HTTP.

request ─► rpc.parse_request ─► route (product, version, action) ─► caller account ─► handler
under the cloud's lock ─► JSON/XML body. Anything raised as ``ApiError`` becomes the documented
error body; anything else becomes a logged ``InternalError`` body, never a traceback on the wire.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Generic, Iterable, Optional, Tuple, TypeVar

from .accounts import Account
from .errors import ApiError, ErrorCatalogue
from .product import Action, Product
from .rpc import API_HOST_SUFFIX, RpcRequest, parse_request, region_of, render, split_host
from .wire import WireAnswer, WireRequest, redact

if TYPE_CHECKING:
    from .cloud import Cloud

log = logging.getLogger("aliyun_mock")
_GATEWAY_ERRORS = ErrorCatalogue({})
S = TypeVar("S")


@dataclass
class Call(Generic[S]):
    """What a handler knows about the call it answers: its own product's state, the caller, the request."""

    state: S
    account: Account
    request: RpcRequest
    product: Product

    @property
    def region_id(self) -> str:
        return region_of(self.request)


@dataclass
class CallRecord:
    """One answered call, as ``cloud.calls`` lists it."""

    action: str
    account_id: str
    region_id: str
    params: Dict[str, Any]
    status: int
    code: Optional[str]
    product: str = ""  # the product's name, or for one the mock lacks, its host label
    host: str = ""
    message: Optional[str] = None  # the error's Message, as the body says it
    time: float = 0.0  # when it was answered: epoch seconds of the real clock


class Application:
    """WSGI callable bound to one ``Cloud``."""

    def __init__(self, cloud: "Cloud", products: Iterable[Product]) -> None:
        self.cloud = cloud
        self.products = list(products)
        self._by_host = {p.host_label: p for p in self.products}
        self._by_version = {p.version: p for p in self.products}

    def __call__(self, environ: Dict[str, Any], start_response: Any) -> Iterable[bytes]:
        from werkzeug.wrappers import Response

        status, headers, body = self.answer(WireRequest.from_environ(environ))
        return Response(body, status=status, headers=headers)(environ, start_response)

    def answer(self, request: WireRequest) -> WireAnswer:
        """(status, headers, body) for one HTTP request."""
        request_id = self.cloud.entropy.request_id()
        rpc: Optional[RpcRequest] = None
        product: Optional[Product] = None
        account: Optional[Account] = None
        error: Optional[ApiError] = None
        unserved = request.host.endswith(API_HOST_SUFFIX) and split_host(request.host)[0] not in self._by_host
        try:
            if unserved:  # another product: the clear answer, whatever its requests look like
                rpc, account = self._best_effort(request)
                raise ApiError("AliyunMock.NotImplemented", f"The product at {request.host}")
            rpc = parse_request(request)
            product = self._route(rpc)
            action = product.find(rpc.action)
            if action is None:
                account = self._verified_caller(rpc)
                raise self._unknown_action(product, rpc)
            with self.cloud.lock:  # the state is read under the lock: a concurrent load or reset swaps it
                account = self.cloud.authenticator.caller(rpc)
                kwargs = action.bind(rpc.params)
                call: Call[Any] = Call(self.cloud.states[product.name], account, rpc, product)
                self.cloud.before_call(call)
                if "ClientToken" in rpc.params and action.idempotent:
                    result = self._idempotent(action, call, kwargs)
                else:
                    result = action.handler(call, **kwargs)
            body = product.complete(action, result, request_id)
            status = 200
            payload, content_type = render(body, rpc.response_format, f"{rpc.action}Response")
            code = None
        except ApiError as raised:
            error = raised
        except Exception:  # a defect of ours: answer like the cloud's own InternalError
            log.exception("aliyun-mock failed while answering %s", rpc.action if rpc else redact(request.url))
            error = ApiError("InternalError")
        if error is not None:
            catalogue = product.catalogue if product else _GATEWAY_ERRORS
            status, message = catalogue.resolve(error, rpc.action if rpc else "")
            code = error.code
            payload, content_type = self._error_body(request, rpc, product, request_id, code, message)
        if rpc is not None or unserved:
            self.cloud.record(
                CallRecord(
                    rpc.action if rpc else "",
                    account.account_id if account else "",
                    region_of(rpc) if rpc else split_host(request.host)[1],
                    rpc.params if rpc else {},
                    status,
                    code,
                    product.name if product else split_host(request.host)[0],
                    request.host,
                    message if error is not None else None,
                    time.time(),
                )
            )
        headers = [("Content-Type", content_type), ("x-acs-request-id", request_id)]
        return status, headers, payload

    def _idempotent(self, action: Action, call: "Call[Any]", kwargs: Dict[str, Any]) -> Dict[str, Any]:
        """A repeated ``ClientToken`` gets the first call's result, as the cloud's idempotent
        actions answer; the same token with other parameters is refused."""
        token = call.request.params["ClientToken"]
        if not token or not isinstance(token, str):
            return action.handler(call, **kwargs)
        params = {k: v for k, v in call.request.params.items() if k != "ClientToken"}
        key = (call.product.name, action.name, call.account.account_id, token)
        earlier = self.cloud.idempotent_results.get(key)
        if earlier is not None:
            if earlier[0] != params:
                raise ApiError(_mismatch_code(action))
            return earlier[1]
        result = action.handler(call, **kwargs)
        self.cloud.idempotent_results[key] = (params, result)
        return result

    def _best_effort(self, request: WireRequest) -> Tuple[Optional[RpcRequest], Optional[Account]]:
        """A request to a product the mock lacks, read as far as it can be (for ``cloud.calls``)."""
        try:
            rpc = parse_request(request)
        except ApiError:
            return None, None
        return rpc, self._verified_caller(rpc)

    def _verified_caller(self, rpc: RpcRequest) -> Optional[Account]:
        """Who sent a call the mock answers only with the 501, when its credentials verify: the call
        is recorded under that account."""
        try:
            return self.cloud.caller(rpc)
        except ApiError:
            return None

    def _route(self, rpc: RpcRequest) -> Product:
        product: Optional[Product]
        if rpc.host_product:
            product = self._by_host[rpc.host_product]
        else:  # a non-Aliyun host (server mode): the API version names the product
            product = self._by_version.get(rpc.version)
            if product is None:
                raise ApiError("InvalidVersion")
        if rpc.version != product.version:
            raise ApiError("InvalidVersion")
        return product

    @staticmethod
    def _unknown_action(product: Product, rpc: RpcRequest) -> ApiError:
        if product.knows(rpc.action):
            return ApiError(
                "AliyunMock.NotImplemented", f"{product.name} action {rpc.action} (API version {product.version})"
            )
        return ApiError("InvalidAction.NotFound")

    @staticmethod
    def _error_body(
        request: WireRequest,
        rpc: Optional[RpcRequest],
        product: Optional[Product],
        request_id: str,
        code: str,
        message: str,
    ) -> Tuple[bytes, str]:
        host = rpc.host if rpc else request.host
        product_name = product.name if product else "OpenAPIExplorer"
        body = {
            "RequestId": request_id,
            "HostId": host,
            "Code": code,
            "Message": message,
            "Recommend": f"https://api.aliyun.com/troubleshoot?q={code}&product={product_name}&requestId={request_id}",
        }
        response_format = rpc.response_format if rpc else "JSON"
        return render(body, response_format, "Error")


_MISMATCH_CODES = ("IdempotentParameterMismatch", "IdempotenceParamNotMatch")


def _mismatch_code(action: Action) -> str:
    """The code the action documents for a reused ClientToken (the spelling varies by action)."""
    described = action.description
    documented = described.errors if described else {}
    return next((code for code in _MISMATCH_CODES if code in documented), _MISMATCH_CODES[0])
