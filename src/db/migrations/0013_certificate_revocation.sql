-- Revoking a recognition (issue 5), and indexes for family and clan membership. The level that recognised a subject
-- may withdraw the title by a decision of its own (number, date) with a stated reason. History is never rewritten: the
-- recognition and its decision stay, the registration moves to 'revoked' (so every count of status 'recognised' stops
-- counting it), the certificate is marked revoked, and the public verification page shows the revocation's date and reason.

-- Widen the registration status check of 0006 (found by its definition, whatever name it carries now).
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
           WHERE conrelid = 'model_registration'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%status%''recognised''%'
  LOOP
    EXECUTE format('ALTER TABLE model_registration DROP CONSTRAINT %I', c);
  END LOOP;
END $$;
ALTER TABLE model_registration ADD CONSTRAINT model_registration_status_check
  CHECK (status IN ('draft','submitted','returned','proposed','recognised','rejected','revoked'));

-- One revocation per recognition. The issuer is the unit that issued the recognition decision. One revoking decision
-- may list several subjects, so its number may repeat within an issuer and year (with the same date, checked by the store).
CREATE TABLE recognition_revocation (
  registration_id bigint PRIMARY KEY REFERENCES recognition(registration_id),
  issuer_id       bigint NOT NULL REFERENCES org_unit(id),
  number          text NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
  decided_on      date NOT NULL,
  reason          text NOT NULL CHECK (length(reason) BETWEEN 5 AND 1000),
  revoked_by      bigint NOT NULL REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recognition_revocation_number ON recognition_revocation(issuer_id, number);

-- Family and clan membership (issue 5): a family (household) lists its citizens, a clan its member households, which
-- may live in several communes. The member rows point at their group; these indexes find a group's members.
CREATE INDEX learning_subject_family ON learning_subject(family_id) WHERE family_id IS NOT NULL;
CREATE INDEX learning_subject_clan ON learning_subject(clan_id) WHERE clan_id IS NOT NULL;
