package org.planningengine.query.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.planningengine.query.feed.Feed;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;

/** Webhooks: their store, the check of their urls and the dispatcher that delivers them, on every query node. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSettings.class)
class WebhookConfiguration {

    @Bean
    Subscriptions webhookSubscriptions(MongoDatabase planningDatabase) {
        return new Subscriptions(planningDatabase);
    }

    @Bean
    Deliveries webhookDeliveries(MongoDatabase planningDatabase) {
        return new Deliveries(planningDatabase);
    }

    @Bean
    WebhookUrls webhookUrls(WebhookSettings settings, Environment environment) {
        return new WebhookUrls(settings.allowPrivateNetworks(), () -> environment.getProperty(
                "local.server.port", Integer.class, environment.getProperty("server.port", Integer.class, 8080)));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    WebhookDispatcher webhookDispatcher(Subscriptions subscriptions, Deliveries deliveries, Feed feed,
                                        WebhookUrls urls, WebhookSettings settings, ObjectMapper json,
                                        MeterRegistry meters) {
        return new WebhookDispatcher(subscriptions, deliveries, feed, urls, settings, json, meters,
                                     Clock.systemUTC());
    }
}
