/**
 * Protocol-level stand-ins for the clouds the connector talks to but tests cannot reach: an Epic-like SMART on FHIR
 * server ({@link io.ehrconnector.testing.standins.EhrStandIn}), Microsoft Entra ID
 * ({@link io.ehrconnector.testing.standins.EntraIdStandIn}), Microsoft Graph
 * ({@link io.ehrconnector.testing.standins.GraphStandIn}) and Azure Communication Services
 * ({@link io.ehrconnector.testing.standins.AcsStandIn}).
 *
 * <p>Each one speaks the real wire protocol, so the production code path (the Graph SDK, the ACS SDK, HAPI, Quarkus OIDC)
 * is exercised unchanged and only pointed at a different base URL. Each has {@code start()}/{@code stop()}, binds to
 * 127.0.0.1 on a fixed or ephemeral port, keeps all of its state in the instance, starts well under a second, and records
 * what it received so a test can assert on the requests the SDK actually sent.
 *
 * <p>Everything here is synthetic: no names, phone numbers or clinical data of real people (phone numbers are from the
 * fictional 555-01xx range).
 */
package io.ehrconnector.testing.standins;
