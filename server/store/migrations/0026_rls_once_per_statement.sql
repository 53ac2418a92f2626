-- Row-level security evaluated once per statement, not once per row (README "Reports").
--
-- The policies of the busiest tables called app_role(), app_tenant_id(), app_is_staff() and
-- app_user_id() as plain expressions, which PostgreSQL evaluates again for every row it
-- checks: a count over 200,000 messages spent 5x longer as an agent than as the owner
-- (bench/reports.py). Wrapped in a scalar subquery each becomes an InitPlan, computed once
-- per statement. The meaning of every policy is unchanged (same commands, roles and
-- conditions); tests/store/test_rls.py holds them to it.

ALTER POLICY messages_staff ON messages
    USING ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())))
    WITH CHECK ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())));

ALTER POLICY messages_customer_read ON messages
    USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer' AND NOT private
           AND EXISTS (SELECT 1 FROM conversations c
                       WHERE c.id = conversation_id AND c.contact_id = (SELECT app_user_id())));

ALTER POLICY messages_customer_send ON messages
    WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer' AND NOT private
                AND sender_kind = 'visitor' AND sender_id = (SELECT app_user_id())
                AND EXISTS (SELECT 1 FROM conversations c
                            WHERE c.id = conversation_id AND c.contact_id = (SELECT app_user_id())));

ALTER POLICY messages_customer_attach ON messages
    USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer' AND NOT private
           AND sender_kind = 'visitor' AND sender_id = (SELECT app_user_id()))
    WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer' AND NOT private
                AND sender_kind = 'visitor' AND sender_id = (SELECT app_user_id()));

ALTER POLICY conversations_staff ON conversations
    USING ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())))
    WITH CHECK ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())));

ALTER POLICY conversations_customer_own ON conversations
    USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer' AND contact_id = (SELECT app_user_id()))
    WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer'
                AND contact_id = (SELECT app_user_id()));

ALTER POLICY events_staff ON conversation_events
    USING ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())))
    WITH CHECK ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())));

ALTER POLICY events_customer_own ON conversation_events
    USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer' AND NOT private
           AND EXISTS (SELECT 1 FROM conversations c
                       WHERE c.id = conversation_id AND c.contact_id = (SELECT app_user_id())))
    WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer' AND NOT private
                AND EXISTS (SELECT 1 FROM conversations c
                            WHERE c.id = conversation_id AND c.contact_id = (SELECT app_user_id())));

ALTER POLICY tickets_staff ON tickets
    USING ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())))
    WITH CHECK ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())));

ALTER POLICY tickets_customer_read ON tickets
    USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer'
           AND requester_contact_id = (SELECT app_user_id()));

ALTER POLICY csat_ratings_staff_read ON csat_ratings
    USING ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())));

ALTER POLICY csat_ratings_customer_own ON csat_ratings
    USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer'
           AND contact_id = (SELECT app_user_id()))
    WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer'
                AND contact_id = (SELECT app_user_id())
                AND EXISTS (SELECT 1 FROM conversations c
                            WHERE c.id = conversation_id AND c.contact_id = (SELECT app_user_id())));

ALTER POLICY csat_ratings_admin_erase ON csat_ratings
    USING ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin'))
    WITH CHECK ((SELECT app_role()) = 'super_admin'
                OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin'));

ALTER POLICY contacts_staff ON contacts
    USING ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())))
    WITH CHECK ((SELECT app_role()) = 'super_admin' OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())));

ALTER POLICY contacts_customer_self ON contacts
    USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer' AND id = (SELECT app_user_id()))
    WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'customer' AND id = (SELECT app_user_id()));
