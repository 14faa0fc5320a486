package io.ehrconnector.config.sms;

import io.ehrconnector.config.entity.ConfigurationChange;
import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.config.repository.ConfigurationChangeRepository;
import io.ehrconnector.config.repository.FhirConfigurationRepository;
import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.service.ConfigurationNotFound;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.support.NativeSql;
import io.ehrconnector.support.problem.FieldError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The SMS use cases of a tenant: consents, sending numbers, and the SMS settings of each FHIR base URL.
 *
 * <p>Every change runs in one transaction that first locks the tenant's consent row (so a tenant's SMS changes queue up and
 * each sees the state it changes), plans the new state, and compares it with the current one ({@link SmsImpact}): a change
 * that would stop texts being sent now is refused with {@link SmsWouldStop} unless confirmed, and a preview answers what
 * it would stop without changing anything. An applied change republishes, in the same transaction, every configuration
 * whose SMS snapshot changed ({@link ConfigurationPublisher}), with the change as the history reason.
 */
@ApplicationScoped
@WithSession
public class SmsSettingsService {

    /** How a stopping change is asked for: {@code confirm} applies it anyway, {@code preview} changes nothing. */
    public record Confirmation(boolean confirm, boolean preview) {
        public static final Confirmation NONE = new Confirmation(false, false);
    }

    /** The result of a change: what it made (null for a preview) and what it stopped (or would stop). */
    public record Outcome<T>(T result, List<StoppedSms> stops, boolean preview) {
    }

    /** A URL's settings with what they refer to, for views. */
    public record UrlSettings(FhirConfiguration configuration, SmsUrlSettings settings, SmsPhoneNumber number, boolean consentsGiven) {
    }

    /** Edits of a URL's settings; a null field keeps its value. */
    public record SettingsInput(Boolean enabled, Boolean confirmOnScheduled, Boolean confirmOnUpdated, Boolean confirmOnCancelled,
                         List<String> reminderOffsets) {
    }

    /** Everything about a tenant's SMS, loaded under the tenant's lock. */
    private record Tenant(SmsConsent consent, Map<String, SmsUrlSettings> urls, Map<String, SmsPhoneNumber> numbers,
                          Map<String, FhirConfiguration> configurations, SmsState state) {
    }

    /** A planned change: what it is (for people), the state after it, and how to apply it. */
    private record Plan<T>(String what, SmsState after, Supplier<Uni<T>> apply) {
    }

    private final SmsConsentRepository consents;
    private final SmsPhoneNumberRepository numbers;
    private final SmsUrlSettingsRepository settings;
    private final FhirConfigurationRepository configurations;
    private final ConfigurationChangeRepository changes;
    private final ConfigurationPublisher publisher;
    private final AcsConfig acs;
    private final Clock clock = Clock.systemUTC();

    SmsSettingsService(SmsConsentRepository consents, SmsPhoneNumberRepository numbers, SmsUrlSettingsRepository settings,
                       FhirConfigurationRepository configurations, ConfigurationChangeRepository changes,
                       ConfigurationPublisher publisher, AcsConfig acs) {
        this.consents = consents;
        this.numbers = numbers;
        this.settings = settings;
        this.configurations = configurations;
        this.changes = changes;
        this.publisher = publisher;
        this.acs = acs;
    }

    // ---- what the configuration snapshot carries ---------------------------------------------------------------------

    /**
     * The SMS settings the snapshot of this configuration carries, or null when SMS was never set up for the URL. Reads
     * only; call it inside the transaction that publishes the snapshot.
     */
    public Uni<ConfigurationSnapshot.SmsSettings> snapshotSettings(String tenantId, String configurationId) {
        return settings.findForTenant(tenantId, configurationId).flatMap(url -> url == null ? Uni.createFrom().nullItem()
                : consents.of(tenantId).flatMap(consent -> (url.phoneNumberId == null
                        ? Uni.createFrom().<SmsPhoneNumber>nullItem()
                        : numbers.findForTenant(tenantId, url.phoneNumberId))
                        .map(number -> stateOf(consent, List.of(url), number == null ? List.of() : List.of(number))
                                .snapshot(configurationId))));
    }

    // ---- consents ------------------------------------------------------------------------------------------------------

    /** The tenant's consents, or null when none was ever given. */
    public Uni<SmsConsent> consents(Caller caller) {
        return consents.of(caller.tenantId());
    }

    /** Gives a consent (idempotent: giving it again keeps who gave it first). {@code textVersion} is the text the admin saw. */
    @WithTransaction
    public Uni<SmsConsent> giveConsent(Caller admin, ConsentKind kind, String textVersion) {
        if (!kind.textVersion().equals(textVersion)) {
            throw SmsProblems.invalid("textVersion", "Give the consent to its current text (version " + kind.textVersion()
                    + "); read it at GET /api/v1/sms/consents.");
        }
        return NativeSql.update("insert into sms_consent (tenant_id, updated_at) values (?1, ?2) on conflict do nothing",
                        admin.tenantId(), now())
                .chain(() -> change(admin, false, Confirmation.NONE, tenant -> {
                    SmsConsent consent = tenant.consent();
                    if (consent.given(kind)) {
                        return new Plan<>("nothing", tenant.state(), () -> Uni.createFrom().item(consent));
                    }
                    ConsentKind other = kind == ConsentKind.PATIENTS ? ConsentKind.ACS : ConsentKind.PATIENTS;
                    String what = "sms consent given: " + kind.slug() + " (text version " + kind.textVersion() + ")";
                    return new Plan<>(what, tenant.state().withConsents(consent.given(other)), () -> {
                        consent.give(kind, admin.username(), admin.objectId(), now());
                        return record(admin, null, what).replaceWith(consent);
                    });
                })).map(Outcome::result);
    }

    /** Withdraws a consent: every URL of the tenant stops texting, so it needs confirmation when any sends. */
    @WithTransaction
    public Uni<Outcome<SmsConsent>> withdrawConsent(Caller admin, ConsentKind kind, Confirmation confirmation) {
        return change(admin, false, confirmation, tenant -> {
            SmsConsent consent = tenant.consent();
            if (consent == null || !consent.given(kind)) {
                return new Plan<>("nothing", tenant.state(), () -> Uni.createFrom().item(consent));
            }
            String what = "sms consent withdrawn: " + kind.slug();
            return new Plan<>(what, tenant.state().withConsents(false), () -> {
                consent.withdraw(kind, now());
                return record(admin, null, what).replaceWith(consent);
            });
        });
    }

    // ---- numbers -------------------------------------------------------------------------------------------------------

    public Uni<List<SmsPhoneNumber>> phoneNumbers(Caller caller) {
        return numbers.listForTenant(caller.tenantId());
    }

    /** A number of the caller's tenant (also a released one), or 404. */
    public Uni<SmsPhoneNumber> phoneNumber(Caller caller, String id) {
        return numbers.findForTenant(caller.tenantId(), id).onItem().ifNull().failWith(SmsProblems::numberNotFound);
    }

    public Uni<SmsPhoneNumber> job(Caller caller, String jobId) {
        return numbers.findJobForTenant(caller.tenantId(), jobId).onItem().ifNull().failWith(SmsProblems::jobNotFound);
    }

    /** The URLs each number of the tenant is linked to, by number id. */
    public Uni<Map<String, List<String>>> linkedUrls(Caller caller) {
        return settings.listForTenant(caller.tenantId()).flatMap(rows -> configurations.listForTenant(caller.tenantId())
                .map(all -> {
                    Map<String, String> urlOf = all.stream().collect(Collectors.toMap(c -> c.id, c -> c.fhirBaseUrl));
                    Map<String, List<String>> linked = new LinkedHashMap<>();
                    rows.stream().filter(row -> row.phoneNumberId != null).sorted(java.util.Comparator.comparing(
                                    row -> urlOf.getOrDefault(row.configurationId, "")))
                            .forEach(row -> linked.computeIfAbsent(row.phoneNumberId, k -> new ArrayList<>())
                                    .add(urlOf.get(row.configurationId)));
                    return linked;
                }));
    }

    /**
     * Starts buying a number: a PROVISIONING row whose job the caller then dispatches ({@link PhoneNumberJobs#dispatch})
     * once this transaction committed. The row already holds the job's lease, so another replica takes the job over only if
     * it is never dispatched (crash right after the commit).
     */
    @WithTransaction
    public Uni<SmsPhoneNumber> requestNumber(Caller admin, String country, String type, String areaCode) {
        List<FieldError> errors = new ArrayList<>();
        if (country != null && !"US".equals(country)) {
            errors.add(new FieldError("country", "SMS is available for the United States only: use US (or leave it out)."));
        }
        SmsPhoneNumber.Type numberType = SmsPhoneNumber.Type.TOLL_FREE;
        if (type != null) {
            try {
                numberType = SmsPhoneNumber.Type.valueOf(type);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("type", "Choose TOLL_FREE or LOCAL."));
            }
        }
        if (areaCode != null && !areaCode.matches("[2-9][0-9]{2}")) {
            errors.add(new FieldError("areaCode", "A US area code has three digits and does not start with 0 or 1 (e.g. 833)."));
        }
        if (!errors.isEmpty()) {
            throw SmsProblems.invalid(errors);
        }
        SmsPhoneNumber.Type chosen = numberType;
        return change(admin, true, Confirmation.NONE, tenant -> {
            String what = "sms phone number requested: US " + (chosen == SmsPhoneNumber.Type.TOLL_FREE ? "toll-free" : "local")
                    + (areaCode == null ? "" : " (area code " + areaCode + ")");
            return new Plan<>(what, tenant.state(), () -> {
                OffsetDateTime now = now();
                SmsPhoneNumber number = new SmsPhoneNumber();
                number.id = UUID.randomUUID().toString();
                number.tenantId = admin.tenantId();
                number.type = chosen;
                number.areaCode = areaCode;
                number.status = SmsPhoneNumber.Status.PROVISIONING;
                number.jobId = UUID.randomUUID().toString();
                number.jobStep = SmsPhoneNumber.JobStep.QUEUED;
                number.progress = "Waiting to start.";
                number.leaseOwner = UUID.randomUUID().toString();
                number.leaseUntil = now.plus(acs.jobLease());
                number.createdAt = now;
                number.createdBy = admin.username();
                number.createdByOid = admin.objectId();
                number.updatedAt = now;
                return numbers.persist(number).call(() -> record(admin, null, what + ", job " + number.jobId));
            });
        }).map(Outcome::result);
    }

    /** Registers a number the ACS resource already owns (checked by the caller against Azure) as ACTIVE. */
    @WithTransaction
    public Uni<SmsPhoneNumber> importNumber(Caller admin, String e164, String acsId, SmsPhoneNumber.Type type) {
        return change(admin, true, Confirmation.NONE, tenant -> new Plan<>("sms phone number " + e164 + " imported",
                tenant.state(), () -> numbers.held(e164).flatMap(held -> {
                    if (held) {
                        throw SmsProblems.numberHeld();
                    }
                    OffsetDateTime now = now();
                    SmsPhoneNumber number = new SmsPhoneNumber();
                    number.id = UUID.randomUUID().toString();
                    number.tenantId = admin.tenantId();
                    number.phoneNumber = e164;
                    number.acsPhoneNumberId = acsId;
                    number.type = type;
                    number.status = SmsPhoneNumber.Status.ACTIVE;
                    number.jobId = UUID.randomUUID().toString();
                    number.jobStep = SmsPhoneNumber.JobStep.ACTIVE;
                    number.progress = "Imported: the Azure resource already owns this number.";
                    number.createdAt = now;
                    number.createdBy = admin.username();
                    number.createdByOid = admin.objectId();
                    number.updatedAt = now;
                    number.finishedAt = now;
                    return numbers.persist(number).call(() -> record(admin, null, "sms phone number " + e164
                            + " imported from the Azure resource"));
                }))).map(Outcome::result);
    }

    /**
     * Releases a number: unlinks it from every URL (which stops their texts: needs confirmation) and hands it to a job that
     * gives it back to Azure ({@link PhoneNumberJobs#dispatch} after the commit). A failed job's row is just dismissed.
     */
    @WithTransaction
    public Uni<Outcome<SmsPhoneNumber>> release(Caller admin, String numberId, Confirmation confirmation) {
        return change(admin, false, confirmation, tenant -> {
            SmsPhoneNumber number = tenant.numbers().get(numberId);
            if (number == null) {
                throw SmsProblems.numberNotFound();
            }
            switch (number.status) {
                case PROVISIONING -> throw SmsProblems.numberNotReleasable(number);
                case RELEASING, RELEASED -> {
                    return new Plan<>("nothing", tenant.state(), () -> Uni.createFrom().item(number));
                }
                case FAILED -> {
                    return new Plan<>("failed phone number job dismissed", tenant.state(), () -> {
                        number.status = SmsPhoneNumber.Status.RELEASED;
                        number.updatedAt = now();
                        return Uni.createFrom().item(number);
                    });
                }
                default -> {
                }
            }
            List<String> linked = tenant.state().linkedTo(numberId);
            String what = "sms phone number " + number.phoneNumber + " released" + (linked.isEmpty() ? ""
                    : ", unlinked from " + urls(tenant, linked));
            SmsState after = tenant.state()
                    .withUrls(url -> numberId.equals(url.numberId()) ? url.withNumber(null) : url)
                    .withNumber(new SmsState.Number(number.id, number.phoneNumber, SmsPhoneNumber.Status.RELEASING));
            return new Plan<>(what, after, () -> {
                OffsetDateTime now = now();
                for (String id : linked) {
                    SmsUrlSettings url = tenant.urls().get(id);
                    url.phoneNumberId = null;
                    url.updatedAt = now;
                    url.updatedBy = admin.username();
                }
                number.status = SmsPhoneNumber.Status.RELEASING;
                number.jobStep = SmsPhoneNumber.JobStep.RELEASING;
                number.progress = "Giving the number back to Azure.";
                number.error = null;
                number.leaseOwner = UUID.randomUUID().toString();
                number.leaseUntil = now.plus(acs.jobLease());
                number.updatedAt = now;
                return record(admin, null, what).replaceWith(number);
            });
        });
    }

    // ---- URL settings ----------------------------------------------------------------------------------------------

    public Uni<List<UrlSettings>> listSettings(Caller caller) {
        return requireConsents(caller).chain(() -> load(caller.tenantId(), null)).map(tenant -> tenant.urls().values().stream()
                .map(url -> view(tenant, url.configurationId))
                .sorted(java.util.Comparator.comparing(v -> v.configuration().fhirBaseUrl)).toList());
    }

    public Uni<UrlSettings> settings(Caller caller, String configurationId) {
        return requireConsents(caller).chain(() -> load(caller.tenantId(), null)).map(tenant -> {
            requireConfiguration(tenant, configurationId);
            return view(tenant, configurationId);
        });
    }

    /** Links a number to a URL (replacing the URL's number, if any). */
    @WithTransaction
    public Uni<Outcome<UrlSettings>> link(Caller admin, String configurationId, String numberId, Confirmation confirmation) {
        return change(admin, true, confirmation, tenant -> {
            FhirConfiguration c = requireConfiguration(tenant, configurationId);
            SmsPhoneNumber number = numberId == null ? null : tenant.numbers().get(numberId);
            if (number == null) {
                throw numberId == null ? SmsProblems.invalid("phoneNumberId", "Name the number to link (its id from"
                        + " GET /api/v1/sms/phone-numbers).") : SmsProblems.numberNotFound();
            }
            if (!number.active()) {
                throw SmsProblems.numberNotActive(number);
            }
            SmsState.Url current = tenant.state().urls().getOrDefault(configurationId, SmsState.Url.initial(configurationId));
            String what = "sms number " + number.phoneNumber + " linked to " + c.fhirBaseUrl;
            return new Plan<>(what, tenant.state().withUrl(current.withNumber(numberId)),
                    () -> upsert(admin, tenant, configurationId, url -> url.phoneNumberId = numberId)
                            .map(saved -> view(tenant, configurationId)));
        });
    }

    /** Unlinks the URL's number: the URL stops texting, so it needs confirmation when it sends. */
    @WithTransaction
    public Uni<Outcome<UrlSettings>> unlink(Caller admin, String configurationId, Confirmation confirmation) {
        return change(admin, true, confirmation, tenant -> {
            FhirConfiguration c = requireConfiguration(tenant, configurationId);
            SmsState.Url current = tenant.state().urls().get(configurationId);
            if (current == null || current.numberId() == null) {
                return new Plan<>("nothing", tenant.state(), () -> Uni.createFrom().item(view(tenant, configurationId)));
            }
            SmsPhoneNumber number = tenant.numbers().get(current.numberId());
            String what = "sms number " + (number == null ? "" : number.phoneNumber + " ") + "unlinked from " + c.fhirBaseUrl;
            return new Plan<>(what, tenant.state().withUrl(current.withNumber(null)),
                    () -> upsert(admin, tenant, configurationId, url -> url.phoneNumberId = null)
                            .map(saved -> view(tenant, configurationId)));
        });
    }

    /** Changes a URL's switch, confirmations and reminders (null fields keep their value). */
    @WithTransaction
    public Uni<Outcome<UrlSettings>> changeSettings(Caller admin, String configurationId, SettingsInput input,
                                                   Confirmation confirmation) {
        List<FieldError> errors = new ArrayList<>();
        List<Duration> reminders = input.reminderOffsets() == null ? null : ReminderOffsets.parse(input.reminderOffsets(), errors);
        if (!errors.isEmpty()) {
            throw SmsProblems.invalid(errors);
        }
        return change(admin, true, confirmation, tenant -> {
            FhirConfiguration c = requireConfiguration(tenant, configurationId);
            SmsState.Url current = tenant.state().urls().getOrDefault(configurationId, SmsState.Url.initial(configurationId));
            SmsState.Url next = new SmsState.Url(configurationId, current.numberId(),
                    or(input.enabled(), current.enabled()), or(input.confirmOnScheduled(), current.confirmOnScheduled()),
                    or(input.confirmOnUpdated(), current.confirmOnUpdated()),
                    or(input.confirmOnCancelled(), current.confirmOnCancelled()),
                    reminders == null ? current.reminders() : reminders);
            List<String> changed = new ArrayList<>();
            diff(changed, "enabled", current.enabled(), next.enabled());
            diff(changed, "confirmOnScheduled", current.confirmOnScheduled(), next.confirmOnScheduled());
            diff(changed, "confirmOnUpdated", current.confirmOnUpdated(), next.confirmOnUpdated());
            diff(changed, "confirmOnCancelled", current.confirmOnCancelled(), next.confirmOnCancelled());
            diff(changed, "reminderOffsets", current.reminders(), next.reminders());
            boolean exists = tenant.urls().containsKey(configurationId);
            if (changed.isEmpty() && exists) {
                return new Plan<>("nothing", tenant.state(), () -> Uni.createFrom().item(view(tenant, configurationId)));
            }
            String what = "sms settings of " + c.fhirBaseUrl + (changed.isEmpty() ? " created" : ": " + String.join("; ", changed));
            return new Plan<>(what, tenant.state().withUrl(next), () -> upsert(admin, tenant, configurationId, url -> {
                url.enabled = next.enabled();
                url.confirmOnScheduled = next.confirmOnScheduled();
                url.confirmOnUpdated = next.confirmOnUpdated();
                url.confirmOnCancelled = next.confirmOnCancelled();
                url.reminderOffsets = ReminderOffsets.format(next.reminders());
            }).map(saved -> view(tenant, configurationId)));
        });
    }

    // ---- the change pipeline -----------------------------------------------------------------------------------------

    private <T> Uni<Outcome<T>> change(Caller caller, boolean needsConsents, Confirmation confirmation,
                                       Function<Tenant, Plan<T>> planner) {
        return consents.lock(caller.tenantId()).flatMap(consent -> {
            if (needsConsents && (consent == null || !consent.bothGiven())) {
                throw SmsProblems.consentMissing(consent);
            }
            return load(caller.tenantId(), consent);
        }).flatMap(tenant -> {
            Plan<T> plan = planner.apply(tenant);
            List<StoppedSms> stops = SmsImpact.stops(tenant.state(), plan.after(), tenant.configurations());
            if (confirmation.preview()) {
                return Uni.createFrom().item(new Outcome<T>(null, stops, true));
            }
            if (!stops.isEmpty() && !confirmation.confirm()) {
                throw new SmsWouldStop(plan.what(), stops);
            }
            return plan.apply().get()
                    .call(() -> Panache.getSession().flatMap(session -> session.flush()))
                    .call(() -> republish(caller, tenant, plan, stops))
                    .map(result -> new Outcome<>(result, stops, false));
        });
    }

    /** Publishes every configuration whose SMS snapshot the change made different, one after another. */
    private Uni<Void> republish(Caller caller, Tenant tenant, Plan<?> plan, List<StoppedSms> stops) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String id : tenant.state().changedSnapshots(plan.after())) {
            String stopped = stops.stream().filter(s -> s.configurationId().equals(id)).map(StoppedSms::summary)
                    .findFirst().map(s -> "; confirmed stop: " + s).orElse("");
            String reason = plan.what() + stopped;
            chain = chain.call(() -> publisher.republish(caller, id, reason));
        }
        return chain;
    }

    private Uni<Void> requireConsents(Caller caller) {
        return consents.of(caller.tenantId()).invoke(consent -> {
            if (consent == null || !consent.bothGiven()) {
                throw SmsProblems.consentMissing(consent);
            }
        }).replaceWithVoid();
    }

    private Uni<Tenant> load(String tenantId, SmsConsent lockedConsent) {
        Uni<SmsConsent> consent = lockedConsent != null ? Uni.createFrom().item(lockedConsent) : consents.of(tenantId);
        return consent.flatMap(c -> settings.listForTenant(tenantId)
                .flatMap(urls -> numbers.listForTenant(tenantId)
                        .flatMap(owned -> configurations.listForTenant(tenantId).map(all -> {
                            Map<String, SmsUrlSettings> byUrl = new LinkedHashMap<>();
                            urls.forEach(url -> byUrl.put(url.configurationId, url));
                            Map<String, SmsPhoneNumber> byNumber = new LinkedHashMap<>();
                            owned.forEach(n -> byNumber.put(n.id, n));
                            Map<String, FhirConfiguration> byConfiguration = new LinkedHashMap<>();
                            all.forEach(conf -> byConfiguration.put(conf.id, conf));
                            return new Tenant(c, byUrl, byNumber, byConfiguration, stateOf(c, urls, owned));
                        }))));
    }

    static SmsState stateOf(SmsConsent consent, List<SmsUrlSettings> urls, List<SmsPhoneNumber> numbers) {
        Map<String, SmsState.Url> byUrl = new LinkedHashMap<>();
        for (SmsUrlSettings url : urls) {
            byUrl.put(url.configurationId, new SmsState.Url(url.configurationId, url.phoneNumberId, url.enabled,
                    url.confirmOnScheduled, url.confirmOnUpdated, url.confirmOnCancelled,
                    ReminderOffsets.read(url.reminderOffsets)));
        }
        Map<String, SmsState.Number> byNumber = new LinkedHashMap<>();
        for (SmsPhoneNumber number : numbers) {
            byNumber.put(number.id, new SmsState.Number(number.id, number.phoneNumber, number.status));
        }
        return new SmsState(consent != null && consent.bothGiven(), byUrl, byNumber);
    }

    private Uni<SmsUrlSettings> upsert(Caller admin, Tenant tenant, String configurationId,
                                       java.util.function.Consumer<SmsUrlSettings> change) {
        SmsUrlSettings url = tenant.urls().get(configurationId);
        boolean created = url == null;
        if (created) {
            url = new SmsUrlSettings();
            url.configurationId = configurationId;
            url.tenantId = admin.tenantId();
            url.reminderOffsets = "";
        }
        change.accept(url);
        url.updatedAt = now();
        url.updatedBy = admin.username();
        if (created) {
            tenant.urls().put(configurationId, url);
            return settings.persist(url);
        }
        return Uni.createFrom().item(url);
    }

    private static UrlSettings view(Tenant tenant, String configurationId) {
        SmsUrlSettings url = tenant.urls().get(configurationId);
        SmsPhoneNumber number = url == null || url.phoneNumberId == null ? null : tenant.numbers().get(url.phoneNumberId);
        return new UrlSettings(tenant.configurations().get(configurationId), url, number,
                tenant.consent() != null && tenant.consent().bothGiven());
    }

    private static FhirConfiguration requireConfiguration(Tenant tenant, String configurationId) {
        FhirConfiguration c = tenant.configurations().get(configurationId);
        if (c == null) {
            throw new ConfigurationNotFound();
        }
        return c;
    }

    private static String urls(Tenant tenant, List<String> ids) {
        return ids.stream().map(id -> tenant.configurations().containsKey(id) ? tenant.configurations().get(id).fhirBaseUrl : id)
                .collect(Collectors.joining(", "));
    }

    private Uni<Void> record(Caller actor, String configurationId, String details) {
        ConfigurationChange change = new ConfigurationChange();
        change.tenantId = actor.tenantId();
        change.configurationId = configurationId;
        change.action = ConfigurationChange.Action.SMS_CHANGED;
        change.actorUsername = actor.username();
        change.actorObjectId = actor.objectId();
        change.details = details;
        change.occurredAt = now();
        return changes.persist(change).replaceWithVoid();
    }

    private static boolean or(Boolean value, boolean current) {
        return value == null ? current : value;
    }

    private static void diff(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field + ": " + before + " -> " + after);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
