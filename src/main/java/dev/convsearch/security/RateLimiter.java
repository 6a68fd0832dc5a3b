package dev.convsearch.security;

import java.time.Duration;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.convsearch.config.ConvsearchConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One token bucket per API key (Bucket4j), held in memory per replica: {@code requests} per {@code period}, refilled
 * greedily. Buckets of keys unused for two periods are dropped, and at most {@value #MAX_BUCKETS} are held.
 */
@ApplicationScoped
public class RateLimiter {

    static final long MAX_BUCKETS = 100_000;

    private final boolean enabled;
    private final Bandwidth bandwidth;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(ConvsearchConfig config) {
        ConvsearchConfig.RateLimit limit = config.rateLimit();
        this.enabled = limit.enabled();
        this.bandwidth = Bandwidth.builder().capacity(limit.requests())
                .refillGreedy(limit.requests(), limit.period()).build();
        // plus, not multipliedBy(2): that one goes through BigDecimal, whose classes the first request would load
        this.buckets = Caffeine.newBuilder().expireAfterAccess(limit.period().plus(limit.period()))
                .maximumSize(MAX_BUCKETS).build();
    }

    /** Takes one request from the key's budget: empty when allowed, else the seconds to wait before retrying. */
    public OptionalLong acquire(String keyHash) {
        if (!enabled) {
            return OptionalLong.empty();
        }
        ConsumptionProbe probe = buckets.get(keyHash, k -> Bucket.builder().addLimit(bandwidth).build())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long seconds = Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1;
        return OptionalLong.of(seconds);
    }
}
