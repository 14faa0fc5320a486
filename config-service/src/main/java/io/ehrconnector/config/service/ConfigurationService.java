package io.ehrconnector.config.service;

import io.ehrconnector.config.certificates.CertificatePublisher;
import io.ehrconnector.config.certificates.EhrCertificateService;
import io.ehrconnector.config.client.FhirServerProbe;
import io.ehrconnector.config.client.ProbeResult;
import io.ehrconnector.config.entity.ConfigurationChange;
import io.ehrconnector.config.entity.ConfigurationChange.Action;
import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.config.repository.ConfigurationChangeRepository;
import io.ehrconnector.config.repository.FhirConfigurationRepository;
import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.sms.ConfigurationPublisher;
import io.ehrconnector.config.sms.SmsSettingsService;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot.EhrWriteBack;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.EventType;
import io.ehrconnector.support.outbox.Outbox;
import io.ehrconnector.support.problem.FieldError;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The use cases of configurations. Every change runs in one transaction that locks the configuration, applies the
 * {@link ConfigurationLifecycle} rule, writes the tenant's history and puts the new snapshot in the outbox: no event without
 * a commit, no committed change left unpublished, and same-configuration events in version order.
 */
@ApplicationScoped
@WithSession
public class ConfigurationService implements ConfigurationPublisher, CertificatePublisher {

    private final FhirConfigurationRepository configurations;
    private final ConfigurationChangeRepository changes;
    private final FhirServerProbe probe;
    private final Outbox outbox;
    private final SmsSettingsService sms;
    private final EhrCertificateService certificates;
    private final ConfigurationLifecycle lifecycle;
    private final Clock clock;

    ConfigurationService(FhirConfigurationRepository configurations, ConfigurationChangeRepository changes,
                         FhirServerProbe probe, Outbox outbox, SmsSettingsService sms, EhrCertificateService certificates,
                         @ConfigProperty(name = "ehr.approval.validation-max-age", defaultValue = "PT24H") Duration maxAge) {
        this.configurations = configurations;
        this.changes = changes;
        this.probe = probe;
        this.outbox = outbox;
        this.sms = sms;
        this.certificates = certificates;
        this.lifecycle = new ConfigurationLifecycle(maxAge);
        this.clock = Clock.systemUTC();
    }

    public Uni<List<FhirConfiguration>> list(Caller caller) {
        return configurations.listForTenant(caller.tenantId());
    }

    /** The caller's tenant's configuration, or a not-found failure (also for another tenant's id). */
    public Uni<FhirConfiguration> get(Caller caller, String id) {
        return configurations.findForTenant(caller.tenantId(), id).onItem().ifNull().failWith(ConfigurationNotFound::new);
    }

    public Uni<List<ConfigurationChange>> history(Caller caller, int page, int size) {
        return changes.historyOf(caller.tenantId(), page, size);
    }

    /** Registers a new URL after checking it against the live server; the result waits for approval. */
    public Uni<FhirConfiguration> register(Caller admin, ConfigurationInput input) {
        requireComplete(input);
        return checked(input.fhirBaseUrl()).flatMap(result -> register(admin, input, result));
    }

    @WithTransaction
    Uni<FhirConfiguration> register(Caller admin, ConfigurationInput input, ProbeResult result) {
        return requireUnique(result.fhirBaseUrl(), null).flatMap(ignored -> {
            FhirConfiguration c = new FhirConfiguration();
            c.id = UUID.randomUUID().toString();
            c.tenantId = admin.tenantId();
            c.environment = input.environment();
            c.fhirBaseUrl = result.fhirBaseUrl();
            c.fhirVersion = result.fhirVersion();
            c.approverUsername = input.approverUsername().trim().toLowerCase(Locale.ROOT);
            c.organizationName = input.organizationName().trim();
            c.timeZone = input.timeZone();
            c.ehrWriteBack = input.ehrWriteBack() == null ? EhrWriteBack.FHIR_AUDIT_EVENT : input.ehrWriteBack();
            lifecycle.register(c, admin, now());
            return configurations.persist(c)
                    .call(() -> record(admin, c, Action.REGISTERED, c.environment + " " + c.fhirBaseUrl
                            + ", approver " + c.approverUsername + ", ehrWriteBack " + c.ehrWriteBack))
                    .call(() -> publish(c));
        });
    }

    /**
     * Applies the admin's edits. Any edit of what was approved (URL, environment, approver, names, time zone) sends the
     * configuration back to pending approval; a change of the EHR write-back alone keeps the approval (it does not change
     * which EHR the configuration names) but is still recorded and published as a new version.
     */
    public Uni<FhirConfiguration> update(Caller admin, String id, ConfigurationInput edits) {
        if (edits.timeZone() != null) {
            requireTimeZone(edits.timeZone());
        }
        Uni<ProbeResult> check = edits.fhirBaseUrl() == null ? Uni.createFrom().nullItem()
                : checked(edits.fhirBaseUrl());
        return check.flatMap(result -> update(admin, id, edits, result));
    }

    @WithTransaction
    Uni<FhirConfiguration> update(Caller admin, String id, ConfigurationInput edits, ProbeResult url) {
        return locked(admin, id).flatMap(c -> (url == null ? Uni.createFrom().voidItem()
                : requireUnique(url.fhirBaseUrl(), c.id)).flatMap(ignored -> {
            List<String> changed = new ArrayList<>();
            if (url != null) {
                change(changed, "fhirBaseUrl", c.fhirBaseUrl, url.fhirBaseUrl(), v -> c.fhirBaseUrl = v);
                change(changed, "fhirVersion", c.fhirVersion, url.fhirVersion(), v -> c.fhirVersion = v);
            }
            change(changed, "environment", c.environment, edits.environment(), v -> c.environment = v);
            change(changed, "approverUsername", c.approverUsername,
                    edits.approverUsername() == null ? null : edits.approverUsername().trim().toLowerCase(Locale.ROOT),
                    v -> c.approverUsername = v);
            change(changed, "organizationName", c.organizationName,
                    edits.organizationName() == null ? null : edits.organizationName().trim(), v -> c.organizationName = v);
            change(changed, "timeZone", c.timeZone, edits.timeZone(), v -> c.timeZone = v);
            List<String> writeBack = new ArrayList<>();
            change(writeBack, "ehrWriteBack", c.ehrWriteBack, edits.ehrWriteBack(), v -> c.ehrWriteBack = v);
            if (changed.isEmpty() && writeBack.isEmpty()) {
                return Uni.createFrom().item(c);
            }
            if (changed.isEmpty()) {
                lifecycle.republished(c, admin, now());
                return record(admin, c, Action.EHR_WRITE_BACK_CHANGED, writeBack.get(0)).call(() -> publish(c))
                        .replaceWith(c);
            }
            changed.addAll(writeBack);
            lifecycle.edited(c, admin, now());
            return record(admin, c, Action.UPDATED, String.join("; ", changed)).call(() -> publish(c)).replaceWith(c);
        }));
    }

    /**
     * Records that the named approver completed a SMART authorization against {@code provenUrl} in {@code provenEnvironment}
     * just now (nothing else is kept). Refused when the configuration no longer names that URL and environment: an edit
     * while the analyst was signing in must not be approved on the strength of the old URL.
     */
    @WithTransaction
    public Uni<FhirConfiguration> smartValidated(Caller analyst, String id, String provenUrl,
                                                 Environment provenEnvironment) {
        return transition(analyst, id, Action.SMART_VALIDATED, (c, now) -> {
            if (!c.fhirBaseUrl.equals(provenUrl) || c.environment != provenEnvironment) {
                throw new LifecycleViolation(LifecycleViolation.Kind.NOT_VALIDATED, "The configuration changed while you"
                        + " were signing in; sign in to Epic again for " + c.fhirBaseUrl + ".");
            }
            lifecycle.smartValidated(c, analyst, now);
        });
    }

    @WithTransaction
    public Uni<FhirConfiguration> approve(Caller analyst, String id) {
        return transition(analyst, id, Action.APPROVED, (c, now) -> lifecycle.approve(c, analyst, now));
    }

    /** Publishes a new version after an SMS change (called inside that change's transaction); approval is untouched. */
    @Override
    @WithTransaction
    public Uni<Void> republish(Caller caller, String configurationId, String reason) {
        return locked(caller, configurationId).flatMap(c -> {
            lifecycle.republished(c, caller, now());
            return record(caller, c, Action.SMS_CHANGED, reason).call(() -> publish(c));
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<FhirConfiguration> disable(Caller admin, String id) {
        return transition(admin, id, Action.DISABLED, (c, now) -> lifecycle.disable(c, admin, now));
    }

    @WithTransaction
    public Uni<FhirConfiguration> enable(Caller admin, String id) {
        return transition(admin, id, Action.ENABLED, (c, now) -> lifecycle.enable(c, admin, now));
    }

    private Uni<FhirConfiguration> transition(Caller caller, String id, Action action,
                                              BiConsumer<FhirConfiguration, OffsetDateTime> rule) {
        return locked(caller, id).flatMap(c -> {
            rule.accept(c, now());
            return record(caller, c, action, null).call(() -> publish(c)).replaceWith(c);
        });
    }

    private Uni<FhirConfiguration> locked(Caller caller, String id) {
        return configurations.lockForTenant(caller.tenantId(), id).onItem().ifNull().failWith(ConfigurationNotFound::new);
    }

    /** The live server check of a URL; its problems, each saying what to fix, refuse the input. */
    private Uni<ProbeResult> checked(String url) {
        return probe.probe(url).invoke(result -> {
            if (!result.ok()) {
                throw new InvalidInput(result.problems().stream()
                        .map(problem -> new FieldError("fhirBaseUrl", problem.message())).toList());
            }
        });
    }

    private Uni<Void> requireUnique(String url, String exceptId) {
        return configurations.urlTaken(url, exceptId).invoke(taken -> {
            if (taken) {
                throw new InvalidInput("fhirBaseUrl", "This FHIR base URL is already registered. Each URL can be registered"
                        + " once; edit the existing configuration instead.");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> record(Caller actor, FhirConfiguration c, Action action, String details) {
        ConfigurationChange change = new ConfigurationChange();
        change.tenantId = c.tenantId;
        change.configurationId = c.id;
        change.action = action;
        change.actorUsername = actor.username();
        change.actorObjectId = actor.objectId();
        change.details = details;
        change.occurredAt = now();
        return changes.persist(change).replaceWithVoid();
    }

    /** Puts the configuration's new snapshot, with its SMS settings, in the outbox (same transaction as the change). */
    @Override
    public Uni<Void> republishEnvironment(Caller actor, Environment environment) {
        return configurations.listForTenant(actor.tenantId()).flatMap(all -> {
            Uni<Void> each = Uni.createFrom().voidItem();
            for (FhirConfiguration listed : all) {
                if (listed.environment == environment) {
                    each = each.flatMap(previous -> locked(actor, listed.id).flatMap(c -> {
                        lifecycle.republished(c, actor, now());
                        return publish(c);
                    }));
                }
            }
            return each;
        });
    }

    private Uni<Void> publish(FhirConfiguration c) {
        return sms.snapshotSettings(c.tenantId, c.id)
                .flatMap(settings -> certificates.forSnapshot(c.tenantId, c.environment)
                        .flatMap(ehrCertificates -> outbox.enqueue(CloudEvent.of(EventType.CONFIGURATION_PUBLISHED,
                                CloudEvent.serviceSource("config-service"), c.id, now(),
                                ConfigurationSnapshots.of(c, settings, ehrCertificates)), c.id)));
    }

    private static <T> void change(List<String> changed, String field, T current, T proposed,
                                   java.util.function.Consumer<T> apply) {
        if (proposed != null && !Objects.equals(current, proposed)) {
            changed.add(field + ": " + current + " -> " + proposed);
            apply.accept(proposed);
        }
    }

    private static void requireComplete(ConfigurationInput input) {
        List<FieldError> missing = new ArrayList<>();
        if (input.environment() == null) {
            missing.add(new FieldError("environment", "Choose TEST or PRODUCTION."));
        }
        if (blank(input.fhirBaseUrl())) {
            missing.add(new FieldError("fhirBaseUrl", "Enter the FHIR base URL Epic publishes for this environment."));
        }
        if (blank(input.approverUsername()) || !input.approverUsername().contains("@")) {
            missing.add(new FieldError("approverUsername",
                    "Enter the Epic customer analyst's Microsoft 365 sign-in name (name@hospital.org)."));
        }
        if (blank(input.organizationName())) {
            missing.add(new FieldError("organizationName", "Enter the hospital's name as patients know it."));
        }
        if (blank(input.timeZone())) {
            missing.add(new FieldError("timeZone", "Enter the hospital's time zone, e.g. America/Chicago."));
        }
        if (!missing.isEmpty()) {
            throw new InvalidInput(missing);
        }
        requireTimeZone(input.timeZone());
    }

    private static void requireTimeZone(String zone) {
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new InvalidInput("timeZone", "'" + zone + "' is not an IANA time zone; use e.g. America/Chicago.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
