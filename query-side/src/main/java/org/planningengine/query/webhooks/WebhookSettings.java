package org.planningengine.query.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code planning.webhooks.*}: how subscriptions are delivered.
 *
 * @param allowPrivateNetworks whether a subscription may point at a loopback or private address (a receiver on the
 *                             same network); link-local and cloud metadata addresses, and the engine itself, never
 * @param firstRetry           the wait before the first retry; each retry waits twice the one before, with jitter
 * @param maxRetryInterval     the longest wait between two attempts
 * @param retryFor             how long a delivery is retried before its subscription is paused
 * @param connectTimeout       how long a receiver may take to accept the connection
 * @param readTimeout          how long a receiver may take to answer
 * @param pollInterval         how often each node looks for subscriptions with events to deliver
 * @param lease                how long a node keeps a subscription to itself without renewing (another node takes
 *                             it over after that, where the first one stopped)
 */
@ConfigurationProperties("planning.webhooks")
public record WebhookSettings(@DefaultValue("false") boolean allowPrivateNetworks,
                              @DefaultValue("1s") Duration firstRetry,
                              @DefaultValue("10m") Duration maxRetryInterval,
                              @DefaultValue("24h") Duration retryFor,
                              @DefaultValue("5s") Duration connectTimeout,
                              @DefaultValue("10s") Duration readTimeout,
                              @DefaultValue("250ms") Duration pollInterval,
                              @DefaultValue("30s") Duration lease) {
}
