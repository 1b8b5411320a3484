-- Client safety (R15): threat logbook, threat analysis and shield plan, compartment, emergency plan.
-- Every free text is ciphertext under the client's key, bound to table|row|column. No foreign key into
-- the cases module: the rows are deleted by a listener on ClientErased, in the erasure's transaction.

CREATE TABLE saf_threat_entry (
    id UUID PRIMARY KEY,
    client_id UUID NOT NULL,
    occurred_on DATE NOT NULL,
    kind VARCHAR(40) NOT NULL,
    from_whom BYTEA NOT NULL,
    what_happened BYTEA NOT NULL,
    what_done BYTEA NOT NULL,
    recorded_by UUID NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX saf_threat_entry_client ON saf_threat_entry (client_id, occurred_on);

-- Entries are never changed: a correction is a dated note of its own.
CREATE TABLE saf_threat_correction (
    id UUID PRIMARY KEY,
    entry_id UUID NOT NULL REFERENCES saf_threat_entry (id) ON DELETE CASCADE,
    client_id UUID NOT NULL,
    note BYTEA NOT NULL,
    recorded_by UUID NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX saf_threat_correction_client ON saf_threat_correction (client_id);

CREATE TABLE saf_shield_plan (
    client_id UUID PRIMARY KEY,
    involved BYTEA NOT NULL,
    knowledge BYTEA NOT NULL,
    history BYTEA NOT NULL,
    information_plan BYTEA NOT NULL,
    public_statement BYTEA NOT NULL,
    updated_by UUID NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE saf_shield_measure (
    id UUID PRIMARY KEY,
    client_id UUID NOT NULL,
    position INT NOT NULL,
    kind VARCHAR(40) NOT NULL,
    status VARCHAR(40) NOT NULL,
    description BYTEA NOT NULL,
    owner_text BYTEA NOT NULL
);
CREATE INDEX saf_shield_measure_client ON saf_shield_measure (client_id, position);

-- Relocation and new identity: only the tandem reads them, others only with a manager's approval.
CREATE TABLE saf_compartment (
    client_id UUID PRIMARY KEY,
    new_place BYTEA NOT NULL,
    new_name BYTEA NOT NULL,
    new_numbers BYTEA NOT NULL,
    updated_by UUID NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE saf_compartment_request (
    id UUID PRIMARY KEY,
    client_id UUID NOT NULL,
    requested_by UUID NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    reason BYTEA NOT NULL,
    approved_by UUID,
    approved_at TIMESTAMP WITH TIME ZONE,
    expires_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX saf_compartment_request_client ON saf_compartment_request (client_id, requested_by);

CREATE TABLE saf_emergency_plan (
    client_id UUID PRIMARY KEY,
    instructions BYTEA NOT NULL,
    updated_by UUID NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE saf_emergency_contact (
    id UUID PRIMARY KEY,
    client_id UUID NOT NULL,
    position INT NOT NULL,
    who_text BYTEA NOT NULL,
    number_text BYTEA NOT NULL,
    when_text BYTEA NOT NULL
);
CREATE INDEX saf_emergency_contact_client ON saf_emergency_contact (client_id, position);
