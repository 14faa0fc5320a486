package io.ehrconnector.testing.standins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who a participant of a Teams meeting call is, as Graph's {@code communicationsIdentitySet} names it: one member
 * ({@code user}, {@code guest}, {@code azureCommunicationServicesUser}, {@code phone}) with the member's fields. Display names
 * are part of what Graph sends, so a test can check the connector drops them.
 *
 * @param member the identity set's member, e.g. {@code user}
 * @param id     the member's id (an Entra object id for a user)
 * @param fields the member's other fields as Graph writes them ({@code TenantId}, {@code DisplayName}, ...)
 */
public record GraphParticipantIdentity(String member, String id, Map<String, String> fields) {

    public GraphParticipantIdentity {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(id, "id");
        fields = Map.copyOf(fields);
    }

    /** A Microsoft 365 (Entra ID) user of {@code tenantId}. */
    public static GraphParticipantIdentity user(String objectId, String tenantId, String displayName) {
        return new GraphParticipantIdentity("User", objectId, Map.of("TenantId", tenantId, "DisplayName", displayName));
    }

    /** Someone who joined without an account (Teams' anonymous join from the browser). */
    public static GraphParticipantIdentity guest(String id, String displayName) {
        return new GraphParticipantIdentity("Guest", id, Map.of("DisplayName", displayName));
    }

    /** A user of an Azure Communication Services resource (a web client built on ACS). */
    public static GraphParticipantIdentity azureCommunicationServicesUser(String id, String displayName) {
        return new GraphParticipantIdentity("AzureCommunicationServicesUser", id, Map.of(
                "AzureCommunicationServicesResourceId", "534c244d-49f8-47a1-9e8e-70d115a2ef4d", "DisplayName", displayName));
    }

    /** A caller on the phone (dial-in). */
    public static GraphParticipantIdentity phone(String id) {
        return new GraphParticipantIdentity("Phone", id, Map.of("DisplayName", "+1 555 0100"));
    }

    /** The identity set as the roster notifications carry it: {@code {"User": {"Id": ..., "TenantId": ..., ...}}}. */
    Map<String, Object> identitySet() {
        Map<String, Object> memberFields = new LinkedHashMap<>();
        memberFields.put("Id", id);
        memberFields.putAll(fields);
        return Map.of(member, memberFields);
    }

    /**
     * The identity set of a call record's participant endpoint: {@code {"@odata.type":
     * "#microsoft.graph.communicationsIdentitySet", "user": {"id": ..., "tenantId": ..., "displayName": ...}}}, members and
     * fields in camelCase.
     */
    Map<String, Object> callRecordIdentitySet() {
        Map<String, Object> memberFields = new LinkedHashMap<>();
        memberFields.put("id", id);
        fields.forEach((name, value) -> memberFields.put(camelCase(name), value));
        return Map.of("@odata.type", "#microsoft.graph.communicationsIdentitySet", camelCase(member), memberFields);
    }

    private static String camelCase(String pascalCase) {
        return Character.toLowerCase(pascalCase.charAt(0)) + pascalCase.substring(1);
    }

    /** The {@code identity} of an attendance record: the {@code @odata.type} of the member, its id, name and tenant. */
    Map<String, Object> attendanceIdentity() {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("@odata.type", switch (member) {
            case "User" -> "#microsoft.graph.communicationsUserIdentity";
            case "Guest" -> "#microsoft.graph.communicationsGuestIdentity";
            case "AzureCommunicationServicesUser" -> "#microsoft.graph.azureCommunicationServicesUserIdentity";
            case "Phone" -> "#microsoft.graph.communicationsPhoneIdentity";
            default -> "#microsoft.graph.identity";
        });
        identity.put("id", id);
        identity.put("displayName", fields.getOrDefault("DisplayName", null));
        if (fields.containsKey("TenantId")) {
            identity.put("tenantId", fields.get("TenantId"));
        }
        identity.values().removeIf(Objects::isNull);
        return identity;
    }
}
