-- The child's name beside the form, so that lists can name the referral without reading it.
ALTER TABLE referrals ADD COLUMN child_name TEXT NOT NULL DEFAULT '';
UPDATE referrals SET child_name = COALESCE(LEFT(form::json -> 'child' ->> 'name', 500), '');
