package io.ehrconnector.launch.smart;

/**
 * A launch that cannot go on, with what the person in front of the screen is told. Shown as a page, never as a redirect,
 * and never with a token, code or parameter value the request carried.
 */
public final class LaunchRefused extends RuntimeException {

    private final int status;
    private final String title;

    public LaunchRefused(int status, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    static LaunchRefused badRequest(String title, String message) {
        return new LaunchRefused(400, title, message);
    }

    static LaunchRefused ehrUnavailable(String message) {
        return new LaunchRefused(502, "Epic could not be reached", message);
    }
}
