package io.github.distributedcounter.emulator.internal;

/**
 * Admits or throttles the capacity a request consumes on one partition key. A throttled request throws
 * DynamoDB's throttling error and writes nothing. Called inside an item's atomic write, before anything is
 * stored, so it must be cheap.
 */
public interface Throttle {

    /** Admits everything. */
    Throttle NONE = new Throttle() {
        @Override
        public void admitWrite(Table table, Table.ItemKey key, double units) {
        }

        @Override
        public void admitRead(Table table, Table.ItemKey key, double units) {
        }
    };

    /** Admits {@code units} write capacity units on the key's partition, or throws a throttling ServiceError. */
    void admitWrite(Table table, Table.ItemKey key, double units);

    /** Admits {@code units} read capacity units on the key's partition, or throws a throttling ServiceError. */
    void admitRead(Table table, Table.ItemKey key, double units);
}
