package io.ehrconnector.config.sms;

import com.azure.communication.phonenumbers.PhoneNumbersClient;
import com.azure.communication.phonenumbers.models.PhoneNumberAssignmentType;
import com.azure.communication.phonenumbers.models.PhoneNumberCapabilities;
import com.azure.communication.phonenumbers.models.PhoneNumberCapabilityType;
import com.azure.communication.phonenumbers.models.PhoneNumberOperation;
import com.azure.communication.phonenumbers.models.PhoneNumberSearchOptions;
import com.azure.communication.phonenumbers.models.PhoneNumberSearchResult;
import com.azure.communication.phonenumbers.models.PhoneNumberType;
import com.azure.communication.phonenumbers.models.PurchasedPhoneNumber;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import io.ehrconnector.config.entity.ConfigurationChange;
import io.ehrconnector.config.repository.ConfigurationChangeRepository;
import io.ehrconnector.support.Failures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The asynchronous phone number jobs: buying a number (search, then purchase, both Azure long-running operations) and
 * giving one back. A job runs on a worker thread (the SDK blocks while it polls) and writes its step and progress to its
 * {@link SmsPhoneNumber} row after every poll, which also renews its lease. A job whose lease ran out (the replica stopped)
 * is taken over by {@link #sweep()}: a search starts again, an interrupted purchase becomes ACTIVE if Azure shows the number
 * as bought and FAILED with a reason otherwise, a release is retried.
 */
@ApplicationScoped
public class PhoneNumberJobs {

    /** The job lost its lease (another replica took it over): stop quietly. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    /** The job ends FAILED with this reason (for people). */
    private static final class JobFailed extends RuntimeException {
        JobFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    private final AcsPhoneNumberClient acs;
    private final AcsConfig config;
    private final SmsPhoneNumberRepository numbers;
    private final ConfigurationChangeRepository changes;
    private final io.vertx.mutiny.core.Vertx vertx;
    /**
     * Plain threads, not Quarkus's worker pool: that pool propagates the caller's context, and a job started from a request
     * would then share the request's Hibernate Reactive session (concurrent use fails at random).
     */
    private final ExecutorService jobThreads = Executors.newCachedThreadPool(Thread.ofPlatform()
            .name("sms-phone-number-job-", 0).daemon(true).factory());

    PhoneNumberJobs(AcsPhoneNumberClient acs, AcsConfig config, SmsPhoneNumberRepository numbers,
                    ConfigurationChangeRepository changes, io.vertx.mutiny.core.Vertx vertx) {
        this.vertx = vertx;
        this.acs = acs;
        this.config = config;
        this.numbers = numbers;
        this.changes = changes;
    }

    @PreDestroy
    void stopJobs() {
        // Interrupted jobs keep their lease; another replica (or this one after the restart) resumes them.
        jobThreads.shutdownNow();
    }

    /** Runs the job of the number on a job thread; {@code owner} is the lease the row holds. */
    public void dispatch(SmsPhoneNumber number) {
        String id = number.id;
        String owner = number.leaseOwner;
        jobThreads.execute(() -> run(id, owner, false));
    }

    /** Takes over the jobs whose lease ran out. */
    @Scheduled(identity = "sms-phone-number-jobs", every = "${ehr.acs.sweep-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        OffsetDateTime now = now();
        return Panache.withSession(() -> numbers.abandonedJobs(now)).flatMap(ids -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String id : ids) {
                String owner = UUID.randomUUID().toString();
                chain = chain.call(() -> Panache.withTransaction(() -> numbers.claim(id, owner, now, now.plus(config.jobLease())))
                        .invoke(claimed -> {
                            if (claimed) {
                                Log.infof("taking over phone number job of %s", id);
                                jobThreads.execute(() -> run(id, owner, true));
                            }
                        }));
            }
            return chain;
        }).onFailure().invoke(e -> Log.warnf("phone number job sweep failed, will retry: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    // ---- the job (blocking, on a worker thread) ---------------------------------------------------------------------

    private void run(String id, String owner, boolean resumed) {
        try {
            SmsPhoneNumber number = update(id, owner, n -> { });
            if (number.status == SmsPhoneNumber.Status.RELEASING) {
                release(number, owner);
            } else if (number.jobStep == SmsPhoneNumber.JobStep.PURCHASING && resumed) {
                resumePurchase(number, owner);
            } else {
                buy(number, owner, resumed);
            }
        } catch (LeaseLost e) {
            Log.infof("phone number job of %s continues on another replica", id);
        } catch (JobFailed e) {
            fail(id, owner, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            Log.warnf("phone number job of %s failed: %s", id, Failures.classChain(e));
            fail(id, owner, acs.explain("the phone number job", e));
        }
    }

    private void buy(SmsPhoneNumber number, String owner, boolean resumed) {
        OffsetDateTime deadline = now().plus(config.jobTimeout());
        String kind = number.type == SmsPhoneNumber.Type.TOLL_FREE ? "toll-free" : "local";
        update(number.id, owner, n -> step(n, SmsPhoneNumber.JobStep.SEARCHING, (resumed ? "Resumed after a restart. " : "")
                + "Asking Azure for an available US " + kind + " number that can send and receive texts."));
        PhoneNumbersClient client = acs.client();
        PhoneNumberSearchOptions options = new PhoneNumberSearchOptions().setQuantity(1);
        if (number.areaCode != null) {
            options.setAreaCode(number.areaCode);
        }
        PhoneNumberSearchResult found;
        try {
            SyncPoller<PhoneNumberOperation, PhoneNumberSearchResult> search = client.beginSearchAvailablePhoneNumbers("US",
                    number.type == SmsPhoneNumber.Type.TOLL_FREE ? PhoneNumberType.TOLL_FREE : PhoneNumberType.GEOGRAPHIC,
                    PhoneNumberAssignmentType.APPLICATION,
                    new PhoneNumberCapabilities().setSms(PhoneNumberCapabilityType.INBOUND_OUTBOUND)
                            .setCalling(PhoneNumberCapabilityType.NONE), options, Context.NONE);
            found = complete(search, number.id, owner, SmsPhoneNumber.JobStep.SEARCHING, "searching for a number", deadline);
        } catch (RuntimeException e) {
            throw failed("the search for a number", e);
        }
        if (found == null || found.getPhoneNumbers() == null || found.getPhoneNumbers().isEmpty()) {
            throw new JobFailed("Azure has no US " + kind + " number with SMS available" + (number.areaCode == null ? ""
                    : " in area code " + number.areaCode) + " right now; try again later"
                    + (number.areaCode == null ? "." : " or without an area code."));
        }
        String e164 = found.getPhoneNumbers().get(0);
        if (!UsPhoneNumbers.valid(e164)) {
            throw new JobFailed("Azure offered a number that is not a US number; nothing was bought. Try again.");
        }
        String searchId = found.getSearchId();
        update(number.id, owner, n -> {
            step(n, SmsPhoneNumber.JobStep.PURCHASING, "Found " + e164 + "; buying it.");
            n.phoneNumber = e164;
            n.acsSearchId = searchId;
        });
        try {
            SyncPoller<PhoneNumberOperation, ?> purchase = client.beginPurchasePhoneNumbers(searchId, Context.NONE);
            complete(purchase, number.id, owner, SmsPhoneNumber.JobStep.PURCHASING, "buying " + e164, deadline);
        } catch (RuntimeException e) {
            throw failed("the purchase of " + e164, e);
        }
        activate(number.id, owner, client, e164, "Bought " + e164 + "; it can now be linked to FHIR base URLs.");
    }

    /** A purchase was under way when the job's replica stopped: Azure either bought the number or did not. */
    private void resumePurchase(SmsPhoneNumber number, String owner) {
        PhoneNumbersClient client = acs.client();
        if (number.phoneNumber == null) {
            buy(number, owner, true);
            return;
        }
        try {
            activate(number.id, owner, client, number.phoneNumber, "Bought " + number.phoneNumber
                    + " (confirmed after the connector restarted); it can now be linked to FHIR base URLs.");
        } catch (HttpResponseException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                throw new JobFailed("The connector restarted while Azure was buying " + number.phoneNumber + ", and Azure"
                        + " does not show the number as bought. Check Phone numbers of the Communication Services resource"
                        + " in the Azure portal: if the number appears there, import it (POST /api/v1/sms/phone-numbers/import);"
                        + " otherwise start a new number.");
            }
            throw failed("checking whether " + number.phoneNumber + " was bought", e);
        }
    }

    private void activate(String id, String owner, PhoneNumbersClient client, String e164, String progress) {
        PurchasedPhoneNumber bought = client.getPurchasedPhoneNumber(e164);
        SmsPhoneNumber number = update(id, owner, n -> {
            step(n, SmsPhoneNumber.JobStep.ACTIVE, progress);
            n.status = SmsPhoneNumber.Status.ACTIVE;
            n.acsPhoneNumberId = bought.getId();
            n.finishedAt = now();
            n.leaseOwner = null;
            n.leaseUntil = null;
        }, "sms phone number " + e164 + " bought (job %s)");
        Log.infof("phone number job %s: number active", number.jobId);
    }

    private void release(SmsPhoneNumber number, String owner) {
        OffsetDateTime deadline = now().plus(config.jobTimeout());
        try {
            SyncPoller<PhoneNumberOperation, ?> release = acs.client().beginReleasePhoneNumber(number.phoneNumber, Context.NONE);
            complete(release, number.id, owner, SmsPhoneNumber.JobStep.RELEASING, "giving " + number.phoneNumber + " back",
                    deadline);
        } catch (HttpResponseException e) {
            if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
                String reason = acs.explain("the release of " + number.phoneNumber, e);
                // Stays RELEASING; the sweep retries when this lease runs out.
                update(number.id, owner, n -> {
                    n.error = reason + " The connector tries again in a few minutes.";
                    n.leaseUntil = now().plus(config.jobLease());
                    n.leaseOwner = null;
                });
                return;
            }
        }
        update(number.id, owner, n -> {
            step(n, SmsPhoneNumber.JobStep.RELEASED, "Given back to Azure.");
            n.status = SmsPhoneNumber.Status.RELEASED;
            n.error = null;
            n.finishedAt = now();
            n.leaseOwner = null;
            n.leaseUntil = null;
        });
    }

    /** Polls the operation until it ends, writing progress after every poll; its final result when it succeeded. */
    private <T> T complete(SyncPoller<PhoneNumberOperation, T> poller, String id, String owner, SmsPhoneNumber.JobStep step,
                           String doing, OffsetDateTime deadline) {
        Duration interval = config.pollInterval();
        poller.setPollInterval(interval.isZero() ? Duration.ofMillis(1) : interval);
        for (int polls = 1; ; polls++) {
            sleep(interval);
            PollResponse<PhoneNumberOperation> response = poller.poll();
            LongRunningOperationStatus status = response.getStatus();
            if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
                return poller.getFinalResult();
            }
            if (status.isComplete()) {
                throw new JobFailed("Azure ended " + doing + " with status " + status + "; nothing was bought. Try again.");
            }
            int checks = polls;
            update(id, owner, n -> step(n, step, "Azure is still " + doing + " (checked " + checks
                    + (checks == 1 ? " time" : " times") + "); this can take a few minutes."));
            if (now().isAfter(deadline)) {
                throw new JobFailed("Azure was still " + doing + " after " + config.jobTimeout().toMinutes()
                        + " minutes; the connector stopped waiting. Check Phone numbers of the Communication Services"
                        + " resource in the Azure portal before starting again.");
            }
        }
    }

    private JobFailed failed(String doing, RuntimeException e) {
        if (e instanceof JobFailed || e instanceof LeaseLost) {
            throw e;
        }
        return new JobFailed(acs.explain(doing, e));
    }

    private void fail(String id, String owner, String reason) {
        try {
            update(id, owner, n -> {
                step(n, SmsPhoneNumber.JobStep.FAILED, "Failed.");
                n.status = SmsPhoneNumber.Status.FAILED;
                n.error = reason;
                n.finishedAt = now();
                n.leaseOwner = null;
                n.leaseUntil = null;
            }, "sms phone number job %s failed: " + reason.replace("%", "%%"));
        } catch (LeaseLost e) {
            Log.infof("phone number job of %s continues on another replica", id);
        } catch (RuntimeException e) {
            Log.warnf("could not record the failure of phone number job of %s: %s", id, Failures.classChain(e));
        }
    }

    private static void step(SmsPhoneNumber n, SmsPhoneNumber.JobStep step, String progress) {
        n.jobStep = step;
        n.progress = progress.length() > 500 ? progress.substring(0, 497) + "..." : progress;
    }

    private SmsPhoneNumber update(String id, String owner, Consumer<SmsPhoneNumber> change) {
        return update(id, owner, change, null);
    }

    /**
     * Changes the job's row if this job still holds its lease (renewing it), in its own transaction; with
     * {@code history} (a format taking the job id) also writes the tenant's history, as the person who started the job.
     */
    private SmsPhoneNumber update(String id, String owner, Consumer<SmsPhoneNumber> change, String history) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> numbers.lockOwned(id, owner)
                    .flatMap(n -> {
                        if (n == null) {
                            throw new LeaseLost();
                        }
                        OffsetDateTime now = now();
                        n.leaseUntil = now.plus(config.jobLease());
                        change.accept(n);
                        n.updatedAt = now;
                        if (n.error != null && n.error.length() > 1000) {
                            n.error = n.error.substring(0, 997) + "...";
                        }
                        if (history == null) {
                            return Uni.createFrom().item(n);
                        }
                        ConfigurationChange entry = new ConfigurationChange();
                        entry.tenantId = n.tenantId;
                        entry.action = ConfigurationChange.Action.SMS_CHANGED;
                        entry.actorUsername = n.createdBy;
                        entry.actorObjectId = n.createdByOid;
                        entry.details = String.format(history, n.jobId);
                        entry.occurredAt = now;
                        return changes.persist(entry).replaceWith(n);
                    })));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** For import: the number as the Azure resource owns it (blocking; run on a worker thread). */
    PurchasedPhoneNumber owned(String e164) {
        try {
            return acs.client().getPurchasedPhoneNumber(e164);
        } catch (HttpResponseException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return null;
            }
            throw SmsProblems.acsFailed(acs.explain("the lookup of the number", e));
        } catch (io.ehrconnector.support.problem.ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SmsProblems.acsFailed(acs.explain("the lookup of the number", e));
        }
    }

    /** For import: {@link #owned} on a worker thread, answered back on the caller's Vert.x context. */
    Uni<PurchasedPhoneNumber> ownedAsync(String e164) {
        return vertx.executeBlocking(() -> owned(e164), false);
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Shutting down: leave the job to its lease, so another replica (or this one after the restart) resumes it.
            throw new LeaseLost();
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
