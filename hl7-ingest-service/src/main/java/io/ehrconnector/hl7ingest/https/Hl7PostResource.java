package io.ehrconnector.hl7ingest.https;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.EnvironmentPaths;
import io.ehrconnector.hl7ingest.config.Hl7Config;
import io.ehrconnector.hl7ingest.intake.Hl7Intake;
import io.ehrconnector.hl7ingest.intake.Hl7Intake.Sender;
import io.ehrconnector.hl7ingest.intake.RefusedFrames;
import io.ehrconnector.hl7ingest.routing.ApprovedConfigurations;
import io.ehrconnector.hl7ingest.routing.Credential;
import io.ehrconnector.hl7ingest.siu.InvalidSiu;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * HL7 v2 over HTTPS: {@code POST /hl7/<environment>} with the ER7 message as the body and a detached JWS of it in the
 * {@value #SIGNATURE_HEADER} header (docs/hl7-over-https.md). The signature is checked before anything of the body is read;
 * then the message takes the same path as an MLLP frame and the answer is its acknowledgement (200, even for AE/AR: the
 * ACK says why). What is refused before that is answered with problem details and recorded on the dead-letter topic.
 */
@Path("/hl7/{environment}")
public class Hl7PostResource {

    public static final String SIGNATURE_HEADER = "EHR-Signature";
    public static final String HL7_V2 = "application/hl7-v2";

    private final Hl7Intake intake;
    private final ApprovedConfigurations approved;
    private final SignatureNonces nonces;
    private final RefusedFrames refused;
    private final BodySignatures signatures;
    private final Hl7Config.Hl7 config;

    Hl7PostResource(Hl7Intake intake, ApprovedConfigurations approved, SignatureNonces nonces, RefusedFrames refused,
                    Hl7Config config) {
        this.intake = intake;
        this.approved = approved;
        this.nonces = nonces;
        this.refused = refused;
        this.config = config.hl7();
        this.signatures = new BodySignatures(this.config.https().maxClockSkew());
    }

    @POST
    @Consumes({HL7_V2, "x-application/hl7-v2+er7", MediaType.TEXT_PLAIN})
    public Uni<Response> post(@PathParam("environment") String environmentSegment,
                              @HeaderParam(SIGNATURE_HEADER) String signature, byte[] body,
                              @Context HttpServerRequest request) {
        Environment environment = EnvironmentPaths.parse(environmentSegment).filter(e -> config.https().enabled())
                .orElseThrow(() -> ProblemException.notFound("environment-not-found", "Environment not found",
                        "Post HL7 messages to /hl7/<environment>, one of: " + EnvironmentPaths.ALL + "."));
        String sender = "https " + request.remoteAddress();
        int limit = config.mllp().maxFrameBytes();
        if (body.length > limit) {
            return refused.record(body, body.length, sender, null, InvalidSiu.SEGMENT_SEQUENCE_ERROR,
                            "body larger than " + limit + " bytes")
                    .replaceWith(problem(413, "message-too-large", "Message too large", "An HL7 message posted here may"
                            + " have at most " + limit + " bytes."));
        }
        Instant now = Instant.now();
        return approved.current()
                .map(view -> signatures.verify(signature, body, environment, view, now))
                .call(verified -> nonces.firstUse(verified.fingerprintSha256(), verified.jti(),
                                verified.issuedAt().plus(config.https().maxClockSkew()))
                        .invoke(first -> {
                            if (!first) {
                                throw new SignatureRefused("signature-replayed", "This signature was used before: sign each"
                                        + " request anew, with a new jti.");
                            }
                        }))
                .flatMap(verified -> intake.handle(body, new Sender(new Credential.EhrCertificate(
                        verified.fingerprintSha256(), Optional.of(environment)), sender, true)))
                .map(ack -> ack.map(text -> Response.ok(text, HL7_V2 + "; charset=utf-8").build())
                        .orElseGet(() -> Response.noContent().build()))
                .onFailure(SignatureRefused.class).recoverWithUni(e -> {
                    SignatureRefused refusal = (SignatureRefused) e;
                    return refused.record(body, body.length, sender, null, InvalidSiu.UNKNOWN_KEY_IDENTIFIER,
                                    "not authenticated: " + refusal.type())
                            .replaceWith(problem(401, refusal.type(), "Signature not accepted", refusal.detail()));
                });
    }

    private static Response problem(int status, String type, String title, String detail) {
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, type, title, detail));
        if (status == 401) {
            response.header("WWW-Authenticate", SIGNATURE_HEADER.toLowerCase(Locale.ROOT));
        }
        return response.build();
    }
}
