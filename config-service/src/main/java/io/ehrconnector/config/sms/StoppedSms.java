package io.ehrconnector.config.sms;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * Texts a change would stop (or stopped) for one FHIR base URL.
 *
 * @param configurationId the URL's configuration id
 * @param fhirBaseUrl     the URL
 * @param environment     TEST or PRODUCTION
 * @param confirmations   confirmation texts that stop: {@code SCHEDULED}, {@code UPDATED}, {@code CANCELLED}
 * @param reminders       reminders that stop, as ISO-8601 durations before the visit ({@code PT24H})
 * @param allSmsStops     true when the URL sends no text at all after the change
 * @param summary         the same in one sentence, for people
 */
@RegisterForReflection
public record StoppedSms(String configurationId, String fhirBaseUrl, String environment, List<String> confirmations,
                         List<String> reminders, boolean allSmsStops, String summary) {
}
