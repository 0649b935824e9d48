import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Assertions on messages use the English source strings (the German catalogue is tested by use)."""
    with translation.override("en"):
        yield
