package io.github.distributedcounter.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the engine as its own process: {@code java -jar counter-dynamodb-emulator.jar [--port N] [--aws-limits]
 * [--latency-ms M]}. Prints {@code endpoint=http://127.0.0.1:PORT} once it serves, and runs until stopped.
 * {@code --aws-limits} enforces DynamoDB's throughput limits ({@link Limits#aws()}, see
 * {@link DynamoDbEmulator.Builder#awsLimits(boolean)}); {@code --latency-ms M} adds a round trip of M ms ± M/4 ms
 * to every response.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        DynamoDbEmulator.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar counter-dynamodb-emulator.jar [--port N] [--aws-limits] "
                    + "[--latency-ms M]");
            System.exit(2);
            return;
        }
        DynamoDbEmulator emulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "dynamodb-emulator-shutdown"));
        System.out.println("endpoint=" + emulator.endpoint());
        System.out.flush();
        stopped.await();
    }

    static DynamoDbEmulator.Builder parse(String[] args) {
        DynamoDbEmulator.Builder builder = DynamoDbEmulator.builder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> builder.port(intArgument(args, ++i, "--port"));
                case "--latency-ms" -> {
                    int millis = intArgument(args, ++i, "--latency-ms");
                    builder.latency(Duration.ofMillis(millis), Duration.ofMillis(millis / 4));
                }
                case "--aws-limits" -> builder.awsLimits(true);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        return builder;
    }

    private static int intArgument(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a number");
        }
        try {
            return Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, was " + args[index]);
        }
    }
}
