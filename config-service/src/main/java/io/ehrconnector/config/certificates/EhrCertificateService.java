package io.ehrconnector.config.certificates;

import io.ehrconnector.events.EnvironmentPaths;
import io.ehrconnector.config.security.Caller;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.EhrCertificate.Role;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The EHR's public-key certificates of each tenant and Epic environment: what hl7-ingest-service authenticates Epic's HL7
 * messages with. See the package documentation for the forms accepted, the refusals and the CURRENT/PREVIOUS rotation.
 *
 * <p>Every change of a tenant's environment runs in one transaction that first takes an advisory lock for that tenant and
 * environment, then changes the rows and writes the tenant's history. Everything is looked up within the caller's (or the
 * given) tenant.
 */
@WithSession
@ApplicationScoped
public class EhrCertificateService {

    private static final Comparator<EhrCertificate> LIST_ORDER = Comparator
            .<EhrCertificate, Environment>comparing(c -> c.environment)
            .thenComparing(c -> c.status);
    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private final EhrCertificateRepository certificates;
    private final CertificateHistory history;
    private final CertificatePublisher publisher;
    private final CertificateParser parser = new CertificateParser();
    private final Clock clock = Clock.systemUTC();

    EhrCertificateService(EhrCertificateRepository certificates, CertificateHistory history, CertificatePublisher publisher) {
        this.certificates = certificates;
        this.history = history;
        this.publisher = publisher;
    }

    /**
     * Makes the certificate in {@code upload} the CURRENT one of the admin's tenant and {@code environment}; the CURRENT one
     * it replaces becomes PREVIOUS, and an older PREVIOUS one is removed. Uploading the CURRENT certificate again changes
     * nothing. An upload that is not accepted fails with a 422 problem ({@link InvalidCertificate}) and changes nothing.
     *
     * @param upload the request body as received: PEM or Base64 text, or DER bytes. Wiped (zeroed) once read, as it may hold
     *               a private key sent by mistake.
     */
    public Uni<CertificateUploadResult> upload(Caller admin, Environment environment, byte[] upload) {
        // Microseconds: what PostgreSQL keeps, so the answer shows what a later read shows.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ParsedCertificate parsed;
        try {
            parsed = parser.parse(upload, now);
        } catch (InvalidCertificate refused) {
            Log.infof("EHR certificate upload for tenant %s %s by %s refused: %s", admin.tenantId(), environment,
                    admin.objectId(), refused.reason());
            return Uni.createFrom().failure(refused);
        } finally {
            if (upload != null) {
                Arrays.fill(upload, (byte) 0);
            }
        }
        return Panache.withTransaction(() -> store(admin, environment, parsed, now))
                .invoke(result -> Log.infof("EHR certificate %s is current for tenant %s %s, uploaded by %s",
                        result.current().fingerprint(), admin.tenantId(), environment, admin.objectId()));
    }

    private Uni<CertificateUploadResult> store(Caller admin, Environment environment, ParsedCertificate parsed, Instant now) {
        String tenant = admin.tenantId();
        // A certificate authenticates the HL7 messages of the one hospital holding its key: were it uploaded by two tenants,
        // those messages could be routed to the other one (hl7-ingest refuses a certificate two tenants pin, as a backstop).
        return certificates.uploadedByAnotherTenant(parsed.fingerprint(), tenant).flatMap(elsewhere -> elsewhere
                ? Uni.createFrom().failure(new InvalidCertificate(InvalidCertificate.Reason.IN_USE_ELSEWHERE, "Another"
                        + " organization has uploaded this certificate. Each hospital's interface needs its own certificate;"
                        + " if this one is yours, ask the connector's operator."))
                : storeOwn(admin, environment, parsed, now));
    }

    private Uni<CertificateUploadResult> storeOwn(Caller admin, Environment environment, ParsedCertificate parsed,
                                                  Instant now) {
        String tenant = admin.tenantId();
        return certificates.lock(tenant, environment)
                .flatMap(locked -> certificates.listFor(tenant, environment))
                .flatMap(existing -> {
                    EhrCertificate current = only(existing, CertificateStatus.CURRENT);
                    EhrCertificate previous = only(existing, CertificateStatus.PREVIOUS);
                    if (current != null && current.fingerprint.equals(parsed.fingerprint())) {
                        List<String> notices = new ArrayList<>(parsed.notices());
                        notices.add("This certificate already is the current one; nothing changed.");
                        return Uni.createFrom().item(new CertificateUploadResult(CertificateView.of(current, now),
                                previous == null ? null : CertificateView.of(previous, now), notices));
                    }
                    EhrCertificate uploaded = newCertificate(admin, environment, parsed, now);
                    // Statements in the order the one-CURRENT / one-PREVIOUS indexes need: free PREVIOUS, demote CURRENT,
                    // insert the new CURRENT (at flush, after both).
                    Uni<?> freePrevious = previous == null ? Uni.createFrom().voidItem()
                            : certificates.remove(tenant, previous.id);
                    return freePrevious
                            .flatMap(removed -> certificates.demoteCurrent(tenant, environment))
                            .flatMap(demoted -> certificates.persist(uploaded))
                            .flatMap(stored -> recordHistory(admin, CertificateHistory.Change.UPLOADED, environment,
                                    uploaded.fingerprint))
                            .flatMap(recorded -> publisher.republishEnvironment(admin, environment))
                            .map(recorded -> new CertificateUploadResult(CertificateView.of(uploaded, now),
                                    current == null ? null : CertificateView.of(current, CertificateStatus.PREVIOUS, now),
                                    parsed.notices()));
                });
    }

    /** Every certificate of the caller's tenant: by environment, CURRENT before PREVIOUS. */
    public Uni<List<CertificateView>> list(Caller caller) {
        Instant now = clock.instant();
        return certificates.listForTenant(caller.tenantId())
                .map(all -> all.stream().sorted(LIST_ORDER).map(c -> CertificateView.of(c, now)).toList());
    }

    /** The CURRENT certificate of the caller's tenant and {@code environment} as PEM text; 404 when there is none. */
    public Uni<String> currentPem(Caller caller, Environment environment) {
        return certificates.find(caller.tenantId(), environment, CertificateStatus.CURRENT)
                .map(current -> {
                    if (current == null) {
                        throw ProblemException.notFound("certificate-not-found", "No certificate",
                                "No certificate has been uploaded for " + EnvironmentPaths.segment(environment)
                                        + " yet.");
                    }
                    return pem(current.der);
                });
    }

    /**
     * Removes the PREVIOUS certificate of the admin's tenant and {@code environment}, so that only the CURRENT one is
     * accepted from now on. Answers what was removed; 404 when there is none.
     */
    public Uni<CertificateView> removePrevious(Caller admin, Environment environment) {
        Instant now = clock.instant();
        String tenant = admin.tenantId();
        return Panache.withTransaction(() -> certificates.lock(tenant, environment)
                .flatMap(locked -> certificates.find(tenant, environment, CertificateStatus.PREVIOUS))
                .flatMap(previous -> {
                    if (previous == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("previous-certificate-not-found",
                                "No previous certificate", "There is no previous certificate for "
                                        + EnvironmentPaths.segment(environment) + "; nothing was removed."));
                    }
                    CertificateView removed = CertificateView.of(previous, now);
                    return certificates.remove(tenant, previous.id)
                            .flatMap(count -> recordHistory(admin, CertificateHistory.Change.PREVIOUS_REMOVED, environment,
                                    previous.fingerprint))
                            .flatMap(recorded -> publisher.republishEnvironment(admin, environment))
                            .replaceWith(removed);
                }))
                .invoke(removed -> Log.infof("previous EHR certificate %s of tenant %s %s removed by %s",
                        removed.fingerprint(), tenant, environment, admin.objectId()));
    }

    /**
     * Whether {@code tenantId} has a CURRENT certificate for {@code environment} that is valid now (uploaded, not expired).
     * For code that must not go on without one (e.g. enabling HL7 or SMS for the environment).
     */
    public Uni<Boolean> hasCurrentCertificate(String tenantId, Environment environment) {
        return certificates.hasValid(tenantId, environment, CertificateStatus.CURRENT, now());
    }

    /**
     * The certificates Epic's messages for {@code tenantId}'s {@code environment} may be authenticated with now: the CURRENT
     * one and the PREVIOUS one, each only while valid (not before its notBefore, not after its notAfter), CURRENT first.
     * Empty when there is none. They are pinned certificates: compare what Epic presents (the TLS client certificate, the
     * key a signature verifies with) with these exactly; do not use them as trust anchors, since one may be a CA
     * certificate that issued other parties' certificates too.
     */
    public Uni<List<X509Certificate>> validCertificates(String tenantId, Environment environment) {
        return certificates.validAt(tenantId, environment, now())
                .map(valid -> valid.stream().sorted(LIST_ORDER).map(EhrCertificateService::decode).toList());
    }

    /** The certificates of {@code tenantId}'s {@code environment} as configuration snapshots carry them, CURRENT first. */
    public Uni<List<ConfigurationSnapshot.EhrCertificate>> forSnapshot(String tenantId, Environment environment) {
        return certificates.readFor(tenantId, environment).map(stored -> stored.stream()
                .sorted(Comparator.comparing(EhrCertificateRepository.StoredCertificate::status))
                .map(c -> new ConfigurationSnapshot.EhrCertificate(
                        c.status() == CertificateStatus.CURRENT ? Role.CURRENT : Role.PREVIOUS,
                        c.fingerprint(), pem(c.der()), c.notBefore(), c.notAfter()))
                .toList());
    }

    private static X509Certificate decode(EhrCertificate stored) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(stored.der));
        } catch (CertificateException e) {
            // Stored only after it parsed: a row that no longer does was damaged.
            throw new IllegalStateException("stored EHR certificate " + stored.id + " does not parse", e);
        }
    }

    private Uni<Void> recordHistory(Caller actor, CertificateHistory.Change change, Environment environment,
                                    String fingerprint) {
        // HISTORY CALL SITE: the only place certificate changes enter the tenant's history (see CertificateHistory).
        return history.record(actor, change, environment, fingerprint);
    }

    private static EhrCertificate newCertificate(Caller admin, Environment environment, ParsedCertificate parsed, Instant now) {
        EhrCertificate c = new EhrCertificate();
        c.id = UUID.randomUUID();
        c.tenantId = admin.tenantId();
        c.environment = environment;
        c.status = CertificateStatus.CURRENT;
        c.der = parsed.der();
        c.fingerprint = parsed.fingerprint();
        c.subject = parsed.subject();
        c.issuer = parsed.issuer();
        c.serialNumber = parsed.serialNumber();
        c.notBefore = parsed.notBefore().atOffset(ZoneOffset.UTC);
        c.notAfter = parsed.notAfter().atOffset(ZoneOffset.UTC);
        c.keyAlgorithm = parsed.keyAlgorithm();
        c.keySize = parsed.keySize();
        c.uploadedAt = now.atOffset(ZoneOffset.UTC);
        c.uploadedBy = admin.username() != null ? admin.username() : admin.objectId();
        c.uploadedByObjectId = admin.objectId();
        return c;
    }

    private static EhrCertificate only(List<EhrCertificate> certificates, CertificateStatus status) {
        return certificates.stream().filter(c -> c.status == status).findFirst().orElse(null);
    }

    static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
