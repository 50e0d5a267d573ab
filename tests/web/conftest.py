"""Fixtures for the web workspace: a workspace folder of real profiles and the real app over it."""
import html
import re
import shutil

import pytest

from orgdesign.web import create_app

from ..conftest import EXAMPLES

HOST = {"Host": "127.0.0.1:8765"}


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "clients"
    folder.mkdir()
    for name in ("nascent-logistics", "mixed-retail"):
        shutil.copy(EXAMPLES / f"{name}.yaml", folder / f"{name}.yaml")
    return folder


@pytest.fixture
def app(workspace, reasoner):
    return create_app(workspace, reasoner)


@pytest.fixture
def client(app):
    return Browserless(app.test_client())


class Browserless:
    """Flask's test client, used as a browser with script off would be: read a form, post it back."""

    def __init__(self, client):
        self.client = client

    def get(self, url, headers=HOST):
        return self.client.get(url, headers=headers)

    def post(self, url, data, headers=HOST):
        return self.client.post(url, data=data, headers=headers)

    def form(self, url):
        """The hidden fields of the page's answer form (csrf token, step, digests), ready to post back."""
        page = self.get(url).get_data(as_text=True)
        fields = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', page))
        return {key: html.unescape(value) for key, value in fields.items()}


def flashes(response):
    """The messages a page shows (errors and notices), as text."""
    page = response.get_data(as_text=True)
    return [html.unescape(m) for m in re.findall(r'<p class="flash [a-z]+" role="[a-z]+">([^<]*)</p>', page)]
