package io.ehrconnector.support;

/** Describes failures for logs, headers and columns without their messages, which may quote data (PHI, keys, tokens). */
public final class Failures {

    private Failures() {
    }

    /** The class names of a failure and its causes, e.g. {@code CompletionException <- PgException}. */
    public static String classChain(Throwable failure) {
        StringBuilder chain = new StringBuilder(failure.getClass().getName());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }
}
