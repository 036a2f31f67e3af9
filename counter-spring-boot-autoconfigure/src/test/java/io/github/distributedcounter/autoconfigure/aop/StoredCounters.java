package io.github.distributedcounter.autoconfigure.aop;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.distributedcounter.DistributedCounter;
import org.springframework.context.ApplicationContext;

/** Reads counters straight from the table (one BatchGetItem); keys without a counter are left out. */
final class StoredCounters {

    private StoredCounters() {
    }

    static Map<String, Long> of(ApplicationContext context, String... keys) {
        return new TreeMap<>(context.getBean(DistributedCounter.class).getAll(List.of(keys)));
    }
}
