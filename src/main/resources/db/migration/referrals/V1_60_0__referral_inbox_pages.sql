-- The managers' inbox pages the awaiting referrals oldest first by keyset on (received_at, id), no
-- OFFSET: ref_referral_awaiting serves the whole inbox, ref_referral_partner_awaiting the inbox narrowed
-- to one partner (its prefix (org_id, partner_id) still serves the matcher's look-up by partner).
DROP INDEX ref_referral_status;
CREATE INDEX ref_referral_awaiting ON ref_referral (org_id, status, received_at, id);
DROP INDEX ref_referral_partner;
CREATE INDEX ref_referral_partner_awaiting ON ref_referral (org_id, partner_id, status, received_at, id);
