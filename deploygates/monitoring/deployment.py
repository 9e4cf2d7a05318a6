"""When the new release went live, from the platform's history, for the rollback procedure (emergency
rollback within one hour of the deployment, planned rollback after) and the business metrics' windows.
`--deployed-at` wins; otherwise the platform's backend says what it knows (`Platform.deployed_at`)."""

from __future__ import annotations

from datetime import datetime

from deploygates.platform.model import Platform, PlatformError


def deployed_at(platform: Platform | None, target_image: str) -> tuple[datetime | None, str]:
    """The deployment time and where it comes from (or why it is unknown)."""
    if platform is None:
        return None, "no platform to read the deployment history from"
    try:
        return platform.deployed_at(target_image)
    except PlatformError as error:
        return None, f"the platform could not be read: {error}"
