package io.ehrconnector.config.client;

/**
 * The FHIR releases the connector talks to, named as the last path segment of an Epic FHIR base URL
 * ({@code .../api/FHIR/R4}, {@code .../api/FHIR/DSTU2}).
 */
public enum FhirVersion {

    /** FHIR R4: {@code metadata} is a CapabilityStatement with fhirVersion 4.0.x. */
    R4("CapabilityStatement", "4.0."),
    /** FHIR DSTU2: {@code metadata} is a Conformance with fhirVersion 1.0.x. */
    DSTU2("Conformance", "1.0.");

    private final String metadataResourceType;
    private final String versionPrefix;

    FhirVersion(String metadataResourceType, String versionPrefix) {
        this.metadataResourceType = metadataResourceType;
        this.versionPrefix = versionPrefix;
    }

    /** What {@code GET [base]/metadata} returns for this release. */
    public String metadataResourceType() {
        return metadataResourceType;
    }

    /** Whether a {@code fhirVersion} value (e.g. {@code 4.0.1}) belongs to this release. */
    public boolean matches(String fhirVersion) {
        return fhirVersion != null && fhirVersion.startsWith(versionPrefix);
    }

    /** The release a base URL's last path segment names, ignoring case; null if none. */
    static FhirVersion fromPathSegment(String segment) {
        for (FhirVersion version : values()) {
            if (version.name().equalsIgnoreCase(segment)) {
                return version;
            }
        }
        return null;
    }
}
