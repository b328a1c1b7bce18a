"""aliyun-mock: a faithful in-memory Alibaba Cloud ECS for tests that use the real SDKs.

from aliyun_mock import mock_ecs

@mock_ecs
def test_images():
    ...  # build the real SDK client as in production; every call is answered in memory
"""

from .core.accounts import Account
from .core.cloud import Cloud
from .core.errors import ApiError
from .mock import MockEcs, active_mock, mock_ecs

__version__ = "0.3.0"
__all__ = ["Account", "ApiError", "Cloud", "MockEcs", "__version__", "active_mock", "mock_ecs"]
