"""An S3-compatible object store (AWS S3, MinIO, Ceph, moto…) through boto3.

boto3 is synchronous: every call runs in a worker thread (asyncio.to_thread) so the event
loop never waits on the network. Endpoint, keys and region come from the usual AWS
variables (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION), which
boto3 reads itself.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from server.storage.base import ObjectMissing, StorageError, check_key

MISSING = {"NoSuchKey", "404", "NotFound"}


class S3Store:
    """An ObjectStore over ``s3://bucket/prefix``; the client is made once and shared by
    threads (boto3 clients are thread-safe)."""

    def __init__(self, bucket: str, prefix: str, client: Any | None = None) -> None:
        self._bucket = bucket
        self._prefix = prefix.strip("/")
        # botocore reads AWS_DEFAULT_REGION; AWS_REGION (the SDKs' other spelling) too here.
        region = os.environ.get("AWS_REGION") or None
        self._client = client if client is not None else boto3.client("s3", region_name=region)

    def object_name(self, key: str) -> str:
        check_key(key)
        return f"{self._prefix}/{key}" if self._prefix else key

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        name = self.object_name(key)
        await self._call(
            "put_object", Bucket=self._bucket, Key=name, Body=data, ContentType=content_type
        )

    async def get(self, key: str) -> bytes:
        name = self.object_name(key)
        try:
            answer = await self._call("get_object", Bucket=self._bucket, Key=name)
        except _Missing:
            raise ObjectMissing(f"no stored object {key}") from None
        body: bytes = await asyncio.to_thread(answer["Body"].read)
        return body

    async def delete(self, key: str) -> None:
        await self._call("delete_object", Bucket=self._bucket, Key=self.object_name(key))

    async def _call(self, operation: str, **arguments: Any) -> Any:
        method = getattr(self._client, operation)
        try:
            return await asyncio.to_thread(method, **arguments)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in MISSING:
                raise _Missing from exc
            raise StorageError(f"object store refused {operation}: {code}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"object store unreachable: {type(exc).__name__}") from exc


class _Missing(Exception):
    """Internal: S3 answered that the key does not exist."""
