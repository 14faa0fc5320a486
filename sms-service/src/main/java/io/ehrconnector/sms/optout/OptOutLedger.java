package io.ehrconnector.sms.optout;

import io.ehrconnector.support.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who replied STOP to which sending number ({@code sms_opt_out}). A number is stored only as its HMAC under
 * {@link OptOutKey}. Every method runs in the caller's reactive session (and transaction, when it has one).
 */
@ApplicationScoped
public class OptOutLedger {

    private final OptOutKey key;

    OptOutLedger(OptOutKey key) {
        this.key = key;
    }

    /** Whether the patient at {@code e164} opted out of texts from {@code sendingNumber}. */
    public Uni<Boolean> isOptedOut(String sendingNumber, String e164) {
        return NativeSql.single("select count(*) from sms_opt_out where sending_number = ?1 and recipient_hmac = ?2",
                Long.class, sendingNumber, key.recipientHmac(e164)).map(count -> count > 0);
    }

    /** Which of {@code e164s} opted out of texts from {@code sendingNumber}, in one query. */
    public Uni<Set<String>> optedOutAmong(String sendingNumber, Collection<String> e164s) {
        if (e164s.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Map<String, String> byHmac = new HashMap<>();
        e164s.forEach(e164 -> byHmac.put(key.recipientHmac(e164), e164));
        return NativeSql.list("select recipient_hmac from sms_opt_out where sending_number = ?1 and recipient_hmac in (?2)",
                        String.class, sendingNumber, List.copyOf(byHmac.keySet()))
                .map(hmacs -> hmacs.stream().map(byHmac::get).collect(Collectors.toSet()));
    }

    /** Records the opt-out; true when it is new. */
    public Uni<Boolean> optOut(String sendingNumber, String e164) {
        return NativeSql.update("insert into sms_opt_out (sending_number, recipient_hmac, opted_out_at) values (?1, ?2, now())"
                + " on conflict do nothing", sendingNumber, key.recipientHmac(e164)).map(inserted -> inserted == 1);
    }

    /** Removes the opt-out; true when there was one. */
    public Uni<Boolean> optIn(String sendingNumber, String e164) {
        return NativeSql.update("delete from sms_opt_out where sending_number = ?1 and recipient_hmac = ?2",
                sendingNumber, key.recipientHmac(e164)).map(deleted -> deleted == 1);
    }
}
