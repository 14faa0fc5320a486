package io.ehrconnector.launch.presence;

import java.util.Locale;

/**
 * Who a participant of a meeting call is, as far as presence needs it: the kind of Graph identity and its ids, never a name.
 *
 * @param kind     which member of Graph's {@code communicationsIdentitySet} it was
 * @param id       the member's id (an Entra object id for a user); may be null when Graph gave none
 * @param tenantId the user's Entra tenant, for {@link Kind#USER}; otherwise null
 */
public record CallIdentity(Kind kind, String id, String tenantId) {

    public enum Kind {
        /** A Microsoft 365 (Entra ID) user, of any tenant. */
        USER,
        /** Someone who joined without an account: Teams' anonymous join from the browser. */
        GUEST,
        /** A user of an Azure Communication Services resource: a web client built on ACS. */
        ACS_USER,
        /** A caller on the phone. */
        PHONE,
        /** Anything else Graph may name (an application, a device, an encrypted identity). */
        OTHER;

        /** The kind of a {@code communicationsIdentitySet} member, named as Graph names it in any letter case. */
        static Kind ofMember(String member) {
            return switch (member.toLowerCase(Locale.ROOT)) {
                case "user" -> USER;
                case "guest" -> GUEST;
                case "azurecommunicationservicesuser" -> ACS_USER;
                case "phone" -> PHONE;
                default -> OTHER;
            };
        }
    }

    /** True for a user of {@code tenantId}. */
    boolean isUserOf(String tenantIdOfConfiguration) {
        return kind == Kind.USER && id != null && tenantId != null && tenantId.equalsIgnoreCase(tenantIdOfConfiguration);
    }
}
