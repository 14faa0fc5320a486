package io.ehrconnector.config.sms;

import io.ehrconnector.config.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * "Use a number we already have": registers a US number that the operator's Azure Communication Services resource already
 * owns, after checking with Azure that it does, that it is a US number and that it can send texts. Both consents come first,
 * as for a new number; a number another hospital (tenant) holds is refused by {@link SmsSettingsService#importNumber}.
 */
@ApplicationScoped
public class PhoneNumberImport {

    private final SmsSettingsService sms;
    private final PhoneNumberJobs jobs;

    PhoneNumberImport(SmsSettingsService sms, PhoneNumberJobs jobs) {
        this.sms = sms;
        this.jobs = jobs;
    }

    /** Fails with a problem (400 for the number, 409 for missing consents) and registers nothing unless all checks pass. */
    public Uni<SmsPhoneNumber> importOwned(Caller admin, String phoneNumber) {
        String e164 = phoneNumber == null ? null : phoneNumber.trim();
        if (!UsPhoneNumbers.valid(e164)) {
            return Uni.createFrom().failure(SmsProblems.invalid("phoneNumber", UsPhoneNumbers.RULE));
        }
        return sms.consents(admin).invoke(c -> {
            if (c == null || !c.bothGiven()) {
                throw SmsProblems.consentMissing(c);
            }
        }).chain(() -> jobs.ownedAsync(e164)).chain(owned -> {
            if (owned == null) {
                throw SmsProblems.invalid("phoneNumber", "The Azure Communication Services resource does not own this"
                        + " number; buy a new one instead.");
            }
            if (!"US".equals(owned.getCountryCode())) {
                throw SmsProblems.invalid("phoneNumber", UsPhoneNumbers.RULE);
            }
            if (owned.getCapabilities() == null || owned.getCapabilities().getSms() == null
                    || !owned.getCapabilities().getSms().toString().toLowerCase(Locale.ROOT).contains("outbound")) {
                throw SmsProblems.invalid("phoneNumber", "This number cannot send texts in Azure; enable SMS for it in the"
                        + " Azure portal, or buy a new one.");
            }
            SmsPhoneNumber.Type type = owned.getPhoneNumberType() != null
                    && "tollFree".equalsIgnoreCase(owned.getPhoneNumberType().toString())
                    ? SmsPhoneNumber.Type.TOLL_FREE : SmsPhoneNumber.Type.LOCAL;
            return sms.importNumber(admin, e164, owned.getId(), type);
        });
    }
}
