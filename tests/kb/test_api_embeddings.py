"""FLOWSUPPORT_EMBED_MODEL: embeddings from a provider through LiteLLM, over real HTTP."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import httpx

from tests.fakes.openai_server import openai_server
from tests.live import running_server
from tests.provision import ingest, provision
from tests.realtime.test_ai_answers import CORPUS

SAMPLE = ["change-plan.md", "cancel-subscription.md", "excluding.md", "2fa.md"]


async def test_ingest_and_search_with_an_api_embedding_model() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-embed-"))
    folder = Path(tempfile.mkdtemp(prefix="fs-embed-kb-"))
    for name in SAMPLE:
        shutil.copy(CORPUS / name, folder / name)
    try:
        with openai_server() as (base_url, behaviour):
            env = {
                "FLOWSUPPORT_EMBED_MODEL": "openai/fake-embed",
                "FLOWSUPPORT_EMBED_API_BASE": base_url,
                "OPENAI_API_KEY": "sk-test",
            }
            with running_server(data_dir, extra_env=env) as server:
                tenant = await provision(server)
                ingested = ingest(server, tenant.tenant_id, folder)
                assert ingested["articles"] == 4
                sent = behaviour.embedded_texts
                assert sent >= ingested["chunks"]  # every chunk went to the provider
                again = ingest(server, tenant.tenant_id, folder)
                assert again["skipped"] == 4 and behaviour.embedded_texts == sent
                headers = {"authorization": f"Bearer {tenant.agent_token}"}
                async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
                    found = await http.get(
                        "/v1/kb/search",
                        params={"q": "cancel my subscription plan"},
                        headers=headers,
                    )
                assert found.status_code == 200, found.text
                assert found.json()["results"][0]["source_path"] == "cancel-subscription.md"
            # Back on the bundled model, the provider's vectors are not compared with its own.
            with running_server(data_dir) as server:
                async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
                    refused = await http.get(
                        "/v1/kb/search", params={"q": "cancel my plan"}, headers=headers
                    )
                assert refused.status_code == 409
                assert "openai/fake-embed" in refused.json()["error"]["message"]
                assert "re-index" in refused.json()["error"]["message"]
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
