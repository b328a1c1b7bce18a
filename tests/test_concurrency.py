"""Concurrency in process: 8 threads sharing, unsharing and describing through the V2 SDK against
one mock; the final state equals the serial expectation and nothing deadlocks."""

import threading

from alibabacloud_ecs20140526 import models
from helpers import custom_image

from conftest_plugin import V2Path

THREADS, ROUNDS = 8, 10


def test_eight_threads_in_process_lose_no_update(ecs_mock):
    image_id = custom_image(V2Path(ecs_mock))
    clients = [ecs_mock.client("v2") for _ in range(THREADS)]
    errors = []

    def worker(thread: int) -> None:
        client = clients[thread]
        try:
            for n in range(ROUNDS):
                account = str(5000000000000000 + thread * 100 + n)
                client.modify_image_share_permission(
                    models.ModifyImageSharePermissionRequest(
                        region_id="cn-hangzhou", image_id=image_id, add_account=[account]
                    )
                )
                client.describe_images(models.DescribeImagesRequest(region_id="cn-hangzhou", image_owner_alias="self"))
                if n % 2:
                    client.modify_image_share_permission(
                        models.ModifyImageSharePermissionRequest(
                            region_id="cn-hangzhou", image_id=image_id, remove_account=[account]
                        )
                    )
        except Exception as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "a worker did not finish: deadlock?"
    assert errors == []
    expected = {str(5000000000000000 + t * 100 + n) for t in range(THREADS) for n in range(ROUNDS) if n % 2 == 0}
    assert set(ecs_mock.ecs.find_image(image_id).shares) == expected
    shares = ecs_mock.query(f"images[?image_id=='{image_id}'].shares[].account_id")
    assert set(shares) == expected and len(shares) == len(expected)
    assert len([c for c in ecs_mock.calls if c.action == "ModifyImageSharePermission"]) == THREADS * (
        ROUNDS + ROUNDS // 2
    )
