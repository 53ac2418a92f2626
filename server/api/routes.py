"""The HTTP route table, with the metadata the OpenAPI document is generated from."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from server import __version__
from server.api import (
    accounts,
    assist,
    audit,
    channels,
    handlers,
    kb_admin,
    labels,
    privacy,
    rating,
    replies,
    reports,
    support_access,
    uploads,
    webhooks,
    widget_help,
)
from server.api.account_schemas import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyList,
    Deactivated,
    InvitationAccept,
    InvitationIssued,
    InvitationList,
    InvitationPreviewOut,
    InviteIn,
    MemberList,
    MemberOut,
    MemberPatch,
    PasswordChange,
    PasswordResetConfirm,
    PasswordResetIn,
    RevokedOut,
    SessionList,
)
from server.api.assist import SuggestionOut, SummaryOut
from server.api.audit import AccessReviewOut, AuditPageOut, cross_tenant_guard
from server.api.privacy import ContactExportOut, ErasedOut, PrivacyRequestList
from server.api.replies import (
    AppliedOut,
    ApplyIn,
    CannedReplyIn,
    CannedReplyList,
    CannedReplyOut,
    CannedReplyPatch,
    MacroIn,
    MacroList,
    MacroOut,
    MacroPatch,
    RenderedOut,
    RenderIn,
)
from server.api.reports import ReportOut
from server.api.schemas import (
    ArticleIn,
    ArticleList,
    ArticleOut,
    ChannelCreated,
    ChannelCredentialsIn,
    ChannelIn,
    ChannelList,
    ChannelOut,
    CitedQuestions,
    CommentIn,
    CommentOut,
    ContactPatch,
    ContactProfileOut,
    ConversationPage,
    ConversationPatch,
    ErrorBody,
    Health,
    IdentitySecretOut,
    KbUploadForm,
    LoginRequest,
    LoginResponse,
    MessagesPage,
    PrincipalOut,
    ReingestSummary,
    SearchResults,
    SetupRequest,
    SetupResponse,
    SetupStatus,
    TenantSettingsOut,
    TenantSettingsPatch,
    TicketIn,
    TicketPageOut,
    TicketPatch,
    TicketWithComments,
    UploadSummary,
    WidgetConfigOut,
)
from server.api.support_access import SupportAccessIn, SupportGrantList, SupportGrantOut
from server.api.uploads import UploadForm, UploadOut
from server.api.web import web_routes
from server.api.widget_help import CaptureIn, CaptureOut, HelpArticle, HelpResults
from server.protocol.objects import ContactObject, ConversationObject, TicketObject

Handler = Callable[[Request], Awaitable[Response]]
INTEGER_PARAMETERS = {"limit", "after_seq"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    handler: Handler
    summary: str
    response: type[BaseModel] | None  # None: no body (204)
    request: type[BaseModel] | None = None
    auth: bool = False
    errors: tuple[int, ...] = ()
    query: tuple[tuple[str, str], ...] = ()  # (name, description)
    tags: tuple[str, ...] = field(default=())
    status: int = 200  # of a success
    request_media: str = "application/json"  # multipart/form-data: file uploads


def accounts_endpoints() -> tuple[Endpoint, ...]:
    """Sessions, passwords, the team, invitations and API keys (server/api/accounts.py)."""
    admin_errors = (401, 403, 404)
    body_errors = (400, 413, 422)
    return (
        Endpoint(
            "GET",
            "/v1/auth/sessions",
            accounts.my_sessions,
            "The caller's own live sessions (signed-in staff)",
            SessionList,
            auth=True,
            errors=(401, 403),
            tags=("auth",),
        ),
        Endpoint(
            "DELETE",
            "/v1/auth/sessions/{id}",
            accounts.end_session,
            "End a session: the caller's own, or (admins) one of the tenant's users'; its "
            "token is refused from now on and its WebSockets close (4001) on every node",
            None,
            auth=True,
            errors=admin_errors,
            tags=("auth",),
            status=204,
        ),
        Endpoint(
            "POST",
            "/v1/auth/password",
            accounts.change_password,
            "Change the caller's password (the current one is required, 400 when wrong); "
            "every other session of the user ends",
            None,
            request=PasswordChange,
            auth=True,
            errors=(401, 403, *body_errors),
            tags=("auth",),
            status=204,
        ),
        Endpoint(
            "POST",
            "/v1/auth/password-reset",
            accounts.request_password_reset,
            "E-mail a single-use reset link ({public_url}/reset?token=..., valid 30 minutes) "
            "to the account with this address; the same 202 for any address",
            None,
            request=PasswordResetIn,
            errors=body_errors,
            tags=("auth",),
            status=202,
        ),
        Endpoint(
            "POST",
            "/v1/auth/password-reset/confirm",
            accounts.confirm_password_reset,
            "Spend a reset link: set the new password and end every session of the user "
            "(a used, expired or unknown token is 400)",
            None,
            request=PasswordResetConfirm,
            errors=body_errors,
            tags=("auth",),
            status=204,
        ),
        Endpoint(
            "GET",
            "/v1/users",
            accounts.list_users,
            "The tenant's active agents and admins, for assignment (staff); admins may ask "
            "for deactivated ones too",
            MemberList,
            auth=True,
            errors=(401, 403),
            query=(("include_inactive", "true: deactivated users too (admins)"),),
            tags=("team",),
        ),
        Endpoint(
            "POST",
            "/v1/users",
            accounts.invite_user,
            "Invite an address as agent or admin (admins): a single-use link valid 72 hours, "
            "e-mailed when SMTP is configured and returned as invite_url",
            InvitationIssued,
            request=InviteIn,
            auth=True,
            errors=(401, 403, 409, *body_errors),
            tags=("team",),
            status=201,
        ),
        Endpoint(
            "PATCH",
            "/v1/users/{id}",
            accounts.patch_user,
            "Change a user's role or name (admins); a new role ends their sessions; the "
            "tenant's last admin cannot be demoted (409)",
            MemberOut,
            request=MemberPatch,
            auth=True,
            errors=(*admin_errors, 409, *body_errors),
            tags=("team",),
        ),
        Endpoint(
            "DELETE",
            "/v1/users/{id}",
            accounts.deactivate_user,
            "Deactivate a user (admins): every session ends and their WebSockets close on "
            "every node; the tenant's last admin cannot be deactivated (409)",
            Deactivated,
            auth=True,
            errors=(*admin_errors, 409),
            tags=("team",),
        ),
        Endpoint(
            "GET",
            "/v1/users/{id}/sessions",
            accounts.user_sessions,
            "A user's live sessions (admins)",
            SessionList,
            auth=True,
            errors=admin_errors,
            tags=("team",),
        ),
        Endpoint(
            "GET",
            "/v1/invitations/accept",
            accounts.preview_invitation,
            "What an invitation link is for, before signing up (a used, expired or unknown "
            "token is 400)",
            InvitationPreviewOut,
            errors=(400,),
            query=(("token", "the token of the invitation link"),),
            tags=("team",),
        ),
        Endpoint(
            "POST",
            "/v1/invitations/accept",
            accounts.accept_invitation,
            "Accept an invitation with a name and password: the user is created and signed in",
            LoginResponse,
            request=InvitationAccept,
            errors=(409, *body_errors),
            tags=("team",),
        ),
        Endpoint(
            "GET",
            "/v1/invitations",
            accounts.list_invitations,
            "Open invitations, newest first (admins)",
            InvitationList,
            auth=True,
            errors=(401, 403),
            tags=("team",),
        ),
        Endpoint(
            "POST",
            "/v1/invitations/{id}/resend",
            accounts.resend_invitation,
            "A new link for an open invitation, valid 72 hours more (admins); the old link "
            "stops working",
            InvitationIssued,
            auth=True,
            errors=admin_errors,
            tags=("team",),
            status=201,
        ),
        Endpoint(
            "DELETE",
            "/v1/invitations/{id}",
            accounts.delete_invitation,
            "Withdraw an open invitation (admins)",
            None,
            auth=True,
            errors=admin_errors,
            tags=("team",),
            status=204,
        ),
        Endpoint(
            "GET",
            "/v1/apikeys",
            accounts.list_api_keys,
            "The tenant's bot API keys, revoked ones too, with their last use (admins)",
            ApiKeyList,
            auth=True,
            errors=(401, 403),
            tags=("team",),
        ),
        Endpoint(
            "POST",
            "/v1/apikeys",
            accounts.create_api_key,
            "Create a bot API key (admins); the key is shown this once",
            ApiKeyCreated,
            request=ApiKeyIn,
            auth=True,
            errors=(401, 403, *body_errors),
            tags=("team",),
            status=201,
        ),
        Endpoint(
            "DELETE",
            "/v1/apikeys/{id}",
            accounts.revoke_api_key,
            "Revoke an API key (admins): refused from now on, its bots' WebSockets close on "
            "every node",
            RevokedOut,
            auth=True,
            errors=admin_errors,
            tags=("team",),
        ),
    )


def support_access_endpoints() -> tuple[Endpoint, ...]:
    """A super_admin's grants into a tenant, and that tenant's admins' view of them
    (server/api/support_access.py; README "Security model")."""
    return (
        Endpoint(
            "POST",
            "/v1/support-access",
            support_access.open_grant,
            "A super_admin opens a tenant to itself: a reason (10-500 characters) and at most "
            "1440 minutes, audited in that tenant's log. Without a grant a super_admin sees no "
            "tenant's conversations; with one it names the tenant on each request "
            "(X-FlowSupport-Tenant: <tenant id>)",
            SupportGrantOut,
            request=SupportAccessIn,
            auth=True,
            errors=(400, 401, 403, 404, 413, 422),
            tags=("support-access",),
            status=201,
        ),
        Endpoint(
            "GET",
            "/v1/support-access",
            support_access.list_grants,
            "Admins: the grants on this tenant (also in its audit log). A super_admin: the "
            "grants it holds",
            SupportGrantList,
            auth=True,
            errors=(401, 403),
            tags=("support-access",),
        ),
        Endpoint(
            "DELETE",
            "/v1/support-access/{id}",
            support_access.end_grant,
            "End a grant now (its super_admin, or an admin of its tenant); audited",
            None,
            auth=True,
            errors=(401, 403, 404),
            tags=("support-access",),
            status=204,
        ),
    )


def audit_endpoints() -> tuple[Endpoint, ...]:
    """The audit log and the access review (server/api/audit.py; README "Audit log")."""
    return (
        Endpoint(
            "GET",
            "/v1/audit",
            audit.list_audit,
            "The tenant's audit log, newest first (admins): filters actor (an actor id), "
            "action (exact, or a prefix ending in `.` such as `auth.`), target (an id, or "
            "kind:id), since/until (ISO-8601 instants with offset; until exclusive); "
            "keyset pages by cursor (limit <= 500, default 50). format=csv downloads the "
            "whole filtered range (at most 100,000 rows; X-Truncated: true when capped)",
            AuditPageOut,
            auth=True,
            errors=(400, 401, 403, 422),
            query=(
                ("actor", "an actor id"),
                ("action", "an action, or a prefix ending in ."),
                ("target", "a target id, or kind:id"),
                ("since", "ISO-8601 instant (inclusive)"),
                ("until", "ISO-8601 instant (exclusive)"),
                ("limit", "1..500, default 50 (JSON only)"),
                ("cursor", "next_cursor of the previous page"),
                ("format", "json (default) | csv"),
            ),
            tags=("audit",),
        ),
        Endpoint(
            "GET",
            "/v1/users/access-review",
            audit.access_review,
            "Access review (admins): every staff account of the tenant with its role, status, "
            "creation, last sign-in and last activity; CSV by default, format=json for JSON",
            AccessReviewOut,
            auth=True,
            errors=(400, 401, 403),
            query=(("format", "csv (default) | json"),),
            tags=("audit",),
        ),
    )


def label_endpoints() -> tuple[Endpoint, ...]:
    """Managed labels and bulk actions (server/api/labels.py; README "Labels, bulk actions
    and snooze")."""
    body_errors = (400, 413, 422)
    return (
        Endpoint(
            "GET",
            "/v1/labels",
            labels.list_labels,
            "The tenant's managed labels, by name, with the colour palette (staff)",
            labels.LabelList,
            auth=True,
            errors=(401, 403),
            tags=("labels",),
        ),
        Endpoint(
            "POST",
            "/v1/labels",
            labels.create_label,
            "Add a label: a name (the tag conversations carry), a colour of the palette and a "
            "description (admins); audited",
            labels.LabelOut,
            request=labels.LabelIn,
            auth=True,
            errors=(401, 403, 409, *body_errors),
            tags=("labels",),
            status=201,
        ),
        Endpoint(
            "PATCH",
            "/v1/labels/{id}",
            labels.patch_label,
            "Change a label (admins): a new name renames its tag on every conversation of the "
            "tenant (each announced `conversation.updated`); audited",
            labels.LabelOut,
            request=labels.LabelPatch,
            auth=True,
            errors=(401, 403, 404, 409, *body_errors),
            tags=("labels",),
        ),
        Endpoint(
            "DELETE",
            "/v1/labels/{id}",
            labels.delete_label,
            "Delete a label (admins): its tag leaves every conversation of the tenant (each "
            "announced `conversation.updated`); tickets keep their own tags; audited",
            labels.LabelDeleted,
            auth=True,
            errors=(401, 403, 404),
            tags=("labels",),
        ),
        Endpoint(
            "POST",
            "/v1/conversations/bulk",
            labels.bulk_update,
            "Apply one change (status, assignee_id, add_tags, remove_tags) to 1..100 "
            "conversations, each through PATCH /v1/conversations/{id}'s rules, audit and "
            "events in a transaction of its own; the answer says per id whether it applied",
            labels.BulkOut,
            request=labels.BulkIn,
            auth=True,
            errors=(401, 403, *body_errors),
            tags=("conversations",),
        ),
    )


def privacy_endpoints() -> tuple[Endpoint, ...]:
    """GDPR: a contact's export and erasure, the register of privacy requests
    (server/api/privacy.py; README "Privacy (GDPR)")."""
    return (
        Endpoint(
            "GET",
            "/v1/contacts/{id}/export",
            cross_tenant_guard("contact", privacy.export_contact),
            "Everything stored about a contact as one JSON document (admins): profile and "
            "identities, conversations with every message, tickets with comments, ratings, "
            "attachments' metadata, the audit entries naming them. `?format=zip`: a zip of "
            "export.json and files/<attachment id>-<name>. Recorded in the privacy-request "
            "register and audited (contact.export)",
            ContactExportOut,
            auth=True,
            errors=(400, 401, 403, 404),
            query=(("format", "json (default) or zip"),),
            tags=("privacy",),
        ),
        Endpoint(
            "DELETE",
            "/v1/contacts/{id}",
            cross_tenant_guard("contact", privacy.erase_contact),
            "Erase a contact (admins): their personal data leaves every table, conversations "
            "and tickets stay as anonymous shells, their visitor token is refused and their "
            "sockets close (4001). Ends with a reconciliation scan; if it still finds them, "
            "nothing is erased and the answer is 500 `internal`. Audited (contact.erase)",
            ErasedOut,
            auth=True,
            errors=(400, 401, 403, 404, 500),
            tags=("privacy",),
        ),
        Endpoint(
            "GET",
            "/v1/privacy-requests",
            privacy.list_requests,
            "The tenant's register of exports and erasures, newest first, with due dates (admins)",
            PrivacyRequestList,
            auth=True,
            errors=(400, 401, 403, 422),
            query=(("cursor", "from the previous page"), ("limit", "1..200, default 50")),
            tags=("privacy",),
        ),
    )


def assist_endpoints() -> tuple[Endpoint, ...]:
    """AI help for agents (server/api/assist.py): nothing reaches the customer."""
    return (
        Endpoint(
            "POST",
            "/v1/conversations/{id}/suggested-reply",
            assist.suggest_reply,
            "Staff: a reply to the customer's last question drafted from the knowledge base "
            "(quoting, or the LLM), with its sources; where the AI would hand over, no draft "
            "but the reason and the closest articles. Never sent",
            SuggestionOut,
            auth=True,
            errors=(400, 401, 403, 404, 429, 503),
            tags=("conversations",),
        ),
        Endpoint(
            "POST",
            "/v1/conversations/{id}/summary",
            assist.summarize,
            "Staff: the conversation so far in a few lines (the LLM's within the AI budgets, "
            "else extractive). Not stored",
            SummaryOut,
            auth=True,
            errors=(400, 401, 403, 404),
            tags=("conversations",),
        ),
    )


def replies_endpoints() -> tuple[Endpoint, ...]:
    """Canned replies and macros, shared (admins write) and personal (the caller's own)
    (server/api/replies.py; README "Canned replies and macros")."""
    body_errors = (400, 401, 403, 404, 409, 413, 422)
    one = (401, 403, 404)
    tags = ("replies",)
    return (
        Endpoint(
            "GET",
            "/v1/canned_replies",
            replies.list_replies,
            "Staff: the tenant's shared canned replies and the caller's personal ones (never "
            "another agent's), with the variables a body may use",
            CannedReplyList,
            auth=True,
            errors=(401, 403),
            tags=tags,
        ),
        Endpoint(
            "POST",
            "/v1/canned_replies",
            replies.create_reply,
            "A canned reply: personal (any agent), or shared: true (admins). Its code is "
            "unique among the shared ones and among each agent's own (409)",
            CannedReplyOut,
            request=CannedReplyIn,
            auth=True,
            errors=body_errors,
            tags=tags,
            status=201,
        ),
        Endpoint(
            "PATCH",
            "/v1/canned_replies/{id}",
            replies.patch_reply,
            "Change a canned reply's code, title or body (the keys present): one's own, or "
            "(admins) a shared one",
            CannedReplyOut,
            request=CannedReplyPatch,
            auth=True,
            errors=body_errors,
            tags=tags,
        ),
        Endpoint(
            "DELETE",
            "/v1/canned_replies/{id}",
            replies.delete_reply,
            "Delete a canned reply: one's own, or (admins) a shared one",
            None,
            auth=True,
            errors=one,
            tags=tags,
            status=204,
        ),
        Endpoint(
            "POST",
            "/v1/canned_replies/{id}/render",
            replies.render_reply,
            "The reply's body with its variables filled in for a conversation; variables "
            "without a value are left empty (missing), unknown ones as written (unknown)",
            RenderedOut,
            request=RenderIn,
            auth=True,
            errors=body_errors,
            tags=tags,
        ),
        Endpoint(
            "GET",
            "/v1/macros",
            replies.list_macros,
            "Staff: the tenant's shared macros and the caller's personal ones",
            MacroList,
            auth=True,
            errors=(401, 403),
            tags=tags,
        ),
        Endpoint(
            "POST",
            "/v1/macros",
            replies.create_macro,
            "A macro: a name and its actions; personal (any agent), or shared: true (admins)",
            MacroOut,
            request=MacroIn,
            auth=True,
            errors=body_errors,
            tags=tags,
            status=201,
        ),
        Endpoint(
            "PATCH",
            "/v1/macros/{id}",
            replies.patch_macro,
            "Change a macro's name or actions: one's own, or (admins) a shared one",
            MacroOut,
            request=MacroPatch,
            auth=True,
            errors=body_errors,
            tags=tags,
        ),
        Endpoint(
            "DELETE",
            "/v1/macros/{id}",
            replies.delete_macro,
            "Delete a macro: one's own, or (admins) a shared one",
            None,
            auth=True,
            errors=one,
            tags=tags,
            status=204,
        ),
        Endpoint(
            "POST",
            "/v1/macros/{id}/apply",
            replies.apply_macro,
            "Apply every action of the macro to a conversation, in order, each exactly as "
            "the `conversation.update` and `message.send` frames do (rules, audit, events). "
            "The first failing action stops the run: its error names it and how many were "
            "applied before it",
            AppliedOut,
            request=ApplyIn,
            auth=True,
            errors=body_errors,
            tags=tags,
        ),
    )


ENDPOINTS = (
    Endpoint(
        "POST",
        "/v1/auth/login",
        handlers.login,
        "Exchange an e-mail and password for an expiring access token (a new session). "
        "After FLOWSUPPORT_LOGIN_MAX_FAILURES failures for the account or the client address "
        "within FLOWSUPPORT_LOGIN_LOCKOUT_S: 429 `rate_limited` with Retry-After, even with "
        "the right password, until the lockout ends",
        LoginResponse,
        request=LoginRequest,
        errors=(400, 401, 413, 422, 429),
        tags=("auth",),
    ),
    *audit_endpoints(),  # before accounts': /v1/users/access-review is no user id
    Endpoint(
        "GET",
        "/v1/reports/{name}",
        reports.report,
        "A report for the reports page (agents and admins; README 'Reports'): volume, ai, "
        "team, csat or gaps over [since, until) (RFC 3339 dates or times; default the last "
        "30 days; at most 400 days) beside the period of the same length before it. "
        "format=csv: the report's table as text/csv",
        ReportOut,
        auth=True,
        errors=(400, 401, 403),
        query=(
            ("since", "RFC 3339 date or time (inclusive)"),
            ("until", "RFC 3339 date or time (exclusive)"),
            ("interval", "day | week: the series' buckets"),
            ("format", "json | csv"),
        ),
        tags=("reports",),
    ),
    *accounts_endpoints(),
    *support_access_endpoints(),
    *privacy_endpoints(),
    *label_endpoints(),  # before /v1/conversations/{id}: bulk is no conversation id
    *replies_endpoints(),
    *assist_endpoints(),
    Endpoint(
        "GET",
        "/v1/setup",
        handlers.setup_status,
        "First run: whether setup is still open, and whether this caller needs the token",
        SetupStatus,
        tags=("setup",),
    ),
    Endpoint(
        "POST",
        "/v1/setup",
        handlers.setup,
        "First run only (no tenant yet), from the loopback or with the token `serve` logs: "
        "create the first tenant and its admin, signed in",
        SetupResponse,
        request=SetupRequest,
        errors=(400, 403, 409, 413, 422),
        tags=("setup",),
        status=201,
    ),
    Endpoint(
        "GET",
        "/v1/me",
        handlers.me,
        "The principal the bearer credential belongs to",
        PrincipalOut,
        auth=True,
        errors=(401,),
        tags=("auth",),
    ),
    Endpoint(
        "GET",
        "/v1/conversations",
        handlers.list_conversations,
        "The inbox list: most recently active first, with contact and last public message",
        ConversationPage,
        auth=True,
        errors=(400, 401, 403, 422),
        query=(
            ("status", "comma-separated: open, pending, waiting_human, resolved, closed"),
            ("assignee", "a user id, `me` or `none`"),
            ("channel", "web, email, sms, whatsapp or api"),
            ("q", "words in the subject, the contact's name or e-mail, or any public message"),
            ("label", "conversations carrying this label (tag)"),
            ("snoozed", "true: only snoozed conversations; false: none of them"),
            ("limit", "1..200, default 50"),
            ("cursor", "next_cursor of the previous page"),
        ),
        tags=("conversations",),
    ),
    Endpoint(
        "GET",
        "/v1/conversations/{id}",
        cross_tenant_guard("conversation", handlers.get_conversation),
        "One conversation (staff: with their unread count; a visitor: its own)",
        ConversationObject,
        auth=True,
        errors=(401, 404),
        tags=("conversations",),
    ),
    Endpoint(
        "PATCH",
        "/v1/conversations/{id}",
        cross_tenant_guard("conversation", handlers.patch_conversation),
        "Change status, assignee, priority, tags, snoozed_until: the rules, audit and events "
        "of the `conversation.update` frame; its ticket moves in step (staff)",
        ConversationObject,
        request=ConversationPatch,
        auth=True,
        errors=(400, 401, 403, 404, 409, 413, 422),
        tags=("conversations",),
    ),
    Endpoint(
        "GET",
        "/v1/contacts/{id}",
        cross_tenant_guard("contact", handlers.get_contact),
        "A contact with their conversations and tickets (staff)",
        ContactProfileOut,
        auth=True,
        errors=(401, 403, 404),
        tags=("contacts",),
    ),
    Endpoint(
        "PATCH",
        "/v1/contacts/{id}",
        cross_tenant_guard("contact", handlers.patch_contact),
        "Staff: correct a contact's name and/or e-mail (an empty string clears one). "
        "Audited (contact.update, the fields only)",
        ContactObject,
        request=ContactPatch,
        auth=True,
        errors=(400, 401, 403, 404, 413, 422),
        tags=("contacts",),
    ),
    Endpoint(
        "GET",
        "/v1/conversations/{id}/messages",
        cross_tenant_guard("conversation", handlers.conversation_messages),
        "Messages after a seq, oldest first (pages what a `subscribe` replay truncated)",
        MessagesPage,
        auth=True,
        errors=(400, 401, 404),
        query=(("after_seq", "return messages with seq > after_seq"), ("limit", "1..1000")),
        tags=("conversations",),
    ),
    Endpoint(
        "POST",
        "/v1/uploads",
        uploads.upload,
        "Upload one file (field `file`) to attach with message.send: the bearer of an agent, "
        "an API key or a visitor token; type sniffed from the bytes, size capped by "
        "FLOWSUPPORT_MAX_ATTACHMENT_BYTES",
        UploadOut,
        request=UploadForm,
        request_media="multipart/form-data",
        auth=True,
        errors=(400, 401, 413, 422),
        status=201,
        tags=("attachments",),
    ),
    Endpoint(
        "GET",
        "/v1/attachments/{id}",
        uploads.download,
        "An attachment's bytes (staff of its tenant; a visitor: its own conversations' and its "
        "own pending uploads); Content-Disposition attachment (inline: sniffed raster "
        "images), nosniff, Cache-Control private",
        None,
        auth=True,
        errors=(401, 404),
        tags=("attachments",),
    ),
    Endpoint(
        "GET",
        "/v1/kb/search",
        handlers.kb_search,
        "Hybrid knowledge-base search (meaning, words, exact tokens), best first",
        SearchResults,
        auth=True,
        errors=(400, 401, 403, 409, 422),
        query=(("q", "the question, 1..500 characters"), ("limit", "1..20, default 5")),
        tags=("knowledge base",),
    ),
    Endpoint(
        "GET",
        "/v1/kb/articles",
        handlers.list_articles,
        "The tenant's knowledge-base articles, by title, with their passage counts (staff)",
        ArticleList,
        auth=True,
        errors=(400, 401, 403, 422),
        query=(
            ("q", "only articles with these characters in their title, path, URL or body"),
            ("limit", "1..500, default 100"),
        ),
        tags=("knowledge base",),
    ),
    Endpoint(
        "POST",
        "/v1/kb/uploads",
        kb_admin.upload_articles,
        "Ingest uploaded help-center files (.md, .html, .txt, or .zip archives of them) as "
        "`python -m kb_ingest` does: same source paths, unchanged files skipped (admins)",
        UploadSummary,
        request=KbUploadForm,
        request_media="multipart/form-data",
        auth=True,
        errors=(400, 401, 403, 413, 422),
        tags=("knowledge base",),
    ),
    Endpoint(
        "POST",
        "/v1/kb/reingest",
        kb_admin.reingest,
        "Chunk and embed every article again with this server's embedding model (admins)",
        ReingestSummary,
        auth=True,
        errors=(401, 403),
        tags=("knowledge base",),
    ),
    Endpoint(
        "GET",
        "/v1/kb/articles/{id}/questions",
        kb_admin.article_questions,
        "Recent visitor questions that AI answers citing this article answered (admins)",
        CitedQuestions,
        auth=True,
        errors=(400, 401, 403, 404),
        query=(("limit", "1..200, default 20"),),
        tags=("knowledge base",),
    ),
    Endpoint(
        "POST",
        "/v1/kb/articles",
        handlers.create_article,
        "Write an article by hand (admins); it is chunked and embedded at once",
        ArticleOut,
        request=ArticleIn,
        auth=True,
        errors=(400, 401, 403, 413, 422),
        tags=("knowledge base",),
        status=201,
    ),
    Endpoint(
        "GET",
        "/v1/kb/articles/{id}",
        handlers.get_article,
        "One article with its body (staff)",
        ArticleOut,
        auth=True,
        errors=(401, 403, 404),
        tags=("knowledge base",),
    ),
    Endpoint(
        "PUT",
        "/v1/kb/articles/{id}",
        handlers.replace_article,
        "Replace an article's content (admins); re-chunked and re-embedded",
        ArticleOut,
        request=ArticleIn,
        auth=True,
        errors=(400, 401, 403, 404, 413, 422),
        tags=("knowledge base",),
    ),
    Endpoint(
        "DELETE",
        "/v1/kb/articles/{id}",
        handlers.delete_article,
        "Remove an article and its chunks (admins)",
        ArticleOut,
        auth=True,
        errors=(401, 403, 404),
        tags=("knowledge base",),
    ),
    Endpoint(
        "GET",
        "/v1/settings",
        handlers.get_settings,
        "The caller's tenant settings, defaults filled in (admins)",
        TenantSettingsOut,
        auth=True,
        errors=(401, 403),
        tags=("settings",),
    ),
    Endpoint(
        "PATCH",
        "/v1/settings",
        handlers.patch_settings,
        "Change some tenant settings, all or none, audited (admins)",
        TenantSettingsOut,
        request=TenantSettingsPatch,
        auth=True,
        errors=(400, 401, 403, 413, 422),
        tags=("settings",),
    ),
    Endpoint(
        "POST",
        "/v1/settings/identity-secret",
        handlers.rotate_identity_secret,
        "A new identity-verification secret, shown once; the previous one keeps verifying "
        "identity HMACs for 24 hours (admins)",
        IdentitySecretOut,
        auth=True,
        errors=(401, 403),
        tags=("settings",),
    ),
    Endpoint(
        "GET",
        "/v1/widget/config",
        handlers.widget_config,
        "Public: the name and look the widget of a widget key draws itself with "
        "(cacheable for 60 s)",
        WidgetConfigOut,
        errors=(400, 404),
        query=(("key", "the widget key (wk_...)"),),
        tags=("widget",),
    ),
    Endpoint(
        "GET",
        "/v1/widget/capture",
        widget_help.capture_state,
        "The e-mail capture's state for this visitor (visitor token): an address on file, "
        "the tenant outside its business hours",
        CaptureOut,
        auth=True,
        errors=(401, 403, 429),
        tags=("widget",),
    ),
    Endpoint(
        "POST",
        "/v1/widget/capture",
        widget_help.capture,
        "Store the visitor's e-mail address on its contact (visitor token; idempotent; an "
        "identified contact's address is kept); agents' replies reach it while away",
        CaptureOut,
        request=CaptureIn,
        auth=True,
        errors=(400, 401, 403, 413, 422, 429),
        tags=("widget",),
    ),
    Endpoint(
        "GET",
        "/v1/widget/help/search",
        widget_help.help_search,
        "Search the tenant's help center from the widget (visitor token), best first",
        HelpResults,
        auth=True,
        errors=(400, 401, 422, 429),
        query=(("q", "the words, 1..500 characters"), ("limit", "1..10, default 5")),
        tags=("widget",),
    ),
    Endpoint(
        "GET",
        "/v1/widget/help/articles/{id}",
        widget_help.help_article,
        "One help-center article of the visitor's tenant, its Markdown body (visitor token)",
        HelpArticle,
        auth=True,
        errors=(401, 404, 429),
        tags=("widget",),
    ),
    Endpoint(
        "GET",
        "/v1/channels",
        channels.list_channels,
        "The tenant's customer channels, never a credential (admins)",
        ChannelList,
        auth=True,
        errors=(401, 403),
        tags=("channels",),
    ),
    Endpoint(
        "POST",
        "/v1/channels",
        channels.add_channel,
        "Add a channel, with the fields of `flowsupport channel add` (admins)",
        ChannelCreated,
        request=ChannelIn,
        auth=True,
        errors=(400, 401, 403, 409, 413, 422),
        tags=("channels",),
        status=201,
    ),
    Endpoint(
        "DELETE",
        "/v1/channels/{id}",
        channels.delete_channel,
        "Remove a channel: its webhook answers 404 from now on; its conversations stay (admins)",
        None,
        auth=True,
        errors=(401, 403, 404),
        tags=("channels",),
        status=204,
    ),
    Endpoint(
        "POST",
        "/v1/channels/{id}/credentials",
        channels.reseal_channel,
        "Give a provider channel's credentials again, sealed with the current key (admins)",
        ChannelOut,
        request=ChannelCredentialsIn,
        auth=True,
        errors=(400, 401, 403, 404, 413, 422),
        tags=("channels",),
    ),
    Endpoint(
        "GET",
        "/v1/tickets",
        handlers.list_tickets,
        "Tickets, most recently updated first, filtered (staff)",
        TicketPageOut,
        auth=True,
        errors=(400, 401, 403, 422),
        query=(
            ("status", "new, open, pending, solved or closed"),
            ("assignee", "a user id, `me` or `none`"),
            ("priority", "low, normal, high or urgent"),
            ("tag", "tickets carrying this tag"),
            ("q", "words in the subject or any comment (typos tolerated)"),
            ("limit", "1..200, default 50"),
            ("cursor", "next_cursor of the previous page"),
        ),
        tags=("tickets",),
    ),
    Endpoint(
        "POST",
        "/v1/tickets",
        handlers.create_ticket,
        "Open a ticket for a contact or a conversation (staff); announced `ticket.created`",
        TicketObject,
        request=TicketIn,
        auth=True,
        errors=(400, 401, 403, 404, 413, 422),
        tags=("tickets",),
        status=201,
    ),
    Endpoint(
        "GET",
        "/v1/tickets/{id}",
        cross_tenant_guard("ticket", handlers.get_ticket),
        "A ticket and its comments (customers: their own, public comments only)",
        TicketWithComments,
        auth=True,
        errors=(401, 404),
        tags=("tickets",),
    ),
    Endpoint(
        "PATCH",
        "/v1/tickets/{id}",
        cross_tenant_guard("ticket", handlers.patch_ticket),
        "Change status (allowed moves only), priority, assignee, tags, subject, custom fields; "
        "a ticket's status, assignee and priority move its conversation too (one case)",
        TicketObject,
        request=TicketPatch,
        auth=True,
        errors=(400, 401, 403, 404, 409, 413, 422),
        tags=("tickets",),
    ),
    Endpoint(
        "POST",
        "/v1/tickets/{id}/comments",
        cross_tenant_guard("ticket", handlers.add_comment),
        "Comment on a ticket: public ones reach the customer, internal ones never do",
        CommentOut,
        request=CommentIn,
        auth=True,
        errors=(400, 401, 403, 404, 413, 422),
        tags=("tickets",),
        status=201,
    ),
    Endpoint("GET", "/healthz", handlers.healthz, "Liveness", Health, tags=("operations",)),
    Endpoint(
        "GET",
        "/readyz",
        handlers.readyz,
        "Readiness: the database (and broker) answer",
        Health,
        errors=(503,),
        tags=("operations",),
    ),
)


def openapi_document() -> dict[str, Any]:
    """OpenAPI 3.1 for ENDPOINTS, with pydantic's JSON schemas as components."""
    schemas: dict[str, Any] = {}

    def ref(model: type[BaseModel]) -> dict[str, str]:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
        return {"$ref": f"#/components/schemas/{model.__name__}"}

    paths: dict[str, dict[str, Any]] = {}
    error_ref = ref(ErrorBody)
    for ep in ENDPOINTS:
        operation: dict[str, Any] = {
            "summary": ep.summary,
            "operationId": ep.handler.__name__,
            "tags": list(ep.tags),
            "responses": {
                str(ep.status): _success(
                    ep.status, None if ep.response is None else ref(ep.response)
                ),
                **{
                    str(status): {
                        "description": "error",
                        "content": {"application/json": {"schema": error_ref}},
                    }
                    for status in ep.errors
                },
            },
        }
        parameters = [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": text,
                "schema": {"type": "integer" if name in INTEGER_PARAMETERS else "string"},
            }
            for name, text in ep.query
        ]
        if "{id}" in ep.path:
            parameters.insert(
                0, {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            )
        if parameters:
            operation["parameters"] = parameters
        if ep.request is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {ep.request_media: {"schema": ref(ep.request)}},
            }
        if ep.auth:
            operation["security"] = [{"bearer": []}]
        paths.setdefault(ep.path, {})[ep.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "FlowSupport", "version": __version__},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "an access token from /v1/auth/login, or a tenant API key",
                }
            },
        },
    }


def _success(status: int, schema: dict[str, str] | None) -> dict[str, Any]:
    description = {201: "Created", 202: "Accepted", 204: "No Content"}.get(status, "OK")
    if schema is None:
        return {"description": description}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


async def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.state.openapi)


def routes() -> list[BaseRoute]:
    table: list[BaseRoute] = [Route(ep.path, ep.handler, methods=[ep.method]) for ep in ENDPOINTS]
    table.append(Route("/openapi.json", openapi, methods=["GET"]))
    table.append(Route("/metrics", handlers.metrics, methods=["GET"]))
    table += [
        # Providers' webhooks: not JSON APIs, so not in the OpenAPI document (README).
        Route("/v1/channels/email/inbound", webhooks.mailgun_inbound, methods=["POST"]),
        Route("/v1/channels/twilio/{channel_id}", webhooks.twilio_webhook, methods=["POST"]),
        Route("/v1/channels/whatsapp/{channel_id}", webhooks.whatsapp_verify, methods=["GET"]),
        Route("/v1/channels/whatsapp/{channel_id}", webhooks.whatsapp_webhook, methods=["POST"]),
    ]
    # The rating page a signed link opens (HTML for the customer, not a JSON API).
    table.append(Route("/v1/csat/{token}", rating.rating_page, methods=["GET", "POST"]))
    table += web_routes()
    return table
