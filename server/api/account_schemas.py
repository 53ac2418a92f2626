"""HTTP bodies of the account endpoints: sessions, passwords, the team, invitations and API
keys (DESIGN.md "Contract: HTTP"); also their OpenAPI schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field

from server.api.schemas import Strict, UserOut
from server.clock import rfc3339
from server.domain.accounts import ApiKey, Invitation, StaffMember, UserSession


def _time(value: datetime | None) -> str | None:
    return rfc3339(value) if value is not None else None


class MemberOut(UserOut):
    """A user of the tenant (the assignment list's fields, then the team page's)."""

    active: bool = Field(description="false once deactivated")
    last_sign_in_at: str | None
    created_at: str

    @classmethod
    def of_member(cls, member: StaffMember) -> MemberOut:
        user = member.user
        return cls(
            id=str(user.id),
            tenant_id=str(user.tenant_id),
            email=user.email,
            name=user.name,
            role=user.role.value,
            active=member.active,
            last_sign_in_at=_time(member.last_sign_in_at),
            created_at=rfc3339(user.created_at),
        )


class MemberList(Strict):
    users: list[MemberOut]


class MemberPatch(Strict):
    """Only the keys present change; a new role ends the user's sessions."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    role: Literal["agent", "admin"] | None = None
    name: str | None = Field(default=None, max_length=200)


class Deactivated(Strict):
    user_id: str
    sessions_closed: int = Field(description="live sessions revoked now (their sockets close)")


class InviteIn(Strict):
    email: str = Field(max_length=320)
    role: Literal["agent", "admin"]


class InvitedBy(Strict):
    id: str
    name: str | None


class InvitationOut(Strict):
    id: str
    email: str
    role: str
    created_at: str
    expires_at: str
    invited_by: InvitedBy | None = Field(description="null when the operator invited")

    @classmethod
    def of(cls, invitation: Invitation) -> InvitationOut:
        by = invitation.invited_by
        return cls(
            id=str(invitation.id),
            email=invitation.email,
            role=invitation.role.value,
            created_at=rfc3339(invitation.created_at),
            expires_at=rfc3339(invitation.expires_at),
            invited_by=InvitedBy(id=str(by), name=invitation.invited_by_name) if by else None,
        )


class InvitationIssued(Strict):
    invitation: InvitationOut
    invite_url: str = Field(description="the single-use link (also e-mailed when SMTP is set)")


class InvitationList(Strict):
    invitations: list[InvitationOut] = Field(
        description="neither accepted nor revoked, newest first (expired ones until resent)"
    )


class InvitationPreviewOut(Strict):
    email: str
    tenant_name: str
    expires_at: str


class InvitationAccept(Strict):
    token: str = Field(max_length=200)
    name: str = Field(max_length=200)
    password: str = Field(max_length=1024)


class SessionOut(Strict):
    id: str
    created_at: str
    last_seen_at: str = Field(description="moves at most once a minute")
    user_agent: str
    address: str | None
    current: bool = Field(description="the session the caller's own token carries")

    @classmethod
    def of(cls, session: UserSession, current: str | None) -> SessionOut:
        return cls(
            id=str(session.id),
            created_at=rfc3339(session.created_at),
            last_seen_at=rfc3339(session.last_seen_at),
            user_agent=session.user_agent,
            address=session.address,
            current=str(session.id) == current,
        )


class SessionList(Strict):
    sessions: list[SessionOut]


class PasswordChange(Strict):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class PasswordResetIn(Strict):
    email: str = Field(max_length=320)


class PasswordResetConfirm(Strict):
    token: str = Field(max_length=200)
    password: str = Field(max_length=1024)


class ApiKeyOut(Strict):
    id: str
    name: str
    created_at: str
    last_used_at: str | None = Field(description="recorded at most once a minute")
    revoked_at: str | None

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyOut:
        return cls(
            id=str(key.id),
            name=key.name,
            created_at=rfc3339(key.created_at),
            last_used_at=_time(key.last_used_at),
            revoked_at=_time(key.revoked_at),
        )


class ApiKeyList(Strict):
    api_keys: list[ApiKeyOut]


class ApiKeyIn(Strict):
    name: str = Field(max_length=200)


class ApiKeyCreated(Strict):
    id: str
    name: str
    api_key: str = Field(description="shown this once; only its hash is kept")


class RevokedOut(Strict):
    revoked: bool
