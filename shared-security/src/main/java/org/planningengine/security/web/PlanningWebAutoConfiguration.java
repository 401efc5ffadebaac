package org.planningengine.security.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What both sides' HTTP answers share, each side run alone or both in one application: every error is the engine's
 * problem+json (from {@code /error}, from Tomcat's own error report), and an unknown query parameter or a
 * precondition the endpoint does not evaluate is refused.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PlanningWebAutoConfiguration {

    /** Takes the place of Spring Boot's error controller, which backs off when there is one. */
    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    WebMvcConfigurer knownParameters(ObjectProvider<CommonParameters> common) {
        KnownParameters known = new KnownParameters(common.orderedStream().toList());
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // Before any other interceptor (the read that waits for consistency) spends time on the request.
                registry.addInterceptor(known).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
            }
        };
    }

    @Bean
    WebMvcConfigurer knownPreconditions() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new KnownPreconditions()).addPathPatterns("/api/**")
                        .order(Ordered.HIGHEST_PRECEDENCE);
            }
        };
    }

    /** Tomcat's error report (of a request line it refuses before the engine sees it) as problem+json. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // Named, the host does not add Tomcat's own report valve beside this one.
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                host.getPipeline().addValve(new ProblemReportValve());
            }
        });
    }
}
