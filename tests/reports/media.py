"""Files written by tests go to a temporary folder, not the developer's media (the
database rows are rolled back; files would stay).

django-tenants' TenantFileSystemStorage caches its MEDIA_ROOT-based folder and does
not forget it when MEDIA_ROOT changes (its setting_changed handler passes the wrong
argument), so the cached value is dropped here by hand, before and after."""

import pytest
from django.core.files.storage import storages


def media_root_forget() -> None:
    storages["default"].__dict__.pop("relative_media_root", None)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    media_root_forget()
    yield
    media_root_forget()  # recomputed from the restored setting on next use
