package io.github.distributedcounter.emulator.internal;

/**
 * Admits or throttles the capacity a request consumes on one partition key. A throttled request throws
 * DynamoDB's throttling error and writes nothing.
 */
interface Throttle {

    Throttle NONE = new Throttle() {
        @Override
        public void admitWrite(Table table, Table.ItemKey key, double units) {
        }

        @Override
        public void admitRead(Table table, Table.ItemKey key, double units) {
        }
    };

    void admitWrite(Table table, Table.ItemKey key, double units);

    void admitRead(Table table, Table.ItemKey key, double units);
}
