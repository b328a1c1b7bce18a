"""The console (/_mock/console) in a real browser: Playwright driving Debian's chromium (no browser
download), finding everything by role and accessible name, following the product documents' console
steps (seeds 000 and 001). Screenshots go to $ALIYUN_MOCK_ARTEFACTS, else the test's tmp_path."""

import os
import shutil
from pathlib import Path

import pytest
from helpers import custom_image
from test_organisation_sharing import organisation

from aliyun_mock import mock_ecs
from aliyun_mock.server import ThreadedServer
from conftest_plugin import V2Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


@pytest.fixture
def console(tmp_path):
    """A served mock, and a browser page on its console; the handle and the page share one cloud."""
    artefacts = Path(os.environ.get("ALIYUN_MOCK_ARTEFACTS", tmp_path))
    artefacts.mkdir(parents=True, exist_ok=True)
    with mock_ecs() as cloud, ThreadedServer(cloud=cloud) as server, playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(5000)
        page.goto(f"http://{server.endpoint}/_mock/console")
        yield cloud, page, artefacts
        browser.close()


def as_account(page, account):
    page.get_by_label("Account", exact=True).select_option(account.account_id)


def go_to(page, name):
    page.get_by_role("navigation", name="Pages").get_by_role("button", name=name).click()


def share_dialog(page, image_id):
    go_to(page, "Images")
    page.get_by_role("tab", name="Custom Images").click()
    page.get_by_role("row").filter(has_text=image_id).get_by_role("button", name="Shared Images").click()
    return page.get_by_role("dialog", name="Share Image")


def share_with(dialog, account_id):
    dialog.get_by_role("textbox", name="Sharee Account ID").fill(account_id)
    dialog.get_by_role("checkbox", name="Security Confirmation").check()
    dialog.get_by_role("button", name="OK").click()


def no_broken_ids(page):
    """Every id on the page is one line box: never broken at a hyphen or anywhere else."""
    broken = page.evaluate(
        "() => [...document.querySelectorAll('.id')].filter((e) => e.getClientRects().length > 1)"
        ".map((e) => e.textContent)"
    )
    assert broken == []


def test_the_seeds_console_steps_share_launch_unshare_and_the_sharees_consequence(console):
    cloud, page, artefacts = console
    expect = playwright.expect
    owner, first, second = cloud.default_account, cloud.create_account(), cloud.create_account()
    image_id = custom_image(V2Path(cloud))

    # The owner shares the image with two accounts through the dialog, sees both, cancels one.
    as_account(page, owner)
    dialog = share_dialog(page, image_id)
    expect(dialog).to_contain_text("Not shared with any account.")
    share_with(dialog, first.account_id)
    expect(dialog.get_by_role("status")).to_have_text(f"Shared with {first.account_id}.")
    share_with(dialog, second.account_id)
    sharees = dialog.get_by_role("listitem")
    expect(sharees.filter(has_text=first.account_id)).to_be_visible()
    expect(sharees.filter(has_text=second.account_id)).to_be_visible()
    no_broken_ids(page)
    for width in (800, 1400):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artefacts / f"console-share-dialog-{width}.png"), full_page=True)
    sharees.filter(has_text=second.account_id).get_by_role("button", name="Cancel Share").click()
    expect(sharees.filter(has_text=second.account_id)).to_have_count(0)
    expect(sharees).to_have_count(1)

    # A refusal shows the cloud's Code and Message in the dialog.
    share_with(dialog, owner.account_id)
    expect(dialog.get_by_role("alert")).to_contain_text("InvalidAccount.Forbbiden: ")
    refusal = [c for c in cloud.calls if c.code == "InvalidAccount.Forbbiden"][-1]
    expect(dialog.get_by_role("alert")).to_have_text(f"InvalidAccount.Forbbiden: {refusal.message}")
    dialog.get_by_role("button", name="Close").click()

    # The remaining sharee sees the image under Shared Images and creates an instance from it.
    as_account(page, first)
    page.get_by_role("tab", name="Shared Images").click()
    page.get_by_role("row").filter(has_text=image_id).get_by_role("button", name="Create Instance").click()
    instances = page.get_by_role("table", name="Instances")
    instance_row = instances.get_by_role("row").filter(has_text=image_id)
    expect(instance_row).to_contain_text("Running")
    instance_row.get_by_role("button", name="Stop").click()
    expect(instance_row).to_contain_text("Stopped")

    # The owner cancels that share; the sharee's Re-initialize System Disk shows the documented error.
    as_account(page, owner)
    dialog = share_dialog(page, image_id)
    dialog.get_by_role("listitem").filter(has_text=first.account_id).get_by_role("button", name="Cancel Share").click()
    expect(dialog.get_by_role("listitem")).to_have_count(0)
    expect(dialog).to_contain_text("Not shared with any account.")
    dialog.get_by_role("button", name="Close").click()
    as_account(page, first)
    go_to(page, "Instances")
    instance_row.get_by_role("button", name="Re-initialize System Disk").click()
    expect(page.get_by_role("main").get_by_role("alert")).to_have_text(
        "InvalidDiskId.OperationNotSupported: The operation is not supported due to image not exist."
    )

    # Every step's call is in Calls, with its parameters; the filter narrows them.
    go_to(page, "Calls")
    calls = page.get_by_role("table", name="Calls")
    expect(calls.get_by_role("row").filter(has_text=f'AddAccount: ["{first.account_id}"]')).to_have_count(1)
    expect(calls.get_by_role("row").filter(has_text=f'RemoveAccount: ["{second.account_id}"]')).to_have_count(1)
    page.get_by_label("Filter by account").fill(second.account_id)
    expect(calls.get_by_role("row").filter(has_text="ModifyImageSharePermission")).to_have_count(0)
    page.get_by_label("Filter by account").fill(first.account_id)
    page.get_by_label("Filter by action").fill("ReInitDisk")
    expect(calls.get_by_role("row")).to_have_count(2)  # the heading and the one refused call
    expect(calls.get_by_role("row").nth(1)).to_contain_text("InvalidDiskId.OperationNotSupported")
    expect(calls.get_by_role("row").nth(1)).to_contain_text("404")
    no_broken_ids(page)
    for width in (800, 1400):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artefacts / f"console-calls-{width}.png"), full_page=True)
    actions = {c.action for c in cloud.calls if c.account_id in (owner.account_id, first.account_id)}
    assert {"ModifyImageSharePermission", "DescribeImageSharePermission", "RunInstances", "ReInitDisk"} <= actions


def test_a_change_made_by_an_sdk_client_appears_without_reload(console):
    cloud, page, _ = console
    expect = playwright.expect
    table = page.get_by_role("table", name="Images")
    expect(table).to_contain_text("Nothing here yet.")
    image_id = custom_image(V2Path(cloud))  # another client: the SDK, in this process
    expect(table.get_by_role("row").filter(has_text=image_id)).to_be_visible(timeout=1000)


def test_instances_start_replace_and_delete(console):
    cloud, page, _ = console
    expect = playwright.expect
    image_id = custom_image(V2Path(cloud))
    page.get_by_role("table", name="Images").get_by_role("row").filter(has_text=image_id).get_by_role(
        "button", name="Create Instance"
    ).click()
    rows = page.get_by_role("table", name="Instances").get_by_role("row").filter(has_text="i-")
    expect(rows).to_have_count(2)  # the one custom_image made, and this one
    instance_id = rows.filter(has_text=image_id).get_by_role("cell").first.text_content()
    row = rows.filter(has_text=instance_id)
    row.get_by_role("button", name="Stop").click()
    expect(row.get_by_role("button", name="Start")).to_be_visible()
    row.get_by_role("button", name="Replace System Disk").click()
    replace = page.get_by_role("dialog", name="Replace System Disk")
    replace.get_by_role("textbox", name="Image ID").fill("m-doesnotexist")
    replace.get_by_role("button", name="OK").click()
    refused = replace.get_by_role("alert")
    expect(refused).to_contain_text("InvalidImageId.NotFound: ")
    replace.get_by_role("textbox", name="Image ID").fill("ubuntu_22_04_x64_20G_alibase_20250722.vhd")
    replace.get_by_role("button", name="OK").click()
    expect(replace).to_be_hidden()
    expect(row).to_contain_text("ubuntu_22_04_x64_20G_alibase_20250722.vhd")
    row.get_by_role("button", name="Start").click()
    expect(row).to_contain_text("Running")
    row.get_by_role("button", name="Delete").click()
    expect(rows).to_have_count(1)


def test_the_calls_page_lists_the_latest_and_says_how_many_match(console, monkeypatch):
    from aliyun_mock import console as console_module

    cloud, page, _ = console
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    monkeypatch.setattr(console_module, "CALLS_SHOWN", 3)
    for _ in range(5):
        V2Path(cloud).call("DescribeRegions", {})
    go_to(page, "Calls")
    playwright.expect(page.get_by_text("The latest 3 of ")).to_be_visible()
    playwright.expect(page.get_by_role("table", name="Calls").get_by_role("row")).to_have_count(4)
    page.get_by_label("Filter by action").fill("describeregions")  # any case, searching every call
    playwright.expect(page.get_by_text("The latest 3 of 5 matching calls.")).to_be_visible()
    page.reload()
    assert errors == []  # nothing the page asks for is refused (its icon included)


def test_the_console_acts_only_for_its_own_page(console):
    """Its endpoints want the token only the page has; the page escapes what users wrote."""
    cloud, page, _ = console
    base = page.url.rsplit("/_mock/", 1)[0]
    answer = page.request.post(f"{base}/_mock/console/call", data={"account_id": "1", "action": "DescribeRegions"})
    assert answer.status == 403
    elsewhere = page.request.get(f"{base}/_mock/console", headers={"Host": "console.example"})
    assert elsewhere.status == 403 and "__CONSOLE_TOKEN__" not in elsewhere.text()
    markup = "<img src=x onerror=alert(1)>"
    V2Path(cloud).call("DescribeImages", {"RegionId": "cn-hangzhou", "ImageName": markup})
    go_to(page, "Calls")
    playwright.expect(page.get_by_role("table", name="Calls")).to_contain_text(markup)
    assert page.locator("img").count() == 0


def test_accounts_keys_publishing_copies_deletion_and_organisation_sharing(console):
    cloud, page, _ = console
    expect = playwright.expect
    owner = cloud.default_account
    image_id = custom_image(V2Path(cloud))

    # A new account, chosen at once; its key only on request.
    page.get_by_role("button", name="Create account").click()
    created = [a for a in cloud.state()["accounts"] if a["account_id"] != owner.account_id]
    expect(page.get_by_label("Account", exact=True)).to_have_value(created[0]["account_id"])
    assert created[0]["access_keys"][0]["access_key_secret"] not in page.content()
    page.get_by_role("button", name="Show AccessKey").click()
    key = page.get_by_role("dialog", name="AccessKey")
    expect(key).to_contain_text(created[0]["access_keys"][0]["access_key_secret"])
    key.get_by_role("button", name="Close").click()

    # The owner publishes the image; the new account finds it among community images.
    as_account(page, owner)
    images = page.get_by_role("table", name="Images")
    images.get_by_role("row").filter(has_text=image_id).get_by_role("button", name="Publish as Community Image").click()
    expect(images.get_by_role("row").filter(has_text=image_id).get_by_role("button", name="Unpublish")).to_be_visible()
    page.get_by_label("Account", exact=True).select_option(created[0]["account_id"])
    page.get_by_role("tab", name="Community Images").click()
    expect(images.get_by_role("row").filter(has_text=image_id)).to_be_visible()

    # Back as the owner: unpublish, copy, delete the copy.
    as_account(page, owner)
    page.get_by_role("tab", name="Custom Images").click()
    images.get_by_role("row").filter(has_text=image_id).get_by_role("button", name="Unpublish").click()
    images.get_by_role("row").filter(has_text=image_id).get_by_role("button", name="Copy").click()
    expect(images.get_by_role("row")).to_have_count(3)  # the heading, the image, its copy
    copy_id = next(c for c in reversed(cloud.calls) if c.action == "CopyImage" and c.status == 200)
    copies = [
        i["image_id"]
        for i in cloud.state()["images"]
        if i["owner_id"] == owner.account_id and i["image_id"] != image_id
    ]
    images.get_by_role("row").filter(has_text=copies[0]).get_by_role("button", name="Delete").click()
    expect(images.get_by_role("row").filter(has_text=copies[0])).to_have_count(0)
    assert copy_id.params["ImageId"] == image_id

    # Shared Organization: outside a directory the dialog shows the cloud's refusal; within one, the
    # image goes into a resource share for a folder, and the folder's member sees it as shared.
    dialog = share_dialog(page, image_id)
    dialog.get_by_role("radio", name="Shared Organization").check()
    share_with_organisation(dialog, created[0]["account_id"])
    expect(dialog.get_by_role("alert")).to_contain_text("AccountNotInResourceDirectory: ")
    refused = [c for c in cloud.calls if c.action == "CreateResourceShare"][-1]
    expect(dialog.get_by_role("alert")).to_have_text(f"{refused.code}: {refused.message}")
    assert refused.code == "AccountNotInResourceDirectory"
    _, folder, members = organisation(V2Path(cloud), cloud, members=1)
    share_with_organisation(dialog, folder)
    expect(dialog.get_by_role("status")).to_contain_text("Shared through the resource share rs-")
    made = [c for c in cloud.calls if c.action == "CreateResourceShare"][-1]
    assert made.params["Resources"] == [{"ResourceType": "Image", "ResourceId": image_id}]
    assert made.params["Targets"] == [folder]
    dialog.get_by_role("button", name="Close").click()
    page.get_by_label("Account", exact=True).select_option(members[0].account_id)
    page.get_by_role("tab", name="Shared Images").click()
    expect(images.get_by_role("row").filter(has_text=image_id)).to_be_visible()


def share_with_organisation(dialog, target):
    dialog.get_by_role("textbox", name="Resource Share Name").fill("golden-images")
    dialog.get_by_role("textbox", name="Resource Directory, Folder or Account ID").fill(target)
    dialog.get_by_role("checkbox", name="Security Confirmation").check()
    dialog.get_by_role("button", name="OK").click()
