"""DescribeImageFromFamily: the newest usable image of a family for the caller
(https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeimagefromfamily);
an empty ``Image`` when the family has none. ``ImageFamily`` on a launch picks the same image."""

from __future__ import annotations

from typing import Any, Mapping

from ...core.product import RESOURCE_OWNER, Body
from ..image_access import newest_of_family
from ..product import ECS
from ..state import EcsCall
from ..views import image_view


@ECS.action("DescribeImageFromFamily", without_effect=RESOURCE_OWNER, shaped=True)  # none found: an empty Image
def describe_image_from_family(call: EcsCall, *, RegionId: str, ImageFamily: str) -> Body:
    region = call.state.region(RegionId)
    call.state.transitions.observe()
    viewer = call.account.account_id
    image = newest_of_family(region.images.values(), ImageFamily, viewer, region.organisation)
    if image is None:
        return {"Image": {}}
    view = image_view(image, viewer, region.image_in_use(image.image_id), region.organisation)
    shape = ECS.shape("DescribeImageFromFamily", "Image")  # fewer fields than DescribeImages shows
    return {"Image": shape.fill(_documented(view, shape.schema))}


def _documented(value: Any, schema: Mapping[str, Any]) -> Any:
    """``value`` without the fields ``schema`` does not have, at every depth."""
    if isinstance(value, dict) and schema.get("type") == "object":
        fields = schema.get("properties", {})
        return {k: _documented(v, fields[k]) for k, v in value.items() if k in fields}
    if isinstance(value, list) and schema.get("type") == "array":
        return [_documented(item, schema.get("items", {})) for item in value]
    return value
