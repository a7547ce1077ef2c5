package org.burnrate.provisioning;

/** A provider callback that is forged, stale, or unreadable: refused, and nothing changes. */
public class CallbackRejectedException extends RuntimeException {

    public CallbackRejectedException(String message) {
        super(message);
    }
}
