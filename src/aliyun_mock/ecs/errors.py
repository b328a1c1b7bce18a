"""ECS error catalogue: code → (HTTP status, message), exact texts from shared/api-facts.md.

Misspellings (``Forbbiden``, ``Deined``, ``paramter``) are the cloud's own and are kept.
"""

from __future__ import annotations

from ..core.errors import ErrorCatalogue

ECS_ERRORS = {
    # ModifyImageSharePermission (seed 004, the authoritative table)
    "InvalidGroup.Malformed": (400, "The specified Group is wrongly formed."),
    "UnnecessaryParameter.LaunchPermission": (
        400,
        'The specified parameter "LaunchPermission" is unnecessary if paramter "AddAccounts" or '
        '"RemoveAccounts" exist.',
    ),
    "InvalidParameter.LaunchPermission": (400, 'The specified parameter "LaunchPermission" is invalid.'),
    "ForbiddenParameter.LaunchPermission": (
        400,
        'The specified parameter "LaunchPermission" is forbidden for current account.',
    ),
    "AssumeRoleError": (
        403,
        "Requires a RAM role of AliyunECSShareEncryptImageDefaultRole before sharing encrypted image.",
    ),
    "ImageDescription.ContainsSensitiveWords": (403, "The specified image description contains sensitive words."),
    "ImageName.ContainsSensitiveWords": (403, "The specified image name contains sensitive words."),
    "Image.Public": (403, "The specified image is public image."),
    "CurrentRegion.NotSupportPublicImage": (403, "Public image is not supported for current region."),
    "Image.NotPublic": (403, "The specified image is not public image."),
    "OperationDeined.FullImage": (
        403,
        "The encrypted image contains multiple snapshots, which do not support share.",
    ),
    "QuotaExceed.ShareImage": (403, "The shared Image Quota exceeds."),
    "QuotaExceed.ShareImageUser": (403, "The shared Image user Quota exceeds."),
    "InvalidImageId.BidMismatch": (403, "Cannot share the image with users %s of other sites."),
    "OperationDeined.EncryptedSnapshot": (
        403,
        "The image contains encrypted snapshots, which do not support share.",
    ),
    "OperationDenied.InvalidImageStatus": (403, "The specified image cannot be shared when it is deprecated."),
    "PublicImageAgreement.NotSigned": (
        403,
        'The current account has not signed "Community Image Terms of Service".',
    ),
    "InvalidParameter.IsPublic": (403, "The specified parameter IsPublic is conflicted with other parameters."),
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
    "InvalidImageId.NotFound": (404, "The specified ImageId does not exist."),
    "InvalidAccount.NotFound": (
        404,
        'The specified account %s in parameter "AddAccount.n" or "RemoveAccount.n" does not exist.',
    ),
    "InvalidAccount.Forbbiden": (404, "The specified Account does not yourself."),
    "InvalidKMSKeyId.NotFound": (404, "The KMS key used by the disk does not exist."),
    # DeleteImage (api-facts §4, DOCS2025)
    "ImageUsingByInstance": (
        403,
        "The specified image has been used to create instances. You can use the DescribeInstances API to "
        "query these instances, or you can use the force parameter to proceed.",
    ),
    "ImageUseShared": (
        403,
        "The specified image has been shared to others. You can use the DescribeImageSharePermission API "
        "to query the users who have been shared.",
    ),
    "ImageIsPublic": (403, "You can not delete public image, please modify it to private."),
    # DescribeRegions (api-facts §13, DOCS2021)
    "InvalidAcceptLanguage.NotFound": (
        404,
        "Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed.",
    ),
    "InvalidResourceType.NotFound": (404, "The ResourceType provided does not exist in our records."),
    # DescribeZones (api-facts §14, DOCS2021)
    "InvalidInstanceChargeType.NotFound": (404, "The InstanceChargeType does not exist in our records"),
    "InvalidSpotStrategy": (400, "The specified SpotStrategy is not valid."),
    # DescribeImages (api-facts §5, DOCS2025)
    "InvalidImageOwnerAlias.ValueNotSupported": (400, "The specified ImageOwnerAlias value is not supported."),
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
    "InvalidParamter": (400, "Invalid Parameter."),  # sic
    "InvalidTag.Mismatch": (400, "The specified Tag.n.Key and Tag.n.Value are not match."),
    "InvalidTagCount": (400, "The specified tags are beyond the permitted range."),
    "InvalidFilterValue.NetworkType": (400, "The specified networkType value in the Filter is invalid."),
    "CurrentAccount.NotSupportPublicImage": (403, "Public image is not supported for current account."),
    "InvalidFilterKey.NotFound": (404, "The specified Filter Key is not found."),
    "InvalidFilterValue": (404, "The specified Filter Value is not valid."),
    "InvalidUsage": (404, "The specified Usage is not valid."),
    "InvalidOSType": (404, "The specified OSType is not valid."),
    "InvalidArchitecture": (404, "The specified Architecture is not valid."),
    # ModifyImageAttribute (api-facts §17, DOCS2025)
    "ImageStatus.NotAvailable": (403, "The specified image status is not available."),
    "ImageStatus.NotDeprecated": (403, "The specified image status is not deprecated."),
    "InvalidStatus.ImageIsCreating": (
        403,
        "The operation cannot be performed because the image is creating. Please wait until the creation "
        "is complete and try again.",
    ),
    "InvalidBootMode.NotSupport": (400, "The specified parameter BootMode is not supported."),
    "OperationDeined.ImageUsingByInstance": (
        403,
        "The boot mode of the image cannot be modified because it has associated instances.",
    ),
    # CopyImage (api-facts §16, DOCS2025)
    "OperationDenied.CommunityImage": (400, "Community image does not support copy."),
    "OperationDenied.SameRegionOnly": (
        403,
        "The image shared from others can not be copied to another region directly.",
    ),
    "IncorrectImageStatus": (400, "The image not available."),
    "DestinationRegion.NotFound": (400, "The destination region not found."),
    # RunInstances / CreateImage / instances (api-facts §9, §11, §12, §15)
    "InvalidInstanceType.ValueNotSupported": (
        400,
        "The specified InstanceType does not exist or beyond the permitted range.",
    ),
    "InvalidZoneId.NotFound": (400, "The zoneId provided does not exist in our records."),
    "OperationDenied.ImageNotValid": (403, "The specified Image is disabled or is deleted."),
    "InvalidInstanceId.NotFound": (404, "The specified InstanceId does not exist."),
    "IncorrectInstanceStatus": (403, "The current status of the resource does not support this operation."),
    "IncorrectInstanceStatus.Initializing": (403, "The specified instance status does not support this operation."),
    "InvalidSystemDiskSize.LessThanImageSize": (
        404,
        "The specified parameter SystemDisk.Size is less than the image size.",
    ),
    "InvalidSystemDiskSize.ValueNotSupported": (400, "The specified parameter SystemDisk.Size is invalid."),
    # Disks, ReInitDisk, ReplaceSystemDisk (api-facts §7, §8, §19)
    "InvalidDiskId.NotFound": (404, "The specified disk does not exist."),
    "IncorrectDiskStatus": (403, "The current disk status does not support this operation."),
    "SharedImageDeleted": (403, "The specified image by others shared is deleted."),
    "InvalidDiskId.OperationNotSupported": (404, "The operation is not supported due to image not exist."),
    "InvalidPassword.Malformed": (400, 'The specified parameter "Password" is not valid.'),
    "InvalidPasswordParam.Mismatch": (400, "The input password should be null when passwdInherit is true."),
    "InvalidDiskType.ValueNotSupported": (400, "The specified disk type is not supported."),
    "InvalidStatus.ValueNotSupported": (400, "The specified disk status is not supported."),
    # Snapshots (api-facts §20)
    "InvalidSnapshotName.Malformed": (400, "The specified SnapshotName is wrongly formed."),
    "InvalidSnapshotId.NotReady": (
        403,
        "The current status of the DiskDeviceMapping.n.SnapshotId or SnapshotId does not support this operation.",
    ),
    "InvalidSnapshotIds.Malformed": (403, "The amount of specified specified snapshot Ids exceeds the limit."),
    "InvalidSourceDiskType": (404, "The specifed SourceDiskType is not valid"),
    "InvalidStatus.NotFound": (404, "The specified Status is not found"),
    "InvalidSize.ValueNotSupported": (
        400,
        "The specified parameter DiskDeviceMapping.n.Size beyond the permitted range.",
    ),
    "OperationDenied": (403, "The specified snapshot is not from system disk."),
    "SnapshotCreatedImage": (403, "The snapshot has been used to create user defined image(s)."),
    "SnapshotCreatedDisk": (403, "The snapshot has been used to create disk(s)."),
    "ImageNotSupportInstanceType": (403, "The specified image does not support the specified InstanceType."),
    "InvalidImageName.Malformed": (400, "The specified Image name is wrongly formed."),
    "InvalidImageName.Duplicated": (400, "The specified Image name has already bean used."),
    "InvalidDescription.Malformed": (400, "The specified description is wrongly formed."),
    "InvalidArchitecture.Malformed": (400, "The specified Architecture is wrongly formed."),
    "InvalidSnapshotId.NotFound": (404, "The specified SnapshotId does not exist."),
    # A reused ClientToken, for the actions whose page lists no text for it: CreateSnapshot's.
    "IdempotentParameterMismatch": (403, "The specified clientToken is used."),
}

# Actions whose documentation gives a shared code a text of its own.
ECS_ERRORS_PER_ACTION = {
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
    ("ModifyImageAttribute", "ImageUseShared"): (
        403,
        "The specified image has been shared to others, please remove shared accounts first.",
    ),
    ("DescribeSnapshots", "InvalidUsage"): (404, "The specifed Usage is not valid"),
    ("DeleteSnapshot", "InvalidSnapshotId.NotFound"): (404, "The specified snapshot is not found"),
    ("CopyImage", "InvalidImageName.Duplicated"): (
        400,
        "The specified image name is already in use in the target region. Please try a different one.",
    ),
    ("CopyImage", "InvalidImageName.Malformed"): (400, "The specified destination image name is wrongly formed."),
    ("CopyImage", "InvalidDescription.Malformed"): (400, "The specified destination description is wrongly formed."),
}

# CreateImage's text when it is given no source (its other MissingParameter answers are the gateway's).
NO_IMAGE_SOURCE = (
    "The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for "
    "processing this request is not supplied."
)

ECS_CATALOGUE = ErrorCatalogue(ECS_ERRORS, ECS_ERRORS_PER_ACTION)
