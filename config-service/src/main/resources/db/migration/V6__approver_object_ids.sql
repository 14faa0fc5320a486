-- The approval is bound to the Entra account (object id) that signed in to Epic, not only to its sign-in name: a user
-- principal name can be renamed or given to someone else between the SMART validation and the approval.
alter table fhir_configuration add column smart_validated_by_oid varchar(64);
alter table fhir_configuration add column approved_by_oid varchar(64);
