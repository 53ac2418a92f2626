-- The widget's settings (issue 17). Its look (greeting, brand colour, theme, launcher
-- position) is one more key of tenants.settings and needs no schema; what does is rotating
-- the identity-verification secret: the secret a rotation replaced keeps verifying identity
-- HMACs until previous_identity_valid_until (the application's clock, never now() here), so
-- a site can move to the new secret without refusing its signed-in customers meanwhile.

ALTER TABLE tenants ADD COLUMN previous_identity_secret text;
ALTER TABLE tenants ADD COLUMN previous_identity_valid_until timestamptz;
ALTER TABLE tenants ADD CONSTRAINT tenants_previous_identity_check
    CHECK ((previous_identity_secret IS NULL) = (previous_identity_valid_until IS NULL));
