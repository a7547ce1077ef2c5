package org.burnrate.base.ui;

import org.burnrate.base.ConflictException;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

/**
 * Turns exceptions that escape a view into a message the user can act on. Expected refusals
 * (bad input, missing rights) show their own message; anything else is logged and reported
 * without internals.
 */
@Component
class UiErrorHandler implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(UiErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this::handle));
    }

    private void handle(ErrorEvent event) {
        Throwable cause = rootOfInterest(event.getThrowable());
        String message;
        if (cause instanceof InvalidInputException || cause instanceof NotFoundException
                || cause instanceof ConflictException) {
            message = cause.getMessage();
        } else if (cause instanceof AccessDeniedException) {
            message = "Your roles do not allow this action.";
        } else {
            log.error("Unexpected error in the UI", event.getThrowable());
            message = "Something went wrong. The error has been logged; please try again.";
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.access(() -> Notification.show(message, 6000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR));
        }
    }

    private static Throwable rootOfInterest(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && !(current instanceof InvalidInputException
                || current instanceof NotFoundException || current instanceof ConflictException
                || current instanceof AccessDeniedException)) {
            current = current.getCause();
        }
        return current;
    }
}
