package io.ehrconnector.config.service;

import io.ehrconnector.config.entity.ConfigurationStatus;
import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.security.Roles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import static io.ehrconnector.config.entity.ConfigurationStatus.APPROVED;
import static io.ehrconnector.config.entity.ConfigurationStatus.DISABLED;
import static io.ehrconnector.config.entity.ConfigurationStatus.PENDING_APPROVAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every state and transition of a configuration, and every way to get one wrong. */
class ConfigurationLifecycleTest {

    private static final String TENANT = "7b0c7c4e-0000-4000-8000-000000000001";
    private static final Caller ADMIN = new Caller(TENANT, "oid-admin", "admin@contoso.org", Set.of(Roles.ADMIN));
    private static final Caller ANALYST = new Caller(TENANT, "oid-analyst", "Analyst@Contoso.org", Set.of(Roles.ANALYST));
    private static final Caller OTHER_ANALYST = new Caller(TENANT, "oid-other", "other@contoso.org", Set.of(Roles.ANALYST));
    private static final Caller APPROVER_WITHOUT_ROLE = new Caller(TENANT, "oid-x", "analyst@contoso.org", Set.of());

    private final ConfigurationLifecycle lifecycle = new ConfigurationLifecycle(Duration.ofHours(24));
    private final OffsetDateTime t0 = OffsetDateTime.of(2026, 11, 22, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void registeredConfigurationWaitsForApprovalAtVersionOne() {
        FhirConfiguration c = registered();
        assertEquals(PENDING_APPROVAL, c.status);
        assertEquals(1, c.version);
        assertEquals("admin@contoso.org", c.createdBy);
    }

    @Test
    void theNamedApproverValidatesThenApproves() {
        FhirConfiguration c = registered();
        lifecycle.smartValidated(c, ANALYST, t0.plusMinutes(5));
        assertEquals(PENDING_APPROVAL, c.status);
        lifecycle.approve(c, ANALYST, t0.plusMinutes(6));
        assertEquals(APPROVED, c.status);
        assertEquals("analyst@contoso.org", c.approvedBy);
        assertEquals(3, c.version);
    }

    @Test
    void approvalWithoutValidationIsRefusedAndSaysWhatToDo() {
        FhirConfiguration c = registered();
        LifecycleViolation v = assertThrows(LifecycleViolation.class, () -> lifecycle.approve(c, ANALYST, t0));
        assertEquals(LifecycleViolation.Kind.NOT_VALIDATED, v.kind());
        assertTrue(v.getMessage().contains("Sign in to Epic first"), v.getMessage());
        assertEquals(PENDING_APPROVAL, c.status);
        assertEquals(1, c.version);
    }

    @Test
    void approvalMustComeFromTheAccountThatSignedInToEpicNotJustTheSameName() {
        FhirConfiguration c = registered();
        lifecycle.smartValidated(c, ANALYST, t0);
        Caller renamedToTheApproversName = new Caller(TENANT, "oid-new-holder", "analyst@contoso.org", Set.of(Roles.ANALYST));
        LifecycleViolation v = assertThrows(LifecycleViolation.class,
                () -> lifecycle.approve(c, renamedToTheApproversName, t0.plusMinutes(1)));
        assertEquals(LifecycleViolation.Kind.NOT_VALIDATED, v.kind());
        assertTrue(v.getMessage().contains("another Microsoft 365 account"), v.getMessage());
        assertEquals(PENDING_APPROVAL, c.status);

        lifecycle.approve(c, ANALYST, t0.plusMinutes(2));
        assertEquals("oid-analyst", c.approvedByOid);
    }

    @Test
    void aStaleValidationMustBeRepeated() {
        FhirConfiguration c = registered();
        lifecycle.smartValidated(c, ANALYST, t0);
        LifecycleViolation v = assertThrows(LifecycleViolation.class, () -> lifecycle.approve(c, ANALYST, t0.plusHours(25)));
        assertEquals(LifecycleViolation.Kind.NOT_VALIDATED, v.kind());
    }

    @Test
    void onlyTheNamedApproverWithTheAnalystRoleMayValidateOrApprove() {
        FhirConfiguration c = registered();
        for (Caller wrong : new Caller[] {OTHER_ANALYST, ADMIN, APPROVER_WITHOUT_ROLE}) {
            assertEquals(LifecycleViolation.Kind.NOT_THE_APPROVER,
                    assertThrows(LifecycleViolation.class, () -> lifecycle.smartValidated(c, wrong, t0)).kind());
        }
        lifecycle.smartValidated(c, ANALYST, t0);
        assertEquals(LifecycleViolation.Kind.NOT_THE_APPROVER,
                assertThrows(LifecycleViolation.class, () -> lifecycle.approve(c, OTHER_ANALYST, t0)).kind());
    }

    @Test
    void anAdminWhoIsAlsoTheNamedAnalystMayApprove() {
        Caller both = new Caller(TENANT, "oid-both", "analyst@contoso.org", Set.of(Roles.ADMIN, Roles.ANALYST));
        FhirConfiguration c = registered();
        lifecycle.smartValidated(c, both, t0);
        lifecycle.approve(c, both, t0);
        assertEquals(APPROVED, c.status);
    }

    @Test
    void anyEditReturnsAnApprovedConfigurationToPendingAndClearsTheProof() {
        FhirConfiguration c = approved();
        lifecycle.edited(c, ADMIN, t0.plusDays(1));
        assertEquals(PENDING_APPROVAL, c.status);
        assertNull(c.smartValidatedAt);
        assertNull(c.approvedAt);
        assertEquals(LifecycleViolation.Kind.NOT_VALIDATED,
                assertThrows(LifecycleViolation.class, () -> lifecycle.approve(c, ANALYST, t0.plusDays(1))).kind());
    }

    @Test
    void disabledConfigurationsNeedANewApprovalWhenEnabled() {
        FhirConfiguration c = approved();
        lifecycle.disable(c, ADMIN, t0);
        assertEquals(DISABLED, c.status);
        assertEquals(LifecycleViolation.Kind.WRONG_STATE,
                assertThrows(LifecycleViolation.class, () -> lifecycle.smartValidated(c, ANALYST, t0)).kind());
        lifecycle.edited(c, ADMIN, t0);
        assertEquals(DISABLED, c.status, "an edit does not enable");
        lifecycle.enable(c, ADMIN, t0);
        assertEquals(PENDING_APPROVAL, c.status);
        assertNull(c.approvedAt);
    }

    @Test
    void stepsFromTheWrongStateAreRefused() {
        FhirConfiguration approved = approved();
        assertEquals(LifecycleViolation.Kind.WRONG_STATE,
                assertThrows(LifecycleViolation.class, () -> lifecycle.approve(approved, ANALYST, t0)).kind());
        assertEquals(LifecycleViolation.Kind.WRONG_STATE,
                assertThrows(LifecycleViolation.class, () -> lifecycle.enable(approved, ADMIN, t0)).kind());
        FhirConfiguration disabled = approved();
        lifecycle.disable(disabled, ADMIN, t0);
        assertEquals(LifecycleViolation.Kind.WRONG_STATE,
                assertThrows(LifecycleViolation.class, () -> lifecycle.disable(disabled, ADMIN, t0)).kind());
    }

    @Test
    void everyStateIsReachable() {
        for (ConfigurationStatus status : ConfigurationStatus.values()) {
            FhirConfiguration c = approved();
            switch (status) {
                case PENDING_APPROVAL -> lifecycle.edited(c, ADMIN, t0);
                case APPROVED -> { }
                case DISABLED -> lifecycle.disable(c, ADMIN, t0);
            }
            assertEquals(status, c.status);
        }
    }

    private FhirConfiguration registered() {
        FhirConfiguration c = new FhirConfiguration();
        c.tenantId = TENANT;
        c.fhirBaseUrl = "https://ehr.contoso.org/api/FHIR/R4";
        c.approverUsername = "analyst@contoso.org";
        lifecycle.register(c, ADMIN, t0);
        return c;
    }

    private FhirConfiguration approved() {
        FhirConfiguration c = registered();
        lifecycle.smartValidated(c, ANALYST, t0);
        lifecycle.approve(c, ANALYST, t0);
        return c;
    }
}
