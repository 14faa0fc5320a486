package io.ehrconnector.config.sms;

import io.ehrconnector.events.ConfigurationSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a tenant's SMS settings are, as plain values: enough to tell which texts each URL sends, and what its published
 * {@link ConfigurationSnapshot.SmsSettings} is. A change is planned as a new state; comparing the two tells what it stops
 * ({@link SmsImpact}) and which URLs must be published again.
 */
record SmsState(boolean consentsGiven, Map<String, Url> urls, Map<String, Number> numbers) {

    /** The settings of one URL (configuration id). */
    record Url(String configurationId, String numberId, boolean enabled, boolean confirmOnScheduled, boolean confirmOnUpdated,
               boolean confirmOnCancelled, List<Duration> reminders) {

        Url {
            reminders = List.copyOf(reminders);
        }

        static Url initial(String configurationId) {
            return new Url(configurationId, null, false, false, false, false, List.of());
        }

        Url withNumber(String id) {
            return new Url(configurationId, id, enabled, confirmOnScheduled, confirmOnUpdated, confirmOnCancelled, reminders);
        }
    }

    record Number(String id, String e164, SmsPhoneNumber.Status status) {
    }

    /** A kind of text a URL sends. */
    enum Confirmation {
        SCHEDULED("when a visit is scheduled"), UPDATED("when a visit is updated"), CANCELLED("when a visit is cancelled");

        final String description;

        Confirmation(String description) {
            this.description = description;
        }
    }

    SmsState {
        urls = Map.copyOf(urls);
        numbers = Map.copyOf(numbers);
    }

    /** The sending number of a URL, when it can send from it (linked and active); else null. */
    String sendingNumber(String configurationId) {
        Url url = urls.get(configurationId);
        if (url == null || url.numberId() == null) {
            return null;
        }
        Number number = numbers.get(url.numberId());
        return number != null && number.status() == SmsPhoneNumber.Status.ACTIVE ? number.e164() : null;
    }

    /** True when the URL actually sends texts: consents given, switched on, an active number linked. */
    boolean sends(String configurationId) {
        Url url = urls.get(configurationId);
        return consentsGiven && url != null && url.enabled() && sendingNumber(configurationId) != null;
    }

    /** The confirmations the URL sends now (none when it does not send at all). */
    List<Confirmation> confirmations(String configurationId) {
        if (!sends(configurationId)) {
            return List.of();
        }
        Url url = urls.get(configurationId);
        List<Confirmation> sent = new ArrayList<>();
        if (url.confirmOnScheduled()) {
            sent.add(Confirmation.SCHEDULED);
        }
        if (url.confirmOnUpdated()) {
            sent.add(Confirmation.UPDATED);
        }
        if (url.confirmOnCancelled()) {
            sent.add(Confirmation.CANCELLED);
        }
        return sent;
    }

    /** The reminders the URL sends now, longest first (none when it does not send at all). */
    List<Duration> reminders(String configurationId) {
        return sends(configurationId) ? urls.get(configurationId).reminders() : List.of();
    }

    /** What the configuration's snapshot carries; null when SMS was never set up for the URL. */
    ConfigurationSnapshot.SmsSettings snapshot(String configurationId) {
        Url url = urls.get(configurationId);
        if (url == null) {
            return null;
        }
        return new ConfigurationSnapshot.SmsSettings(url.enabled(), consentsGiven, sendingNumber(configurationId),
                url.confirmOnScheduled(), url.confirmOnUpdated(), url.confirmOnCancelled(), url.reminders());
    }

    /** The URLs whose snapshot differs between this state and {@code other}, in a stable order. */
    List<String> changedSnapshots(SmsState other) {
        List<String> ids = new ArrayList<>(urls.keySet());
        other.urls.keySet().stream().filter(id -> !urls.containsKey(id)).forEach(ids::add);
        return ids.stream().sorted().filter(id -> !Objects.equals(snapshot(id), other.snapshot(id))).toList();
    }

    SmsState withConsents(boolean given) {
        return new SmsState(given, urls, numbers);
    }

    SmsState withUrl(Url url) {
        Map<String, Url> changed = new LinkedHashMap<>(urls);
        changed.put(url.configurationId(), url);
        return new SmsState(consentsGiven, changed, numbers);
    }

    SmsState withUrls(UnaryOperator<Url> change) {
        Map<String, Url> changed = new LinkedHashMap<>();
        urls.forEach((id, url) -> changed.put(id, change.apply(url)));
        return new SmsState(consentsGiven, changed, numbers);
    }

    SmsState withNumber(Number number) {
        Map<String, Number> changed = new LinkedHashMap<>(numbers);
        changed.put(number.id(), number);
        return new SmsState(consentsGiven, urls, changed);
    }

    /** The URLs the number is linked to. */
    List<String> linkedTo(String numberId) {
        return urls.values().stream().filter(url -> numberId.equals(url.numberId())).map(Url::configurationId).sorted().toList();
    }
}
