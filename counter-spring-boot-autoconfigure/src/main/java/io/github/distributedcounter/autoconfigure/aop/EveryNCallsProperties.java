package io.github.distributedcounter.autoconfigure.aop;

import java.time.Duration;

import io.github.distributedcounter.EveryNCalls;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How {@link EveryNCalls} methods behave when the counter does not answer, prefix
 * {@code distributed-counter.every-n-calls}.
 */
@ConfigurationProperties("distributed-counter.every-n-calls")
public class EveryNCallsProperties {

    static final String PREFIX = "distributed-counter.every-n-calls";

    /**
     * Longest wait of a call for its count. A count that fails, or has no answer by then, opens the circuit: the
     * call and every later one decide at once by their onCounterFailure, without a request, until a probe finds
     * the counter answering again. A bare number is milliseconds.
     */
    private Duration detectionTimeout = Duration.ofSeconds(2);

    /**
     * While the circuit is open, how often one read probes whether the counter answers again (within
     * detection-timeout). A bare number is milliseconds.
     */
    private Duration probeInterval = Duration.ofSeconds(5);

    public Duration getDetectionTimeout() {
        return detectionTimeout;
    }

    public void setDetectionTimeout(Duration detectionTimeout) {
        this.detectionTimeout = detectionTimeout;
    }

    public Duration getProbeInterval() {
        return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }
}
