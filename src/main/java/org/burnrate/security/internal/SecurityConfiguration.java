package org.burnrate.security.internal;

import java.time.Clock;
import java.util.List;

import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.ProviderUsageTokens;
import org.burnrate.security.Roles;
import org.burnrate.security.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.jdbc.core.JdbcTemplate;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

/**
 * Two filter chains: a stateless one for the REST API and the actuator (bearer token or HTTP
 * Basic, no session, no CSRF), and Vaadin's session-based one with the login form for the rest.
 * Method security is on, so every service guards itself whatever the caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
// Services use @PreAuthorize. JSR-250 stays off here: @RolesAllowed/@PermitAll on views are
// Vaadin's to check, and Spring would otherwise wrap every view in a proxy.
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * No observations of Spring Security's own: a span per security filter, authentication and
     * authorization on every request costs more than it tells (the filters' decorator alone took a few
     * percent of a usage request's CPU, even with the observations switched off by property). HTTP
     * request metrics stay.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, JdbcTemplate jdbc, List<ProviderUsageTokens> providerTokens,
            PortalUserDirectory directory, ApiProblemResponses problems, Clock clock) throws Exception {
        var bearer = new BearerTokenFilter(jdbc, providerTokens, directory, problems, clock);
        AuthorizationManager<RequestAuthorizationContext> passwordChanged = AuthorizationManagers.not(
                AuthorityAuthorizationManager.hasAuthority(Roles.PASSWORD_CHANGE_REQUIRED));
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Roles.SYSTEM_ADMIN)
                        .requestMatchers("/api/v1/me").authenticated()
                        // Providers authenticate their callbacks by signature, checked by the callback endpoint.
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/provider-callbacks/*")
                        .permitAll()
                        .anyRequest().access(AuthorizationManagers.allOf(
                                AuthenticatedAuthorizationManager.authenticated(), passwordChanged)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .addFilterBefore(bearer, BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/styles/**", "/images/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                        "/swagger-ui/**")
                .permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }
}
