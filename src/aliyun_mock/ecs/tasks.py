"""Tasks: what ImportImage and ExportImage start and DescribeTasks, DescribeTaskAttribute and
CancelTask see. A task is ``Processing`` until its transition completes (``Finished``), or until it
is cancelled (``Cancelled``, leaving no imported image behind)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List

IMPORT, EXPORT = "ImportImage", "ExportImage"


@dataclass
class Task:
    task_id: str
    region_id: str
    owner_id: str
    action: str  # IMPORT or EXPORT
    resource_id: str  # the image imported or exported
    creation_time: str
    status: str = "Processing"
    finished_time: str = ""
    details: Dict[str, str] = field(default_factory=dict)  # where the image came from or went (OSS names)
    progress: int = 100  # percent, while Processing (the transition controls move it)

    @property
    def related(self) -> List[Dict[str, str]]:
        return [{"Name": name, "Value": value} for name, value in self.details.items()]
