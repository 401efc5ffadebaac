package org.planningengine.query.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewNotReady;
import org.planningengine.security.web.CommonParameters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.Set;

/**
 * {@code consistentWith=<token>} on any read: the read waits until the views reflect the write that answered that
 * token, at most {@code planning.query.consistency-wait} (5 s), and is a {@code 504} if they do not by then.
 */
@Configuration(proxyBeanMethods = false)
public class ReadYourWrites implements WebMvcConfigurer, HandlerInterceptor {

    public static final String PARAMETER = "consistentWith";
    private static final long POLL_MILLIS = 10;

    private final PlanProgress progress;
    private final Duration wait;

    public ReadYourWrites(PlanProgress progress,
                          @Value("${planning.query.consistency-wait:5s}") Duration wait) {
        this.progress = progress;
        this.wait = wait;
    }

    /** Every read takes the parameter, though none names it. */
    @Bean
    CommonParameters consistencyParameter() {
        return () -> Set.of(PARAMETER);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        String token = request.getParameter(PARAMETER);
        if (token == null || !"GET".equals(request.getMethod())) {
            return true;
        }
        long position = position(token);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!progress.reflects(position)) {
            if (System.nanoTime() > deadline) {
                throw new ViewNotReady("the views did not reflect write " + token + " within "
                                       + wait.toMillis() + " ms; try again");
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    private static long position(String token) {
        try {
            long position = Long.parseLong(token);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new BadQuery(PARAMETER, PARAMETER + " must be a consistency token a write answered (was '" + token
                                      + "')");
    }
}
