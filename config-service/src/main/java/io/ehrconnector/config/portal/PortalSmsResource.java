package io.ehrconnector.config.portal;

import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.security.CurrentCaller;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.config.service.ConfigurationService;
import io.ehrconnector.config.sms.ConsentKind;
import io.ehrconnector.config.sms.SmsConsent;
import io.ehrconnector.config.sms.SmsPhoneNumber;
import io.ehrconnector.config.sms.PhoneNumberImport;
import io.ehrconnector.config.sms.PhoneNumberJobs;
import io.ehrconnector.config.sms.SmsSettingsService;
import io.ehrconnector.config.sms.SmsViews;
import io.ehrconnector.config.sms.SmsSettingsService.Confirmation;
import io.ehrconnector.config.sms.SmsSettingsService.Outcome;
import io.ehrconnector.config.sms.StoppedSms;
import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The portal's SMS page over {@link SmsSettingsService}: the two consents, the sending numbers with their jobs, and the SMS
 * settings of each FHIR base URL. A change that would stop texts is first previewed; when it would stop any, the page shows
 * the service's list of what stops and a "Confirm" button that submits the same form again with {@code confirm=true}.
 */
@Path("/portal/sms")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class PortalSmsResource {

    public record ConsentRow(String name, String text, String textVersion, boolean given, String givenBy,
                             OffsetDateTime givenAt) {
    }

    public record NumberRow(String id, String phoneNumber, String type, String status, String step, String progress,
                            String error, boolean running, boolean active, List<String> linkedUrls) {
    }

    public record UrlRow(String configurationId, String fhirBaseUrl, String environment, String configurationStatus,
                         String phoneNumberId, String sendingNumber, boolean enabled, boolean confirmOnScheduled,
                         boolean confirmOnUpdated, boolean confirmOnCancelled, String reminderOffsets, boolean sending,
                         List<String> notSendingBecause) {
    }

    public record Field(String name, String value) {
    }

    /** A change that would stop texts: what it was, the form to submit again, and the service's list of what stops. */
    public record Warning(String action, String what, List<Field> fields, List<StoppedSms> stops) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sms(Caller caller, String csrf, String message, Warning warning,
                                           List<ConsentRow> consents, boolean consentsGiven, String gate,
                                           List<NumberRow> numbers, boolean jobRunning, List<UrlRow> urls);
    }

    private final SmsSettingsService sms;
    private final PhoneNumberJobs jobs;
    private final PhoneNumberImport numberImport;
    private final ConfigurationService configurations;
    private final CurrentCaller currentCaller;
    private final PortalCsrf csrf;

    PortalSmsResource(SmsSettingsService sms, PhoneNumberJobs jobs, PhoneNumberImport numberImport,
                      ConfigurationService configurations, CurrentCaller currentCaller, PortalCsrf csrf) {
        this.sms = sms;
        this.jobs = jobs;
        this.numberImport = numberImport;
        this.configurations = configurations;
        this.currentCaller = currentCaller;
        this.csrf = csrf;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(hidden = true)
    public Uni<TemplateInstance> page() {
        return page(null, null);
    }

    // ---- consents ----------------------------------------------------------------------------------------------------

    @POST
    @Path("/consents/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> giveConsent(@PathParam("name") String name, @RestForm(PortalCsrf.FIELD) String token,
                                             @RestForm("agree") String agree, @RestForm("textVersion") String textVersion) {
        Caller caller = verified(token);
        ConsentKind kind = consent(name);
        if (kind == null || !checked(agree)) {
            return page(kind == null ? "The SMS consents are 'patients' and 'acs'."
                    : "Tick the box to give this consent.", null);
        }
        return pageAfter(() -> sms.giveConsent(caller, kind, textVersion), given -> "Consent given.");
    }

    @POST
    @Path("/consents/{name}/withdrawal")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> withdrawConsent(@PathParam("name") String name, @RestForm(PortalCsrf.FIELD) String token,
                                                 @RestForm("confirm") String confirm) {
        Caller caller = verified(token);
        ConsentKind kind = consent(name);
        if (kind == null) {
            return page("The SMS consents are 'patients' and 'acs'.", null);
        }
        return guarded("/portal/sms/consents/" + kind.slug() + "/withdrawal", "Withdraw the " + kind.slug() + " consent",
                List.of(), checked(confirm), c -> sms.withdrawConsent(caller, kind, c), "Consent withdrawn.");
    }

    // ---- numbers -----------------------------------------------------------------------------------------------------

    @POST
    @Path("/phone-numbers")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> requestNumber(@RestForm(PortalCsrf.FIELD) String token, @RestForm("type") String type,
                                               @RestForm("areaCode") String areaCode) {
        Caller caller = verified(token);
        return pageAfter(() -> sms.requestNumber(caller, "US", blankToNull(type), blankToNull(areaCode)).invoke(jobs::dispatch),
                number -> "A new phone number is being bought; this page follows its job.");
    }

    @POST
    @Path("/phone-numbers/import")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> importNumber(@RestForm(PortalCsrf.FIELD) String token,
                                              @RestForm("phoneNumber") String phoneNumber) {
        Caller caller = verified(token);
        return pageAfter(() -> numberImport.importOwned(caller, phoneNumber),
                number -> "Number " + number.phoneNumber + " added; link it to FHIR base URLs below.");
    }

    @POST
    @Path("/phone-numbers/{id}/release")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> release(@PathParam("id") String id, @RestForm(PortalCsrf.FIELD) String token,
                                         @RestForm("confirm") String confirm) {
        Caller caller = verified(token);
        return guarded("/portal/sms/phone-numbers/" + id + "/release", "Release the number", List.of(), checked(confirm),
                c -> sms.release(caller, id, c).invoke(outcome -> {
                    SmsPhoneNumber n = outcome.result();
                    if (n != null && n.status == SmsPhoneNumber.Status.RELEASING && n.leaseOwner != null) {
                        jobs.dispatch(n);
                    }
                }), "The number is being released.");
    }

    // ---- per URL -----------------------------------------------------------------------------------------------------

    @POST
    @Path("/configurations/{id}/phone-number")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> link(@PathParam("id") String id, @RestForm(PortalCsrf.FIELD) String token,
                                      @RestForm("phoneNumberId") String phoneNumberId, @RestForm("confirm") String confirm) {
        Caller caller = verified(token);
        String numberId = blankToNull(phoneNumberId);
        return guarded("/portal/sms/configurations/" + id + "/phone-number",
                numberId == null ? "Unlink the sending number" : "Link the sending number",
                List.of(new Field("phoneNumberId", numberId == null ? "" : numberId)), checked(confirm),
                c -> numberId == null ? sms.unlink(caller, id, c) : sms.link(caller, id, numberId, c), "Number saved.");
    }

    @POST
    @Path("/configurations/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> changeSettings(@PathParam("id") String id, @RestForm(PortalCsrf.FIELD) String token,
                                                @RestForm("enabled") String enabled,
                                                @RestForm("confirmOnScheduled") String scheduled,
                                                @RestForm("confirmOnUpdated") String updated,
                                                @RestForm("confirmOnCancelled") String cancelled,
                                                @RestForm("reminderOffsets") String reminders,
                                                @RestForm("confirm") String confirm) {
        Caller caller = verified(token);
        List<String> offsets = reminders == null || reminders.isBlank() ? List.of()
                : Arrays.stream(reminders.split(",")).map(String::strip).toList();
        List<Field> fields = List.of(new Field("enabled", String.valueOf(checked(enabled))),
                new Field("confirmOnScheduled", String.valueOf(checked(scheduled))),
                new Field("confirmOnUpdated", String.valueOf(checked(updated))),
                new Field("confirmOnCancelled", String.valueOf(checked(cancelled))),
                new Field("reminderOffsets", reminders == null ? "" : reminders));
        return guarded("/portal/sms/configurations/" + id, "Save the SMS settings", fields, checked(confirm),
                c -> sms.changeSettings(caller, id, new SmsSettingsService.SettingsInput(checked(enabled), checked(scheduled),
                        checked(updated), checked(cancelled), offsets), c), "SMS settings saved.");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    /**
     * Runs a change that may stop texts: confirmed, it is applied; otherwise it is previewed first, and when it would stop
     * any, the page shows the warning instead of applying it.
     */
    private Uni<TemplateInstance> guarded(String action, String what, List<Field> fields, boolean confirmed,
                                          Function<Confirmation, Uni<? extends Outcome<?>>> change, String done) {
        Uni<TemplateInstance> apply = Uni.createFrom().<Outcome<?>>deferred(() -> change.apply(
                        new Confirmation(confirmed, false)).map(o -> o))
                .flatMap(outcome -> page(done, null));
        Uni<TemplateInstance> flow = confirmed ? apply
                : Uni.createFrom().<Outcome<?>>deferred(() -> change.apply(new Confirmation(false, true)).map(o -> o))
                .flatMap(preview -> preview.stops().isEmpty() ? apply
                        : page("This change would stop texts that are being sent now; nothing was changed yet.",
                        new Warning(action, what, fields, preview.stops())));
        return flow.onFailure(ProblemException.class).recoverWithUni(failure -> page(PortalMessages.detail(failure), null));
    }

    /** Runs {@code action}, then shows the page with its message, or with the refusal's detail when it was refused. */
    private <T> Uni<TemplateInstance> pageAfter(Supplier<Uni<? extends T>> action, Function<T, String> message) {
        return Uni.createFrom().<T>deferred(action)
                .flatMap(result -> page(message.apply(result), null))
                .onFailure(ProblemException.class).recoverWithUni(failure -> page(PortalMessages.detail(failure), null));
    }

    private Uni<TemplateInstance> page(String message, Warning warning) {
        Caller caller = currentCaller.get();
        return sms.consents(caller).flatMap(consent -> sms.phoneNumbers(caller).flatMap(numbers -> sms.linkedUrls(caller)
                .flatMap(linked -> configurations.list(caller).flatMap(all -> settings(caller, consent).map(settings -> {
                    List<NumberRow> numberRows = numbers.stream().map(n -> numberRow(n, linked.get(n.id))).toList();
                    boolean running = numberRows.stream().anyMatch(NumberRow::running);
                    List<UrlRow> urls = settings.gate() != null ? List.of() : all.stream()
                            .map(c -> urlRow(c, settings.views().get(c.id))).toList();
                    return Templates.sms(caller, csrf.tokenFor(caller), message, warning, consentRows(consent),
                            bothGiven(consent), settings.gate(), numberRows, running, urls);
                })))));
    }

    private record Settings(Map<String, SmsViews.UrlSettingsView> views, String gate) {
    }

    private Uni<Settings> settings(Caller caller, SmsConsent consent) {
        return sms.listSettings(caller).map(all -> {
            Map<String, SmsViews.UrlSettingsView> byId = new LinkedHashMap<>();
            all.stream().map(SmsViews.UrlSettingsView::of).forEach(v -> byId.put(v.configurationId(), v));
            return new Settings(byId, null);
        }).onFailure(ProblemException.class).recoverWithItem(failure -> new Settings(Map.of(), PortalMessages.detail(failure)));
    }

    private static List<ConsentRow> consentRows(SmsConsent c) {
        List<ConsentRow> rows = new ArrayList<>();
        for (ConsentKind kind : ConsentKind.values()) {
            boolean patients = kind == ConsentKind.PATIENTS;
            OffsetDateTime at = c == null ? null : patients ? c.patientsGivenAt : c.acsGivenAt;
            rows.add(new ConsentRow(kind.slug(), kind.text(), kind.textVersion(), at != null,
                    at == null ? null : patients ? c.patientsGivenBy : c.acsGivenBy, at));
        }
        return rows;
    }

    private static boolean bothGiven(SmsConsent c) {
        return c != null && c.patientsGivenAt != null && c.acsGivenAt != null;
    }

    private static NumberRow numberRow(SmsPhoneNumber n, List<String> linked) {
        boolean running = n.status == SmsPhoneNumber.Status.PROVISIONING || n.status == SmsPhoneNumber.Status.RELEASING;
        return new NumberRow(n.id, n.phoneNumber, n.type == null ? null : n.type.name(), n.status.name(),
                n.jobStep == null ? null : n.jobStep.name(), n.progress, n.error, running,
                n.status == SmsPhoneNumber.Status.ACTIVE, linked == null ? List.of() : linked);
    }

    private static UrlRow urlRow(FhirConfiguration c, SmsViews.UrlSettingsView v) {
        if (v == null) {
            return new UrlRow(c.id, c.fhirBaseUrl, c.environment.name(), c.status.name(), null, null, false, false, false,
                    false, "", false, List.of("SMS has not been set up for this URL."));
        }
        return new UrlRow(c.id, c.fhirBaseUrl, c.environment.name(), c.status.name(), v.phoneNumberId(), v.sendingNumber(),
                v.enabled(), v.confirmOnScheduled(), v.confirmOnUpdated(), v.confirmOnCancelled(),
                String.join(", ", v.reminderOffsets()), v.sending(), v.notSendingBecause());
    }

    private Caller verified(String token) {
        Caller caller = currentCaller.get();
        csrf.verify(caller, token);
        return caller;
    }

    private static ConsentKind consent(String name) {
        return Arrays.stream(ConsentKind.values()).filter(k -> k.slug().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static boolean checked(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
