package org.burnrate.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.aura.Aura;

/**
 * The page shell. Styling is plain CSS from {@code frontend/styles}, so neither development nor
 * production needs a front-end bundle build.
 */
@StyleSheet(Aura.STYLESHEET)
@StyleSheet("styles/portal.css")
@Meta(name = "application-name", content = "Burnrate")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Burnrate");
    }
}
