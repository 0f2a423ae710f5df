from pathlib import Path

import pytest


@pytest.fixture
def stored_files(settings):
    """Every file under MEDIA_ROOT, to show a rejected upload left nothing behind."""

    def files() -> list[Path]:
        root = Path(settings.MEDIA_ROOT)
        return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []

    return files
