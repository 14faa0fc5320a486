-- How audit-service writes a configuration's connects and disconnects back to the EHR, chosen by the tenant's admin and
-- published in the configuration's snapshot (ConfigurationSnapshot.EhrWriteBack):
--   FHIR_AUDIT_EVENT        a FHIR R4 AuditEvent per connect, disconnect and device test (the default, and what every
--                           configuration registered before the choice existed keeps)
--   EPIC_CONNECTION_STATUS  Epic's telehealth SetExternalConnectionStatus web service on the same Interconnect instance
-- Changing it keeps the approval: it does not change which EHR the configuration names.
alter table fhir_configuration
    add column ehr_write_back varchar(40) not null default 'FHIR_AUDIT_EVENT'
        constraint fhir_configuration_ehr_write_back_check
            check (ehr_write_back in ('FHIR_AUDIT_EVENT', 'EPIC_CONNECTION_STATUS'));
