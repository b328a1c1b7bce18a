"""ECS errors the API description (``data/api.json``) lacks or gets wrong; the rest come from it.

An answer's text is looked up: this module's entry for the action, then the gateway's common
codes (``core/errors.py``), then what the action's documentation says, then this module's
product-wide entry. Each entry says why it is here. Misspellings (``Forbbiden``, ``Deined``,
``specifed``) are the cloud's own and are kept. API reference pages:
https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-<action in lower case>
"""

from __future__ import annotations

from ..core.errors import ErrorCatalogue

# Codes the description does not give an action that answers them (absent, or a bare "%s").
ECS_ERRORS = {
    # RunInstances and CreateInstance document these with a bare "%s" (the cloud fills in details):
    # the texts are the mock's own words for what the code says.
    "InvalidParameter.SecurityGroupIdRepeated": (400, "The specified SecurityGroupIds contain duplicate values."),
    "InvalidSecurityGroupId.SingleIdAndMultiIdConflict": (
        400,
        "The parameters SecurityGroupId and SecurityGroupIds cannot be specified at the same time.",
    ),
    "InvalidParameter.VSwitchId": (400, "The specified ZoneId is not the zone of the specified vSwitch."),
    "InvalidSecurityGroup.NotInDefaultVpc": (400, "The specified security group is not in the default VPC."),
    # JoinSecurityGroup's text, for RunInstances and CreateInstance, which answer it undocumented.
    "InstanceSecurityGroupLimitExceeded": (
        400,
        "Exceeding the allowed amount of security groups that an instance can be in.",
    ),
    # ModifyInstanceAttribute and ModifyInstanceChargeType document these with a bare "%s" too.
    "JoinedGroupLimitExceed": (400, "An instance can be in at most 5 security groups."),
    "InvalidInstanceChargeType.ValueNotSupported": (400, "The instance is pay-as-you-go already."),
    # ModifyImageSharePermission's current page lists these; the description (June 2024) does not.
    "InvalidParameter.KMSKeyId.CMKUnauthorized": (
        403,
        "The CMK(Customer Master Key) lacks authorization to add tags to the ECS service.",
    ),
    "InvalidParameter.KMSKeyId.CMKNotEnabled": (403, "The CMK (Customer Master Key) must be in an active state."),
    "InvalidOperation.ServiceKeyEncryptedImageUnsupported": (
        403,
        "The specified service key encrypted image is not supported for this operation. Please switch to "
        "a CMK (Customer Master Key) encrypted image and retry.",
    ),
    "InvalidKMSKeyId.NotFound": (404, "The KMS key used by the disk does not exist."),
    # DescribeImages' current page lists these; the description does not.
    "InvalidOperation.ImageOwnerIdUnsupported": (
        400,
        'The parameter "ImageOwnerId" is not supported in this context, it is only valid when querying '
        "shared images or community images.",
    ),
    "InvalidImageOwnerAlias.PublicImageUnsupported": (
        400,
        "When querying images, the parameter ImageOwnerAlias should be others while specified parameter "
        "IsPublic is true.",
    ),
    "InvalidFilterValue.NetworkType": (400, "The specified networkType value in the Filter is invalid."),
    # ModifyImageAttribute's current page lists it; the description does not.
    "InvalidStatus.ImageIsCreating": (
        403,
        "The operation cannot be performed because the image is creating. Please wait until the creation "
        "is complete and try again.",
    ),
    # ReplaceSystemDisk documents only "%s": RunInstances' text.
    "OperationDenied.ImageNotValid": (403, "The specified Image is disabled or is deleted."),
    # DeleteInstances documents only "%s" for these three: DeleteInstance's texts.
    "InvalidInstanceId.NotFound": (404, "The specified InstanceId does not exist."),
    "IncorrectInstanceStatus": (403, "The current status of the resource does not support this operation."),
    "IncorrectInstanceStatus.Initializing": (403, "The specified instance status does not support this operation."),
    # DeleteInstance documents only "%s": DeleteInstances' text.
    "InvalidOperation.DeletionProtection": (403, "The operation is not allowed due to deletion protection."),
    # RunInstances and CreateInstance document only "%s": ReplaceSystemDisk's text.
    "InvalidSystemDiskSize.ValueNotSupported": (400, "The specified parameter SystemDisk.Size is invalid."),
    # CreateImage does not document it: ReInitDisk's text.
    "InvalidDiskId.NotFound": (404, "The specified disk does not exist."),
    # CreateInstance checks its names and tags as RunInstances does, which documents these texts.
    "NumberExceed.Tags": (400, "The Tags parameter's number is exceed , Valid : 20."),
    "InvalidInstanceName.CustomMalformed": (
        400,
        "Customized section of instance or host name is invalid, please use valid format: [], [,], [m,], [,n], [m,n].",
    ),
    # A reused ClientToken, for the actions whose page lists no text for it: CreateSnapshot's.
    "IdempotentParameterMismatch": (403, "The specified clientToken is used."),
}

# Texts newer than the description's for the action (its current page, or the product documents).
ECS_ERRORS_PER_ACTION = {
    # DescribeInstanceRamRole documents this with a bare "%s": the mock's words for its rule that one
    # of the two must be given.
    ("DescribeInstanceRamRole", "InvalidParameter.AllEmpty"): (
        403,
        "At least one of InstanceIds and RamRoleName must be specified.",
    ),
    ("ModifyImageSharePermission", "InvalidAccount.NotFound"): (
        404,
        'The specified account %s in parameter "AddAccount.n" or "RemoveAccount.n" does not exist.',
    ),
    ("ModifyImageSharePermission", "InvalidImageId.BidMismatch"): (
        403,
        "Cannot share the image with users %s of other sites.",
    ),
    ("DescribeImageSharePermission", "InvalidImageId.NotFound"): (404, "The specified image %s does not exist."),
    ("DescribeImages", "InternalError"): (500, "The request processing has failed due to some unknown error."),
    ("DescribeImages", "InvalidInstanceType.ValueNotSupported"): (
        400,
        "The specified instance type %s does not exist. You can use the DescribeInstanceTypes API to query "
        "the available instance types.",
    ),
    ("ModifyImageAttribute", "InvalidImageName.Malformed"): (
        400,
        "Image names must be between 2 and 128 characters long, using either English or Chinese characters. "
        "The name must start with a letter or a Chinese character, and can include numbers, colons, "
        "underscores and hyphens.",
    ),
    ("CopyImage", "InvalidImageName.Duplicated"): (
        400,
        "The specified image name is already in use in the target region. Please try a different one.",
    ),
    ("DeleteImage", "ImageUsingByInstance"): (
        403,
        "The specified image has been used to create instances. You can use the DescribeInstances API to "
        "query these instances, or you can use the force parameter to proceed.",
    ),
    ("DeleteImage", "ImageUseShared"): (
        403,
        "The specified image has been shared to others. You can use the DescribeImageSharePermission API "
        "to query the users who have been shared.",
    ),
    ("CreateImage", "OperationDenied"): (403, "The specified snapshot is not from system disk."),
    ("CreateSecurityGroup", "InvalidVpcId.NotFound"): (404, "Specified VPC does not exist."),
    # The batch power actions list InvalidInstanceId.NotFound first with the text for an empty id
    # ("InstanceId should not be null."), then with a bare "%s": an unknown id gets the usual text.
    **{
        (action, "InvalidInstanceId.NotFound"): (404, "The specified InstanceId does not exist.")
        for action in ("StartInstances", "StopInstances", "RebootInstances")
    },
    # The rule actions document OperationDenied more than once; this is the text for a protocol
    # whose PortRange is not -1/-1 (the enterprise-group refusals have codes of their own).
    **{
        (action, "OperationDenied"): (
            400,
            "The specified IpProtocol does not exist or IpProtocol and PortRange do not match.",
        )
        for action in (
            "AuthorizeSecurityGroup",
            "AuthorizeSecurityGroupEgress",
            "RevokeSecurityGroup",
            "RevokeSecurityGroupEgress",
        )
    },
    # The cloud answers 404 for a security group or vSwitch that does not exist (the description
    # lists RunInstances' InvalidSecurityGroupId.NotFound with 400 first, and 404 after).
    ("RunInstances", "InvalidSecurityGroupId.NotFound"): (
        404,
        "The SecurityGroupId provided does not exist in our records.",
    ),
}

# CreateImage's text when it is given no source (its other MissingParameter answers are the gateway's).
NO_IMAGE_SOURCE = (
    "The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for "
    "processing this request is not supplied."
)

# CreateSecurityGroup documents InvalidVpcId.NotFound twice: 403 with this text for a request without
# a VpcId (a region without classic network needs one), 404 for a VPC that does not exist.
VPC_ID_REQUIRED = "The VpcId must not empty when only support vpc vm."

ECS_CATALOGUE = ErrorCatalogue(ECS_ERRORS, ECS_ERRORS_PER_ACTION)
