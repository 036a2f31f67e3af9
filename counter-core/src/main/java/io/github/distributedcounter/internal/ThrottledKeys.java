package io.github.distributedcounter.internal;

import java.time.Duration;

/**
 * Pacing of throttled keys: the pacer, and how long a throttled increment is sent again before its callers get
 * the error (with exactly-once off; with it on, the outcome resolution timeout bounds every re-send).
 */
record ThrottledKeys(KeyPacer pacer, Duration resendTimeout) {
}
