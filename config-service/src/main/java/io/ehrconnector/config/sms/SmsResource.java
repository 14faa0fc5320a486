package io.ehrconnector.config.sms;

import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.security.CurrentCaller;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.config.sms.SmsSettingsService.Confirmation;
import io.ehrconnector.config.sms.SmsSettingsService.Outcome;
import io.ehrconnector.config.sms.SmsViews.ConsentRequest;
import io.ehrconnector.config.sms.SmsViews.ConsentsView;
import io.ehrconnector.config.sms.SmsViews.ImpactView;
import io.ehrconnector.config.sms.SmsViews.ImportRequest;
import io.ehrconnector.config.sms.SmsViews.JobView;
import io.ehrconnector.config.sms.SmsViews.LinkRequest;
import io.ehrconnector.config.sms.SmsViews.NumberRequest;
import io.ehrconnector.config.sms.SmsViews.PhoneNumberView;
import io.ehrconnector.config.sms.SmsViews.SettingsRequest;
import io.ehrconnector.config.sms.SmsViews.UrlSettingsView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * SMS (US only) of the caller's tenant: admins change, admins and analysts read. Another tenant's URL, number and job ids
 * are "not found".
 *
 * <h2>Consents first</h2>
 * {@code GET /consents} shows the two consents with their exact texts; {@code PUT /consents/{patients|acs}} with
 * {@code {"textVersion": "..."}} gives one (the version of the text the admin saw). Until both are given, every other SMS
 * endpoint answers {@code 409 sms-consent-missing} naming the missing ones (in {@code detail} and as {@code errors} with
 * fields {@code consents.patients} / {@code consents.acs}) — except listing and reading numbers and jobs, and releasing a
 * number, so a tenant that withdrew a consent can still stop paying for its numbers.
 *
 * <h2>Numbers</h2>
 * {@code POST /phone-numbers} ({@code {"country": "US", "type": "TOLL_FREE"|"LOCAL", "areaCode": "833"}}, all optional;
 * another country is 422) answers {@code 202 Accepted} with {@code Location: /api/v1/sms/phone-numbers/jobs/{jobId}} and
 * the job; {@code GET} that job to follow it: {@code step} QUEUED → SEARCHING → PURCHASING → ACTIVE, or FAILED with a
 * readable {@code error}; {@code progress} says what Azure is doing. {@code POST /phone-numbers/import}
 * ({@code {"phoneNumber": "+1..."}}) registers a number the Azure resource already owns. {@code DELETE /phone-numbers/{id}}
 * releases a number (unlinking it everywhere): 202 with the release job.
 *
 * <h2>Per URL</h2>
 * {@code GET /configurations[/{configurationId}]}; {@code PUT /configurations/{id}/phone-number}
 * ({@code {"phoneNumberId": "..."}}) links a number (a URL has one, a number may serve several URLs);
 * {@code DELETE /configurations/{id}/phone-number} unlinks it; {@code PATCH /configurations/{id}} changes
 * {@code enabled}, {@code confirmOnScheduled}, {@code confirmOnUpdated}, {@code confirmOnCancelled} and
 * {@code reminderOffsets} (omitted fields keep their value; reminders are ISO-8601 durations from PT5M to P30D, at most 6,
 * no duplicates, answered in canonical form longest first: {@code P1D} is shown as {@code PT24H}; bad ones are 422 with
 * one field error per entry, {@code reminderOffsets[i]}). Each view says whether the URL is {@code sending} texts now, and
 * if not, {@code notSendingBecause}.
 *
 * <h2>Warning before SMS stops</h2>
 * Every change that would stop a text being sent now (a confirmation type or a reminder of any URL: unlinking, releasing,
 * switching off, removing message types, withdrawing a consent) is refused with {@code 409 sms-would-stop} unless the
 * request has {@code ?confirm=true}. Nothing is changed. The problem's {@code detail} says it in prose and its extension
 * member {@code stops} lists it:
 * <pre>{@code
 * {"type": "https://ehr-connector.io/problems/sms-would-stop", "title": "This change would stop SMS", "status": 409,
 *  "detail": "This change (...) would stop texts that are being sent now. ... To apply it anyway, repeat the request with confirm=true.",
 *  "stops": [{"configurationId": "...", "fhirBaseUrl": "https://...", "environment": "PRODUCTION",
 *             "confirmations": ["SCHEDULED", "CANCELLED"], "reminders": ["P1D"], "allSmsStops": true,
 *             "summary": "https://...: all texts stop (...)."}]}
 * }</pre>
 * The same requests with {@code ?preview=true} change nothing and answer 200
 * {@code {"preview": true, "confirmationRequired": true|false, "wouldStop": [...same items...]}}: the portal asks first and
 * shows the list in its warning. Changes that only add texts, or change nothing that is being sent, never need confirming.
 */
@Path("/api/v1/sms")
public class SmsResource {

    private final SmsSettingsService sms;
    private final PhoneNumberJobs jobs;
    private final PhoneNumberImport numberImport;
    private final CurrentCaller caller;

    SmsResource(SmsSettingsService sms, PhoneNumberJobs jobs, PhoneNumberImport numberImport, CurrentCaller caller) {
        this.sms = sms;
        this.jobs = jobs;
        this.numberImport = numberImport;
        this.caller = caller;
    }

    // ---- consents ------------------------------------------------------------------------------------------------

    @GET
    @Path("/consents")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "The two SMS consents, their exact texts, and who gave them when")
    public Uni<ConsentsView> consents() {
        return sms.consents(caller.get()).map(ConsentsView::of);
    }

    @PUT
    @Path("/consents/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Give a consent (patients or acs) to the text version shown")
    public Uni<ConsentsView> giveConsent(@PathParam("name") String name, ConsentRequest request) {
        return sms.giveConsent(caller.get(), consent(name), request == null ? null : request.textVersion())
                .map(ConsentsView::of);
    }

    @DELETE
    @Path("/consents/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Withdraw a consent: all SMS of the tenant stops (confirm=true needed when texts are sent)")
    public Uni<Response> withdrawConsent(@PathParam("name") String name, @QueryParam("confirm") boolean confirm,
                                         @QueryParam("preview") boolean preview) {
        return sms.withdrawConsent(caller.get(), consent(name), new Confirmation(confirm, preview))
                .map(answer(ConsentsView::of));
    }

    // ---- numbers -------------------------------------------------------------------------------------------------

    @GET
    @Path("/phone-numbers")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "The tenant's sending numbers (not released ones) and the URLs each serves")
    public Uni<List<PhoneNumberView>> phoneNumbers() {
        Caller who = caller.get();
        return sms.phoneNumbers(who).flatMap(all -> sms.linkedUrls(who)
                .map(linked -> all.stream().map(n -> PhoneNumberView.of(n, linked.get(n.id))).toList()));
    }

    @POST
    @Path("/phone-numbers")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Buy a new US number: 202 with the Location of its job, which takes minutes")
    public Uni<Response> requestNumber(NumberRequest request, @Context UriInfo uri) {
        NumberRequest r = request == null ? new NumberRequest(null, null, null) : request;
        return sms.requestNumber(caller.get(), r.country(), r.type(), r.areaCode())
                .invoke(jobs::dispatch)
                .map(n -> Response.accepted(JobView.of(n)).location(jobLocation(uri, n)).build());
    }

    @POST
    @Path("/phone-numbers/import")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a US number the Azure resource already owns")
    public Uni<Response> importNumber(ImportRequest request, @Context UriInfo uri) {
        return numberImport.importOwned(caller.get(), request == null ? null : request.phoneNumber())
                .map(n -> Response.created(uri.getBaseUriBuilder().path("/api/v1/sms/phone-numbers/" + n.id).build())
                .entity(PhoneNumberView.of(n, List.of())).build());
    }

    @GET
    @Path("/phone-numbers/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public Uni<PhoneNumberView> phoneNumber(@PathParam("id") String id) {
        Caller who = caller.get();
        return sms.phoneNumber(who, requireId(id))
                .flatMap(n -> sms.linkedUrls(who).map(linked -> PhoneNumberView.of(n, linked.get(n.id))));
    }

    @DELETE
    @Path("/phone-numbers/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Release a number (unlinks it everywhere: confirm=true needed when texts are sent from it)")
    public Uni<Response> release(@PathParam("id") String id, @QueryParam("confirm") boolean confirm,
                                 @QueryParam("preview") boolean preview, @Context UriInfo uri) {
        return sms.release(caller.get(), requireId(id), new Confirmation(confirm, preview)).map(outcome -> {
            if (outcome.preview()) {
                return Response.ok(ImpactView.of(outcome.stops())).build();
            }
            SmsPhoneNumber n = outcome.result();
            if (n.status == SmsPhoneNumber.Status.RELEASING && n.leaseOwner != null) {
                jobs.dispatch(n);
                return Response.accepted(JobView.of(n)).location(jobLocation(uri, n)).build();
            }
            return Response.ok(JobView.of(n)).build();
        });
    }

    @GET
    @Path("/phone-numbers/jobs/{jobId}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "A phone number job: its step, progress and (when failed) why")
    public Uni<JobView> job(@PathParam("jobId") String jobId) {
        return sms.job(caller.get(), requireId(jobId)).map(JobView::of);
    }

    // ---- per URL -------------------------------------------------------------------------------------------------

    @GET
    @Path("/configurations")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "The SMS settings of every URL that has some")
    public Uni<List<UrlSettingsView>> settings() {
        return sms.listSettings(caller.get()).map(all -> all.stream().map(UrlSettingsView::of).toList());
    }

    @GET
    @Path("/configurations/{configurationId}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public Uni<UrlSettingsView> settings(@PathParam("configurationId") String configurationId) {
        return sms.settings(caller.get(), requireId(configurationId)).map(UrlSettingsView::of);
    }

    @PATCH
    @Path("/configurations/{configurationId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a URL's SMS switch, confirmations and reminders (confirm=true needed to stop texts)")
    public Uni<Response> changeSettings(@PathParam("configurationId") String configurationId, SettingsRequest request,
                                        @QueryParam("confirm") boolean confirm, @QueryParam("preview") boolean preview) {
        SettingsRequest r = request == null ? new SettingsRequest(null, null, null, null, null) : request;
        return sms.changeSettings(caller.get(), requireId(configurationId), new SmsSettingsService.SettingsInput(r.enabled(),
                        r.confirmOnScheduled(), r.confirmOnUpdated(), r.confirmOnCancelled(), r.reminderOffsets()),
                new Confirmation(confirm, preview)).map(answer(UrlSettingsView::of));
    }

    @PUT
    @Path("/configurations/{configurationId}/phone-number")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Link a sending number to a URL (replaces its number)")
    public Uni<Response> link(@PathParam("configurationId") String configurationId, LinkRequest request,
                              @QueryParam("confirm") boolean confirm, @QueryParam("preview") boolean preview) {
        String numberId = request == null || request.phoneNumberId() == null ? null : requireId(request.phoneNumberId());
        return sms.link(caller.get(), requireId(configurationId), numberId, new Confirmation(confirm, preview))
                .map(answer(UrlSettingsView::of));
    }

    @DELETE
    @Path("/configurations/{configurationId}/phone-number")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Unlink a URL's sending number: its texts stop (confirm=true needed when it sends)")
    public Uni<Response> unlink(@PathParam("configurationId") String configurationId, @QueryParam("confirm") boolean confirm,
                                @QueryParam("preview") boolean preview) {
        return sms.unlink(caller.get(), requireId(configurationId), new Confirmation(confirm, preview))
                .map(answer(UrlSettingsView::of));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** 200 with the impact for a preview, else 200 with the view of what the change made. */
    private static <T, V> Function<Outcome<T>, Response> answer(Function<T, V> view) {
        return outcome -> outcome.preview() ? Response.ok(ImpactView.of(outcome.stops())).build()
                : Response.ok(view.apply(outcome.result())).build();
    }

    private static URI jobLocation(UriInfo uri, SmsPhoneNumber n) {
        return uri.getBaseUriBuilder().path("/api/v1/sms/phone-numbers/jobs/" + n.jobId).build();
    }

    private static ConsentKind consent(String name) {
        return ConsentKind.fromSlug(name).orElseThrow(SmsProblems::consentUnknown);
    }

    /** Ids are UUIDs; anything else names nothing (404, not looked up). */
    private static String requireId(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
