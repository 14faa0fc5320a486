package io.ehrconnector.launch.quality;

import com.microsoft.graph.models.CommunicationsIdentitySet;
import com.microsoft.graph.models.Identity;
import com.microsoft.graph.models.IdentitySet;
import io.ehrconnector.launch.presence.CallIdentity;
import io.ehrconnector.launch.presence.MeetingAttendance;

/**
 * Who a call record's participant endpoint is, as presence names its participants ({@link CallIdentity}), so that the
 * call's participants match presence's joins. Graph writes the members of a call record's identity set without an
 * {@code @odata.type} of their own, so the member's name says the kind; a user's tenant is then an extra property.
 */
final class CallRecordIdentities {

    private CallRecordIdentities() {
    }

    /** The identity of a person (user, guest, ACS user or phone), or null for anything else (a service, a bot). */
    static CallIdentity personOf(IdentitySet identity) {
        if (identity == null) {
            return null;
        }
        if (identity.getUser() != null) {
            return member(CallIdentity.Kind.USER, identity.getUser());
        }
        if (identity instanceof CommunicationsIdentitySet communications) {
            if (communications.getGuest() != null) {
                return member(CallIdentity.Kind.GUEST, communications.getGuest());
            }
            if (communications.getAzureCommunicationServicesUser() != null) {
                return member(CallIdentity.Kind.ACS_USER, communications.getAzureCommunicationServicesUser());
            }
            if (communications.getPhone() != null) {
                return member(CallIdentity.Kind.PHONE, communications.getPhone());
            }
        }
        return null;
    }

    private static CallIdentity member(CallIdentity.Kind kind, Identity member) {
        CallIdentity typed = MeetingAttendance.identity(member);
        if (typed.kind() == kind) {
            return typed;
        }
        Object tenantId = member.getAdditionalData() == null ? null : member.getAdditionalData().get("tenantId");
        return new CallIdentity(kind, member.getId(),
                kind == CallIdentity.Kind.USER && tenantId instanceof String tenant ? tenant : null);
    }
}
