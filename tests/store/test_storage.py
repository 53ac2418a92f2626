"""The object-store seam (server/storage): one conformance suite over the directory store
and the S3 store against a real local S3-compatible server (moto in server mode), then the
whole upload -> message -> download path of a live server on FLOWSUPPORT_STORAGE_URL=s3://."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from server.errors import ConfigError
from server.storage.base import ObjectMissing, ObjectStore, new_key
from server.storage.files import FileStore
from server.storage.s3 import S3Store
from server.storage.select import store_for
from tests.api.test_uploads import bearer, png, uploaded, visitor_with_conversation
from tests.live import LiveServer, free_port, running_server
from tests.provision import ORIGIN, provision
from tests.wsclient import session

BUCKET = "flowsupport-test"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A real S3-compatible HTTP server on a free port, with one bucket."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    try:
        yield endpoint
    finally:
        server.stop()


def s3_client(endpoint: str) -> object:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )


@pytest.fixture(params=["file", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ObjectStore:
    if request.param == "file":
        return FileStore(tmp_path / "objects")
    endpoint = request.getfixturevalue("s3_endpoint")
    return S3Store(BUCKET, "attachments/", client=s3_client(endpoint))


async def test_put_get_delete_round_trip(store: ObjectStore) -> None:
    """What is put comes back byte for byte; after delete it is missing; deleting a missing
    key succeeds (deletes are retried)."""
    key = new_key(str(uuid.uuid4()))
    await store.put(key, b"\x00\x01 bytes", "application/octet-stream")
    assert await store.get(key) == b"\x00\x01 bytes"
    await store.put(key, b"replaced", "text/plain")
    assert await store.get(key) == b"replaced"
    await store.delete(key)
    with pytest.raises(ObjectMissing):
        await store.get(key)
    await store.delete(key)


@pytest.mark.parametrize(
    "key",
    [
        "../etc/passwd",
        "a/b",
        "6f0d596f-027b-4206-b371-62e10637ea6f/../../x",
        "0f69b7ec-514f-4ddd-b7d3-cba76ef8848f/ABC",
        "invoice.pdf",
        "",
    ],
    ids=["parent", "nested", "escapes", "upper-case", "no-tenant", "empty"],
)
async def test_keys_not_made_by_the_server_are_refused(store: ObjectStore, key: str) -> None:
    """Only tenant/random-hex keys are accepted: nothing user-named, nothing that climbs."""
    with pytest.raises(ValueError, match="storage key"):
        await store.put(key, b"x", "text/plain")
    with pytest.raises(ValueError, match="storage key"):
        await store.get(key)


async def test_the_file_store_writes_atomically_inside_its_root(tmp_path: Path) -> None:
    """A put leaves exactly the key's file (no temporary file) under the root, by tenant."""
    root = tmp_path / "objects"
    files = FileStore(root)
    tenant = str(uuid.uuid4())
    key = new_key(tenant)
    await files.put(key, b"data", "text/plain")
    assert [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()] == [key]
    assert files.path_of(key).parent == root / tenant


async def test_the_s3_store_keeps_objects_under_its_prefix(s3_endpoint: str) -> None:
    """The bucket holds the object under prefix/tenant/random, with its content type."""
    client = s3_client(s3_endpoint)
    key = new_key(str(uuid.uuid4()))
    await S3Store(BUCKET, "/pre/fix/", client=client).put(key, b"%PDF-1", "application/pdf")
    head = client.head_object(Bucket=BUCKET, Key=f"pre/fix/{key}")  # type: ignore[attr-defined]
    assert head["ContentType"] == "application/pdf" and head["ContentLength"] == 6


def test_the_storage_url_picks_the_store(tmp_path: Path) -> None:
    """Unset: <data dir>/attachments; file:// a directory; s3:// a bucket; others refused."""
    default = store_for(None, tmp_path)
    assert isinstance(default, FileStore) and default.root == (tmp_path / "attachments").resolve()
    chosen = store_for(f"file://{tmp_path}/elsewhere", tmp_path)
    assert isinstance(chosen, FileStore) and chosen.root == (tmp_path / "elsewhere").resolve()
    with pytest.raises(ConfigError):
        store_for("s3:///nobucket", tmp_path)
    with pytest.raises(ConfigError):
        store_for("ftp://host/x", tmp_path)


@pytest.fixture(scope="module")
def s3_server(s3_endpoint: str) -> Iterator[LiveServer]:
    """`flowsupport serve` keeping attachments in the S3 bucket."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-s3-"))
    env = {
        **CREDENTIALS,
        "AWS_ENDPOINT_URL": s3_endpoint,
        "FLOWSUPPORT_STORAGE_URL": f"s3://{BUCKET}/live",
    }
    try:
        with running_server(data_dir, extra_env=env) as live:
            yield live
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def s3_http(s3_server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=s3_server.base_url, timeout=30) as client:
        yield client


async def test_upload_message_download_through_s3(
    s3_server: LiveServer, s3_http: httpx.AsyncClient, s3_endpoint: str
) -> None:
    """A visitor's upload lands in the bucket (never in the data dir), rides a message, and
    the agent downloads the same bytes from the bucket."""
    shop = await provision(s3_server)
    async with session(s3_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        token, conversation_id = await visitor_with_conversation(v)
        got = await uploaded(s3_http, token, "shot.png", png())
        sent = await v.ok(
            {
                "type": "message.send",
                "conversation_id": conversation_id,
                "client_msg_id": "s3-1",
                "body": "see picture",
                "attachments": [got["upload_id"]],
            }
        )
    url = sent["message"]["attachments"][0]["url"]
    listed = s3_client(s3_endpoint).list_objects_v2(  # type: ignore[attr-defined]
        Bucket=BUCKET, Prefix=f"live/{shop.tenant_id}/"
    )
    assert [o["Size"] for o in listed.get("Contents", [])] == [len(png())]
    assert not (s3_server.data_dir / "attachments").exists()
    answer = await s3_http.get(url, headers=bearer(shop.agent_token))
    assert answer.status_code == 200 and answer.content == png()
