"""Unit tests of the core pieces the end-to-end tests rely on."""

from typing import Optional, Sequence

import pytest

from aliyun_mock.core.entropy import Entropy
from aliyun_mock.core.errors import ApiError, ErrorCatalogue
from aliyun_mock.core.product import Product
from aliyun_mock.core.transitions import Transitions
from aliyun_mock.ecs.image_index import ImageIndex
from aliyun_mock.ecs.models import CUSTOM, SYSTEM, Image, ImageShare


@pytest.fixture
def product():
    demo = Product("Demo", host_label="demo", version="2020-01-01", catalogue=ErrorCatalogue({}))

    @demo.action("Echo")
    def echo(
        call,
        *,
        Name: str,
        Count: int = 1,
        Flag: Optional[bool] = None,
        Ids: Sequence[str] = (),
        Tags: Sequence[dict] = (),
    ):
        return {}

    @demo.action("Strict", malformed_code="InvalidParamter")
    def strict(call, *, Size: int = 10):
        return {}

    return demo


def test_binding_converts_types_and_applies_defaults(product):
    bound = product.find("Echo").bind(
        {"Name": "x", "Count": "3", "Flag": "TRUE", "Ids": ["a", {"b": 1}], "Tags": [{"Key": "k"}, "stray"]}
    )
    assert bound == {"Name": "x", "Count": 3, "Flag": True, "Ids": ["a"], "Tags": [{"Key": "k"}]}
    assert product.find("Echo").bind({"Name": "x"}) == {"Name": "x", "Count": 1, "Flag": None, "Ids": [], "Tags": []}


@pytest.mark.parametrize(
    "params, code, args",
    [
        ({}, "MissingParameter", ("Name",)),
        ({"Name": ""}, "MissingParameter", ("Name",)),
        ({"Name": ["a"]}, "MissingParameter", ("Name",)),
        ({"Name": "x", "Count": "three"}, "InvalidParameter", ("Count",)),
        ({"Name": "x", "Flag": "yes"}, "InvalidParameter", ("Flag",)),
    ],
)
def test_binding_refuses_missing_and_malformed_values(product, params, code, args):
    with pytest.raises(ApiError) as error:
        product.find("Echo").bind(params)
    assert (error.value.code, error.value.args_) == (code, args)


def test_an_action_can_name_its_own_malformed_code(product):
    with pytest.raises(ApiError) as error:
        product.find("Strict").bind({"Size": "big"})
    assert error.value.code == "InvalidParamter"


def test_catalogue_resolves_per_action_texts_templates_and_overrides():
    catalogue = ErrorCatalogue({"Gone": (404, "The item %s is gone.")}, {("Special", "Gone"): (410, "Gone for good.")})
    assert catalogue.resolve(ApiError("Gone", "x")) == (404, "The item x is gone.")
    assert catalogue.resolve(ApiError("Gone", "x"), "Special") == (410, "Gone for good.")
    assert catalogue.resolve(ApiError("Gone")) == (404, "The item  is gone.")
    assert catalogue.resolve(ApiError("Gone", status=418, message="teapot")) == (418, "teapot")
    assert catalogue.resolve(ApiError("MissingParameter", "RegionId"))[1].startswith('The input parameter "RegionId"')
    assert catalogue.resolve(ApiError("NotCatalogued")) == (400, "NotCatalogued")


def test_transitions_immediate_held_and_polled():
    class Thing:
        status = "Stopped"

    thing, transitions = Thing(), Transitions()
    transitions.begin(thing, "Starting", "Running")
    assert thing.status == "Running"
    transitions.hold(polls=2)
    transitions.begin(thing, "Stopping", "Stopped")
    transitions.observe()
    assert thing.status == "Stopping"
    transitions.observe()
    assert thing.status == "Stopped"
    transitions.hold()
    transitions.begin(thing, "Starting", "Running")
    for _ in range(5):
        transitions.observe()
    assert thing.status == "Starting" and transitions.settle() == 1 and thing.status == "Running"
    with pytest.raises(ValueError):
        transitions.hold(polls=0)


def image(image_id, owner="", source=CUSTOM, public=False):
    return Image(
        image_id=image_id,
        region_id="r",
        owner_id=owner,
        source=source,
        name=image_id,
        creation_time="2026-01-01T00:00:00Z",
        is_public=public,
    )


def test_image_index_lists_what_each_alias_names_newest_first():
    index = ImageIndex()
    for item in (
        image("sys", source=SYSTEM),
        image("a1", "A"),
        image("b1", "B"),
        image("b2", "B", public=True),
        image("a2", "A"),
    ):
        index.add(item)
    index.shared(index.by_id["b1"], "A")
    names = lambda alias, public=None: [i.image_id for i in index.candidates(alias, public, "A")]  # noqa: E731
    assert names("self") == ["a2", "a1"]
    assert names("others") == ["b1"]
    assert names("others", True) == ["b2"]
    assert names("system") == ["sys"]
    assert names("") == ["a2", "b2", "b1", "a1", "sys"]
    assert names("", False) == ["a2", "b1", "a1", "sys"]
    index.unshared(index.by_id["b1"], "A")
    index.published(index.by_id["b2"], False)
    index.remove("a2")
    assert names("") == ["a1", "sys"]
    index.by_id["a1"].shares["C"] = ImageShare("C", "t")
    assert [i.image_id for i in index.candidates("others", None, "C")] == []  # only through shared()


def test_a_seed_repeats_everything_and_no_seed_does_not():
    first, second = Entropy(5), Entropy(5)
    assert [first.request_id(), first.string("ab", 8), first.now_iso()] == [
        second.request_id(),
        second.string("ab", 8),
        second.now_iso(),
    ]
    assert first.now_iso() == "2026-01-01T00:00:02Z"
    assert Entropy().request_id() != Entropy().request_id()
