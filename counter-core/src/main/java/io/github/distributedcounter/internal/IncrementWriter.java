package io.github.distributedcounter.internal;

import java.util.List;

/** Sends one key's batch of increments and completes or fails every increment in it. */
@FunctionalInterface
interface IncrementWriter {

    void write(String key, List<PendingIncrement> batch);
}
