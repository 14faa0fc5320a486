package io.ehrconnector.config.sms;

import io.ehrconnector.config.entity.FhirConfiguration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a planned change stops: per URL, the texts it sends before the change and not after. */
final class SmsImpact {

    private SmsImpact() {
    }

    /**
     * Every URL that sends texts in {@code before} which it does not send in {@code after}, ordered by FHIR base URL. Texts
     * a change only adds, or leaves as they are, never appear.
     */
    static List<StoppedSms> stops(SmsState before, SmsState after, Map<String, FhirConfiguration> configurations) {
        List<StoppedSms> stopped = new ArrayList<>();
        for (String id : before.urls().keySet()) {
            List<SmsState.Confirmation> confirmations = new ArrayList<>(before.confirmations(id));
            confirmations.removeAll(after.confirmations(id));
            List<Duration> reminders = new ArrayList<>(before.reminders(id));
            reminders.removeAll(after.reminders(id));
            if (confirmations.isEmpty() && reminders.isEmpty()) {
                continue;
            }
            boolean all = before.sends(id) && after.confirmations(id).isEmpty() && after.reminders(id).isEmpty();
            FhirConfiguration c = configurations.get(id);
            stopped.add(new StoppedSms(id, c == null ? null : c.fhirBaseUrl, c == null ? null : c.environment.name(),
                    confirmations.stream().map(Enum::name).toList(),
                    reminders.stream().map(ReminderOffsets::iso).toList(), all,
                    summary(c == null ? id : c.fhirBaseUrl, all, confirmations, reminders)));
        }
        stopped.sort(java.util.Comparator.comparing(s -> s.fhirBaseUrl() == null ? s.configurationId() : s.fhirBaseUrl()));
        return List.copyOf(stopped);
    }

    /** One sentence for people, e.g. "https://…/R4: all texts stop (confirmations when a visit is scheduled; reminders 1 day before)." */
    static String summary(String url, boolean all, List<SmsState.Confirmation> confirmations, List<Duration> reminders) {
        List<String> parts = new ArrayList<>();
        if (!confirmations.isEmpty()) {
            parts.add((confirmations.size() == 1 ? "the confirmation " : "the confirmations ")
                    + join(confirmations.stream().map(c -> c.description).toList()));
        }
        if (!reminders.isEmpty()) {
            parts.add((reminders.size() == 1 ? "the reminder " : "the reminders ")
                    + join(reminders.stream().map(ReminderOffsets::describe).toList()) + " before a visit");
        }
        return url + ": " + (all ? "all texts stop (" : "these texts stop (") + String.join("; ", parts) + ").";
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
