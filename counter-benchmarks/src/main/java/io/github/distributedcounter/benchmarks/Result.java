package io.github.distributedcounter.benchmarks;

/** One scenario run of one implementation. */
record Result(String scenario, String implementation, String load, double incrementsPerSecond, double p50Millis,
        double p99Millis, double requestsPerIncrement, long incrementsDone, long valueStored) {

    boolean exact() {
        return incrementsDone == valueStored;
    }
}
