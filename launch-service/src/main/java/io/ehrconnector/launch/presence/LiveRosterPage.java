package io.ehrconnector.launch.presence;

import io.ehrconnector.support.ehr.OAuthValues;
import jakarta.ws.rs.core.Response;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The live roster page: a link into the visit's Teams meeting (opened at once when the browser allows it), and who is
 * connected, by role and since when, updated from the page's event stream. No names, no EHR ids. The page loads nothing,
 * runs only its own script, and talks only to its own origin.
 */
final class LiveRosterPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'");

    private LiveRosterPage() {
    }

    /**
     * @param eventsUrl the page's event stream, relative to the page
     */
    static Response of(String joinWebUrl, List<VisitParticipant> roster, String eventsUrl) {
        String nonce = OAuthValues.randomToken(16);
        StringBuilder items = new StringBuilder();
        roster.stream().filter(VisitParticipant::inMeeting).forEach(participant -> items.append("<li>")
                .append(label(participant)).append(" &mdash; connected since <time datetime=\"")
                .append(participant.connectedAt.toInstant()).append("\">")
                .append(TIME.format(participant.connectedAt.atZoneSameInstant(ZoneOffset.UTC))).append("</time></li>\n"));
        if (items.isEmpty()) {
            items.append("<li>Nobody is connected yet.</li>\n");
        }
        String body = "<h1>Virtual visit</h1>\n"
                + "<p><a id=\"join\" class=\"join\" href=\"" + escape(joinWebUrl) + "\" target=\"_blank\""
                + " rel=\"noopener noreferrer\">Join the visit in Microsoft Teams</a></p>\n"
                + "<p id=\"blocked\" hidden>Your browser did not let this page open Teams: select <b>Join the visit in"
                + " Microsoft Teams</b>.</p>\n"
                + "<h2>Who is in the visit <small id=\"status\"></small></h2>\n"
                + "<ul id=\"roster\" data-events=\"" + escape(eventsUrl) + "\">\n" + items + "</ul>\n"
                + "<script nonce=\"" + nonce + "\">\n" + SCRIPT + "</script>";
        return page(200, "Virtual visit", body, nonce);
    }

    /** 404 for a link that is not one, 410 for one that has expired. */
    static Response refused(boolean expired) {
        return expired
                ? page(410, "Live view expired", "<h1>This live view has expired</h1>\n<p>Open the visit from Epic again to"
                + " see who is in it.</p>", null)
                : page(404, "Live view not found", "<h1>Live view not found</h1>\n<p>This link does not open a live view."
                + " Open the visit from Epic again.</p>", null);
    }

    private static String label(VisitParticipant participant) {
        return switch (participant.role) {
            case PROVIDER -> "Provider";
            case PATIENT -> "Patient";
            case GUEST -> "Guest";
        };
    }

    private static Response page(int status, String title, String body, String nonce) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
                + (nonce == null ? "" : "<style nonce=\"" + nonce + "\">" + STYLE + "</style>")
                + "</head>\n<body>\n" + body + "\n</body></html>\n";
        String scripts = nonce == null ? "'none'" : "'nonce-" + nonce + "'";
        return Response.status(status).type("text/html; charset=utf-8").entity(html)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                // Epic may show the page in an embedded browser or frame.
                .header("Content-Security-Policy", "default-src 'none'; script-src " + scripts + "; style-src " + scripts
                        + "; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *")
                .build();
    }

    /** For the two attribute values: the join URL and the events URL. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;");
    }

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:40rem}"
            + ".join{display:inline-block;padding:.6rem 1rem;background:#464eb8;color:#fff;border-radius:.3rem;"
            + "text-decoration:none}small{font-weight:normal;color:#666}";

    /** Merges the roster and each change by participant (they may come in any order), shows who is in the meeting. */
    private static final String SCRIPT = """
            (function () {
              var list = document.getElementById('roster');
              var status = document.getElementById('status');
              var join = document.getElementById('join');
              var known = {};
              var roles = {PROVIDER: 'Provider', PATIENT: 'Patient', GUEST: 'Guest'};
              function merge(p) {
                var k = known[p.participantId] || (known[p.participantId] = {});
                k.role = p.role;
                if (p.connectedAt) { k.connectedAt = p.connectedAt; }
                if (p.disconnectedAt) { k.disconnectedAt = p.disconnectedAt; }
              }
              function render() {
                var ids = Object.keys(known).filter(function (id) {
                  return known[id].connectedAt && !known[id].disconnectedAt;
                }).sort(function (a, b) { return Date.parse(known[a].connectedAt) - Date.parse(known[b].connectedAt); });
                list.textContent = '';
                ids.forEach(function (id) {
                  var li = document.createElement('li');
                  li.textContent = (roles[known[id].role] || 'Guest') + ' \\u2014 connected since '
                    + new Date(known[id].connectedAt).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
                  list.appendChild(li);
                });
                if (!ids.length) {
                  var none = document.createElement('li');
                  none.textContent = 'Nobody is connected yet.';
                  list.appendChild(none);
                }
              }
              var events = new EventSource(list.getAttribute('data-events'));
              events.addEventListener('roster', function (e) {
                JSON.parse(e.data).participants.forEach(merge);
                render();
                status.textContent = '(live)';
              });
              events.addEventListener('presence', function (e) { merge(JSON.parse(e.data)); render(); });
              events.onerror = function () {
                status.textContent = events.readyState === EventSource.CLOSED
                  ? '(live view ended: open the visit from Epic again)' : '(reconnecting\\u2026)';
              };
              try {
                var opened = 'ehrc-teams-opened:' + location.pathname;
                if (!sessionStorage.getItem(opened)) {
                  sessionStorage.setItem(opened, '1');
                  var teams = window.open(join.href, '_blank');
                  if (teams) { teams.opener = null; } else { document.getElementById('blocked').hidden = false; }
                }
              } catch (blocked) {
                document.getElementById('blocked').hidden = false;
              }
            })();
            """;
}
