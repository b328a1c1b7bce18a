"""Who sees which image, kept up to date as images are added, shared and published, so that
DescribeImages costs the same however many images the region holds (issue: flat as the cloud grows).

An image is listed under its owner, under every account it is shared with, and among the
community images while published; DescribeImages reads only the lists its ImageOwnerAlias names.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from typing import Dict, Iterable, List, Optional

from .models import SYSTEM, Image


class ImageIndex:
    def __init__(self) -> None:
        self.by_id: Dict[str, Image] = {}
        self._system: Dict[str, Image] = {}
        self._by_owner: Dict[str, Dict[str, Image]] = defaultdict(dict)
        self._shared_with: Dict[str, Dict[str, Image]] = defaultdict(dict)
        self._community: Dict[str, Image] = {}
        self._order: Dict[str, int] = {}
        self._sequence = itertools.count()
        self.instances_per_image: Counter[str] = Counter()

    def add(self, image: Image) -> None:
        self.by_id[image.image_id] = image
        self._order[image.image_id] = next(self._sequence)
        if image.source == SYSTEM:
            self._system[image.image_id] = image
            return
        self._by_owner[image.owner_id][image.image_id] = image
        for account_id in image.shares:
            self._shared_with[account_id][image.image_id] = image
        if image.is_public:
            self._community[image.image_id] = image

    def remove(self, image_id: str) -> None:
        image = self.by_id.pop(image_id)
        self._order.pop(image_id, None)
        self._system.pop(image_id, None)
        self._by_owner[image.owner_id].pop(image_id, None)
        for account_id in image.shares:
            self._shared_with[account_id].pop(image_id, None)
        self._community.pop(image_id, None)

    def shared(self, image: Image, account_id: str) -> None:
        self._shared_with[account_id][image.image_id] = image

    def unshared(self, image: Image, account_id: str) -> None:
        self._shared_with[account_id].pop(image.image_id, None)

    def published(self, image: Image, public: bool) -> None:
        if public:
            self._community[image.image_id] = image
        else:
            self._community.pop(image.image_id, None)

    def candidates(
        self, alias: str, is_public: Optional[bool], viewer: str, granted: Iterable[str] = ()
    ) -> List[Image]:
        """The images an ImageOwnerAlias/IsPublic pair can select for ``viewer``, newest first.

        Empty alias: public, own, shared-with-me and community images (not community with
        ``IsPublic=false``). ``others``: shared with me, or with ``IsPublic=true`` others' community images.
        ``granted``: the ids of images shared with ``viewer`` through an organisation (Resource Sharing).
        """
        own = self._by_owner.get(viewer, {}).values()
        shared = itertools.chain(
            self._shared_with.get(viewer, {}).values(), (self.by_id[i] for i in granted if i in self.by_id)
        )
        community = (i for i in self._community.values() if i.owner_id != viewer)
        pools: Dict[str, Iterable[Image]] = {
            "system": self._system.values(),
            "self": own,
            "others": community if is_public else shared,
            "marketplace": (),  # no Marketplace images in the mock
        }
        if alias in pools:
            found: Iterable[Image] = pools[alias]
        else:
            everyone = () if is_public is False else community
            found = itertools.chain(self._system.values(), own, shared, everyone)
        unique = {image.image_id: image for image in found}
        return sorted(unique.values(), key=lambda image: self._order[image.image_id], reverse=True)

    def in_use(self, image_id: str) -> bool:
        return self.instances_per_image[image_id] > 0
