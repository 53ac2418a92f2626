"""HTTP request and response bodies (DESIGN.md "Contract: HTTP"), also the OpenAPI schemas."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from server.clock import rfc3339
from server.domain.models import KbArticle, Message, User


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LoginRequest(Strict):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class UserOut(Strict):
    id: str
    tenant_id: str
    email: str
    name: str
    role: str

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(
            id=str(user.id),
            tenant_id=str(user.tenant_id),
            email=user.email,
            name=user.name,
            role=user.role.value,
        )


class LoginResponse(Strict):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    user: UserOut


class PrincipalOut(Strict):
    kind: str
    id: str
    tenant_id: str
    role: str
    name: str | None = None


class SenderOut(Strict):
    kind: str
    id: str | None = None
    name: str | None = None


class MessageOut(Strict):
    """PROTOCOL.md's message object."""

    id: str
    conversation_id: str
    seq: int
    sender: SenderOut
    body: str
    private: bool
    client_msg_id: str | None = None
    citations: list[dict[str, Any]] | None = None
    created_at: str

    @classmethod
    def of(cls, message: Message) -> MessageOut:
        return cls(
            id=str(message.id),
            conversation_id=str(message.conversation_id),
            seq=message.seq,
            sender=SenderOut(
                kind=message.sender.kind, id=message.sender.id, name=message.sender.name
            ),
            body=message.body,
            private=message.private,
            client_msg_id=message.client_msg_id,
            citations=list(message.citations) if message.citations is not None else None,
            created_at=rfc3339(message.created_at),
        )


class MessagesPage(Strict):
    messages: list[MessageOut]
    next_after_seq: int | None = Field(
        description="pass as after_seq for the next page; null when this page is the last"
    )


class ErrorDetail(Strict):
    code: str
    message: str


class ErrorBody(Strict):
    error: ErrorDetail


class Health(Strict):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)


class SearchResult(Strict):
    article_id: str
    title: str
    source_path: str | None = None
    url: str | None = None
    snippet: str
    heading_path: str = ""
    score: float


class SearchResults(Strict):
    results: list[SearchResult]


class ArticleIn(Strict):
    title: str = Field(min_length=1, max_length=500)
    body: str = Field(min_length=1, max_length=200_000)
    url: str | None = Field(default=None, max_length=2000)
    tags: list[str] = Field(default_factory=list, max_length=50)


class ArticleOut(Strict):
    id: str
    title: str
    body: str | None = None  # in the single-article view only
    source_path: str | None = None
    url: str | None = None
    tags: list[str]
    updated_at: str

    @classmethod
    def of(cls, article: KbArticle, *, with_body: bool) -> ArticleOut:
        return cls(
            id=str(article.id),
            title=article.title,
            body=article.body if with_body else None,
            source_path=article.source_path,
            url=article.url,
            tags=list(article.tags),
            updated_at=rfc3339(article.updated_at),
        )


class ArticleList(Strict):
    articles: list[ArticleOut]


class TenantSettingsOut(Strict):
    ai_enabled: bool
    ai_tokens_per_conversation: int | None = Field(
        description="LLM tokens one conversation may use; null: no limit"
    )
    ai_tokens_per_month: int | None = Field(
        description="LLM tokens the tenant may use per calendar month (UTC); null: no limit"
    )


class TenantSettingsPatch(Strict):
    """Only the keys present change; null lifts a token limit."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    ai_enabled: bool | None = None
    ai_tokens_per_conversation: int | None = Field(default=None, ge=0)
    ai_tokens_per_month: int | None = Field(default=None, ge=0)
