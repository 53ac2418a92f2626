"""The help center in the widget: a visitor searches its tenant's knowledge base and reads
an article, through the retrieval the assistant and the staff search use
(services/knowledge.py). Only the tenant of the visitor token is in sight (row-level
security); requests are rate-limited per visitor (services/visitor_rate.py)."""

from __future__ import annotations

from server.domain.access import Principal, SecurityContext
from server.domain.models import KbArticle, Role, SearchHit
from server.errors import NotFound, ValidationFailed
from server.ids import parse_uuid
from server.services.knowledge import KnowledgeBase
from server.services.visitor_rate import VisitorRate
from server.store import kb
from server.store.db import Database

MAX_QUERY_CHARS = 500


class HelpCenter:
    def __init__(self, db: Database, knowledge: KnowledgeBase, rate: VisitorRate) -> None:
        self._db = db
        self._knowledge = knowledge
        self._rate = rate

    async def search(self, who: Principal, query: str, limit: int) -> list[SearchHit]:
        """The best passages, one per article, best first."""
        self._rate.spend(who)
        text = " ".join(query.split())
        if not text or len(text) > MAX_QUERY_CHARS:
            raise ValidationFailed(f"q: 1 to {MAX_QUERY_CHARS} characters")
        context = SecurityContext(who.tenant_id, Role.AGENT)
        return await self._knowledge.search_as(context, who.tenant_id, text, limit)

    async def article(self, who: Principal, article_id: str) -> KbArticle:
        """One article of the visitor's tenant, its Markdown body whole."""
        self._rate.spend(who)
        wanted = parse_uuid(article_id, "article")
        async with self._db.unit(SecurityContext(who.tenant_id, Role.AGENT)) as conn:
            found = await kb.get_article(conn, wanted)
        if found is None:
            raise NotFound("article not found")
        return found
