package io.ehrconnector.testing.standins;

/** How the EHR stand-in's authorize endpoint behaves towards the user; changed at run time by tests or the local stack. */
final class EhrSignInSettings {

    /** Show an "Epic sign-in" page with Approve/Deny buttons instead of approving at once (for a person with a browser). */
    volatile boolean interactive;

    /** The user signed in for a standalone launch (no {@code launch} parameter), e.g. an analyst proving a FHIR URL. */
    volatile EhrUser standaloneUser = EhrUser.practitioner("ehr-user-standalone", "standalone-practitioner");
}
