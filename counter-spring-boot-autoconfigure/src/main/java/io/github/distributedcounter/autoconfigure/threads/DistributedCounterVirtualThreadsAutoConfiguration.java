package io.github.distributedcounter.autoconfigure.threads;

import io.github.distributedcounter.DynamoDbDistributedCounter;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.autoconfigure.DistributedCounterBuilderCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * With {@code spring.threads.virtual.enabled=true} on Java 21 or later, the counter's asynchronous work (its
 * asynchronous API, the combined requests of busy keys, exactly-once pruning) runs on a new virtual thread per task,
 * named {@code distributed-counter-<n>}, instead of its pool of up to 64 platform threads.
 */
@AutoConfiguration(before = DistributedCounterAutoConfiguration.class)
@ConditionalOnClass(DynamoDbDistributedCounter.class)
@ConditionalOnThreading(Threading.VIRTUAL)
public class DistributedCounterVirtualThreadsAutoConfiguration {

    static final String THREAD_NAME_PREFIX = "distributed-counter-";

    /** First among the customizers, so that the application's own can set another executor. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "distributedCounterVirtualThreads")
    DistributedCounterBuilderCustomizer distributedCounterVirtualThreads() {
        return builder -> builder.asyncExecutor(new VirtualThreadTaskExecutor(THREAD_NAME_PREFIX));
    }
}
