package io.ehrconnector.testing.standins;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EHR stand-in's discovery documents: SMART App Launch 2.x {@code .well-known/smart-configuration}, an OpenID
 * Connect discovery document, and the FHIR CapabilityStatement (built with HAPI) carrying the SMART oauth-uris extension.
 */
final class SmartDiscovery {

    static final List<String> CAPABILITIES = List.of("launch-ehr", "launch-standalone", "authorize-post", "client-public",
            "client-confidential-symmetric", "client-confidential-asymmetric", "context-ehr-patient",
            "context-ehr-encounter", "context-standalone-patient", "sso-openid-connect", "permission-user",
            "permission-patient", "permission-v1", "permission-v2");
    static final List<String> SCOPES = List.of("openid", "fhirUser", "profile", "launch", "launch/patient",
            "launch/encounter", "user/*.read", "user/*.rs", "patient/*.read", "system/*.read", "system/AuditEvent.c",
            "system/Encounter.u", "system/AuditEvent.write", "system/Encounter.write");
    static final List<String> AUTH_METHODS = List.of("client_secret_basic", "private_key_jwt", "none");

    private final EhrUrls urls;
    private volatile String capabilityStatementJson;

    SmartDiscovery(EhrUrls urls) {
        this.urls = urls;
    }

    Map<String, Object> smartConfiguration() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", urls.fhirBase());
        config.put("jwks_uri", urls.jwks());
        config.put("authorization_endpoint", urls.authorize());
        config.put("token_endpoint", urls.token());
        config.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        config.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
        config.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "RS384", "ES384"));
        config.put("scopes_supported", SCOPES);
        config.put("response_types_supported", List.of("code"));
        config.put("capabilities", CAPABILITIES);
        config.put("code_challenge_methods_supported", List.of(Pkce.S256));
        config.put("authorization_response_iss_parameter_supported", true);
        return config;
    }

    Map<String, Object> openidConfiguration() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", urls.fhirBase());
        config.put("authorization_endpoint", urls.authorize());
        config.put("token_endpoint", urls.token());
        config.put("jwks_uri", urls.jwks());
        config.put("response_types_supported", List.of("code"));
        config.put("subject_types_supported", List.of("public"));
        config.put("id_token_signing_alg_values_supported", List.of("RS256"));
        config.put("scopes_supported", SCOPES);
        config.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
        config.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nonce", "fhirUser"));
        config.put("code_challenge_methods_supported", List.of(Pkce.S256));
        config.put("authorization_response_iss_parameter_supported", true);
        return config;
    }

    /** Built on first use: HAPI's model scan costs a few hundred milliseconds that start() should not pay. */
    String capabilityStatementJson() {
        String json = capabilityStatementJson;
        if (json == null) {
            json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(capabilityStatement());
            capabilityStatementJson = json;
        }
        return json;
    }

    private CapabilityStatement capabilityStatement() {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(Enumerations.PublicationStatus.ACTIVE);
        statement.setDate(new Date());
        statement.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        statement.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        statement.addFormat("json");
        statement.getSoftware().setName("ehr-connector EHR stand-in");
        statement.getImplementation().setDescription("Epic-like SMART on FHIR stand-in for tests").setUrl(urls.fhirBase());

        CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest();
        rest.setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
        security.addService(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
        Extension oauthUris = security.addExtension()
                .setUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        oauthUris.addExtension("authorize", new UriType(urls.authorize()));
        oauthUris.addExtension("token", new UriType(urls.token()));

        addResource(rest, "Appointment", CapabilityStatement.TypeRestfulInteraction.READ);
        addResource(rest, "Encounter", CapabilityStatement.TypeRestfulInteraction.READ,
                CapabilityStatement.TypeRestfulInteraction.UPDATE, CapabilityStatement.TypeRestfulInteraction.PATCH);
        addResource(rest, "Practitioner", CapabilityStatement.TypeRestfulInteraction.READ);
        addResource(rest, "Patient", CapabilityStatement.TypeRestfulInteraction.READ);
        addResource(rest, "AuditEvent", CapabilityStatement.TypeRestfulInteraction.CREATE,
                CapabilityStatement.TypeRestfulInteraction.READ);
        return statement;
    }

    private static void addResource(CapabilityStatement.CapabilityStatementRestComponent rest, String type,
                                    CapabilityStatement.TypeRestfulInteraction... interactions) {
        CapabilityStatement.CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
        for (CapabilityStatement.TypeRestfulInteraction interaction : interactions) {
            resource.addInteraction().setCode(interaction);
        }
    }
}
