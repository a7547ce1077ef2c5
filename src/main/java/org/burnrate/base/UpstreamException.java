package org.burnrate.base;

/** A system the portal relies on (a resource provider) refused or failed; the portal's own records stay consistent. */
public class UpstreamException extends RuntimeException {

    public UpstreamException(String message) {
        super(message);
    }
}
